"""Password hashing, and a sign-in check that takes as long for an unknown email.

Checking a password against a scrypt hash is deliberately slow (about 140 ms). If an
unknown email skipped it, sign-in would answer ten times faster for it, and anyone
could time the form to learn who has an account. So an unknown email is checked
against a dummy hash made with the same method and cost, and fails.
"""

from __future__ import annotations

import secrets
from functools import lru_cache

from flask import current_app
from werkzeug.security import check_password_hash, generate_password_hash

DEFAULT_METHOD = "scrypt:32768:8:1"  # Werkzeug's default scrypt cost, spelt out


def hash_method() -> str:
    return current_app.config.get("PASSWORD_HASH_METHOD", DEFAULT_METHOD)


def hash_password(password: str) -> str:
    return generate_password_hash(password, method=hash_method())


def matches(password_hash: str, password: str) -> bool:
    return check_password_hash(password_hash, password)


@lru_cache(maxsize=4)
def dummy_hash(method: str) -> str:
    """A hash of a random password nobody knows, with ``method``'s algorithm and cost."""
    return generate_password_hash(secrets.token_urlsafe(32), method=method)


def check_sign_in(password_hash: str | None, password: str) -> bool:
    """Whether ``password`` matches; ``None`` (no such account) does the same work and fails."""
    if password_hash is None:
        check_password_hash(dummy_hash(hash_method()), password)
        return False
    return check_password_hash(password_hash, password)
