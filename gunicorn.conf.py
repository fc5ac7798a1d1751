"""gunicorn settings, all from the environment. ``gunicorn wsgi:app`` reads this file
from the directory it starts in.

The app holds no state between requests (sessions are signed cookies checked
against the database; rate-limit counters live in Redis when RATELIMIT_STORAGE_URI
says so), so any number of servers can run behind one load balancer.

- ``GUNICORN_BIND`` (default 127.0.0.1:8000): where to listen; put a reverse proxy or
  load balancer in front for HTTPS.
- ``GUNICORN_WORKERS`` (default 2 × cores + 1) and ``GUNICORN_THREADS`` (default 1):
  processes and threads per process. A check is CPU work in Python, which holds the
  interpreter lock, so more threads in a process add contention, not speed: on 2 cores
  (benchmarks/benchmark_load.py, 2 workers) the 10,000-word live check answered 74
  requests a second with 1 thread per worker and 32 with 4. Raise it only if requests
  spend long waiting on a remote database.
- ``GUNICORN_TIMEOUT`` (default 30 s): a worker silent for this long is restarted.
  Every request is bounded well below it (input caps on checks, uploads and PDFs).
"""

import os


def _number(name: str, default: int) -> int:
    value = os.environ.get(name, "").strip()
    return int(value) if value else default


bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
workers = _number("GUNICORN_WORKERS", 2 * (os.cpu_count() or 1) + 1)
threads = _number("GUNICORN_THREADS", 1)
worker_class = "gthread"
timeout = _number("GUNICORN_TIMEOUT", 30)
graceful_timeout = 30
keepalive = 5
# The app (its word lists compiled, its templates loaded: 2.7 s, about 6 s under load)
# is built once in the master and forked, so a replaced worker starts at once rather
# than stalling its requests (measured by benchmarks/benchmark_load.py). Nothing
# connects to the database or Redis while it is built; each worker opens its own.
preload_app = True
# A worker is replaced after this many requests (a guard against slow leaks), jittered
# widely so that workers do not all restart together. At 2,000 the load benchmark's
# health runs replaced a worker every few seconds.
max_requests = 20_000
max_requests_jitter = 5_000


def on_starting(server):
    """Compile every template in the master before the workers fork, so that neither
    a new worker's first requests nor a replaced worker's pay for it (the check page's
    first answer took 64 ms alone, its later ones 4 ms)."""
    from wsgi import app

    for name in app.jinja_env.list_templates(extensions=("html", "jinja")):
        app.jinja_env.get_template(name)


def post_fork(server, worker):
    """A worker never shares a connection made before the fork."""
    from wsgi import app

    from webapp.extensions import db

    with app.app_context():
        db.engine.dispose(close=False)
# Request lines and headers: gunicorn's defaults, stated so they are seen.
limit_request_line = 8_190
limit_request_fields = 100
limit_request_field_size = 8_190
accesslog = "-"
errorlog = "-"
