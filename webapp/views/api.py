"""JSON API for other systems. Stateless: no cookies, no CSRF, nothing stored."""

from __future__ import annotations

import dataclasses

from flask import Blueprint, current_app, jsonify, request

from ..analysis import CATEGORIES
from ..analysis.gender_coding import VERDICTS
from ..extensions import csrf
from ..drafts import template_library
from ..role_templates import ROLE_FAMILIES
from ..services import check_text
from ..sharing import role_family_for, suggestions
from ..text_extraction import ExtractionError

bp = Blueprint("api", __name__, url_prefix="/api/v1")
csrf.exempt(bp)

FORMATS = ("text", "html")


def error(status: int, message: str):
    return jsonify(error={"status": status, "message": message}), status


@bp.post("/check")
def check():
    if not request.is_json:
        return error(415, 'Send JSON with the header "Content-Type: application/json".')
    body = request.get_json(silent=True)
    if not isinstance(body, dict):
        return error(400, 'The body must be a JSON object such as {"text": "..."}.')
    text = body.get("text")
    if text is None:
        return error(400, 'Give the advert as "text".')
    if not isinstance(text, str):
        return error(400, '"text" must be a string.')
    source_format = body.get("format", "text")
    if source_format not in FORMATS:
        return error(400, '"format" must be "text" or "html".')
    role = body.get("role")
    role_family = role_family_for(role) if isinstance(role, str) else None
    if role is not None and role_family is None:
        return error(400, '"role" must be a template id (see /api/v1/templates) or a role family: ' + ", ".join(ROLE_FAMILIES) + ".")
    title = body.get("title")
    if title is not None and not isinstance(title, str):
        return error(400, '"title" must be a string: the job title.')
    standard_text = body.get("standard_text", [])
    if not isinstance(standard_text, list) or not all(isinstance(s, str) for s in standard_text):
        return error(400, '"standard_text" must be a list of strings: passages of "text" that are your '
                          "organisation's standard text.")
    limit = current_app.config["MAX_CHECK_CHARACTERS"]
    size = len(text) + len(title or "") + sum(len(s) for s in standard_text)
    if size > limit:
        return error(413, f'"text", "title" and "standard_text" must be {limit:,} characters or fewer together; '
                          f"they are {size:,}.")
    if len(standard_text) > 100:
        return error(400, '"standard_text" may list at most 100 passages.')

    try:
        checked = check_text(text, source_format=source_format, title=title, standard_text=standard_text)
    except ExtractionError as unreadable:  # HTML too large to convert: see text_extraction.MAX_HTML_TAGS
        return error(413, str(unreadable))
    result = checked.report.to_dict()
    # Offsets are into the text that was checked: the plain text of HTML, or the
    # title and the text when the title was not at the start of the text.
    result["checked_text"] = checked.text if checked.text != text else None
    result["verdicts"] = list(VERDICTS)
    result["categories"] = [{"id": c.id, "label": c.label, "description": c.description} for c in CATEGORIES]
    if role_family:
        result["role_family"] = role_family
        result["outreach"] = [s.to_dict() for s in suggestions(role_family, checked.report.gender.verdict)]
    return jsonify(result)


def template_summary(template) -> dict:
    return {
        "id": template.id,
        "title": template.title,
        "role_family": template.role_family,
        "levels": [{"id": level.id, "name": level.name} for level in template.levels],
    }


@bp.get("/templates")
def list_templates():
    return jsonify(templates=[template_summary(t) for t in template_library()])


@bp.get("/templates/<template_id>")
def show_template(template_id):
    template = template_library().get(template_id)
    if template is None:
        return error(404, f"There is no template {template_id!r}.")
    return jsonify(dataclasses.asdict(template))
