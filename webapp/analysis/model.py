"""Frozen result types shared by every check, and the advert model they rest on.

An advert is one text cut into passages, each belonging to a part:
``title`` (the job title), ``own`` (the writer's own words: summary, duties,
person specification …) or ``standard`` (the organisation's fixed statements:
NHS values, the definition of digital, equality and flexible-working statements,
about us). The verdict and counts speak about the title and the writer's own
text; findings in standard text are still listed, in their own group.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

from .categories import FEMININE, MASCULINE

__all__ = ["FEMININE", "MASCULINE"]  # re-exported: older imports name them here

# Severities, least to most serious. "info" is worth knowing but not a problem;
# "warning" is wording the writer should reconsider.
INFO = "info"
WARNING = "warning"
SEVERITIES = (INFO, WARNING)

TITLE = "title"
OWN = "own"
STANDARD = "standard"
PARTS = (TITLE, OWN, STANDARD)
PART_LABELS = {
    TITLE: "in the job title",
    OWN: "in your own text",
    STANDARD: "in your organisation's standard text",
}


@dataclass(frozen=True, slots=True)
class Passage:
    """``text[start:end]`` is one stretch of the advert, all in one part."""

    start: int
    end: int
    part: str
    section: str = ""  # the heading or draft field it sits under, for people
    field: str = ""  # the draft field it came from, when the advert is a draft


@dataclass(frozen=True, slots=True)
class Advert:
    """A text and the passages it is made of, in order, covering all of it that
    has words. ``parts_known`` is true when the caller said which part is which
    (a draft's fields, an API caller's title and standard text)."""

    text: str
    passages: tuple[Passage, ...]
    parts_known: bool = False
    # Facts the writer gave outside the text (a draft's band, salary, closing date).
    facts: tuple[tuple[str, str], ...] = ()
    digital_role: bool = True
    # The person specification, when the advert knows it (a draft's criteria).
    essential: tuple[str, ...] | None = None
    # Whether lines with a standard statement's marker become standard text
    # (not when the caller named the standard text itself).
    find_standard_text: bool = True


@dataclass(frozen=True, slots=True)
class Finding:
    """One flagged stretch of the checked text: ``text == original[start:end]``.
    A finding about the advert as a whole (a missing statement) has
    ``start == end`` at the place the fix belongs, and ``text == ""``."""

    rule_id: str
    category: str
    severity: str
    start: int
    end: int
    text: str
    message: str
    suggestions: tuple[str, ...]
    source: str
    note: str = ""
    part: str = OWN
    section: str = ""
    field: str = ""
    dismissed: str | None = None  # the reason, when someone dismissed it

    @property
    def key(self) -> str:
        """What a dismissal names: the rule and the words, wherever they are in the
        draft. Long words (a whole sentence) are named by a hash, so a key stays short."""
        words = " ".join(self.text.lower().split())
        if len(words) > 60:
            words = "#" + hashlib.sha256(words.encode()).hexdigest()[:20]
        return f"{self.rule_id[:200]}|{words}"

    @property
    def counts(self) -> bool:
        """Whether it counts towards the verdict and summary (writer's text, not dismissed)."""
        return self.part != STANDARD and self.dismissed is None

    def to_dict(self) -> dict:
        return {
            "rule_id": self.rule_id,
            "category": self.category,
            "severity": self.severity,
            "part": self.part,
            "section": self.section,
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "message": self.message,
            "suggestions": list(self.suggestions),
            "source": self.source,
            "note": self.note,
            "dismissed": self.dismissed,
        }


@dataclass(frozen=True, slots=True)
class WordGroup:
    """Every finding of one word-list entry, for the grouped list of flagged words."""

    rule_id: str
    category: str
    stem: str
    match: str
    forms: tuple[tuple[str, int], ...]  # (word as written, lower-cased; times found)
    count: int
    suggestions: tuple[str, ...]
    source: str
    note: str
    first_start: int


@dataclass(frozen=True, slots=True)
class GenderCoding:
    """The gender-coding verdict and the figures it rests on: the title and the
    writer's own text. Standard text is counted separately and never moves it."""

    verdict: str
    masculine_count: int
    feminine_count: int
    word_count: int
    # The paper's own measure: coded words as a percentage of all words.
    masculine_share: float
    feminine_share: float
    masculine_words: tuple[WordGroup, ...] = ()
    feminine_words: tuple[WordGroup, ...] = ()
    standard_masculine_count: int = 0
    standard_feminine_count: int = 0

    def to_dict(self) -> dict:
        return {
            "verdict": self.verdict,
            "masculine_count": self.masculine_count,
            "feminine_count": self.feminine_count,
            "word_count": self.word_count,
            "masculine_share_percent": round(self.masculine_share, 3),
            "feminine_share_percent": round(self.feminine_share, 3),
            "masculine_words": [_group_dict(g) for g in self.masculine_words],
            "feminine_words": [_group_dict(g) for g in self.feminine_words],
            "standard_text": {
                "masculine_count": self.standard_masculine_count,
                "feminine_count": self.standard_feminine_count,
            },
        }


def _group_dict(group: WordGroup) -> dict:
    return {
        "stem": group.stem,
        "match": group.match,
        "count": group.count,
        "forms": [{"text": text, "count": count} for text, count in group.forms],
    }


@dataclass(frozen=True, slots=True)
class Readability:
    """Figures for the writer's own text (person-specification rows count as sentences)."""

    words: int
    sentences: int
    syllables: int
    grade: float | None  # Flesch–Kincaid grade level; None when there is too little text
    reading_age: int | None  # UK reading age: the grade plus 5, rounded
    long_sentences: int  # over 25 words
    method: str = "Flesch–Kincaid grade level, plus 5 for a UK reading age"

    def to_dict(self) -> dict:
        return {
            "method": self.method,
            "words": self.words,
            "sentences": self.sentences,
            "syllables": self.syllables,
            "grade": None if self.grade is None else round(self.grade, 1),
            "reading_age": self.reading_age,
            "long_sentences": self.long_sentences,
        }


@dataclass(frozen=True, slots=True)
class CategoryCount:
    category: str
    label: str
    count: int  # findings that count (writer's text, not dismissed)
    warnings: int
    standard: int  # findings in standard text, listed separately


@dataclass(frozen=True, slots=True)
class Summary:
    """What a person can act on: counts per category and the most important fixes."""

    counts: tuple[CategoryCount, ...]
    top_fixes: tuple[Finding, ...]
    standard_passages: int  # how many passages were treated as standard text
    standard_words: int

    @property
    def total(self) -> int:
        return sum(c.count for c in self.counts)

    @property
    def warnings(self) -> int:
        return sum(c.warnings for c in self.counts)

    def to_dict(self) -> dict:
        return {
            "findings": self.total,
            "warnings": self.warnings,
            "by_category": {c.category: c.count for c in self.counts},
            "in_standard_text": {c.category: c.standard for c in self.counts if c.standard},
            "top_fixes": [
                {"category": f.category, "text": f.text, "message": f.message,
                 "suggestions": list(f.suggestions), "start": f.start, "end": f.end}
                for f in self.top_fixes
            ],
            "standard_text_words": self.standard_words,
        }


@dataclass(frozen=True, slots=True)
class Report:
    """Everything one check of an advert found."""

    word_count: int
    gender: GenderCoding
    findings: tuple[Finding, ...] = field(default_factory=tuple)
    wordlist_version: str = ""
    passages: tuple[Passage, ...] = ()
    readability: Readability | None = None
    summary: Summary | None = None

    def in_part(self, *parts: str) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.part in parts)

    @property
    def own_findings(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.counts)

    @property
    def standard_findings(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.part == STANDARD and f.dismissed is None)

    @property
    def dismissed_findings(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.dismissed is not None)

    def to_dict(self) -> dict:
        return {
            "word_count": self.word_count,
            "summary": self.summary.to_dict() if self.summary else None,
            "gender": self.gender.to_dict(),
            "readability": self.readability.to_dict() if self.readability else None,
            "parts": [
                {"part": p.part, "section": p.section, "start": p.start, "end": p.end}
                for p in self.passages
            ],
            "findings": [f.to_dict() for f in self.findings],
            "wordlist_version": self.wordlist_version,
        }
