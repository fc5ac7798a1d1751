"""Error pages: each in the NHS layout, with a title that says what happened and a way back."""

import io
import re

import pytest

from webapp import create_app
from webapp.extensions import db

from ..helpers import assert_page_invariants, normalize_spaces, parse, separate_database


@pytest.fixture(scope="module")
def strict_app(tmp_path_factory):
    """CSRF on, a small upload limit, one registration an hour, and a URL that fails."""
    app = create_app({
        "WEBAPP_ENV": "test",
        "SQLALCHEMY_DATABASE_URI": separate_database(tmp_path_factory.mktemp("errors"), "error_pages"),
        "WTF_CSRF_ENABLED": True,
        "MAX_CONTENT_LENGTH": 2_000,
        "RATELIMIT_ENABLED": True,
        "RATELIMIT_REGISTER_PER_ADDRESS": "1 per hour",
    })

    def broken():
        raise ValueError("internal detail")

    app.add_url_rule("/broken", view_func=broken)
    with app.app_context():
        db.create_all()
    yield app
    with app.app_context():
        db.engine.dispose()


def no_csrf_token(client):
    return client.post("/check", data={"text": "We want an ambitious analyst."},
                       headers={"Referer": "http://localhost/check"})


def too_large(client):
    return client.post("/check/upload", data={"file": (io.BytesIO(b"x" * 5_000), "advert.txt")},
                       content_type="multipart/form-data", headers={"Referer": "http://localhost/check"})


def too_many(client):
    token = re.search(r'name="csrf_token" value="([^"]+)"', client.get("/register").get_data(as_text=True)).group(1)
    client.post("/register", data={"csrf_token": token})  # the one allowed (a form error, but counted)
    return client.post("/register", data={"csrf_token": token}, headers={"Referer": "http://localhost/register"})


CASES = {
    400: (no_csrf_token, "Your session has expired"),
    404: (lambda client: client.get("/no-such-page"), "Page not found"),
    413: (too_large, "The file or text is too large"),
    429: (too_many, "Too many attempts"),
    500: (lambda client: client.get("/broken"), "Sorry, there is a problem with the service"),
}


@pytest.mark.parametrize("status", sorted(CASES))
def test_each_error_page_says_what_happened_and_offers_a_way_back(strict_app, status):
    make_request, heading = CASES[status]
    response = make_request(strict_app.test_client())
    assert response.status_code == status
    soup = parse(response)
    assert_page_invariants(soup)
    assert soup.select_one("header.nhsuk-header") and soup.select_one("footer")
    assert normalize_spaces(soup.h1.get_text()) == heading
    assert normalize_spaces(soup.title.get_text()) == f"{heading} – Write and check job adverts – NHS"
    links = {normalize_spaces(a.get_text()): a["href"] for a in soup.select("main a")}
    assert links["Go to the start page"] == "/"
    if status in (400, 413, 429):  # came from a page of ours: back to it
        assert links["Go back to the page you were on"] == response.request.headers["Referer"].removeprefix(
            "http://localhost")
    assert "internal detail" not in response.get_data(as_text=True)


def test_a_way_back_is_offered_only_to_a_page_of_this_site(strict_app):
    client = strict_app.test_client()
    for referrer in ("https://evil.example/check", "http://localhost//evil.example/", "http://localhost/no-such-page"):
        soup = parse(client.get("/no-such-page", headers={"Referer": referrer}))
        texts = [normalize_spaces(a.get_text()) for a in soup.select("main a")]
        assert "Go back to the page you were on" not in texts, referrer


def test_a_page_only_admins_may_use_is_a_403_that_says_whom_to_ask(make_user, sign_in):
    admin = make_user("admin@nhs.net", organisation="Trust F")  # the first person is the admin
    make_user("member@nhs.net", invite_code=admin["invite_code"])
    response = sign_in("member@nhs.net").get("/organisation/people")
    assert response.status_code == 403
    soup = parse(response)
    assert normalize_spaces(soup.h1.get_text()) == "You cannot use this page"
    assert "ask your organisation’s admin" in soup.select_one("main").get_text()
