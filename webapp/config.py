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

    # Upload size (a long advert as .docx is well under 1 MB) and check size.
    MAX_CONTENT_LENGTH = 5 * 1024 * 1024
    MAX_CHECK_CHARACTERS = 100_000

    # "cdn" loads htmx from jsDelivr with an SRI hash; "vendored" serves our copy
    # (intranets that block CDNs, and the tests, which never touch the network).
    HTMX_SOURCE = os.environ.get("HTMX_SOURCE", "cdn")

    WORDLISTS_DIR = Path(os.environ.get("WORDLISTS_DIR", PROJECT_ROOT / "wordlists"))
    JOB_TEMPLATES_DIR = Path(os.environ.get("JOB_TEMPLATES_DIR", PROJECT_ROOT / "job_templates"))


class DevelopmentConfig(Config):
    # Local serving is over plain http.
    SESSION_COOKIE_SECURE = os.environ.get("SESSION_COOKIE_SECURE", "false") == "true"
    SECRET_KEY = os.environ.get("SECRET_KEY") or secrets.token_hex(32)


class TestConfig(DevelopmentConfig):
    TESTING = True
    SECRET_KEY = "test-secret-key"
    SQLALCHEMY_DATABASE_URI = "sqlite://"
    WTF_CSRF_ENABLED = False
    HTMX_SOURCE = "vendored"


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
        return CONFIGS[name]
    except KeyError:
        raise RuntimeError(f"WEBAPP_ENV must be one of {', '.join(CONFIGS)}, not {name!r}") from None
