"""A live server on 127.0.0.1 and Debian's Chromium driven by Playwright.

Browser downloads do not work on these machines, so Playwright is pointed at
/usr/bin/chromium (installed by the README's test command). Without it the
browser tests are skipped, and the rest of the suite still runs.
"""

import os
import re
import shutil
import socket
import threading

import pytest
import sqlalchemy as sa
from werkzeug.serving import make_server

from webapp import create_app
from webapp.extensions import db
from webapp.models import Draft
from webapp.views.auth import create_user

from ..helpers import separate_database

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


def browser_app(database, **config):
    """The app as the browser tests run it, with the browser test user in ``database``
    (and any other ``config`` a test's own app needs, such as rate limits on)."""
    # Real conditions: CSRF on, htmx served from our own copy (no network in tests),
    # and a database that the server's threads share.
    app = create_app(
        {
            "WEBAPP_ENV": "test",
            "WTF_CSRF_ENABLED": True,
            "HTMX_SOURCE": "vendored",
            "SQLALCHEMY_DATABASE_URI": database,
            **config,
        }
    )
    with app.app_context():
        db.create_all()
        create_user("Browser Test", BROWSER_USER["email"], BROWSER_USER["password"], "Browser Trust")
    return app


@pytest.fixture(scope="session")
def live_server(tmp_path_factory):
    app = browser_app(separate_database(tmp_path_factory.mktemp("db"), "browser"))
    server = make_server("127.0.0.1", 0, closing_responses(app), threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    thread.join(timeout=5)


class SlowSave:
    """Test-side WSGI middleware (not product code): one autosave that is slow at the server.

    Once armed, the next POST to /drafts/<id> (not /drafts/<id>/check) is handled by
    the app at once, so the save is done and the version goes up, but its answer is
    held back until the test sets ``release`` (or ``hold`` seconds pass): the browser
    sees a save that takes a long time. The test waits for ``handled`` (the save is
    in the database) before it types on.
    """

    SAVE = re.compile(r"/drafts/(?!new$)[^/]+")  # a draft's save, not its live check nor a new draft

    def __init__(self, app, hold=10):
        self.app = app
        self.hold = hold
        self.armed = False
        self.lock = threading.Lock()
        self.handled = threading.Event()  # the app has saved; the answer is being held
        self.release = threading.Event()
        self.status = None  # the answer the app gave the slow save

    def arm(self):
        with self.lock:
            self.armed = True

    def __call__(self, environ, start_response):
        with self.lock:
            slow = (self.armed and environ["REQUEST_METHOD"] == "POST"
                    and self.SAVE.fullmatch(environ.get("PATH_INFO", "")) is not None)
            if slow:
                self.armed = False
        if not slow:
            return self.app(environ, start_response)

        def remember_status(status, headers, exc_info=None):
            self.status = status
            return start_response(status, headers, exc_info)

        response = self.app(environ, remember_status)
        try:
            body = b"".join(response)  # the view has run and committed
        finally:
            if hasattr(response, "close"):
                response.close()
        self.handled.set()
        # Werkzeug sends the status line and headers with the first chunk of the body,
        # so holding the body back holds back the whole answer.
        self.release.wait(self.hold)
        return [body]


class RestartableServer:
    """A live server of its own that a test can stop and start again on the same port.

    The app (and so its SQLite database file and its secret key, which the browser's
    session cookie depends on) is built once; only the HTTP server is restarted.
    """

    def __init__(self, app):
        self.app = app
        self.slow_save = SlowSave(app)
        self.port = 0
        self.server = None
        self.thread = None

    @property
    def url(self):
        return f"http://127.0.0.1:{self.port}"

    def start(self):
        assert self.server is None, "already running"
        # Same port every time (werkzeug's server sets SO_REUSEADDR).
        self.server = make_server("127.0.0.1", self.port, closing_responses(self.slow_save), threaded=True)
        self.port = self.server.server_port
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def stop(self):
        assert self.server is not None, "not running"
        self.server.shutdown()
        self.server.server_close()  # the listening socket: new connections are refused
        self.thread.join(timeout=5)
        self.server = self.thread = None
        # Werkzeug closes every connection after one answer, so nothing is left open:
        # the server is really gone.
        with pytest.raises(ConnectionRefusedError):
            socket.create_connection(("127.0.0.1", self.port), timeout=2).close()

    def saved_draft(self, public_id):
        """The draft as the database holds it: its version and its content."""
        with self.app.app_context():
            draft = db.session.scalar(sa.select(Draft).where(Draft.public_id == public_id))
            return {"version": draft.version, **draft.content()}


@pytest.fixture
def restartable_server(tmp_path):
    app = browser_app(separate_database(tmp_path, "restartable"))
    server = RestartableServer(app)
    server.start()
    yield server
    server.slow_save.release.set()
    if server.server is not None:
        server.stop()
    with app.app_context():
        db.engine.dispose()


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
        """Every error the page logged (with FONT_SOURCE "system", the tests' default,
        nothing is asked of assets.nhs.uk, so no font errors are excused)."""
        return [m for m in self.messages if m.type == "error"]


def new_page(browser, javascript=True, **options):
    """A page in a context of its own (``options`` as for ``browser.new_context``) that
    never requests anything outside this machine, logging the console. The caller
    closes ``page.context``."""
    context = browser.new_context(java_script_enabled=javascript, **options)
    # Nothing outside this machine is ever requested.
    context.route(
        lambda url: not url.startswith("http://127.0.0.1:"), lambda route: route.abort()
    )
    page = context.new_page()
    page.console_log = ConsoleLog()
    page.on("console", lambda message: page.console_log.messages.append(message))
    return page


@pytest.fixture
def page_factory(browser):
    contexts = []

    def make(javascript=True):
        page = new_page(browser, javascript)
        contexts.append(page.context)
        return page

    yield make
    for context in contexts:
        context.close()
