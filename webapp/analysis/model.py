"""Frozen result types shared by every check.

Findings carry a category and a severity from the start, so later checks (age,
disability, jargon, structure …) add categories without changing this shape.
"""

from __future__ import annotations

from dataclasses import dataclass, field

MASCULINE = "masculine-coded"
FEMININE = "feminine-coded"

# Severities, least to most serious. "info" is worth knowing but not a problem;
# "warning" is wording the writer should reconsider.
INFO = "info"
WARNING = "warning"
SEVERITIES = (INFO, WARNING)


@dataclass(frozen=True, slots=True)
class Finding:
    """One flagged stretch of the checked text: ``text == original[start:end]``."""

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

    def to_dict(self) -> dict:
        return {
            "rule_id": self.rule_id,
            "category": self.category,
            "severity": self.severity,
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "message": self.message,
            "suggestions": list(self.suggestions),
            "source": self.source,
            "note": self.note,
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
    """The gender-coding verdict and the figures it rests on."""

    verdict: str
    masculine_count: int
    feminine_count: int
    word_count: int
    # The paper's own measure: coded words as a percentage of all words.
    masculine_share: float
    feminine_share: float
    masculine_words: tuple[WordGroup, ...] = ()
    feminine_words: tuple[WordGroup, ...] = ()

    def to_dict(self) -> dict:
        return {
            "verdict": self.verdict,
            "masculine_count": self.masculine_count,
            "feminine_count": self.feminine_count,
            "masculine_share_percent": round(self.masculine_share, 3),
            "feminine_share_percent": round(self.feminine_share, 3),
            "masculine_words": [_group_dict(g) for g in self.masculine_words],
            "feminine_words": [_group_dict(g) for g in self.feminine_words],
        }


def _group_dict(group: WordGroup) -> dict:
    return {
        "stem": group.stem,
        "match": group.match,
        "count": group.count,
        "forms": [{"text": text, "count": count} for text, count in group.forms],
    }


@dataclass(frozen=True, slots=True)
class Report:
    """Everything one check of a text found."""

    word_count: int
    gender: GenderCoding
    findings: tuple[Finding, ...] = field(default_factory=tuple)
    wordlist_version: str = ""

    def to_dict(self) -> dict:
        return {
            "word_count": self.word_count,
            "gender": self.gender.to_dict(),
            "findings": [f.to_dict() for f in self.findings],
            "wordlist_version": self.wordlist_version,
        }
