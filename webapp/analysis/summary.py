"""A summary a person can act on: counts per category and the three most important fixes.

There is no 0–100 score: nobody could say what a point means. Instead:

  * each category's count of findings in the title and the writer's own text
    (not dismissed), with how many are warnings, and the count in standard text;
  * the three most important fixes: warnings before notes, then by the category's
    rank (``categories.py``: wording that could be seen as discriminatory first),
    then by position; one per rule, so one repeated word does not fill the list.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from .categories import CATEGORIES, BY_ID
from .model import STANDARD, WARNING, CategoryCount, Finding, Passage, Summary

TOP_FIXES = 3


def summarise(findings: Iterable[Finding], passages: Sequence[Passage], standard_words: int) -> Summary:
    findings = list(findings)
    counts = []
    for category in CATEGORIES:
        mine = [f for f in findings if f.category == category.id]
        counting = [f for f in mine if f.counts]
        counts.append(CategoryCount(
            category=category.id,
            label=category.label,
            count=len(counting),
            warnings=sum(f.severity == WARNING for f in counting),
            standard=sum(1 for f in mine if f.part == STANDARD and f.dismissed is None),
        ))
    ranked = sorted(
        (f for f in findings if f.counts),
        key=lambda f: (f.severity != WARNING, BY_ID[f.category].rank if f.category in BY_ID else 99, f.start),
    )
    top, rules = [], set()
    for finding in ranked:
        if finding.rule_id in rules or (finding.severity != WARNING and BY_ID[finding.category].id == "feminine-coded"):
            continue
        rules.add(finding.rule_id)
        top.append(finding)
        if len(top) == TOP_FIXES:
            break
    standard = [p for p in passages if p.part == STANDARD]
    return Summary(
        counts=tuple(counts),
        top_fixes=tuple(top),
        standard_passages=len(standard),
        standard_words=standard_words,
    )
