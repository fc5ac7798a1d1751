"""When the database is down or read-only: a 503 NHS page with the security headers,
made without the database, and a health check that says so. And an error page that
cannot be rendered still gives a page, never a bare 500."""

import sqlite3

import pytest
from sqlalchemy.exc import OperationalError

from webapp import create_app
from webapp.extensions import db
from webapp.models import Organisation

from ..conftest import PASSWORD
from ..helpers import HX_PARTIAL, assert_page_invariants, normalize_spaces, parse

UNAVAILABLE = "Sorry, the service is unavailable"
SECURITY_HEADERS = ("Content-Security-Policy", "X-Content-Type-Options", "X-Frame-Options", "Referrer-Policy",
                    "Cross-Origin-Opener-Policy")


def sqlite_app(uri: str):
    return create_app({"WEBAPP_ENV": "test", "SQLALCHEMY_DATABASE_URI": uri})


@pytest.fixture
def database_file(tmp_path):
    """A SQLite file with the tables, an account (ada@nhs.net) and one draft."""
    path = tmp_path / "webapp.sqlite3"
    app = sqlite_app(f"sqlite:///{path}")
    with app.app_context():
        db.create_all()
    client = app.test_client()
    response = client.post("/register", data={"name": "Ada", "email": "ada@nhs.net", "organisation": "Trust A",
                                              "password": PASSWORD, "confirm": PASSWORD})
    assert response.status_code == 302
    draft = client.post("/drafts/new", data={"start": "blank"}).headers["Location"]
    with app.app_context():
        db.engine.dispose()
    return path, client.get_cookie("session").value, draft


def signed_in_client(app, session_cookie):
    """A client for ``app`` carrying a session cookie made by another app with the same key."""
    client = app.test_client()
    client.set_cookie("session", session_cookie)
    return client


@pytest.fixture
def database_down(database_file, tmp_path):
    """Ada, signed in, on an app whose database cannot be opened."""
    _, cookie, draft = database_file
    app = sqlite_app(f"sqlite:///{tmp_path / 'no-such-folder' / 'webapp.sqlite3'}")
    return signed_in_client(app, cookie), draft


def assert_unavailable_page(response, status=503):
    assert response.status_code == status
    for header in SECURITY_HEADERS:
        assert header in response.headers, header
    assert "'self'" in response.headers["Content-Security-Policy"]
    assert response.headers["Cache-Control"] == "no-store"
    soup = parse(response)
    assert_page_invariants(soup)
    return soup


@pytest.mark.parametrize(
    ("method", "url"),
    [
        ("get", "/drafts"),  # the sign-in check loads the user
        ("get", "/"),  # the page's header asks whether someone is signed in
        ("get", "/check"),
        ("post", "/check"),  # a signed-in person's check uses their organisation's rules
        ("get", "/account"),
        ("post", "/drafts/new"),
        ("get", "{draft}"),
        ("post", "{draft}"),
        ("get", "/organisation/wording"),
    ],
)
def test_a_signed_in_page_is_a_503_page_while_the_database_is_down(database_down, method, url):
    client, draft = database_down
    response = getattr(client, method)(url.format(draft=draft), data={"start": "blank", "text": "An advert"})
    soup = assert_unavailable_page(response)
    assert soup.title.get_text().startswith(UNAVAILABLE + " – ")
    assert normalize_spaces(soup.select_one("h1").get_text()) == UNAVAILABLE
    assert "Try again in a few minutes" in soup.select_one("main").get_text()
    assert soup.select_one('main a[href="/"]').get_text() == "Go to the start page"
    # No account link: signing in or out needs the database too.
    links = [a.get_text(strip=True) for a in soup.select("header a")]
    assert "Check an advert" in links and "Account" not in links and "Sign in" not in links


def test_an_autosave_while_the_database_is_down_gets_a_503_message_in_place(database_down):
    client, draft = database_down
    response = client.post(draft, data={"version": "1", "job_title": "Data analyst"}, headers=HX_PARTIAL)
    assert response.status_code == 503
    assert "<html" not in response.get_data(as_text=True)
    assert UNAVAILABLE in parse(response).get_text()
    assert "Content-Security-Policy" in response.headers


def test_a_page_not_found_while_the_database_is_down_is_still_a_404(database_down):
    client, _ = database_down
    soup = assert_unavailable_page(client.get("/no-such-page"), status=404)
    assert normalize_spaces(soup.select_one("h1").get_text()) == "Page not found"


def test_what_needs_no_database_still_works_while_it_is_down(database_down, tmp_path):
    client, _ = database_down
    assert client.post("/api/v1/check", json={"text": "An aggressive leader"}).status_code == 200
    anonymous = client.application.test_client()
    assert anonymous.get("/").status_code == 200
    assert anonymous.post("/check", data={"text": "An aggressive leader"}).status_code == 200


def test_an_error_raised_by_the_database_anywhere_is_a_503(database_file, monkeypatch):
    """Not only a database that cannot be opened: a connection that fails mid-request."""
    path, cookie, draft = database_file
    app = sqlite_app(f"sqlite:///{path}")
    client = signed_in_client(app, cookie)
    assert client.get(draft).status_code == 200

    def refuse(*args, **kwargs):
        raise OperationalError("SELECT 1", {}, sqlite3.OperationalError("server closed the connection"))

    with app.app_context():
        monkeypatch.setattr(db.engine.dialect, "do_execute", refuse)
    assert_unavailable_page(client.get(draft))
    assert client.get("/_status").status_code == 503


def test_the_health_check_says_when_the_database_is_unreachable(database_down):
    client, _ = database_down
    response = client.get("/_status")
    assert response.status_code == 503
    assert response.get_json() == {"status": "error", "database": "unreachable"}


@pytest.fixture
def read_only_client(request, app):
    """Ada, signed in, on an app whose database can be read but not written: on the
    database the suite runs on, SQLite opened read-only or PostgreSQL with every
    transaction read-only (as on a standby after a failover)."""
    url = app.config["SQLALCHEMY_DATABASE_URI"]
    if url.startswith("sqlite"):
        path, cookie, _ = request.getfixturevalue("database_file")
        read_only = sqlite_app(f"sqlite:///file:{path}?mode=ro&uri=true")
    else:
        request.getfixturevalue("make_user")("ada@nhs.net", organisation="Trust A")
        cookie = request.getfixturevalue("sign_in")("ada@nhs.net").get_cookie("session").value
        read_only = create_app({"WEBAPP_ENV": "test", "SQLALCHEMY_DATABASE_URI":
                                url + ("&" if "?" in url else "?") + "options=-cdefault_transaction_read_only%3Don"})
    yield signed_in_client(read_only, cookie)
    with read_only.app_context():
        db.engine.dispose()


def test_the_health_check_says_when_the_database_is_read_only(read_only_client):
    # Reading still works...
    assert read_only_client.get("/drafts").status_code == 200
    # ...but saving does not, and the health check says so.
    assert_unavailable_page(read_only_client.post("/drafts/new", data={"start": "blank"}))
    response = read_only_client.get("/_status")
    assert response.status_code == 503
    assert response.get_json() == {"status": "error", "database": "read-only"}


def test_the_health_check_writes_nothing_that_stays(app, client, make_user):
    make_user("ada@nhs.net", organisation="Trust A")
    for _ in range(3):
        response = client.get("/_status")
        assert response.status_code == 200
        assert response.get_json() == {"status": "ok", "database": "ok"}
    with app.app_context():
        assert db.session.scalars(db.select(Organisation.name)).all() == ["Trust A"]


def test_an_error_page_that_cannot_be_rendered_is_a_plain_page_with_the_headers():
    app = create_app({"WEBAPP_ENV": "test"})

    def broken_template_context():
        raise RuntimeError("the templates are broken")

    def broken_view():
        raise ValueError("secret internal detail")

    app.context_processor(broken_template_context)
    app.add_url_rule("/broken", view_func=broken_view)
    client = app.test_client()
    for url, status, title in [("/broken", 500, "Sorry, there is a problem with the service"),
                               ("/no-such-page", 404, "Page not found")]:
        response = client.get(url)
        assert response.status_code == status
        for header in SECURITY_HEADERS:
            assert header in response.headers, header
        body = response.get_data(as_text=True)
        assert "secret internal detail" not in body and "Traceback" not in body
        soup = parse(response)
        assert_page_invariants(soup)
        assert soup.title.get_text().startswith(title)
        assert soup.select_one("h1").get_text() == title
        assert soup.select_one('main a[href="/"]')
