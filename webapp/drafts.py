"""Drafts: creating, finding, saving (with optimistic locking), conflicts, revisions,
status changes, and the draft's wording check.

The views call these functions and only render what they return. The fields a
draft has come from ``draft_fields``.

Every query for a draft goes through ``visible_drafts``/``get_visible_draft``, so no
route can reach another person's draft: a draft is visible to its author, and to
people in the author's organisation only when shared with it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import sqlalchemy as sa
from flask import abort, current_app

from .analysis import TITLE, Advert, Report, advert_from_fields
from .extensions import db
from .highlights import Highlight, in_fields
from .draft_fields import (
    CHECKED_FIELDS,
    CRITERIA,
    CRITERIA_FIELDS,
    DRAFT_FIELDS,
    FIELD_LABELS,
    FIELDS,
    KEY_FACT_FIELDS,
    MAX_CRITERIA,
    STORED_FIELDS,
    assessment_field,
    assessments,
    criterion_with_assessment,
    MAX_ESSENTIAL,
    PERSON_SPECIFICATION_BOX,
    TEXT_FIELDS,
    empty_content,
)
from .models import DRAFT, FINAL, Draft, Revision, User, utcnow
from .role_templates import PLACEHOLDER, Level, RoleTemplate, TemplateLibrary


def template_library() -> TemplateLibrary:
    return current_app.extensions["role_templates"]


def visible_drafts(user: User):
    """A select() of the drafts ``user`` may see."""
    return sa.select(Draft).where(
        sa.or_(
            Draft.owner_id == user.id,
            sa.and_(Draft.shared_with_organisation.is_(True), Draft.organisation_id == user.organisation_id),
        )
    )


def get_visible_draft(public_id: str, user: User) -> Draft:
    """The draft, or 404 (never 403: we do not confirm that someone else's draft exists)."""
    draft = db.session.scalar(visible_drafts(user).where(Draft.public_id == public_id))
    if draft is None:
        abort(404)
    return draft


def bullets(items) -> str:
    return "\n".join(f"\u2022 {item}" for item in items)


def skill_line(template: RoleTemplate, skill) -> str:
    """One skill as the job description lists it: with its framework skill level, or,
    for a role outside the framework, the published guidance it comes from."""
    if template.framework_role:
        return f"{skill.name}: {skill.level}" if skill.level else skill.name
    return f"{skill.name} ({skill.source})" if skill.source else skill.name


def content_from_template(template: RoleTemplate, level: Level, statements=()) -> dict:
    """A new draft's content from a role template's level, with the organisation's
    chosen optional ``statements`` (``statements.Statement``) after the standard ones."""
    sections = {s.key: s for s in template.standard_sections}
    skill_lines = bullets(skill_line(template, s) for s in level.skills)
    skills = "\n".join(part for part in (template.skills_heading, template.skills_note, skill_lines) if part)
    description = [
        f"{template.definition_of_digital.heading}\n{template.definition_of_digital.text}",
        skills,
    ]
    description += [f"{sections[k].heading}\n{sections[k].text}" for k in ("flexible_working", "equality_and_diversity", "nhs_values")]
    description += [f"{statement.heading}\n{statement.text}" for statement in statements]
    content = empty_content()
    content.update({
        "job_title": level.name,
        "job_summary": level.summary,
        "main_duties": bullets(level.duties),
        "about_us": sections["about_organisation"].text,
        "job_description": "\n\n".join(description),
        "essential": list(level.essential),
        "desirable": list(level.desirable),
    })
    for kind in CRITERIA_FIELDS:
        content[assessment_field(kind)] = [""] * len(content[kind])
    return content


# A pasted advert's sections, by heading, and the draft field each fills. Anything
# else (other headings, text before the first heading) goes to the job description.
PASTED_SECTIONS = {
    "job summary": "job_summary",
    "job overview": "job_summary",
    "main duties of the job": "main_duties",
    "main duties": "main_duties",
    "job responsibilities": "main_duties",
    "about us": "about_us",
    "working for our organisation": "about_us",
    "working for your organisation": "about_us",
    "essential criteria": "essential",
    "essential": "essential",
    "desirable criteria": "desirable",
    "desirable": "desirable",
}
_BULLET = re.compile(r"^\s*(?:[\u2022*\-\u2013]|\d+[.)])\s*")


def content_from_pasted(text: str, wordlists) -> tuple[str, dict]:
    """A pasted advert split into the NHS Jobs fields by its headings, with the
    title from its first line when it reads like one: (draft name, content)."""
    from .analysis import advert_from_text
    from .analysis.wordlists import heading_key

    advert = advert_from_text(text, wordlists)
    content = empty_content()
    pieces: dict[str, list[str]] = {field: [] for field in TEXT_FIELDS}
    title = ""
    for passage in advert.passages:
        body = advert.text[passage.start : passage.end]
        if passage.part == TITLE:
            title = body.strip()[:200]
            continue
        field = PASTED_SECTIONS.get(heading_key(passage.section), "job_description")
        if field != "job_description" and body.lstrip().startswith(passage.section):
            body = body.lstrip()[len(passage.section):].lstrip(" :\t")  # the heading is the field's label
        if field in ("essential", "desirable"):
            rows = [_BULLET.sub("", line).strip() for line in body.splitlines()]
            content[field] += [row for row in rows if row][: MAX_CRITERIA - len(content[field])]
        elif body.strip() and body.strip().rstrip(":") != passage.section:  # not a heading alone
            pieces[field].append(body.strip())
    for field, found in pieces.items():
        if found:
            content[field] = "\n\n".join(found)
    content["job_title"] = title
    return title or "Pasted advert", content


MAX_PLACEHOLDERS_LISTED = 5


def completeness_problems(content: dict, pay=None) -> list[tuple[str, str]]:
    """What a draft still needs before it is published: (field, message), in the
    order of the editor. Used before marking it final and beside the downloads.
    With the Agenda for Change ``pay`` table (``key_facts.PayTable``), an empty
    salary is told the range for the band the draft names."""
    problems = []
    band = pay.band(content.get("band") or "") if pay is not None else None
    for field in TEXT_FIELDS:
        value = content.get(field) or ""
        if FIELDS[field].required and not value.strip():
            message = f"Enter the {FIELD_LABELS[field].lower()}"
            if field == "salary" and band is not None:
                message += (f". The {pay.title.rsplit(', ', 1)[-1]} table for England gives {band.salary_range} "
                            f"for {band.label}: check it with your pay team")
            problems.append((field, message))
        else:
            # Each placeholder once, at most a few per field: bounded, however long the text.
            found = list(dict.fromkeys(match.group() for match in PLACEHOLDER.finditer(value)))
            problems += [(field, f"{FIELD_LABELS[field]} still has the placeholder {placeholder}: replace it")
                         for placeholder in found[:MAX_PLACEHOLDERS_LISTED]]
            if len(found) > MAX_PLACEHOLDERS_LISTED:
                problems.append((field, f"{FIELD_LABELS[field]} has {len(found) - MAX_PLACEHOLDERS_LISTED} "
                                        "more placeholders in [square brackets]: replace them"))
    essential = [row for row in content.get("essential") or () if row.strip()]
    if len(essential) > MAX_ESSENTIAL:
        problems.append(("essential", f"You have {len(essential)} essential criteria: move some to desirable, "
                                      f"to keep {MAX_ESSENTIAL} or fewer"))
    return problems


def fill_in_organisation(content: dict, organisation_name: str) -> dict:
    """A new draft's "[Organisation name]" placeholders, filled in from the account."""
    for field in TEXT_FIELDS:
        content[field] = content[field].replace("[Organisation name]", organisation_name)
    return content


@dataclass(frozen=True)
class CriteriaChange:
    """What one person-specification button did. ``focus`` is the element to put
    the focus on next: a criterion's text box (its id, such as ``essential-2``) or a
    button (its action, such as ``up-essential-1`` or ``add-essential``). ``message``
    says what happened, for people who cannot see it; ``changed`` is False when
    there was nothing to do."""

    focus: str | None
    message: str
    changed: bool = True


_ADD_CRITERION = ("add-essential", "add-desirable")
_CRITERION_BUTTON = re.compile(r"(remove|up|down|desirable)-(essential|desirable)-(\d{1,3})")


def is_criteria_action(action: str) -> bool:
    """Whether ``action`` is one of the person specification's buttons."""
    return action in _ADD_CRITERION or _CRITERION_BUTTON.fullmatch(action) is not None


def _moved_focus(kind: str, index: int, count: int, verb: str) -> str:
    """After a move: the same button on the row at its new place, or, when the row
    reached the top or bottom and that button is gone, the other one."""
    has = {"up": index > 0, "down": index < count - 1}
    for choice in (verb, "down" if verb == "up" else "up"):
        if has[choice]:
            return f"{choice}-{kind}-{index}"
    return f"{kind}-{index}"


def change_criteria(content: dict, action: str) -> CriteriaChange | None:
    """Apply an add/remove/move button to the person specification in ``content``
    and say what it did; None if ``action`` is not one of those buttons. A new row is
    empty; rows are counted as the editor shows them, from 1. Each row's assessment
    method moves with it."""
    rows = {kind: list(zip(content[kind], assessments(content, kind))) for kind in CRITERIA_FIELDS}
    change = _change_rows(rows, action)
    for kind, pairs in rows.items():
        content[kind] = [text for text, _ in pairs]
        content[assessment_field(kind)] = [method for _, method in pairs]
    return change


def _change_rows(content: dict, action: str) -> CriteriaChange | None:
    """``change_criteria`` on (criterion, assessment method) pairs."""
    if action in _ADD_CRITERION:
        kind = action.removeprefix("add-")
        rows = content[kind]
        if len(rows) >= MAX_CRITERIA:
            return CriteriaChange(action, f"Not added: you can have up to {MAX_CRITERIA} "
                                          f"{FIELD_LABELS[kind].lower()}", changed=False)
        rows.append(("", ""))
        return CriteriaChange(f"{kind}-{len(rows) - 1}", f"{kind.capitalize()} criterion {len(rows)} added")
    match = _CRITERION_BUTTON.fullmatch(action)
    if not match:
        return None
    verb, kind, index = match.group(1), match.group(2), int(match.group(3))
    rows = content[kind]
    name = f"{kind.capitalize()} criterion {index + 1}"
    if not 0 <= index < len(rows):
        return CriteriaChange(None, f"Not changed: there is no {name.lower()}", changed=False)
    if verb == "remove":
        rows.pop(index)
        focus = f"{kind}-{min(index, len(rows) - 1)}" if rows else f"add-{kind}"
        return CriteriaChange(focus, f"{name} removed")
    if verb == "desirable" and kind == "essential":  # "Move to desirable"
        if len(content["desirable"]) >= MAX_CRITERIA:
            return CriteriaChange(action, f"Not moved: you can have up to {MAX_CRITERIA} "
                                          f"{FIELD_LABELS['desirable'].lower()}", changed=False)
        content["desirable"].insert(0, rows.pop(index))
        return CriteriaChange("desirable-0", f"{name} moved to desirable criteria, as desirable criterion 1")
    if verb == "up" and index > 0:
        rows[index - 1], rows[index] = rows[index], rows[index - 1]
        return CriteriaChange(_moved_focus(kind, index - 1, len(rows), "up"), f"{name} moved up to {index}")
    if verb == "down" and index < len(rows) - 1:
        rows[index + 1], rows[index] = rows[index], rows[index + 1]
        return CriteriaChange(_moved_focus(kind, index + 1, len(rows), "down"), f"{name} moved down to {index + 2}")
    return CriteriaChange(f"{kind}-{index}", f"Not changed: {name.lower()} cannot move that way", changed=False)


# What made each revision: the history says so, and autosaves from one editing
# session are one revision.
CREATED, SAVED, AUTOSAVED, RESTORED, MARKED_FINAL, REOPENED = (
    "created", "saved", "autosaved", "restored", "marked final", "reopened")
CHANGES = (CREATED, SAVED, AUTOSAVED, RESTORED, MARKED_FINAL, REOPENED)


def create_draft(user: User, name: str, content: dict, template: RoleTemplate | None = None,
                 level: Level | None = None) -> Draft:
    draft = Draft(
        owner_id=user.id,
        organisation_id=user.organisation_id,
        name=name,
        template_id=template.id if template else None,
        level_id=level.id if level else None,
        role_family=template.role_family if template else None,
        status=DRAFT,
        version=1,
    )
    draft.apply(content)
    db.session.add(draft)
    db.session.flush()
    db.session.add(Revision(draft_id=draft.id, version=1, saved_by_id=user.id, content=draft.content(), change=CREATED))
    db.session.commit()
    return draft


@dataclass(frozen=True)
class Conflict:
    """Someone else saved the draft after this editor opened it."""

    theirs: dict  # the saved content
    changed: tuple[str, ...]  # the fields where it differs from the content sent
    latest: Revision | None  # who saved it, and when


def field_as_text(content: dict, field: str) -> str:
    """A field as one text, as a comparison shows it: a criterion with how it is assessed."""
    value = content.get(field) or ""
    if isinstance(value, list):
        return "\n".join(map(criterion_with_assessment, value, assessments(content, field)))
    return value


@dataclass(frozen=True)
class SaveResult:
    saved: bool
    conflict: Conflict | None = None
    unchanged: bool = False
    stale: bool = False  # an older save from the same editor, arriving after a newer one


_DIFF_TOKEN = re.compile(r"\s+|[^\s]+")
MAX_DIFF_TOKENS = 6_000  # past this, compare line by line: bounded work


def text_diff(old: str, new: str) -> list[tuple[str, str]]:
    """(kind, text) pieces turning ``old`` into ``new``: "same", "removed" or "added",
    word by word (line by line for very long text)."""
    import difflib

    old_tokens, new_tokens = _DIFF_TOKEN.findall(old), _DIFF_TOKEN.findall(new)
    if len(old_tokens) + len(new_tokens) > MAX_DIFF_TOKENS:
        old_tokens, new_tokens = old.splitlines(keepends=True), new.splitlines(keepends=True)
    pieces: list[tuple[str, str]] = []
    matcher = difflib.SequenceMatcher(None, old_tokens, new_tokens, autojunk=False)
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        if op == "equal":
            pieces.append(("same", "".join(old_tokens[a1:a2])))
            continue
        if a2 > a1:
            pieces.append(("removed", "".join(old_tokens[a1:a2])))
        if b2 > b1:
            pieces.append(("added", "".join(new_tokens[b1:b2])))
    return pieces


def content_diff(old: dict, new: dict) -> list[tuple[str, list[tuple[str, str]]]]:
    """Each field that differs between two versions' content, with its diff. A
    criterion is compared with how it is assessed."""
    changed = []
    for field in (*TEXT_FIELDS, *CRITERIA_FIELDS):
        before, after = field_as_text(old, field), field_as_text(new, field)
        if before != after:
            changed.append((field, text_diff(before, after)))
    return changed


def without_empty_rows(content: dict) -> dict:
    """``content`` with its empty person-specification rows (and their assessment
    choices) left out, and an assessment method for every row."""
    content = dict(content)
    for field in CRITERIA_FIELDS:
        pairs = [(row, method) for row, method in zip(content[field], assessments(content, field)) if row]
        content[field] = [row for row, _ in pairs]
        content[assessment_field(field)] = [method for _, method in pairs]
    return content


def save_draft(draft: Draft, content: dict, base_version: int, user: User, *,
               editing_session: str | None = None, edit_sequence: int | None = None,
               change: str = SAVED) -> SaveResult:
    """Save if nobody else has saved since ``base_version``; otherwise refuse (a conflict).

    The check and the write are one UPDATE … WHERE version = n, so two servers
    cannot both win. ``editing_session`` names one open editor (one tab): versions
    saved since ``base_version`` by this same session are this tab's own saves (a
    slow autosave replaced in flight by the next one), so they are no conflict.
    ``edit_sequence`` counts the edits made in that editor: a save from it that
    arrives after a later one (two requests handled out of order) is stale, and is
    not written over the newer text.
    Autosaves in one session make one revision, updated as typing goes on; a manual
    save, a restore or a status change always makes its own.

    Empty person-specification rows (a row just added) are not saved."""
    # A revision saved before a field existed has no key for it: empty, as a new draft.
    content = without_empty_rows({**empty_content(), **content})
    if base_version == draft.version and content == draft.content():
        return SaveResult(saved=True, unchanged=True)
    values = {field: content[field] for field in STORED_FIELDS}
    # Two saves from one editor can run at once (a slow autosave and the next one, on
    # two workers or servers): the one that loses the UPDATE looks again, and if the
    # version it lost to is its own editor's, saves on top of it.
    saved_on = None
    for attempt in range(3 if editing_session else 1):
        if attempt:
            db.session.rollback()
            db.session.refresh(draft)
        start = base_version
        if editing_session and draft.version != base_version:
            own, newest = _own_saves_since(draft, base_version, editing_session)
            if not own:
                break  # someone else saved: a conflict
            if edit_sequence is not None and newest is not None and edit_sequence < newest:
                return SaveResult(saved=False, stale=True)
            start = draft.version
        written = db.session.execute(
            sa.update(Draft)
            .where(Draft.id == draft.id, Draft.version == start)
            .values(version=start + 1, updated_at=utcnow(), **values)
            .execution_options(synchronize_session=False)
        )
        if written.rowcount == 1:
            saved_on = start
            break
    if saved_on is None:
        db.session.rollback()
        db.session.refresh(draft)
        theirs = draft.content()
        changed = tuple(field for field in (*TEXT_FIELDS, *CRITERIA_FIELDS)
                        if field_as_text(theirs, field) != field_as_text(content, field))
        return SaveResult(saved=False, conflict=Conflict(theirs, changed, draft.revisions[0] if draft.revisions else None))
    base_version = saved_on
    latest = db.session.scalar(
        sa.select(Revision).where(Revision.draft_id == draft.id).order_by(Revision.version.desc()).limit(1)
    )
    if (change == AUTOSAVED and editing_session and latest is not None and latest.change == AUTOSAVED
            and latest.editing_session == editing_session and latest.saved_by_id == user.id):
        # The same tab typing on: one revision for the whole editing session.
        latest.version, latest.content, latest.saved_at = base_version + 1, content, utcnow()
        latest.edit_sequence = edit_sequence
    else:
        db.session.add(Revision(draft_id=draft.id, version=base_version + 1, saved_by_id=user.id, content=content,
                                editing_session=editing_session, edit_sequence=edit_sequence, change=change))
    db.session.commit()
    db.session.refresh(draft)
    return SaveResult(saved=True)


def _own_saves_since(draft: Draft, base_version: int, editing_session: str) -> tuple[bool, int | None]:
    """Whether every version since ``base_version`` was saved by this editing
    session, and the highest edit count those saves carried."""
    rows = db.session.execute(
        sa.select(Revision.editing_session, Revision.edit_sequence)
        .where(Revision.draft_id == draft.id, Revision.version > base_version)
    ).all()
    # A coalesced revision stands for every version it replaced, so the versions
    # since may have fewer revisions than numbers; what matters is who saved them.
    own = bool(rows) and all(session == editing_session for session, _ in rows)
    sequences = [sequence for _, sequence in rows if sequence is not None]
    return own, max(sequences, default=None)


def set_status(draft: Draft, status: str, user: User) -> bool:
    """Mark a draft final or back to draft. A status change is a new version with its
    own revision, so the history shows it and an editor open elsewhere notices.
    False if the draft already had that status."""
    if draft.status == status:
        return False
    db.session.execute(
        sa.update(Draft).where(Draft.id == draft.id)
        .values(status=status, version=Draft.version + 1, updated_at=utcnow())
        .execution_options(synchronize_session=False)
    )
    db.session.refresh(draft)
    db.session.add(Revision(draft_id=draft.id, version=draft.version, saved_by_id=user.id, content=draft.content(),
                            change=MARKED_FINAL if status == FINAL else REOPENED))
    db.session.commit()
    return True


def draft_text(content: dict, fields=CHECKED_FIELDS) -> str:
    parts = []
    for field in fields:
        value = content[field]
        parts.append(bullets(value) if isinstance(value, list) else value)
    return "\n\n".join(p for p in parts if p)


def field_spans(content: dict) -> dict[str, list[tuple[str, int, str]]]:
    """Where each checked field's form elements sit in the text the check reads:
    field -> [(element id, offset, value)]. That text is the non-empty fields joined
    by blank lines (``advert_from_fields``); a criteria field is one "• " line per
    criterion, each its own text area."""
    spans: dict[str, list[tuple[str, int, str]]] = {}
    position = None
    for field in CHECKED_FIELDS:
        text = draft_text(content, (field,))
        if not text:
            continue
        position = 0 if position is None else position + 2
        if FIELDS[field].kind == CRITERIA:
            row_start = position
            spans[field] = []
            for index, row in enumerate(content[field]):
                spans[field].append((f"{field}-{index}", row_start + 2, row))  # after "• "
                row_start += 2 + len(row) + 1
        else:
            spans[field] = [(field, position, text)]
        position += len(text)
    return spans


def draft_advert(content: dict, wordlists=None) -> Advert:
    """A draft as the analysis core's advert model: its parts and facts known."""
    fields = [(field, FIELD_LABELS[field], draft_text(content, (field,)), FIELDS[field].part)
              for field in CHECKED_FIELDS]
    return advert_from_fields(
        fields,
        wordlists or current_app.extensions["wordlists"],
        facts=tuple((field, content.get(field, "")) for field in KEY_FACT_FIELDS),
        essential=tuple(content.get("essential") or ()),
    )


@dataclass(frozen=True)
class FieldFindings:
    field: str
    label: str
    findings: tuple


@dataclass(frozen=True)
class DraftCheck:
    report: Report  # the whole draft: verdict, counts, summary
    text: str  # the draft's checked fields joined, as the report's offsets read
    fields: tuple[FieldFindings, ...]  # each field's findings, to show against it
    highlights: tuple[Highlight, ...] = ()  # the findings placed in the editor's fields

    @property
    def whole_advert(self) -> tuple:
        """Findings about the draft as a whole (a missing statement)."""
        return tuple(f for f in self.report.findings if not f.field and f.counts)


def check_draft(content: dict, *, organisation_id: int | None = None, dismissals=()) -> DraftCheck:
    from .services import check_advert

    advert = draft_advert(content)
    dismissed = {d.finding_key: d.reason for d in dismissals}
    report = check_advert(advert, organisation_id=organisation_id, dismissed=dismissed)
    fields = []
    for field in CHECKED_FIELDS:
        found = tuple(f for f in report.findings if f.field == field and f.dismissed is None)
        if found:
            fields.append(FieldFindings(field, FIELD_LABELS[field], found))
    return DraftCheck(report, advert.text, tuple(fields), in_fields(report.findings, field_spans(content)))


# A fresh draft's own words should be balanced or lean feminine, never strongly:
# neutral wording is what the research supports (He and Kang), not feminising it.
TEMPLATE_VERDICTS = ("neutral", "feminine-coded", "empty")
# A fresh draft has no pay or closing date yet: the hiring manager adds them.
FILLED_IN_LATER = ("structure/missing-salary", "structure/missing-closing-date")


def template_draft_problems(template: RoleTemplate, level: Level, wordlists) -> list[str]:
    """What the wording check finds wrong in a draft started from this level: the
    renderer and the check a hiring manager gets. Used by the tests and by
    scripts/check_template.py."""
    from .analysis import WARNING, analyse

    report = analyse(draft_advert(content_from_template(template, level), wordlists), wordlists)
    found = []
    if report.gender.verdict not in TEMPLATE_VERDICTS:
        coded = ", ".join(f.text for f in report.own_findings if f.category.endswith("-coded"))
        found.append(f"level {level.id}: own words are {report.gender.verdict} ({coded})")
    for finding in report.own_findings:
        if finding.severity == WARNING and finding.rule_id not in FILLED_IN_LATER:
            where = f"{finding.section}: " if finding.section else ""
            found.append(f"level {level.id}: {where}{finding.text or finding.category!r}: {finding.message} "
                         f"Try: {'; '.join(finding.suggestions)}")
    return found


@dataclass(frozen=True)
class NhsJobsField:
    field: str
    label: str
    text: str
    limit: int | None  # None where no source gives one

    @property
    def length(self) -> int:
        return len(self.text)

    @property
    def over(self) -> bool:
        return self.limit is not None and self.length > self.limit


def nhs_jobs_fields(content: dict) -> list[NhsJobsField]:
    """Each NHS Jobs box with the draft's text for it, in the order of the form."""
    fields = [NhsJobsField(spec.name, spec.nhs_jobs.label, content.get(spec.name, ""), spec.nhs_jobs.limit)
              for spec in DRAFT_FIELDS if spec.nhs_jobs]
    spec = "\n\n".join(
        f"{FIELD_LABELS[kind].split()[0]}\n"
        f"{bullets(map(criterion_with_assessment, content[kind], assessments(content, kind)))}"
        for kind in CRITERIA_FIELDS if content[kind]
    )
    fields.append(NhsJobsField("person_specification", PERSON_SPECIFICATION_BOX.label, spec,
                               PERSON_SPECIFICATION_BOX.limit))
    return fields
