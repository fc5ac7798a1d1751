"""Configuration from the environment. ``create_app(overrides)`` layers a dict on top."""

from __future__ import annotations

import os
import secrets
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[1]


def database_url() -> str:
    url = os.environ.get("DATABASE_URL", "").strip()
    if not url:
        return f"sqlite:///{PROJECT_ROOT / 'instance' / 'webapp.sqlite3'}"
    # Hosting platforms hand out "postgres://"; SQLAlchemy wants a driver name.
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url


class Config:
    SECRET_KEY = os.environ.get("SECRET_KEY")
    SQLALCHEMY_DATABASE_URI = database_url()
    SQLALCHEMY_ENGINE_OPTIONS = {"pool_pre_ping": True}

    # Tokens last as long as the session: people spend a long time on an advert.
    WTF_CSRF_TIME_LIMIT = None
    WTF_CSRF_HEADERS = ["X-CSRFToken"]
    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    SESSION_COOKIE_SECURE = os.environ.get("SESSION_COOKIE_SECURE", "true") == "true"

    # Behind a load balancer or reverse proxy: how many of them add X-Forwarded-For and
    # X-Forwarded-Proto, so the client's own address (rate limits) and scheme are used.
    # 0 trusts no such header (the app is reached directly).
    PROXY_COUNT = int(os.environ.get("PROXY_COUNT", "0") or 0)

    # Upload size (a long advert as .docx is well under 1 MB) and check size.
    MAX_CONTENT_LENGTH = 5 * 1024 * 1024
    MAX_CHECK_CHARACTERS = 100_000

    # "cdn" loads htmx from jsDelivr with an SRI hash; "vendored" serves our copy
    # (intranets that block CDNs, and the tests, which never touch the network).
    HTMX_SOURCE = os.environ.get("HTMX_SOURCE", "cdn")

    # "system": pages use the NHS fallback fonts (Arial, then the system's sans-serif)
    # and ask no other host for anything; "nhs": the NHS web font (Frutiger) from
    # assets.nhs.uk, which many NHS intranets block (each page then logs failed requests).
    FONT_SOURCE = os.environ.get("FONT_SOURCE", "system")

    WORDLISTS_DIR = Path(os.environ.get("WORDLISTS_DIR", PROJECT_ROOT / "wordlists"))
    JOB_TEMPLATES_DIR = Path(os.environ.get("JOB_TEMPLATES_DIR", PROJECT_ROOT / "job_templates"))

    # Passwords: Werkzeug's scrypt at its default cost (N=2^15, r=8, p=1), about 140 ms a
    # check. Unknown emails are checked against a dummy hash made with this same method, so
    # sign-in takes as long whether or not the account exists.
    PASSWORD_HASH_METHOD = os.environ.get("PASSWORD_HASH_METHOD", "scrypt:32768:8:1")

    # Rate limits (Flask-Limiter). Memory storage counts in each process: under gunicorn
    # with W workers a limit of 10 lets up to 10 × W through, and a worker's counts end
    # when it is replaced (measured by benchmarks/benchmark_load.py). Any real deployment
    # shares the counts in Redis: RATELIMIT_STORAGE_URI=redis://host:6379/0.
    # Behind a load balancer set PROXY_COUNT (above), or every request seems to come from
    # the load balancer and the per-address limits throttle everyone together.
    # If Redis stops answering, each server falls back to its own memory counts rather than
    # refusing sign-ins. The moving window counts the last N minutes exactly (no burst at
    # the edge of a fixed window). Limits use the "N per M minutes" notation.
    RATELIMIT_ENABLED = os.environ.get("RATELIMIT_ENABLED", "true") == "true"
    RATELIMIT_STORAGE_URI = os.environ.get("RATELIMIT_STORAGE_URI", "memory://")
    # A Redis that stops answering costs a request one second, not a hung worker (memory
    # storage ignores these).
    RATELIMIT_STORAGE_OPTIONS = {"socket_connect_timeout": 1, "socket_timeout": 1}
    RATELIMIT_STRATEGY = "moving-window"
    RATELIMIT_IN_MEMORY_FALLBACK_ENABLED = True
    RATELIMIT_SWALLOW_ERRORS = True  # a storage failure is logged, never a 500
    RATELIMIT_KEY_PREFIX = os.environ.get("RATELIMIT_KEY_PREFIX", "nhs-job-adverts")
    # Wrong passwords for one account, on sign-in and on "Change your password" together.
    # 10 in 15 minutes is room for someone who has forgotten which password they used, and
    # caps guessing at under 1,000 a day per account against passwords of 12 characters or
    # more. Only failures count, so signing in often is never throttled. (Anyone can use up
    # an account's allowance, so it is short: the account is usable again 15 minutes after
    # the guessing stops.)
    RATELIMIT_SIGN_IN_PER_ACCOUNT = os.environ.get("RATELIMIT_SIGN_IN_PER_ACCOUNT", "10 per 15 minutes")
    # Failed sign-ins from one address, whichever accounts they name: stops one machine
    # trying a common password against many accounts. A trust's staff often share one
    # public address, so it is well above what a busy morning of typos produces.
    RATELIMIT_SIGN_IN_PER_ADDRESS = os.environ.get("RATELIMIT_SIGN_IN_PER_ADDRESS", "50 per 15 minutes")
    # "Create an account" posts from one address: a team registering together in a training
    # session fits; a script making accounts or testing which emails exist does not.
    RATELIMIT_REGISTER_PER_ADDRESS = os.environ.get("RATELIMIT_REGISTER_PER_ADDRESS", "30 per hour")
    # POST /api/v1/check from one address: a check of 100,000 characters takes real CPU;
    # one a second on average suits a system checking adverts in a batch.
    RATELIMIT_API_CHECK_PER_ADDRESS = os.environ.get("RATELIMIT_API_CHECK_PER_ADDRESS", "60 per minute")


class DevelopmentConfig(Config):
    # Local serving is over plain http.
    SESSION_COOKIE_SECURE = os.environ.get("SESSION_COOKIE_SECURE", "false") == "true"
    SECRET_KEY = os.environ.get("SECRET_KEY") or secrets.token_hex(32)


def test_database_url() -> str:
    """The tests' database: DATABASE_URL when it is set (CI runs the suite again on
    PostgreSQL), otherwise SQLite in memory. The tests empty it after each test, so
    a server database must be named as a test one."""
    if not os.environ.get("DATABASE_URL", "").strip():
        return "sqlite://"
    url = database_url()
    name = url.rsplit("/", 1)[-1].split("?", 1)[0]
    if "test" not in name:
        raise RuntimeError(f"The tests empty their database after each test: DATABASE_URL must name a test "
                           f"database (its name containing 'test'), not {name!r}.")
    return url


class TestConfig(DevelopmentConfig):
    TESTING = True
    SECRET_KEY = "test-secret-key"
    WTF_CSRF_ENABLED = False
    HTMX_SOURCE = "vendored"
    # The suite signs in hundreds of times: no throttling (the rate-limit tests build their
    # own app with it on), and scrypt at a token cost (still scrypt, still salted).
    RATELIMIT_ENABLED = False
    RATELIMIT_STORAGE_URI = "memory://"
    PASSWORD_HASH_METHOD = "scrypt:128:8:1"


class ProductionConfig(Config):
    pass


CONFIGS = {
    "development": DevelopmentConfig,
    "test": TestConfig,
    "production": ProductionConfig,
}


def config_for(name: str | None) -> type[Config]:
    name = name or os.environ.get("WEBAPP_ENV", "development")
    try:
        config = CONFIGS[name]
    except KeyError:
        raise RuntimeError(f"WEBAPP_ENV must be one of {', '.join(CONFIGS)}, not {name!r}") from None
    if config is TestConfig:
        # Only when the tests run: the test database's name is checked then, never when
        # production reads this module with its own DATABASE_URL.
        return type("TestConfig", (TestConfig,), {"SQLALCHEMY_DATABASE_URI": test_database_url()})
    return config
