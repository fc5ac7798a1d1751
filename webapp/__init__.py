"""Write and check job adverts for digital roles in health and care."""

from __future__ import annotations

from pathlib import Path

from flask import Flask

from .config import config_for


def create_app(config_overrides: dict | None = None) -> Flask:
    """Build the app. Only wiring happens here; each piece lives in its own module."""
    app = Flask(__name__, static_url_path="/assets", instance_relative_config=True)
    overrides = dict(config_overrides or {})
    app.config.from_object(config_for(overrides.pop("WEBAPP_ENV", None)))
    app.config.update(overrides)
    if not app.config.get("SECRET_KEY"):
        raise RuntimeError("Set SECRET_KEY in the environment: sessions and CSRF tokens need it.")

    if app.config["PROXY_COUNT"]:
        from werkzeug.middleware.proxy_fix import ProxyFix

        proxies = app.config["PROXY_COUNT"]
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=proxies, x_proto=proxies)

    # SQLite's default file lives in instance/.
    Path(app.instance_path).mkdir(parents=True, exist_ok=True)

    from . import cli, jinja, rate_limits, request_input, security, services
    from . import models  # noqa: F401  (registers the tables with SQLAlchemy)
    from .extensions import csrf, db, login_manager, migrate
    from .views import register_blueprints

    request_input.init_request_input(app)  # before the blueprints: their routes use its converters
    jinja.configure_jinja(app)
    db.init_app(app)
    migrate.init_app(app, db, directory=str(Path(__file__).resolve().parent / "migrations"))
    login_manager.init_app(app)
    csrf.init_app(app)
    security.init_security(app)
    services.init_services(app)
    register_blueprints(app)
    rate_limits.init_rate_limits(app)
    cli.register_commands(app)
    return app
