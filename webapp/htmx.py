"""The few htmx 4 helpers we need (flask-htmx still speaks htmx 2's headers)."""

from __future__ import annotations

from flask import make_response, render_template, request

VARY = "HX-Request, HX-Request-Type"


def wants_fragment() -> bool:
    """htmx 4 sends ``HX-Request-Type: partial`` when it will swap part of a page."""
    return request.headers.get("HX-Request-Type") == "partial"


def render_page_or_fragment(page: str, fragment: str, status: int = 200, **context):
    """One URL, two renderings: the fragment for htmx, the whole page otherwise.
    The page includes the fragment, so both show the same markup."""
    template = fragment if wants_fragment() else page
    response = make_response(render_template(template, **context), status)
    response.headers["Vary"] = VARY
    return response
