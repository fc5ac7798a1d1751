"""Error pages: a clear message and a 4xx, never a stack trace.

API paths get JSON; htmx requests get a fragment for the results region; everyone
else gets an NHS-styled page. Security headers are added by the after_request hook.

An error page never needs the database. When the database fails (unreachable, read
only, or refusing a value), the request gets a 503, "Sorry, the service is
unavailable": the session is rolled back and the page is rendered without Flask's
context processors, so nothing loads the signed-in user again, and it shows no account
link. Should an error page fail to render at all, a plain HTML page with the same
message and the security headers takes its place: no error handler ever fails.
"""

from __future__ import annotations

from flask import Flask, Response, current_app, g, jsonify, make_response, render_template, request
from flask_wtf.csrf import CSRFError
from markupsafe import escape
from sqlalchemy.exc import SQLAlchemyError
from werkzeug.exceptions import HTTPException

from ..extensions import db
from ..htmx import wants_fragment
from ..rate_limits import describe_wait, seconds_to_wait
from ..redirects import is_safe_path
from ..security import add_locked_down_headers, add_security_headers

MESSAGES = {
    400: ("Sorry, there is a problem with the request", "Go back and try again."),
    403: ("You cannot use this page", "Your account does not have access to it. If you need it, ask your "
                                      "organisation’s admin."),
    404: ("Page not found", "If you typed the web address, check it is correct."),
    405: ("Sorry, that did not work", "This page cannot be used that way. Go back and try again."),
    413: (
        "The file or text is too large",
        "Upload a file smaller than 5 MB, or paste the text of the advert instead.",
    ),
    415: ("Sorry, that did not work", "This page takes a form, not JSON. Go back and send the form again."),
    # {wait} is filled in with how long until the limit lets the next try through.
    429: ("Too many attempts", "Wait {wait}, then try again. After too many attempts in a short time we "
                               "pause for a while, to keep accounts and the service safe."),
    500: ("Sorry, there is a problem with the service", "Try again later."),
    503: (
        "Sorry, the service is unavailable",
        "Try again in a few minutes. If you were saving changes, they have not been saved: "
        "go back and copy your text before you leave the page.",
    ),
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
    context = {"title": title, "message": message, "status": status, "back": way_back()}
    try:
        if not g.get("database_unavailable"):
            try:
                return render_template(template, **context), status
            except SQLAlchemyError:  # the page's header loads the signed-in user
                current_app.logger.exception("The database failed while rendering an error page")
                forget_database()
        response = make_response(render_without_database(template, **context), status)
        return add_security_headers(response)
    except Exception:
        current_app.logger.exception("An error page could not be rendered")
        return plain_error_page(status, title, message)


def way_back() -> str | None:
    """The page the person came from on this site, for a "Go back" link: the Referer's
    path when it is ours and safe; for a GET, not the address that failed."""
    referrer = request.referrer or ""
    root = request.host_url  # "https://host/"
    if not referrer.startswith(root):
        return None
    path = "/" + referrer[len(root):]
    if not is_safe_path(path) or (request.method == "GET" and path.split("?")[0] == request.path):
        return None
    return path


def forget_database() -> None:
    """Roll back, and use the database no more in this request."""
    g.database_unavailable = True
    try:
        db.session.rollback()
    except Exception:  # a connection that is gone may not even roll back
        current_app.logger.exception("Rolling back after a database error failed")


def render_without_database(template: str, **context) -> str:
    """Render with Jinja alone: Flask's render_template runs the context processors
    first, and Flask-Login's loads the signed-in user from the database."""
    return current_app.jinja_env.get_template(template).render(database_unavailable=True, **context)


PLAIN_PAGE = """<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><title>{title} – NHS</title></head>
<body><main id="maincontent"><h1>{title}</h1><p>{message}</p><p><a href="/">Go to the start page</a></p></main></body>
</html>
"""


def plain_error_page(status: int, title: str, message: str) -> Response:
    """The last resort: a page made without templates, config or the database."""
    html = PLAIN_PAGE.format(title=escape(title), message=escape(message))
    return add_locked_down_headers(Response(html, status=status, mimetype="text/html"))


def register_error_handlers(app: Flask) -> None:
    @app.errorhandler(CSRFError)
    def csrf_error(error):
        return render_error(400, *CSRF_MESSAGE)

    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException):
        status = error.code or 500
        title, message = MESSAGES.get(status, (error.name, error.description or ""))
        return render_error(status, title, message)

    @app.errorhandler(429)
    def too_many_requests(error):
        seconds = seconds_to_wait()
        title, message = MESSAGES[429]
        response = make_response(render_error(429, title, message.format(wait=describe_wait(seconds))))
        response.headers["Retry-After"] = str(seconds)
        return response

    @app.errorhandler(SQLAlchemyError)
    def database_error(error: SQLAlchemyError):
        app.logger.exception("The database failed", exc_info=error)
        forget_database()
        return render_error(503, *MESSAGES[503])

    @app.errorhandler(Exception)
    def unexpected_error(error):
        app.logger.exception("Unhandled error", exc_info=error)
        return render_error(500, *MESSAGES[500])
