"""Security headers on every response, error pages included.

A nonce is made per request for the one inline script in the NHS page template;
everything else is served from 'self' (or the pinned htmx file on jsDelivr).
"""

from __future__ import annotations

import secrets

from flask import Flask, Response, current_app, g, request

from .assets import asset


def csp_nonce() -> str:
    if "csp_nonce" not in g:
        g.csp_nonce = secrets.token_urlsafe(16)
    return g.csp_nonce


def content_security_policy(nonce: str) -> str:
    scripts = ["'self'", f"'nonce-{nonce}'"]
    if current_app.config["HTMX_SOURCE"] == "cdn":
        # The exact file, not the whole CDN host: a host allow-list would let an
        # attacker load any other package from it.
        scripts.append(asset("htmx-").cdn_url)
    return "; ".join(
        [
            "default-src 'self'",
            "script-src " + " ".join(scripts),
            "style-src 'self'",
            "img-src 'self' data:",
            "font-src 'self' https://assets.nhs.uk" if current_app.config["FONT_SOURCE"] == "nhs" else "font-src 'self'",
            "connect-src 'self'",
            "form-action 'self'",
            "base-uri 'self'",
            "frame-ancestors 'none'",
            "object-src 'none'",
        ]
    )


FIXED_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Resource-Policy": "same-origin",
}

# For a page made when nothing else can be relied on (the error pages' last resort):
# plain HTML that loads nothing.
LOCKED_DOWN_POLICY = "default-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"


def add_security_headers(response: Response) -> Response:
    headers = response.headers
    headers["Content-Security-Policy"] = content_security_policy(csp_nonce())
    headers.update(FIXED_HEADERS)
    if request.is_secure:
        headers["Strict-Transport-Security"] = "max-age=31536000; includeSubDomains"
    if not request.path.startswith("/assets/"):
        # Pages can hold an advert someone pasted: keep them out of shared caches.
        headers["Cache-Control"] = "no-store"
    return response


def add_locked_down_headers(response: Response) -> Response:
    """The headers, with a policy that allows nothing, set without reading config or
    assets: for the page shown when even the error page could not be made."""
    response.headers["Content-Security-Policy"] = LOCKED_DOWN_POLICY
    response.headers.update(FIXED_HEADERS)
    response.headers["Cache-Control"] = "no-store"
    return response


def init_security(app: Flask) -> None:
    app.after_request(add_security_headers)
    app.jinja_env.globals["csp_nonce"] = csp_nonce
