"""Check an advert: paste or upload, see gender-coded wording highlighted."""

from __future__ import annotations

from flask import Blueprint, Response, abort, current_app, request
from flask_login import current_user

from ..forms import CheckForm, UploadForm
from ..htmx import render_page_or_fragment
from ..role_templates import ROLE_FAMILIES
from ..services import check_text, report_download
from ..sharing import networks, suggestions
from ..text_extraction import ExtractionError, html_to_text, text_from_file

bp = Blueprint("check", __name__)

PAGE = "check/check.html"
FRAGMENT = "check/_results.html"


def organisation_id() -> int | None:
    """A signed-in person's checks use their organisation's wording rules."""
    return current_user.organisation_id if current_user.is_authenticated else None


def render(form: CheckForm, upload_form: UploadForm, result=None, status: int = 200):
    # "Where to share": the user picks a role family; suggestions follow it and the verdict.
    role_family = request.form.get("role") if request.form.get("role") in ROLE_FAMILIES else None
    outreach = None
    if result and role_family:
        outreach = suggestions(role_family, result.report.gender.verdict, organisation_id=organisation_id())
    return render_page_or_fragment(
        PAGE,
        FRAGMENT,
        status=status,
        form=form,
        upload_form=upload_form,
        result=result,
        role_family=role_family,
        role_families=ROLE_FAMILIES,
        outreach=outreach,
        advice=networks().advice,
        max_characters=current_app.config["MAX_CHECK_CHARACTERS"],
    )


@bp.route("/check", methods=["GET", "POST"])
def check():
    """GET shows the empty form; POST checks the text. htmx posts here as the
    text changes and gets only the results fragment back."""
    form = CheckForm()
    upload_form = UploadForm(formdata=None)
    if not form.is_submitted():
        return render(form, upload_form)
    if not form.validate():
        return render(form, upload_form, status=422)
    return render(form, upload_form, result=check_text(form.text.data, organisation_id=organisation_id()))


@bp.post("/check/upload")
def upload():
    """Read a .txt, .html or .docx file, put its text in the box and check it."""
    upload_form = UploadForm()
    form = CheckForm(formdata=None)
    if not upload_form.validate():
        return render(form, upload_form, status=422)
    uploaded = upload_form.file.data
    try:
        form.text.data = text_from_file(uploaded.filename, uploaded.read())
    except ExtractionError as error:
        upload_form.file.errors = [str(error)]
        return render(form, upload_form, status=422)
    if not form.validate():
        # The text still goes in the box, so nothing is lost.
        return render(form, upload_form, status=422)
    return render(form, upload_form, result=check_text(form.text.data, organisation_id=organisation_id()))


@bp.post("/check/convert-html")
def convert_html():
    """Rich text pasted from Word or a web page arrives as HTML (our script posts the
    clipboard's text/html here): return it as plain text with paragraphs and "• " list
    items, for the script to insert. Without JavaScript the browser pastes plain text."""
    html = request.form.get("html", "")
    # Markup is several times longer than its text; anything bigger than this
    # could not fit the check's limit once converted.
    if len(html) > 20 * current_app.config["MAX_CHECK_CHARACTERS"]:
        return Response("The pasted content is too large.", status=413, mimetype="text/plain")
    return Response(html_to_text(html), mimetype="text/plain")


@bp.post("/check/report/<fmt>")
def report(fmt):
    """Download the report for the text in the box, as PDF or CSV. Nothing is stored."""
    if fmt not in ("pdf", "csv"):
        abort(404)
    form = CheckForm()
    if not form.validate():
        return render(form, UploadForm(formdata=None), status=422)
    checked = check_text(form.text.data, organisation_id=organisation_id())
    return report_download(checked.text, checked.report, fmt)
