"""Check an advert: paste or upload, see gender-coded wording highlighted."""

from __future__ import annotations

from flask import Blueprint, Response, abort, current_app, request
from flask_login import current_user

from ..export.document import DocumentTooLarge
from ..forms import CheckForm, UploadForm
from ..htmx import render_page_or_fragment
from ..role_templates import ROLE_FAMILIES
from ..services import check_text, report_download
from ..sharing import networks, suggestions
from ..text_extraction import ContentTooLarge, ExtractionError, html_to_text, text_from_file

bp = Blueprint("check", __name__)

PAGE = "check/check.html"
FRAGMENT = "check/_results.html"


def organisation_id() -> int | None:
    """A signed-in person's checks use their organisation's wording rules."""
    return current_user.organisation_id if current_user.is_authenticated else None


def chosen_role_family() -> str | None:
    """The role family chosen for "Where to share", if any."""
    return request.form.get("role") if request.form.get("role") in ROLE_FAMILIES else None


def render(form: CheckForm, upload_form: UploadForm, result=None, status: int = 200):
    # "Where to share": the user picks a role family; suggestions follow it and the verdict.
    role_family = chosen_role_family()
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


def render_checked(form: CheckForm, upload_form: UploadForm):
    """Check the text in the box and show the results; text that cannot be read (HTML
    too large to convert) gets its reason beside the box, and the text stays there."""
    try:
        checked = check_text(form.text.data, organisation_id=organisation_id())
    except ExtractionError as error:
        form.text.errors = [str(error)]
        return render(form, upload_form, status=422)  # as for text over the limit
    return render(form, upload_form, result=checked)


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
    return render_checked(form, upload_form)


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
    return render_checked(form, upload_form)


@bp.post("/check/convert-html")
def convert_html():
    """Rich text pasted from Word or a web page arrives as HTML (our script posts the
    clipboard's text/html here): return it as plain text with paragraphs and "• " list
    items, for the script to insert. Without JavaScript the browser pastes plain text."""
    html = request.form.get("html", "")
    try:
        text = html_to_text(html)  # refuses HTML too large to read quickly (MAX_HTML_CHARACTERS)
    except ContentTooLarge as error:
        return Response(str(error), status=413, mimetype="text/plain")
    return Response(text, mimetype="text/plain")


@bp.post("/check/report/<fmt>")
def report(fmt):
    """Download the report for the text in the box, as PDF or CSV. Nothing is stored."""
    if fmt not in ("pdf", "csv"):
        abort(404)
    form = CheckForm()
    upload_form = UploadForm(formdata=None)
    if not form.validate():
        return render(form, upload_form, status=422)
    try:
        checked = check_text(form.text.data, organisation_id=organisation_id())
    except ExtractionError as error:
        form.text.errors = [str(error)]
        return render(form, upload_form, status=422)
    try:
        # The PDF lists where to share the advert when a role was chosen, as the page does.
        role_family = chosen_role_family()
        outreach = (suggestions(role_family, checked.report.gender.verdict, organisation_id=organisation_id())
                    if role_family and fmt == "pdf" else ())
        return report_download(checked.text, checked.report, fmt, outreach=outreach, role_family=role_family)
    except DocumentTooLarge as error:
        # The text stays in the box and the results show, with what to do instead.
        form.text.errors = [f"The report is too large for a PDF. {error} Download the CSV report instead."]
        return render(form, upload_form, result=checked, status=422)
