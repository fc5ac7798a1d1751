"""Error pages: a clear message and a 4xx, never a stack trace.

API paths get JSON; htmx requests get a fragment for the results region; everyone
else gets an NHS-styled page. Security headers are added by the after_request hook.
"""

from __future__ import annotations

from flask import Flask, jsonify, render_template, request
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException

from ..htmx import wants_fragment

MESSAGES = {
    400: ("Sorry, there is a problem with the request", "Go back and try again."),
    403: ("You cannot use this page", "Only your organisation’s admin can change its networks."),
    404: ("Page not found", "If you typed the web address, check it is correct."),
    405: ("Sorry, that did not work", "This page cannot be used that way. Go back and try again."),
    413: (
        "The file or text is too large",
        "Upload a file smaller than 5 MB, or paste the text of the advert instead.",
    ),
    500: ("Sorry, there is a problem with the service", "Try again later."),
}
CSRF_MESSAGE = (
    "Your session has expired",
    "For your security, the form timed out. Go back, reload the page and try again: "
    "copy your text first if you have changed it.",
)


def render_error(status: int, title: str, message: str):
    if request.path.startswith("/api/"):
        return jsonify(error={"status": status, "message": f"{title}. {message}"}), status
    template = "error/_message.html" if wants_fragment() else "error/error.html"
    return render_template(template, title=title, message=message, status=status), status


def register_error_handlers(app: Flask) -> None:
    @app.errorhandler(CSRFError)
    def csrf_error(error):
        return render_error(400, *CSRF_MESSAGE)

    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException):
        status = error.code or 500
        title, message = MESSAGES.get(status, (error.name, error.description or ""))
        return render_error(status, title, message)

    @app.errorhandler(Exception)
    def unexpected_error(error):
        app.logger.exception("Unhandled error", exc_info=error)
        return render_error(500, *MESSAGES[500])
