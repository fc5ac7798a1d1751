"""A live server on 127.0.0.1 and Debian's Chromium driven by Playwright.

Browser downloads do not work on these machines, so Playwright is pointed at
/usr/bin/chromium (installed by the README's test command). Without it the
browser tests are skipped, and the rest of the suite still runs.
"""

import os
import shutil
import threading

import pytest
from werkzeug.serving import make_server

from webapp import create_app
from webapp.extensions import db
from webapp.views.auth import create_user

CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
# Without the networking flags Chromium keeps trying to reach Google's hosts.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


BROWSER_USER = {"email": "browser@nhs.net", "password": "a long browser test password"}


def sign_in(page, live_server):
    """Sign in as the browser test user, through the real form."""
    from playwright.sync_api import expect

    page.goto(f"{live_server}/sign-in")
    page.get_by_label("Email address").fill(BROWSER_USER["email"])
    page.get_by_label("Password").fill(BROWSER_USER["password"])
    page.get_by_role("button", name="Sign in").click()
    expect(page.locator("h1")).to_have_text("Your drafts")


def closing_responses(app):
    """Close every response, even when the browser drops the connection mid-file.

    Werkzeug's development server closes a response only after writing all of
    it; when Chromium abandons a request (a page navigating away while an icon
    loads), the open static file is left for the garbage collector and pytest
    reports a ResourceWarning. A generator's finally block runs on collection
    too, so wrapping each response in one closes the file either way.
    """

    def wsgi(environ, start_response):
        response = app(environ, start_response)

        def chunks():
            try:
                yield from response
            finally:
                if hasattr(response, "close"):
                    response.close()

        return chunks()

    return wsgi


@pytest.fixture(scope="session")
def live_server(tmp_path_factory):
    # Real conditions: CSRF on, htmx served from our own copy (no network in tests),
    # and a database file that the server's threads share.
    database = tmp_path_factory.mktemp("db") / "browser.sqlite3"
    app = create_app(
        {
            "WEBAPP_ENV": "test",
            "WTF_CSRF_ENABLED": True,
            "HTMX_SOURCE": "vendored",
            "SQLALCHEMY_DATABASE_URI": f"sqlite:///{database}",
        }
    )
    with app.app_context():
        db.create_all()
        create_user("Browser Test", BROWSER_USER["email"], BROWSER_USER["password"], "Browser Trust")
    server = make_server("127.0.0.1", 0, closing_responses(app), threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    thread.join(timeout=5)


@pytest.fixture(scope="session")
def browser():
    if not os.path.exists(CHROMIUM):
        pytest.skip(f"no Chromium at {CHROMIUM}: install Debian's chromium package")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


class ConsoleLog:
    def __init__(self):
        self.messages = []

    def problems(self):
        """Errors other than the NHS web font, which lives on a host tests never reach."""
        return [m for m in self.messages if m.type == "error" and "assets.nhs.uk" not in (m.location or {}).get("url", "")]


@pytest.fixture
def page_factory(browser):
    contexts = []

    def make(javascript=True):
        context = browser.new_context(java_script_enabled=javascript)
        contexts.append(context)
        # Nothing outside this machine is ever requested.
        context.route(
            lambda url: not url.startswith("http://127.0.0.1:"), lambda route: route.abort()
        )
        page = context.new_page()
        page.console_log = ConsoleLog()
        page.on("console", lambda message: page.console_log.messages.append(message))
        return page

    yield make
    for context in contexts:
        context.close()
