"""Serving: the gunicorn settings come from the environment."""

import runpy
from pathlib import Path

CONFIG = Path(__file__).resolve().parents[1] / "gunicorn.conf.py"


def test_gunicorn_takes_workers_threads_and_timeout_from_the_environment(monkeypatch):
    monkeypatch.setenv("GUNICORN_WORKERS", "3")
    monkeypatch.setenv("GUNICORN_THREADS", "8")
    monkeypatch.setenv("GUNICORN_TIMEOUT", "20")
    monkeypatch.setenv("GUNICORN_BIND", "0.0.0.0:9000")
    settings = runpy.run_path(str(CONFIG))
    assert (settings["workers"], settings["threads"], settings["timeout"], settings["bind"]) == (3, 8, 20, "0.0.0.0:9000")
    assert settings["worker_class"] == "gthread"


def test_gunicorn_defaults_scale_with_the_cores(monkeypatch):
    for name in ("GUNICORN_WORKERS", "GUNICORN_THREADS", "GUNICORN_TIMEOUT", "GUNICORN_BIND"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setattr("os.cpu_count", lambda: 2)
    settings = runpy.run_path(str(CONFIG))
    assert (settings["workers"], settings["threads"], settings["bind"]) == (5, 1, "127.0.0.1:8000")


def probe_app(**config):
    from flask import request

    from webapp import create_app

    app = create_app({"WEBAPP_ENV": "test", **config})
    app.add_url_rule("/probe", view_func=lambda: f"{request.remote_addr} {request.scheme}")
    return app


def test_behind_a_load_balancer_the_clients_address_and_scheme_are_used():
    app = probe_app(PROXY_COUNT=1)
    response = app.test_client().get("/probe", headers={"X-Forwarded-For": "203.0.113.7", "X-Forwarded-Proto": "https"},
                                     environ_base={"REMOTE_ADDR": "10.0.0.2"})
    assert response.get_data(as_text=True) == "203.0.113.7 https"


def test_reached_directly_forwarded_headers_are_not_trusted():
    app = probe_app()
    response = app.test_client().get("/probe", headers={"X-Forwarded-For": "203.0.113.7"},
                                     environ_base={"REMOTE_ADDR": "10.0.0.2"})
    assert response.get_data(as_text=True) == "10.0.0.2 http"


def test_production_starts_with_a_database_url_that_is_not_a_test_one(tmp_path):
    # A fresh interpreter, as gunicorn imports wsgi.py: settings are read at import.
    import os
    import subprocess
    import sys

    env = {**os.environ, "WEBAPP_ENV": "production", "SECRET_KEY": "x" * 32,
           "DATABASE_URL": f"sqlite:///{tmp_path / 'live.sqlite3'}"}
    result = subprocess.run([sys.executable, "-c", "import wsgi; print(wsgi.app.config['SQLALCHEMY_DATABASE_URI'])"],
                            cwd=CONFIG.parent, env=env, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.strip().endswith("live.sqlite3")

