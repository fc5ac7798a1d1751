"""The fields of a job description draft: one registry for everything that reads them.

A draft holds the boxes a hiring manager fills in on NHS Jobs (title, job summary,
main duties, about us, job description, the person specification) and the key
facts a candidate looks for first (band, salary, location, working pattern,
closing date). Each field is described once, here:

- ``name``: the column in the database, the form field and the key of a draft's
  content (``Draft.content()``);
- ``label`` and ``hint``: what the editor, the preview, the exports and the
  comparison of versions call it, and the help under it;
- ``kind``: a one-line input, a text area, or a list of criteria;
- ``part``: which part of an advert the wording check reads it as (the title,
  the writer's own words, or the organisation's standard text); ``None`` for the
  key facts, which the check reads only for what is missing;
- ``required``: must be filled in before the draft is marked final;
- ``nhs_jobs``: the NHS Jobs box it is copied into and that box's character
  limit, from the analysis core's ``NHS_JOBS_LIMITS`` (the check warns about the
  same limits). No source gives a limit for "Main duties of the job".

The model (``models.Draft``), the editing form (``forms.DraftForm``), the checks
and completeness rules (``drafts``), the exports (``export.document``) and the
templates (as ``draft_fields``) all read this registry, so adding or renaming a
field is one change here plus a database migration.

No Flask or database imports: the registry is plain data.
"""

from __future__ import annotations

from dataclasses import dataclass

from .analysis import OWN, STANDARD, TITLE
from .analysis.structure import MAX_ESSENTIAL_CRITERIA, NHS_JOBS_LIMITS

LINE, TEXT, CRITERIA = "line", "text", "criteria"

MAX_FIELD_CHARACTERS = 20_000
MAX_CRITERIA = 30
MAX_CRITERION_CHARACTERS = 2_000


@dataclass(frozen=True)
class NhsJobsBox:
    label: str
    limit: int | None  # characters; None where no source gives one


def _box(key: str) -> NhsJobsBox:
    label, limit = NHS_JOBS_LIMITS[key]
    return NhsJobsBox(label, limit)


@dataclass(frozen=True)
class DraftField:
    name: str
    label: str
    kind: str
    hint: str = ""
    rows: int = 0
    part: str | None = None
    key_fact: bool = False
    required: bool = False
    nhs_jobs: NhsJobsBox | None = None
    # The editor's heading over this field and the ones after it in the same group.
    group: str = ""

    @property
    def checked(self) -> bool:
        """Whether the wording check reads this field's words."""
        return self.part is not None

    @property
    def max_characters(self) -> int:
        return MAX_CRITERION_CHARACTERS if self.kind == CRITERIA else MAX_FIELD_CHARACTERS


DRAFT_FIELDS: tuple[DraftField, ...] = (
    DraftField("job_title", "Job title", LINE, part=TITLE, nhs_jobs=_box("job_title")),
    DraftField("band", "Band", LINE, group="Key facts", key_fact=True, required=True,
               hint="The Agenda for Change band from your job evaluation, for example Band 7. "
                    "There is no national mapping from role to band."),
    DraftField("salary", "Salary", LINE, group="Key facts", key_fact=True, required=True, hint="For example £47,810 to £54,710 a year"),
    DraftField("hours", "Hours", LINE, group="Key facts", key_fact=True, hint="How many hours a week, and whether part time or a job share is possible"),
    DraftField("location", "Location", LINE, group="Key facts", key_fact=True, required=True),
    DraftField("working_pattern", "Working pattern", LINE, group="Key facts", key_fact=True,
               hint="For example full time, part time, job share, hybrid"),
    DraftField("closing_date", "Closing date", LINE, group="Key facts", key_fact=True, required=True,
               hint="For example 12 January 2027"),
    DraftField("contact", "Contact for an informal chat", LINE, group="Key facts", key_fact=True,
               hint="Name, job title and email address or phone number"),
    # What a job evaluation panel reads (NHS Job Evaluation Handbook): where the post
    # sits and what it is responsible for.
    DraftField("reports_to", "Reports to", LINE, group="Where the post sits", key_fact=True, hint="The job title of the post’s line manager"),
    DraftField("staff_and_budget", "Staff and budget", LINE, group="Where the post sits", key_fact=True,
               hint="For example: manages 3 people; holds a £50,000 budget. Or none"),
    DraftField("job_summary", "Job summary", TEXT, group="About the job", rows=5, part=OWN,
               hint="What the job is and why it matters, in a few sentences.",
               nhs_jobs=_box("job_summary")),
    DraftField("main_duties", "Main duties of the job", TEXT, group="About the job", rows=8, part=OWN,
               nhs_jobs=NhsJobsBox("Main duties of the job", None)),
    DraftField("about_us", "About us", TEXT, group="About the job", rows=5, part=STANDARD,
               nhs_jobs=_box("about_us")),
    DraftField("job_description", "Job description", TEXT, group="About the job", rows=14, part=OWN,
               nhs_jobs=_box("job_description")),
    DraftField("essential", "Essential criteria", CRITERIA, part=OWN,
               hint="Keep these to six or fewer. Each extra essential criterion puts off people who could do "
                    "the job, and Disability Confident employers offer an interview to disabled applicants "
                    "who meet them."),
    DraftField("desirable", "Desirable criteria", CRITERIA, part=OWN,
               hint="Things that would help but that someone could learn in the job."),
)
# How each criterion will be assessed: the person specification's "How we'll assess
# it" column, which many trusts add (application, interview, test or presentation).
# Stored per criterion, in the same order, under ``<criteria field>_assessment``.
ASSESSMENT_METHODS: tuple[tuple[str, str], ...] = (
    ("", "Not chosen yet"),
    ("application", "Application"),
    ("interview", "Interview"),
    ("application-interview", "Application and interview"),
    ("test", "Test or presentation"),
    ("interview-test", "Interview and test or presentation"),
    ("application-interview-test", "Application, interview and test or presentation"),
)
ASSESSMENT_LABELS = dict(ASSESSMENT_METHODS)
ASSESSMENT_HEADING = "How we’ll assess it"


def assessment_field(criteria_field: str) -> str:
    """The content key holding how each of ``criteria_field``'s criteria is assessed."""
    return f"{criteria_field}_assessment"


def assessments(content: dict, criteria_field: str) -> list[str]:
    """One assessment method per criterion (``""`` where none is chosen), whatever
    the content holds: older drafts have none, and unknown values are dropped."""
    methods = list(content.get(assessment_field(criteria_field)) or ())
    rows = content.get(criteria_field) or ()
    methods = [m if m in ASSESSMENT_LABELS else "" for m in methods[: len(rows)]]
    return methods + [""] * (len(rows) - len(methods))


def with_assessment_label(text: str, label: str) -> str:
    """A criterion as lists show it: with how it will be assessed (``label``), if chosen."""
    return f"{text} ({ASSESSMENT_HEADING}: {label.lower()})" if label else text


def criterion_with_assessment(text: str, method: str) -> str:
    """``with_assessment_label`` for a stored method (a key of ``ASSESSMENT_METHODS``)."""
    return with_assessment_label(text, ASSESSMENT_LABELS.get(method, "") if method else "")


# NHS Jobs has one box for the whole person specification, both lists together.
PERSON_SPECIFICATION_BOX = _box("person_specification")
MAX_ESSENTIAL = MAX_ESSENTIAL_CRITERIA  # more is a warning: see analysis/structure.py

FIELDS = {field.name: field for field in DRAFT_FIELDS}
FIELD_LABELS = {field.name: field.label for field in DRAFT_FIELDS}
TEXT_FIELDS = tuple(field.name for field in DRAFT_FIELDS if field.kind != CRITERIA)
CRITERIA_FIELDS = tuple(field.name for field in DRAFT_FIELDS if field.kind == CRITERIA)
CHECKED_FIELDS = tuple(field.name for field in DRAFT_FIELDS if field.checked)
KEY_FACT_FIELDS = tuple(field.name for field in DRAFT_FIELDS if field.key_fact)
REQUIRED_FIELDS = tuple(field.name for field in DRAFT_FIELDS if field.required)
# The sections of a job description after its key facts, in the order a candidate reads them.
SECTION_FIELDS = tuple(field.name for field in DRAFT_FIELDS if field.kind == TEXT)


ASSESSMENT_FIELDS = tuple(assessment_field(name) for name in CRITERIA_FIELDS)
# Every key of a draft's content, as the database stores it.
STORED_FIELDS = (*TEXT_FIELDS, *CRITERIA_FIELDS, *ASSESSMENT_FIELDS)


def empty_content() -> dict:
    """A draft's content with every field empty."""
    content = {field.name: [] if field.kind == CRITERIA else "" for field in DRAFT_FIELDS}
    content.update({name: [] for name in ASSESSMENT_FIELDS})
    return content
