"""A job description as a format-neutral document: key facts, sections of paragraphs
and bullet lists, and the person specification grouped for the table."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from datetime import datetime

from ..draft_fields import (
    ASSESSMENT_LABELS,
    FIELD_LABELS,
    KEY_FACT_FIELDS,
    SECTION_FIELDS,
    assessments,
    with_assessment_label,
)

BULLET_PREFIX = re.compile(r"^\s*(?:[\u2022\u2023\u25e6\u2043\u2219*\-–]\s+)")
PERSON_SPEC_GROUPS = ("Qualifications", "Experience", "Knowledge and skills")
# A criterion is filed under a group by the words it uses; anything else is a skill.
_QUALIFICATION_WORDS = re.compile(
    r"\b(qualifi\w*|degree|diploma|certificat\w*|registration|registered|membership|training|chartered|accredit\w*)\b",
    re.IGNORECASE,
)
_EXPERIENCE_WORDS = re.compile(r"\b(experience[ds]?|track record|worked|working with)\b", re.IGNORECASE)
# Characters that must not reach a document: C0/C1 controls other than tab and newline.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


# Every document's page margin, in millimetres: Word and PDF alike.
PAGE_MARGIN_MM = 20


class DocumentTooLarge(ValueError):
    """The document is too large to render in the time a request may take (see the
    limits in pdf.py). The message says why, for the person who asked for it; the
    caller says what to do instead."""


@dataclass(frozen=True)
class Paragraph:
    text: str


@dataclass(frozen=True)
class BulletList:
    items: tuple[str, ...]


@dataclass(frozen=True)
class Subheading:
    text: str


Block = Paragraph | BulletList | Subheading


@dataclass(frozen=True)
class Section:
    heading: str
    blocks: tuple[Block, ...]


@dataclass(frozen=True)
class PersonSpecGroup:
    name: str
    essential: tuple[str, ...]
    desirable: tuple[str, ...]
    # How each criterion will be assessed, in the same order ("" where not chosen).
    essential_assessed: tuple[str, ...] = ()
    desirable_assessed: tuple[str, ...] = ()

    def rows(self) -> list[tuple[str, str, str]]:
        """(criterion, "Essential" or "Desirable", how it will be assessed) for each criterion."""
        return [(text, label, method)
                for label, texts, methods in (("Essential", self.essential, self.essential_assessed),
                                              ("Desirable", self.desirable, self.desirable_assessed))
                for text, method in zip(texts, (*methods, *("",) * (len(texts) - len(methods))))]

    def listed(self, kind: str) -> tuple[str, ...]:
        """The essential or desirable criteria as a list shows them: each with how it
        will be assessed, when that is chosen."""
        return tuple(with_assessment_label(text, method) for text, label, method in self.rows() if label.lower() == kind)


@dataclass(frozen=True)
class JobDocument:
    title: str
    organisation: str
    author: str
    key_facts: tuple[tuple[str, str], ...]
    sections: tuple[Section, ...]
    person_spec: tuple[PersonSpecGroup, ...]
    created: datetime = field(default_factory=datetime.now)

    @property
    def assessed(self) -> bool:
        """Whether any criterion says how it will be assessed: the person specification
        table then has a column for it."""
        return any(method for group in self.person_spec for *_, method in group.rows())


def clean(text: str) -> str:
    """Text safe for any document format: NFC, no control characters, Unix newlines."""
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
    return _CONTROL.sub("", text)


def blocks_from_text(text: str) -> tuple[Block, ...]:
    """Paragraphs split on blank lines; "• " lines become bullet lists; a short first line
    followed by more lines (as the templates write "Flexible working\\n…") a subheading."""
    blocks: list[Block] = []
    for chunk in re.split(r"\n\s*\n", clean(text).strip()):
        lines = [line.rstrip() for line in chunk.split("\n") if line.strip()]
        if not lines:
            continue
        if (
            len(lines) > 1
            and len(lines[0]) <= 100
            and not BULLET_PREFIX.match(lines[0])
            and not lines[0].rstrip().endswith((".", ":", ";", ",", "!", "?"))
        ):
            blocks.append(Subheading(lines[0].strip()))
            lines = lines[1:]
        paragraph: list[str] = []
        bullets: list[str] = []
        for line in lines:
            if BULLET_PREFIX.match(line):
                if paragraph:
                    blocks.append(Paragraph(" ".join(paragraph)))
                    paragraph = []
                bullets.append(BULLET_PREFIX.sub("", line).strip())
            else:
                if bullets:
                    blocks.append(BulletList(tuple(bullets)))
                    bullets = []
                paragraph.append(line.strip())
        if paragraph:
            blocks.append(Paragraph(" ".join(paragraph)))
        if bullets:
            blocks.append(BulletList(tuple(bullets)))
    return tuple(blocks)


def person_spec_group(criterion: str) -> str:
    if _QUALIFICATION_WORDS.search(criterion):
        return "Qualifications"
    if _EXPERIENCE_WORDS.search(criterion):
        return "Experience"
    return "Knowledge and skills"


def group_person_spec(essential, desirable, essential_assessed=(), desirable_assessed=()) -> tuple[PersonSpecGroup, ...]:
    """The criteria grouped for the table, each with its assessment method's label."""
    def pairs(criteria, methods):
        methods = (*methods, *("",) * (len(criteria) - len(methods)))
        return [(c, ASSESSMENT_LABELS.get(m, "") if m else "") for c, m in zip(criteria, methods)]

    essential, desirable = pairs(essential, essential_assessed), pairs(desirable, desirable_assessed)
    groups = []
    for name in PERSON_SPEC_GROUPS:
        e = [(clean(c), m) for c, m in essential if person_spec_group(c) == name]
        d = [(clean(c), m) for c, m in desirable if person_spec_group(c) == name]
        if e or d:
            groups.append(PersonSpecGroup(name, tuple(c for c, _ in e), tuple(c for c, _ in d),
                                          tuple(m for _, m in e), tuple(m for _, m in d)))
    return tuple(groups)


def job_document(content: dict, *, organisation: str = "", author: str = "", contact: str = "",
                 created: datetime | None = None) -> JobDocument:
    """Build the document from a draft's content (the dict ``Draft.content()`` returns)."""
    facts = [(FIELD_LABELS[key], clean(content.get(key, "")).strip()) for key in KEY_FACT_FIELDS]
    if contact and not content.get("contact", "").strip():  # the draft's own contact comes first
        facts.append(("Contact", clean(contact)))
    sections = tuple(
        Section(FIELD_LABELS[key], blocks_from_text(content.get(key, "")))
        for key in SECTION_FIELDS
        if content.get(key, "").strip()
    )
    return JobDocument(
        title=clean(content.get("job_title", "")).strip() or "Job description",
        organisation=clean(organisation),
        author=clean(author),
        key_facts=tuple((label, value) for label, value in facts if value),
        sections=sections,
        person_spec=group_person_spec(content.get("essential", []), content.get("desirable", []),
                                      assessments(content, "essential"), assessments(content, "desirable")),
        created=created or datetime.now(),
    )


def safe_filename(title: str, extension: str) -> str:
    """A file name that every operating system accepts: ASCII letters, digits and hyphens,
    at most 80 characters before the extension, never a reserved Windows name."""
    ascii_title = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    stem = re.sub(r"[^A-Za-z0-9]+", "-", ascii_title).strip("-")[:80].strip("-") or "job-description"
    if stem.upper() in {"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(1, 10)), *(f"LPT{i}" for i in range(1, 10))}:
        stem = f"{stem}-job-description"
    return f"{stem}.{extension}"
