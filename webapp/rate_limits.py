"""Rate limits (Flask-Limiter): password guessing on sign-in and "Change your password",
account creation, and the public API's check.

Each limit's size comes from config (RATELIMIT_*, where the numbers are explained).
A request over a limit gets a 429 with a Retry-After header: an NHS page, or JSON
under /api/ (views/errors.py). Counts live in memory, or in Redis shared by every app
server (RATELIMIT_STORAGE_URI).
"""

from __future__ import annotations

import math
import time

from flask import Flask, current_app, g, request
from flask_limiter.util import get_remote_address
from flask_login import current_user

from .extensions import new_limiter

# Wrong passwords for one account count together on every route that checks one.
ACCOUNT_SCOPE = "password-guesses"
DEFAULT_WAIT_SECONDS = 60


def note_wrong_password() -> None:
    """The view found a wrong password (or no such account): this request counts
    towards the limits on guessing."""
    g.wrong_password = True


def _wrong_password(response) -> bool:
    return bool(g.get("wrong_password"))


def _submitted_account() -> str:
    return "account:" + (request.form.get("email") or "").strip().lower()


def _no_submitted_account() -> bool:
    return not (request.form.get("email") or "").strip()


def _signed_in_account() -> str:
    return "account:" + (current_user.email if current_user.is_authenticated else "")


def _signed_out() -> bool:
    return not current_user.is_authenticated


def _limit(app: Flask, endpoint: str, limit) -> None:
    app.view_functions[endpoint] = limit(app.view_functions[endpoint])


def init_rate_limits(app: Flask) -> None:
    """Call after the blueprints are registered: the limits wrap their views. Addresses
    are the client's own behind a load balancer (PROXY_COUNT, wired in create_app)."""
    limiter = new_limiter()
    limiter.init_app(app)
    app.extensions["rate_limiter"] = limiter
    if not limiter.enabled:
        return
    config = app.config
    post = ["POST"]
    per_account = config["RATELIMIT_SIGN_IN_PER_ACCOUNT"]

    _limit(app, "auth.sign_in", limiter.limit(
        config["RATELIMIT_SIGN_IN_PER_ADDRESS"], key_func=get_remote_address, methods=post,
        deduct_when=_wrong_password,
    ))
    _limit(app, "auth.sign_in", limiter.shared_limit(
        per_account, scope=ACCOUNT_SCOPE, key_func=_submitted_account, methods=post,
        deduct_when=_wrong_password, exempt_when=_no_submitted_account,
    ))
    _limit(app, "auth.change_password", limiter.shared_limit(
        per_account, scope=ACCOUNT_SCOPE, key_func=_signed_in_account, methods=post,
        deduct_when=_wrong_password, exempt_when=_signed_out,
    ))
    _limit(app, "auth.register", limiter.limit(
        config["RATELIMIT_REGISTER_PER_ADDRESS"], key_func=get_remote_address, methods=post,
    ))
    _limit(app, "api.check", limiter.limit(
        config["RATELIMIT_API_CHECK_PER_ADDRESS"], key_func=get_remote_address, methods=post,
    ))


def seconds_to_wait() -> int:
    """How long until the limit this request went over lets another through."""
    limiter = current_app.extensions.get("rate_limiter")
    try:
        breached = limiter.current_limit if limiter else None
        if breached is None:
            return DEFAULT_WAIT_SECONDS
        # reset_at is rounded up to a whole second; never say more than the window itself.
        return max(1, min(math.ceil(breached.reset_at - time.time()), breached.limit.get_expiry()))
    except Exception:  # the storage went away mid-request: a 429 all the same
        current_app.logger.exception("Could not read the rate limit's reset time")
        return DEFAULT_WAIT_SECONDS


def describe_wait(seconds: int) -> str:
    if seconds < 60:
        return f"{seconds} second{'s' if seconds != 1 else ''}"
    minutes = math.ceil(seconds / 60)
    return f"{minutes} minute{'s' if minutes != 1 else ''}"
