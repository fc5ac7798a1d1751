"""Rate limits: guessing passwords, creating accounts and the API are throttled, with a
clear 429 (a page, or JSON for the API) that says how long to wait, and a Retry-After
header. Counts are shared through Redis by several app servers.

The shared ``app`` has rate limiting off (the suite signs in hundreds of times); each
test here builds its own app with it on and small limits.
"""

from __future__ import annotations

import shutil
import socket
import subprocess
import time

import pytest
import redis

from webapp import create_app
from webapp.extensions import db
from webapp.views.auth import create_user

from ..conftest import PASSWORD
from ..helpers import HX_PARTIAL, assert_page_invariants, normalize_spaces, parse, separate_database

WRONG = "not the right password"
GENEROUS = "1000 per minute"


def limited_app(database: str, **limits):
    """An app with rate limiting on, every limit generous unless given."""
    config = {
        "WEBAPP_ENV": "test",
        "SQLALCHEMY_DATABASE_URI": database,
        "RATELIMIT_ENABLED": True,
        "RATELIMIT_SIGN_IN_PER_ACCOUNT": GENEROUS,
        "RATELIMIT_SIGN_IN_PER_ADDRESS": GENEROUS,
        "RATELIMIT_REGISTER_PER_ADDRESS": GENEROUS,
        "RATELIMIT_API_CHECK_PER_ADDRESS": GENEROUS,
        **limits,
    }
    app = create_app(config)
    with app.app_context():
        db.create_all()
    return app


@pytest.fixture
def build(tmp_path):
    """Build limited apps on a database of this test's own; dispose of them after."""
    apps = []

    def make(name="rate_limits", **limits):
        app = limited_app(separate_database(tmp_path, name), **limits)
        apps.append(app)
        return app

    yield make
    for app in apps:
        with app.app_context():
            db.session.remove()
            db.engine.dispose()


def add_user(app, email="ada@nhs.net", organisation="Trust A"):
    with app.app_context():
        user, errors = create_user("Ada", email, PASSWORD, organisation)
        assert user, errors


def sign_in(client, email="ada@nhs.net", password=PASSWORD, **kwargs):
    return client.post("/sign-in", data={"email": email, "password": password}, **kwargs)


def assert_too_many_page(response):
    """The NHS-styled 429 page: what happened, how long to wait, and Retry-After."""
    assert response.status_code == 429
    wait = int(response.headers["Retry-After"])
    soup = parse(response)
    assert_page_invariants(soup)
    assert normalize_spaces(soup.h1.get_text()) == "Too many attempts"
    text = normalize_spaces(soup.select_one("main").get_text())
    minutes = -(-wait // 60)
    expected = f"Wait {wait} second" if wait < 60 else f"Wait {minutes} minute"
    assert expected in text, text
    return wait


def test_wrong_passwords_for_one_account_are_limited_even_the_right_one_then(build):
    app = build(RATELIMIT_SIGN_IN_PER_ACCOUNT="3 per 15 minutes")
    add_user(app)
    client = app.test_client()
    for _ in range(3):
        assert sign_in(client, password=WRONG).status_code == 422
    refused = sign_in(client, password=WRONG)
    wait = assert_too_many_page(refused)
    assert 14 * 60 < wait <= 15 * 60
    assert "Wait 15 minutes" in parse(refused).get_text()
    # The right password is refused too while the account is paused, from anywhere.
    other_machine = app.test_client()
    assert sign_in(other_machine, environ_base={"REMOTE_ADDR": "198.51.100.7"}).status_code == 429
    # Other accounts are not affected.
    add_user(app, "grace@nhs.net", "Trust B")
    assert sign_in(client, "grace@nhs.net").status_code == 302


def test_an_unknown_email_is_paused_the_same_way(build):
    """A pause must not tell anyone whether the account exists."""
    app = build(RATELIMIT_SIGN_IN_PER_ACCOUNT="2 per 15 minutes")
    add_user(app)
    client = app.test_client()
    for email in ("ada@nhs.net", "nobody@nhs.net"):
        statuses = [sign_in(client, email, WRONG).status_code for _ in range(3)]
        assert statuses == [422, 422, 429]


def test_signing_in_successfully_never_uses_up_the_limit(build):
    app = build(RATELIMIT_SIGN_IN_PER_ACCOUNT="2 per 15 minutes", RATELIMIT_SIGN_IN_PER_ADDRESS="2 per 15 minutes")
    add_user(app)
    for _ in range(5):
        client = app.test_client()
        assert sign_in(client).status_code == 302
        assert client.post("/sign-out").status_code == 302


def test_failed_sign_ins_from_one_address_are_limited_across_accounts(build):
    app = build(RATELIMIT_SIGN_IN_PER_ADDRESS="3 per 15 minutes")
    client = app.test_client()
    for n in range(3):
        assert sign_in(client, f"person{n}@nhs.net", WRONG).status_code == 422
    assert_too_many_page(sign_in(client, "person9@nhs.net", WRONG))
    # Another address is not affected.
    other = app.test_client()
    assert sign_in(other, "person9@nhs.net", WRONG, environ_base={"REMOTE_ADDR": "198.51.100.7"}).status_code == 422


def test_behind_a_load_balancer_each_client_address_is_counted_apart(build):
    app = build(RATELIMIT_SIGN_IN_PER_ADDRESS="2 per 15 minutes", PROXY_COUNT=1)
    client = app.test_client()

    def attempt(address):
        return sign_in(client, "someone@nhs.net" if address.endswith("5") else "another@nhs.net", WRONG,
                       headers={"X-Forwarded-For": address}).status_code

    assert [attempt("203.0.113.5") for _ in range(3)] == [422, 422, 429]
    assert attempt("203.0.113.6") == 422


def test_showing_the_sign_in_page_is_never_limited(build):
    app = build(RATELIMIT_SIGN_IN_PER_ADDRESS="1 per 15 minutes")
    client = app.test_client()
    assert sign_in(client, "a@nhs.net", WRONG).status_code == 422
    assert sign_in(client, "a@nhs.net", WRONG).status_code == 429
    assert client.get("/sign-in").status_code == 200


def test_account_creation_is_limited_per_address(build):
    app = build(RATELIMIT_REGISTER_PER_ADDRESS="2 per hour")
    client = app.test_client()

    def register(n):
        return client.post("/register", data={
            "name": "Ada", "email": f"ada{n}@nhs.net", "organisation": f"Trust {n}", "invite_code": "",
            "password": PASSWORD, "confirm": PASSWORD,
        })

    assert register(1).status_code == 302
    assert register(2).status_code == 302
    wait = assert_too_many_page(register(3))
    assert 59 * 60 < wait <= 60 * 60


def test_the_api_check_is_limited_with_a_json_429(build):
    app = build(RATELIMIT_API_CHECK_PER_ADDRESS="2 per minute")
    client = app.test_client()
    for _ in range(2):
        assert client.post("/api/v1/check", json={"text": "kind"}).status_code == 200
    response = client.post("/api/v1/check", json={"text": "kind"})
    assert response.status_code == 429
    assert response.is_json
    wait = int(response.headers["Retry-After"])
    assert 0 < wait <= 60
    error = response.get_json()["error"]
    assert error["status"] == 429
    assert error["message"].startswith("Too many attempts. Wait ")
    assert "Set-Cookie" not in response.headers
    # The rest of the API is not limited by the check's allowance.
    assert client.get("/api/v1/templates").status_code == 200


def test_an_htmx_request_gets_a_fragment_with_retry_after(build):
    app = build(RATELIMIT_SIGN_IN_PER_ADDRESS="1 per 15 minutes")
    client = app.test_client()
    sign_in(client, "a@nhs.net", WRONG)
    response = sign_in(client, "a@nhs.net", WRONG, headers=HX_PARTIAL)
    assert response.status_code == 429
    assert int(response.headers["Retry-After"]) > 0
    body = response.get_data(as_text=True)
    assert "<html" not in body and "Too many attempts. Wait 15 minutes" in body


def test_wrong_current_passwords_count_with_wrong_sign_ins_for_the_account(build):
    app = build(RATELIMIT_SIGN_IN_PER_ACCOUNT="3 per 15 minutes")
    add_user(app)
    signed_in = app.test_client()
    assert sign_in(signed_in).status_code == 302

    def change(current):
        return signed_in.post("/account/password", data={
            "current_password": current, "password": "a brand new password", "confirm": "a brand new password"})

    assert sign_in(app.test_client(), password=WRONG).status_code == 422
    assert change(WRONG).status_code == 422
    # A form mistake is not a guess: it does not count.
    assert signed_in.post("/account/password", data={"current_password": WRONG, "password": "short",
                                                     "confirm": "short"}).status_code == 422
    assert change(WRONG).status_code == 422
    assert_too_many_page(change(PASSWORD))
    assert sign_in(app.test_client()).status_code == 429


def test_the_shared_test_app_never_throttles(client):
    """More wrong passwords than the default limit allows: the suite is not slowed or refused."""
    assert [sign_in(client, password=WRONG).status_code for _ in range(12)] == [422] * 12


def test_limits_still_hold_when_redis_is_unreachable(build):
    """A Redis that is down must not turn sign-in into a 500: each server counts in
    its own memory until Redis is back."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]  # nothing listens here once the socket is closed
    app = build(RATELIMIT_SIGN_IN_PER_ACCOUNT="2 per 15 minutes",
                RATELIMIT_STORAGE_URI=f"redis://127.0.0.1:{port}/0")
    client = app.test_client()
    statuses = [sign_in(client, "a@nhs.net", WRONG).status_code for _ in range(3)]
    assert statuses == [422, 422, 429]


# A real Redis server (Debian's redis-server), shared by two app instances.


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def redis_url():
    server = shutil.which("redis-server")
    if server is None:
        pytest.skip("redis-server is not installed (Debian: apt-get install redis-server; scripts/test does it)")
    port = free_port()
    process = subprocess.Popen(
        [server, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
         "--daemonize", "no"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    url = f"redis://127.0.0.1:{port}/0"
    try:
        client = redis.Redis.from_url(url)
        deadline = time.monotonic() + 10
        while True:
            try:
                client.ping()
                break
            except redis.ConnectionError:
                if time.monotonic() > deadline or process.poll() is not None:
                    raise RuntimeError(f"redis-server did not start on port {port}") from None
                time.sleep(0.05)
        client.close()
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def test_two_app_servers_share_the_limits_through_redis(build, redis_url):
    limits = {"RATELIMIT_STORAGE_URI": redis_url, "RATELIMIT_SIGN_IN_PER_ACCOUNT": "4 per 15 minutes",
              "RATELIMIT_KEY_PREFIX": f"test-{time.time_ns()}"}
    server_a = build("shared", **limits)
    server_b = build("shared", **limits)  # the same database and the same Redis
    add_user(server_a)
    clients = [server_a.test_client(), server_b.test_client()]
    # Four wrong passwords spread over both servers: each server saw only two.
    for n in range(4):
        assert sign_in(clients[n % 2], password=WRONG).status_code == 422
    # Either server now refuses the fifth, though neither alone reached four.
    assert_too_many_page(sign_in(clients[0], password=WRONG))
    assert_too_many_page(sign_in(clients[1]))
    # The pause is for that account only.
    add_user(server_b, "grace@nhs.net", "Trust B")
    assert sign_in(clients[1], "grace@nhs.net").status_code == 302
    for server in (server_a, server_b):
        server.extensions["rate_limiter"].storage.storage.close()


def test_one_app_server_alone_would_not_have_refused(build):
    """The control for the test above: with memory counts, each server keeps its own."""
    server_a = build("apart", RATELIMIT_SIGN_IN_PER_ACCOUNT="4 per 15 minutes")
    server_b = build("apart", RATELIMIT_SIGN_IN_PER_ACCOUNT="4 per 15 minutes")
    clients = [server_a.test_client(), server_b.test_client()]
    for n in range(4):
        assert sign_in(clients[n % 2], "nobody@nhs.net", WRONG).status_code == 422
    assert sign_in(clients[0], "nobody@nhs.net", WRONG).status_code == 422
