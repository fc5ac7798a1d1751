"""Security headers, CSP, CSRF (forms and htmx), and config safety."""

import re

import pytest

from webapp import create_app
from webapp.assets import asset

from .helpers import HX_PARTIAL, parse


def csp(response):
    return dict(
        (part.split(" ", 1) + [""])[:2] for part in response.headers["Content-Security-Policy"].split("; ")
    )


def test_strict_csp_with_a_nonce_for_the_one_inline_script(client):
    response = client.get("/check")
    policy = csp(response)
    nonce = re.fullmatch(r"'self' 'nonce-([\w-]+)'", policy["script-src"]).group(1)
    soup = parse(response)
    inline = [s for s in soup.select("script") if not s.get("src")]
    assert [s["nonce"] for s in inline] == [nonce]
    for directive in policy.values():
        assert "unsafe-inline" not in directive and "unsafe-eval" not in directive
    assert policy["default-src"] == "'self'"
    assert policy["style-src"] == "'self'"
    assert policy["object-src"] == "'none'"
    assert policy["frame-ancestors"] == "'none'"
    assert policy["base-uri"] == "'self'"
    assert policy["form-action"] == "'self'"
    # A new nonce every request.
    assert csp(client.get("/check"))["script-src"] != policy["script-src"]


@pytest.mark.parametrize("url", ["/", "/check", "/no-such-page", "/api/v1/nothing"])
def test_security_headers_on_every_response_including_errors(client, url):
    response = client.get(url)
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response.headers["Cache-Control"] == "no-store"
    assert "Content-Security-Policy" in response.headers


def test_static_assets_can_be_cached(client):
    response = client.get("/assets/vendor/htmx-4.0.1.min.js")
    assert response.status_code == 200
    assert response.headers.get("Cache-Control") != "no-store"
    response.close()


def test_cdn_mode_allows_only_the_pinned_htmx_file():
    app = create_app({"WEBAPP_ENV": "test", "HTMX_SOURCE": "cdn"})
    response = app.test_client().get("/check")
    htmx = asset("htmx-")
    assert htmx.cdn_url == "https://cdn.jsdelivr.net/npm/htmx.org@4.0.1/dist/htmx.min.js"
    assert csp(response)["script-src"].endswith(" " + htmx.cdn_url)
    (script,) = [s for s in parse(response).select("script[src]") if "htmx" in s["src"]]
    assert script["src"] == htmx.cdn_url
    assert script["integrity"] == htmx.integrity
    assert script["crossorigin"] == "anonymous"


def test_vendored_mode_serves_htmx_from_self(client):
    (script,) = [s for s in parse(client.get("/check")).select("script[src]") if "htmx" in s["src"]]
    assert script["src"] == "/assets/vendor/htmx-4.0.1.min.js"
    assert script["integrity"] == asset("htmx-").integrity


@pytest.fixture
def csrf_client():
    app = create_app({"WEBAPP_ENV": "test", "WTF_CSRF_ENABLED": True})
    return app.test_client()


def csrf_token_from(client):
    return parse(client.get("/check")).select_one('form[action="/check"] input[name="csrf_token"]')["value"]


def test_form_post_without_a_csrf_token_is_refused_with_a_page(csrf_client):
    response = csrf_client.post("/check", data={"text": "ambitious"})
    assert response.status_code == 400
    assert "Your session has expired" in parse(response).get_text()


def test_form_post_with_the_token_works(csrf_client):
    token = csrf_token_from(csrf_client)
    response = csrf_client.post("/check", data={"text": "ambitious", "csrf_token": token})
    assert response.status_code == 200


def test_htmx_post_works_with_the_token_in_the_header(csrf_client):
    # htmx sends the whole form, token included; the inherited hx-headers on <body>
    # covers requests from outside a form. Both must pass, and the header is checked.
    page = parse(csrf_client.get("/check"))
    header_token = re.search(r'"X-CSRFToken": "([^"]+)"', page.body["hx-headers:inherited"]).group(1)
    response = csrf_client.post(
        "/check", data={"text": "ambitious"}, headers={**HX_PARTIAL, "X-CSRFToken": header_token}
    )
    assert response.status_code == 200
    assert "ambitious" in response.get_data(as_text=True)
    refused = csrf_client.post("/check", data={"text": "ambitious"}, headers=HX_PARTIAL)
    assert refused.status_code == 400
    assert "<html" not in refused.get_data(as_text=True)  # a fragment for the results region


def test_upload_needs_the_token_too(csrf_client):
    import io

    response = csrf_client.post(
        "/check/upload", data={"file": (io.BytesIO(b"text"), "a.txt")}, content_type="multipart/form-data"
    )
    assert response.status_code == 400


def test_production_refuses_to_start_without_a_secret_key(monkeypatch):
    monkeypatch.delenv("SECRET_KEY", raising=False)
    with pytest.raises(RuntimeError, match="SECRET_KEY"):
        create_app({"WEBAPP_ENV": "production", "SECRET_KEY": None})


def test_production_cookies_are_secure():
    app = create_app({"WEBAPP_ENV": "production", "SECRET_KEY": "x" * 32})
    assert app.config["SESSION_COOKIE_SECURE"] is True
    assert app.config["SESSION_COOKIE_HTTPONLY"] is True
    assert app.config["SESSION_COOKIE_SAMESITE"] == "Lax"


def test_unknown_environment_name_is_an_error():
    with pytest.raises(RuntimeError, match="WEBAPP_ENV"):
        create_app({"WEBAPP_ENV": "staging"})


def test_jinja_autoescapes_every_template_type(app):
    # The NHS macros are .jinja files; Flask's default would not escape them.
    with app.test_request_context():
        template = app.jinja_env.from_string(
            '{% from "nhsuk/components/inset-text/macro.jinja" import insetText %}'
            '{{ insetText({"text": value}) }}'
        )
        assert "&lt;script&gt;" in template.render(value="<script>x</script>")
    assert app.jinja_env.autoescape is True


def test_database_url_from_the_environment(monkeypatch):
    from webapp.config import database_url

    monkeypatch.setenv("DATABASE_URL", "postgres://user:pw@db.example/adverts")
    assert database_url() == "postgresql+psycopg://user:pw@db.example/adverts"
    monkeypatch.delenv("DATABASE_URL")
    assert database_url().startswith("sqlite:///")


def test_by_default_pages_use_the_fallback_fonts_and_may_load_none_from_elsewhere(client):
    response = client.get("/check")
    assert csp(response)["font-src"] == "'self'"
    assert parse(response).select_one('link[rel="stylesheet"][href$="/nhsuk-frontend-10.6.1-system-font.min.css"]')


def test_the_nhs_web_font_is_a_setting_that_allows_only_its_host():
    app = create_app({"WEBAPP_ENV": "test", "FONT_SOURCE": "nhs"})
    response = app.test_client().get("/check")
    assert csp(response)["font-src"] == "'self' https://assets.nhs.uk"
    assert parse(response).select_one('link[rel="stylesheet"][href$="/nhsuk-frontend-10.6.1.min.css"]')
