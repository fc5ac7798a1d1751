"""The one check for following a ``next`` address: only a path on this site.

An open redirect (``/sign-in?next=https://evil.example``) lets a phishing email show
our address and land people on someone else's. Browsers are generous readers of
``Location``: they drop tabs and newlines (``/\t/evil.example`` is ``//evil.example``),
read a backslash as a slash (``/\\evil.example``), and some proxies decode ``%2F`` and
``%5C`` before a browser sees them. So a target is allowed only if, as given and after
percent-decoding, it is a plain path that starts with exactly one ``/``, with no
backslash and no control character anywhere (and, as given, no whitespace); anything
else gives the default. A newline that reached the header would also be a 500.
"""

from __future__ import annotations

import unicodedata
from urllib.parse import unquote, urlsplit

MAX_LENGTH = 2_000


def _plain_path(value: str, *, decoded: bool) -> bool:
    if not value.startswith("/") or value.startswith("//") or "\\" in value:
        return False
    # Never control (Cc), format (Cf: zero-width, bidi) or unassigned characters; as
    # given, no spaces or separators either (a decoded %20 in a query is harmless).
    refused = "C" if decoded else "CZ"
    if any(unicodedata.category(character)[0] in refused for character in value):
        return False
    parts = urlsplit(value)
    return not parts.scheme and not parts.netloc


def is_safe_path(target: object) -> bool:
    """True when ``target`` is a relative path on this site, safe to redirect to."""
    if not isinstance(target, str) or not target or len(target) > MAX_LENGTH:
        return False
    value = target
    # Check each decoding too (%252F is %2F is /), until nothing changes.
    for depth in range(4):
        if not _plain_path(value, decoded=depth > 0):
            return False
        decoded = unquote(value)
        if decoded == value:
            return True
        value = decoded
    return False  # encoded more deeply than any link of ours


def safe_next(target: object, default: str) -> str:
    """``target`` if it is safe to follow, otherwise ``default``."""
    return target if is_safe_path(target) else default  # type: ignore[return-value]
