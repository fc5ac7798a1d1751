"""Drafting workspace: start a job description, edit it with live checks, keep revisions."""

from __future__ import annotations

import re
import secrets

import sqlalchemy as sa
from flask import Blueprint, Response, abort, current_app, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required

from ..statements import chosen
from ..draft_fields import CRITERIA_FIELDS, MAX_CRITERIA, assessment_field, assessments, empty_content
from ..drafts import (
    SAVED,
    AUTOSAVED,
    RESTORED,
    change_criteria,
    check_draft,
    completeness_problems,
    content_diff,
    content_from_pasted,
    content_from_template,
    create_draft,
    fill_in_organisation,
    get_visible_draft,
    is_criteria_action,
    nhs_jobs_fields,
    save_draft,
    set_status,
    template_library,
    visible_drafts,
)
from ..export import MIMETYPES, render
from ..export.document import DocumentTooLarge, job_document, safe_filename
from ..extensions import db
from ..services import report_download
from ..htmx import render_page_or_fragment, wants_fragment
from ..analysis.categories import IDS as CATEGORY_IDS
from ..forms import CompareForm, DismissForm, DraftDetailsForm, DraftForm, NewDraftForm
from ..formatters import local_time
from ..models import FINAL, STATUSES, Dismissal, Draft, Revision
from ..role_templates import ROLE_FAMILIES
from ..sharing import (
    draft_suggestions,
    networks,
    organisation_networks,
    recorded_elsewhere,
    save_outreach_checklist,
)
from ..text_extraction import html_to_text, looks_like_html
from .errors import render_error

bp = Blueprint("drafts", __name__, url_prefix="/drafts")


@bp.before_request
@login_required
def require_sign_in():
    """Every drafting page needs an account."""


@bp.get("")
def list_drafts():
    query = visible_drafts(current_user)
    search = (request.args.get("q") or "").strip()
    role = request.args.get("role") or ""
    status = request.args.get("status") or ""
    if search:
        like = f"%{search.lower()}%"
        query = query.where(sa.or_(sa.func.lower(Draft.name).like(like), sa.func.lower(Draft.job_title).like(like)))
    if role:
        query = query.where(Draft.template_id == role)
    if status in STATUSES:
        query = query.where(Draft.status == status)
    drafts = db.session.scalars(query.order_by(Draft.updated_at.desc())).all()
    return render_template(
        "drafts/list.html", drafts=drafts, search=search, role=role, status=status, library=template_library()
    )


@bp.route("/new", methods=["GET", "POST"])
def new():
    library = template_library()
    form = NewDraftForm()
    if request.method == "GET":
        return render_template("drafts/new.html", library=library, form=form, errors={})
    if not form.validate():
        errors = {name: messages[0] for name, messages in form.errors.items() if name == "text"}
        if not errors:
            abort(400)  # not from our pages
        return render_template("drafts/new.html", library=library, form=form, errors=errors), 422
    if form.start.data == "template":
        template = library.get(form.template.data or "")
        level = template.level(form.level.data or "") if template else None
        if level is None:
            abort(404)
        statements = chosen(current_app.extensions["statements"], current_user.organisation.standard_statements)
        content = fill_in_organisation(content_from_template(template, level, statements),
                                       current_user.organisation.name)
        draft = create_draft(current_user, level.name, content, template, level)
    elif form.start.data == "paste":
        text = html_to_text(form.text.data) if looks_like_html(form.text.data) else form.text.data
        name, content = content_from_pasted(text, current_app.extensions["wordlists"])
        draft = create_draft(current_user, name, content)
    else:
        draft = create_draft(current_user, "Untitled job description", empty_content())
    return redirect(url_for("drafts.edit", public_id=draft.public_id))


def new_editing_session() -> str:
    """An id for one open editor (one tab), so its own saves are never a conflict."""
    return secrets.token_urlsafe(12)


def checked(draft: Draft, content: dict):
    """The wording check of ``content`` as this draft's, with its organisation's own
    rules and the findings people dismissed in it."""
    return check_draft(content, organisation_id=draft.organisation_id, dismissals=draft.dismissals)


def render_editor(draft: Draft, content: dict, status: int = 200, *, session: str | None = None,
                  fragment: str = "drafts/_save-status.html", **context):
    # htmx gets a fragment: an autosave the save status, a person-specification button
    # the rows. The check and the completeness list are for the whole page (the live
    # check has its own request), and so is focusing, as the page loads, the element
    # a button's change leaves the focus on (``focus``).
    page = {} if wants_fragment() else {
        "check": checked(draft, content),
        "incomplete": completeness_problems(content, current_app.extensions["key_facts_help"].pay),
        "editing_session": session or new_editing_session(),
        "focus_on_load": True,
        "key_facts_help": current_app.extensions["key_facts_help"],
    }
    return render_page_or_fragment(
        "drafts/edit.html",
        fragment,
        status=status,
        draft=draft,
        content=content,
        **page,
        **context,
    )


@bp.route("/<public_id>", methods=["GET", "POST"])
def edit(public_id):
    draft = get_visible_draft(public_id, current_user)
    if request.method == "GET":
        return render_editor(draft, draft.content())

    form = DraftForm()
    form.validate()
    content, session = form.content(), form.editing_session.data
    if form.version.errors or form.version.data is None:
        abort(400)  # not from our editor: it always sends the version it started from
    if draft.status == FINAL:
        # Read-only until reopened: the text sent stays in the page, unsaved.
        return render_editor(draft, content, status=409, session=session, final_refused=True)
    if errors := form.field_errors():
        return render_editor(draft, content, status=422, session=session, errors=errors)
    # Add/remove/move buttons change the person specification, then everything is saved;
    # a newly added row stays on the page empty but is not saved until it has text.
    if is_criteria_action(form.action.data or ""):
        # Row numbers on the buttons count the rows the person sees, empty ones too.
        for kind in CRITERIA_FIELDS:
            content[kind], content[assessment_field(kind)] = posted_criteria(kind)
    change = change_criteria(content, form.action.data or "save")
    moved = change is not None
    if form.edit_sequence.errors:
        abort(400)
    result = save_draft(draft, content, form.version.data, current_user, editing_session=session,
                        edit_sequence=form.edit_sequence.data if wants_fragment() else None,
                        change=AUTOSAVED if wants_fragment() and not moved else SAVED)
    if result.conflict:
        # A full-page save that hits a conflict shows both versions and takes the newest
        # version number, so saving again is a deliberate overwrite. Autosave keeps the
        # old number, so it goes on refusing rather than overwriting quietly.
        base = form.version.data if wants_fragment() else draft.version
        return render_editor(draft, content, status=409, session=session, conflict=result.conflict, base_version=base)
    if moved:  # the page again, with the focus on the row or button that moved
        return render_editor(draft, content, session=session, saved=True, focus=change.focus)
    if wants_fragment():
        return render_editor(draft, content, session=session, saved=True)
    flash(f"Saved at {local_time(draft.updated_at, '%H:%M')}", "success")
    return redirect(url_for("drafts.edit", public_id=draft.public_id))


def posted_content() -> tuple[dict, dict[str, str]]:
    """The draft content the editor sent with an htmx request, and any field errors."""
    form = DraftForm(meta={"csrf": False})  # CSRFProtect has checked the request
    form.validate()
    return form.content(), form.field_errors()


CRITERIA_FRAGMENT = "drafts/_criteria.html"


def posted_criteria(kind: str) -> tuple[list[str], list[str]]:
    """One person-specification list as the editor shows it, empty rows included, so
    that each button's row number is the row the person sees; and each row's
    assessment method."""
    rows = request.form.getlist(kind)
    if len(rows) > 2 * MAX_CRITERIA:
        abort(400)  # more rows than any editor shows
    rows = [row.replace("\r\n", "\n").strip() for row in rows]
    methods = request.form.getlist(assessment_field(kind))[: len(rows)]
    return rows, assessments({kind: rows, assessment_field(kind): methods}, kind)


@bp.post("/<public_id>/criteria")
def criteria(public_id):
    """Add, move or remove a person-specification row in place (htmx): the rows come
    back in their new order, with the element to focus and what to announce. Nothing
    is saved here: the editor's autosave saves the new order. Without htmx, the same
    URL gives the whole editor with the rows changed, unsaved. (The buttons' own
    submit, without JavaScript, goes to ``edit``, which applies them and saves.)"""
    draft = get_visible_draft(public_id, current_user)
    form = DraftForm(meta={"csrf": False})  # CSRFProtect has checked the request
    form.validate()
    action = form.action.data or ""
    if not is_criteria_action(action):
        abort(400)
    content = form.content()
    for kind in CRITERIA_FIELDS:
        content[kind], content[assessment_field(kind)] = posted_criteria(kind)
    # The whole page (no htmx) saves from the version the editor started from, so a
    # save by someone else in between is still a conflict.
    context = {"session": form.editing_session.data, "fragment": CRITERIA_FRAGMENT,
               "base_version": form.version.data}
    if draft.status == FINAL:
        # Read-only until reopened: the rows stay as they were sent.
        match = re.search(r"(essential|desirable)-(\d+)$", action)
        focus = f"{match.group(1)}-{match.group(2)}" if match else None
        return render_editor(draft, content, status=409, final_refused=True, focus=focus, changed=False,
                             announce="Not changed: this draft has been marked final. Reopen it to edit it.",
                             **context)
    if errors := form.field_errors():
        first = next(iter(errors.values()))
        return render_editor(draft, content, status=422, errors=errors, focus=action, changed=False,
                             announce=f"Not changed: {first}", **context)
    change = change_criteria(content, action)
    return render_editor(draft, content, focus=change.focus, announce=change.message, changed=change.changed,
                         **context)


@bp.post("/<public_id>/check")
def check(public_id):
    """The live check of the whole draft, as the editor's fields change (htmx)."""
    draft = get_visible_draft(public_id, current_user)
    content, errors = posted_content()
    if errors:
        return render_template("drafts/_check.html", check=None, errors=errors), 422
    return render_template("drafts/_check.html", check=checked(draft, content), draft=draft,
                           incomplete=completeness_problems(content, current_app.extensions["key_facts_help"].pay))


def _check_fragment(draft: Draft, status: int = 200, error: str | None = None):
    """The check panel for the text now in the editor (htmx sends the draft's fields)."""
    content, errors = posted_content()
    if errors and not error:
        return render_template("drafts/_check.html", check=None, errors=errors, draft=draft), 422
    return render_template("drafts/_check.html", check=checked(draft, content), draft=draft, dismiss_error=error,
                           incomplete=completeness_problems(content, current_app.extensions["key_facts_help"].pay)), status


@bp.post("/<public_id>/dismissals")
def dismiss(public_id):
    """Dismiss one finding in this draft, with a reason. It stays listed, collapsed."""
    draft = get_visible_draft(public_id, current_user)
    form = DismissForm()
    # Only a finding the draft has now can be dismissed: the text in the editor
    # (htmx sends it) or, without JavaScript, the saved draft.
    content = posted_content()[0] if wants_fragment() else draft.content()
    current = {f.key for f in checked(draft, content).report.findings}
    valid = form.validate()
    if not valid or form.finding_key.data not in current or form.finding_category.data not in CATEGORY_IDS:
        message = (form.reason.errors[0] if form.reason.errors else
                   "That finding is no longer in the draft, so there is nothing to dismiss")
        if wants_fragment():
            return _check_fragment(draft, 422, message)
        flash(message, "warning")
        return redirect(url_for("drafts.edit", public_id=draft.public_id) + "#draft-check")
    existing = {d.finding_key for d in draft.dismissals}
    if form.finding_key.data not in existing:
        db.session.add(Dismissal(
            draft_id=draft.id, finding_key=form.finding_key.data, text=(form.finding_text.data or "")[:200],
            category=form.finding_category.data, reason=form.reason.data.strip(), dismissed_by_id=current_user.id,
        ))
        try:
            db.session.commit()
        except sa.exc.IntegrityError:  # the same dismissal, sent twice at once
            db.session.rollback()
        db.session.refresh(draft)
    return _after_dismissals_change(draft, "Dismissed. It is still listed, with your reason, under “Dismissed”.")


@bp.post("/<public_id>/dismissals/restore")
def restore_dismissed(public_id):
    """Bring a dismissed finding back."""
    draft = get_visible_draft(public_id, current_user)
    try:
        dismissal_id = int(request.form.get("dismissal", ""))
    except ValueError:
        abort(400)
    dismissal = next((d for d in draft.dismissals if d.id == dismissal_id), None)
    if dismissal is None:
        abort(404)
    db.session.delete(dismissal)
    db.session.commit()
    db.session.refresh(draft)
    return _after_dismissals_change(draft, "The finding is back in the check.")


def _after_dismissals_change(draft: Draft, message: str):
    """htmx gets the check panel for the text in the editor; without JavaScript, the
    editor again, with a message."""
    if wants_fragment():
        return _check_fragment(draft)
    flash(message, "success")
    return redirect(url_for("drafts.edit", public_id=draft.public_id) + "#draft-check")


@bp.get("/<public_id>/preview")
def preview(public_id):
    draft = get_visible_draft(public_id, current_user)
    return render_template("drafts/preview.html", draft=draft, content=draft.content())


def draft_document(draft: Draft):
    return job_document(
        draft.content(),
        organisation=draft.owner.organisation.name,
        author=draft.owner.name,
        contact=f"{draft.owner.name}, {draft.owner.email}",
        created=draft.updated_at,
    )


def download(data: bytes, fmt: str, filename: str) -> Response:
    return Response(
        data,
        mimetype=MIMETYPES[fmt],
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )


@bp.get("/<public_id>/download/<fmt>")
def export(public_id, fmt):
    """The job description as Word, PDF, Markdown or plain text."""
    draft = get_visible_draft(public_id, current_user)
    if fmt not in MIMETYPES:
        abort(404)
    document = draft_document(draft)
    try:
        data = render(document, fmt)
    except DocumentTooLarge as error:
        return render_error(422, "This job description is too large for a PDF",
                            f"{error} Download it as a Word document instead: Word can save it as a PDF.")
    return download(data, fmt, safe_filename(document.title, fmt))


@bp.get("/<public_id>/report/<fmt>")
def report(public_id, fmt):
    """The wording-check report for the draft, as PDF or CSV."""
    draft = get_visible_draft(public_id, current_user)
    if fmt not in ("pdf", "csv"):
        abort(404)
    check = checked(draft, draft.content())
    name = draft.job_title or draft.name
    # The PDF lists where to share the advert, as the draft's "Where to share" page does.
    outreach = draft_suggestions(draft, check.report.gender.verdict) if fmt == "pdf" else ()
    try:
        return report_download(check.text, check.report, fmt, source=name,
                               organisation=draft.owner.organisation.name, author=current_user.name,
                               job_title=draft.job_title or "", outreach=outreach, role_family=draft.role_family)
    except DocumentTooLarge as error:
        return render_error(422, "This report is too large for a PDF", f"{error} Download the CSV report instead.")


@bp.get("/<public_id>/nhs-jobs")
def nhs_jobs(public_id):
    """Each NHS Jobs field with a copy button and a character count against its limit."""
    draft = get_visible_draft(public_id, current_user)
    return render_template("drafts/nhs-jobs.html", draft=draft, fields=nhs_jobs_fields(draft.content()))


@bp.get("/<public_id>/revisions")
def revisions(public_id):
    draft = get_visible_draft(public_id, current_user)
    return render_template("drafts/revisions.html", draft=draft, compare=compare_form(draft))


def compare_form(draft: Draft) -> CompareForm:
    form = CompareForm(request.args)
    choices = [(r.version, f"Version {r.version}") for r in draft.revisions]
    form.old.choices = form.new.choices = choices
    if not request.args and len(choices) >= 2:  # the two newest, oldest first
        form.old.data, form.new.data = choices[1][0], choices[0][0]
    return form


@bp.get("/<public_id>/revisions/compare")
def compare(public_id):
    """What changed between any two versions, field by field."""
    draft = get_visible_draft(public_id, current_user)
    form = compare_form(draft)
    if not form.validate():
        return render_template("drafts/revisions.html", draft=draft, compare=form), 422
    old, new = get_revision(draft, form.old.data), get_revision(draft, form.new.data)
    return render_template("drafts/compare.html", draft=draft, compare=form, old=old, new=new,
                           changes=content_diff(old.content, new.content))


def get_revision(draft: Draft, version: int) -> Revision:
    revision = db.session.scalar(sa.select(Revision).where(Revision.draft_id == draft.id, Revision.version == version))
    if revision is None:
        abort(404)
    return revision


@bp.get("/<public_id>/revisions/<int:version>")
def revision(public_id, version):
    draft = get_visible_draft(public_id, current_user)
    revision = get_revision(draft, version)
    return render_template("drafts/revision.html", draft=draft, revision=revision, content=revision.content)


@bp.post("/<public_id>/reopen")
def reopen(public_id):
    """A final draft back to a draft, so it can be edited."""
    draft = get_visible_draft(public_id, current_user)
    if set_status(draft, "draft", current_user):
        flash("Reopened: the draft can be edited again. Mark it final when it is ready.", "success")
    return redirect(url_for("drafts.edit", public_id=draft.public_id))


@bp.post("/<public_id>/revisions/<int:version>/restore")
def restore(public_id, version):
    draft = get_visible_draft(public_id, current_user)
    revision = get_revision(draft, version)
    if draft.status == FINAL:
        flash("This draft is final. Reopen it before restoring an earlier version.", "warning")
        return redirect(url_for("drafts.edit", public_id=draft.public_id))
    result = save_draft(draft, dict(revision.content), draft.version, current_user, change=RESTORED)
    if result.conflict:  # someone saved in between: try again from the page
        flash("The draft changed while you were restoring. Try again.", "warning")
    else:
        flash(f"Restored version {version}. It is now version {draft.version}.", "success")
    return redirect(url_for("drafts.edit", public_id=draft.public_id))


@bp.post("/<public_id>/duplicate")
def duplicate(public_id):
    draft = get_visible_draft(public_id, current_user)
    library = template_library()
    template = library.get(draft.template_id or "")
    copy = create_draft(
        current_user,
        f"Copy of {draft.name}"[:200],
        draft.content(),
        template,
        template.level(draft.level_id or "") if template else None,
    )
    flash(f"Made a copy called “{copy.name}”.", "success")
    return redirect(url_for("drafts.edit", public_id=copy.public_id))


@bp.route("/<public_id>/details", methods=["GET", "POST"])
def details(public_id):
    """Rename, mark as final, share with the organisation."""
    draft = get_visible_draft(public_id, current_user)
    is_owner = draft.owner_id == current_user.id
    form = DraftDetailsForm(data={"name": draft.name, "status": draft.status,
                                  "shared": "yes" if draft.shared_with_organisation else ""})
    incomplete = completeness_problems(draft.content(), current_app.extensions["key_facts_help"].pay)
    if form.validate_on_submit():
        if form.status.data == FINAL and incomplete:
            form.status.errors.append("Before you mark it final: " + "; ".join(message for _, message in incomplete))
        else:
            draft.name = form.name.data.strip()
            if is_owner:  # only the author decides who else can see it
                draft.shared_with_organisation = form.shared.data == "yes"
            db.session.commit()
            set_status(draft, form.status.data, current_user)
            flash("Details saved.", "success")
            return redirect(url_for("drafts.edit", public_id=draft.public_id))
    errors = {name: messages[0] for name, messages in form.errors.items() if name != "csrf_token"}
    return render_template("drafts/details.html", draft=draft, form=form, errors=errors, is_owner=is_owner,
                           incomplete=incomplete), (422 if errors else 200)


@bp.route("/<public_id>/delete", methods=["GET", "POST"])
def delete(public_id):
    draft = get_visible_draft(public_id, current_user)
    if draft.owner_id != current_user.id:
        abort(404)  # shared drafts can be edited by colleagues, deleted only by their author
    if request.method == "POST":
        name = draft.name
        db.session.delete(draft)
        db.session.commit()
        flash(f"Deleted “{name}”.", "success")
        return redirect(url_for("drafts.list_drafts"))
    return render_template("drafts/delete.html", draft=draft)



@bp.route("/<public_id>/share", methods=["GET", "POST"])
def share(public_id):
    """Where to share: suggested networks as a checklist saved with the draft."""
    draft = get_visible_draft(public_id, current_user)
    if request.method == "POST":
        role_family = request.form.get("role_family") or None
        if role_family not in (None, *ROLE_FAMILIES):
            abort(400)
        draft.role_family = role_family
    content = draft.content()
    verdict = checked(draft, content).report.gender.verdict
    own = organisation_networks(draft.organisation_id)
    suggested = draft_suggestions(draft, verdict, own)
    records = {record.network_id: record for record in draft.outreach}
    if request.method == "POST" and request.form.get("action") == "save-checklist":
        notes = {s.network.id: request.form.get(f"notes-{s.network.id}", "") for s in suggested}
        save_outreach_checklist(draft, suggested, set(request.form.getlist("posted")), notes)
        flash("Saved where you have shared the advert.", "success")
        return redirect(url_for("drafts.share", public_id=draft.public_id))
    db.session.commit()
    return render_template(
        "drafts/share.html", draft=draft, suggestions=suggested, records=records, verdict=verdict,
        role_families=ROLE_FAMILIES, advice=networks().advice, elsewhere=recorded_elsewhere(draft, suggested, own),
    )
