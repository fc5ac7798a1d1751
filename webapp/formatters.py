"""Plain functions used as Jinja filters."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from .analysis.categories import BY_ID, CATEGORIES

# A finding used in many places links to the first few of them ("Where: 1, 2, …");
# the rest are highlighted all the same. Bounds the results for a very long advert.
MAX_PLACES_LISTED = 10

# Every time a person sees is UK time; the database stores UTC without a zone.
DISPLAY_TIMEZONE = ZoneInfo("Europe/London")


def local_time(moment: datetime, fmt: str = "%-d %B %Y at %H:%M") -> str:
    """A stored UTC time (naive, as the database keeps it) as UK time."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(DISPLAY_TIMEZONE).strftime(fmt)


def now_local() -> datetime:
    return datetime.now(DISPLAY_TIMEZONE)


def number(value: int) -> str:
    return f"{value:,}"


def percent(value: float) -> str:
    """A share of words, to one decimal place ("0.8%")."""
    return f"{value:.1f}%"


def pluralise(count: int, singular: str, plural: str | None = None) -> str:
    word = singular if count == 1 else (plural or singular + "s")
    return f"{count:,} {word}"


VERDICT_HEADINGS = {
    "strongly masculine-coded": "This advert is strongly masculine-coded",
    "masculine-coded": "This advert is masculine-coded",
    "neutral": "This advert is neutral",
    "feminine-coded": "This advert is feminine-coded",
    "strongly feminine-coded": "This advert is strongly feminine-coded",
    "empty": "No gender-coded words found",
}

VERDICT_EXPLANATIONS = {
    "strongly masculine-coded": (
        "It uses far more masculine-coded words than feminine-coded ones. In the research, "
        "women found adverts like this less appealing and expected to belong less in the job. "
        "Try the alternatives below."
    ),
    "masculine-coded": (
        "It uses more masculine-coded words than feminine-coded ones. In the research, women "
        "found adverts like this less appealing and expected to belong less in the job. "
        "Try the alternatives below."
    ),
    "neutral": (
        "It uses about as many masculine-coded words as feminine-coded ones, so its gendered "
        "wording is balanced."
    ),
    "feminine-coded": (
        "It uses more feminine-coded words than masculine-coded ones. The research found that "
        "masculine-coded words make jobs less appealing to women; it did not find the same of "
        "these words. Neutral wording suits everyone best."
    ),
    "strongly feminine-coded": (
        "It uses far more feminine-coded words than masculine-coded ones. The research found that "
        "masculine-coded words make jobs less appealing to women; it did not find the same of "
        "these words. Neutral wording suits everyone best."
    ),
    "empty": (
        "None of the words on the research lists are in this advert. That is a good sign, "
        "but the check only looks for these words."
    ),
}


def verdict_heading(verdict: str) -> str:
    return VERDICT_HEADINGS[verdict]


def verdict_explanation(verdict: str) -> str:
    return VERDICT_EXPLANATIONS[verdict]


def live_summary(report) -> str:
    """One sentence for the screen-reader status region."""
    gender = report.gender
    summary = report.summary
    things = ""
    if summary is not None:
        things = f"{pluralise(summary.total, 'thing')} to look at, {pluralise(summary.warnings, 'warning')}. "
    return (
        f"{things}{VERDICT_HEADINGS[gender.verdict]}: {pluralise(gender.masculine_count, 'masculine-coded word')}, "
        f"{pluralise(gender.feminine_count, 'feminine-coded word')}, in {pluralise(gender.word_count, 'word')} of your own."
    )


def short_summary(report) -> str:
    """A few words for the check bar on a phone: how many things, how many warnings."""
    summary = report.summary
    if summary is None or not summary.total:
        return "Nothing to fix"
    warnings = f", {pluralise(summary.warnings, 'warning')}" if summary.warnings else ""
    return f"{pluralise(summary.total, 'thing')} to look at{warnings}"


def joined_with_and(items) -> str:
    """["a"] -> "a"; ["a", "b", "c"] -> "a, b and c"."""
    items = list(items)
    return ", ".join(items[:-1]) + " and " + items[-1] if len(items) > 1 else "".join(items)


def category_label(category_id: str) -> str:
    return BY_ID[category_id].label if category_id in BY_ID else category_id


def highlight_class(finding) -> str:
    """CSS classes for a highlighted finding: its kind, and how serious it is."""
    if finding.category == "masculine-coded":
        return "app-coded app-coded--masculine"
    if finding.category == "feminine-coded":
        return "app-coded app-coded--feminine"
    return f"app-coded app-coded--{finding.severity}"


def zip_items(texts, values) -> list[dict]:
    """Checkbox items for the NHS macro from parallel lists of labels and values."""
    return [{"text": text, "value": value} for text, value in zip(texts, values)]


@dataclass(frozen=True, slots=True)
class FindingEntry:
    """One entry of a findings list: its first ``finding``, where its mark is in the
    highlighted copy (``anchor``) and in the box (``link``, a Highlight), and, when
    the same words are used more than once, ``places``: (anchor, link) of each."""

    finding: object
    anchor: str | None
    link: object
    places: tuple = ()


def by_category(findings, same_words_together: bool = False, anchors=None, links=None) -> list[tuple]:
    """Findings grouped by category, in the registry's order: [(category, count,
    [FindingEntry, …])]. Each entry is one finding, or, with ``same_words_together``,
    every finding of one rule on the same words (the same word used five times is
    one entry with five places, not five explanations). ``anchors`` and ``links``
    map (start, end, rule) to the finding's mark in the highlighted copy and its
    Highlight in the box. One pass in Python: the same loop in the template took
    about 1 ms of every live check of a 10,000-word advert."""
    anchors = anchors or {}
    links = links or {}
    groups: dict[str, dict] = {}
    for finding in findings:
        entries = groups.setdefault(finding.category, {})
        key = (finding.rule_id, finding.text.lower()) if same_words_together and finding.text else id(finding)
        entries.setdefault(key, []).append(finding)

    def entry(same: list) -> FindingEntry:
        keys = [(f.start, f.end, f.rule_id) for f in same]
        places = tuple((anchors.get(k), links.get(k)) for k in keys) if len(same) > 1 else ()
        return FindingEntry(same[0], anchors.get(keys[0]), links.get(keys[0]), places)

    return [(category, sum(map(len, groups[category.id].values())), [entry(same) for same in groups[category.id].values()])
            for category in CATEGORIES if category.id in groups]
