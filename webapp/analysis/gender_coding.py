"""Gender-coded wording (Gaucher, Friesen & Kay 2011) with a length-independent verdict.

How a word is matched
  * ``exact`` entries match the whole word only, as in the paper's Appendix A
    (so "confidential" is not "confident" and "objectives" is not "objective").
    A possessive "'s" is ignored.
  * ``prefix`` entries (the paper's ``*``) match any word that starts with the stem.
  * A hyphenated word is first matched whole against the hyphenated stems
    ("self-confident", "co‑operative"); otherwise each hyphen-separated part is
    matched on its own ("data-driven" flags "driven").
  * Each word (or part) counts once, against one entry: an exact entry first,
    else the longest prefix.
  * A coded word inside a context exception ("Active Directory", "competitive
    salary", framework skill names) is not flagged. Phrases match across spaces and
    hyphens as the phrase has them (a wrapped line counts as a space), never across
    a blank line or other punctuation.
  * Nor is one inside an organisation's name or a job name, or a role noun that
    names a job ("clinical leads", "Data Analysts"): see ``context.py``.

How the verdict is worked out (documented on the "About the check" page)
  * It speaks about the words the writer chose: the job title and the writer's
    own text. Coded words in the organisation's standard text (NHS values, the
    definition of digital, the equality statement) are listed and counted
    separately, and never move it; nor do findings someone dismissed.
  * No coded words: ``empty`` ("no gender-coded words found").
  * Otherwise the lean is (F − M) / (F + M), from −1 (all masculine) to 1 (all
    feminine). Within ±0.1 of zero the advert is ``neutral``.
  * It is ``strongly`` coded when one side has at least three times the other's
    words (|lean| ≥ 0.5) *and* the difference is at least 1 % of all words (the
    paper's adverts averaged 0.6 % to 1.1 % coded words, so a 1 point gap is large).
  * Every rule is a ratio, so the same advert pasted twice gets the same verdict.
    Gender Decoder uses the raw difference (more than 3 = "strongly"), which turns
    every long advert "strongly" coded.
"""

from __future__ import annotations

import re
from collections import Counter

from .model import (
    FEMININE,
    INFO,
    MASCULINE,
    STANDARD,
    WARNING,
    Finding,
    GenderCoding,
    WordGroup,
)
from .text import Part, Word, tokenize
from .wordlists import CodedWord, WordLists, normalise_gap, strip_possessive

STRONGLY_FEMININE = "strongly feminine-coded"
FEMININE_CODED = "feminine-coded"
NEUTRAL = "neutral"
MASCULINE_CODED = "masculine-coded"
STRONGLY_MASCULINE = "strongly masculine-coded"
EMPTY = "empty"
# Gender Decoder's labels, most feminine first, plus "empty".
VERDICTS = (STRONGLY_FEMININE, FEMININE_CODED, NEUTRAL, MASCULINE_CODED, STRONGLY_MASCULINE, EMPTY)

# Thresholds as integer ratios so that doubling a text can never move a verdict
# through floating-point rounding.
NEUTRAL_LEAN = (1, 10)  # |F − M| ≤ 1/10 of coded words -> neutral
STRONG_LEAN = (1, 2)  # |F − M| ≥ 1/2 of coded words …
STRONG_GAP = (1, 100)  # … and ≥ 1/100 of all words -> strongly

SEVERITY = {MASCULINE: WARNING, FEMININE: INFO}
MESSAGES = {
    MASCULINE: (
        "Masculine-coded word. In Gaucher, Friesen and Kay’s studies, adverts with more "
        "words like this were less appealing to women, who felt they would belong less."
    ),
    FEMININE: (
        "Feminine-coded word. The same studies found words like this about as often in "
        "adverts for jobs mostly done by men as by women, so you do not need to remove them."
    ),
}

# A phrase never runs across a paragraph break.
_BLANK_LINE = re.compile(r"\n\s*\n")
_EXCEPTION_WINDOW = 64  # longer than the longest exception phrase (tested)


def coded_parts(word: Word, wordlists: WordLists) -> list[tuple[Part | Word, Part | Word, CodedWord]]:
    """The coded stretches of one word: (first part, last part, entry). A compound
    matches a hyphenated entry whole, else each part on its own."""
    if word.subparts:
        entry = wordlists.hyphenated_lookup(word.norm)
        if entry is not None:
            return [(word.subparts[0], word.subparts[-1], entry)]
        return [(p, p, e) for p in word.subparts if (e := wordlists.lookup(p.norm)) is not None]
    entry = wordlists.lookup(word.norm)
    return [] if entry is None else [(word, word, entry)]


def inside_exception(text: str, lower: str, start: int, end: int, norm: str, wordlists: WordLists) -> bool:
    """Whether the word part ``text[start:end]`` (normalised ``norm``) belongs to a
    context-exception phrase ("Active Directory", "competitive salary"). Only the
    phrases with this word are tried, as one pattern, in a short window around it."""
    patterns = wordlists.exception_patterns.get(norm)
    if not patterns:
        return False
    begin = max(0, start - _EXCEPTION_WINDOW)
    stop = min(len(text), end + _EXCEPTION_WINDOW)
    for pattern, source in zip(patterns, (lower, text)):
        if pattern is None:
            continue
        position = begin
        while (match := pattern.search(source, position, stop)) is not None and match.start() <= start:
            if end <= match.end() and not (match.start() and source[match.start() - 1].isalnum()):
                return True
            position = match.start() + 1
    return False


def coded_stretches(word_text: str, wordlists: WordLists, memo: dict) -> tuple:
    """The coded stretches of a word, as (start, end, first part's norm, entry)
    relative to the word, remembered by the word's text between calls (bounded):
    a long advert's hundredth "support" costs one dictionary look-up."""
    found = memo.get(word_text)
    if found is None:
        if len(memo) > 50_000:
            memo.clear()
        words = tokenize(word_text)
        found = tuple(
            (first.start, last.end, first.norm, entry)
            for word in words[:1]
            for first, last, entry in coded_parts(word, wordlists)
        )
        if len(word_text) <= 64:  # a pathological compound is not kept
            memo[word_text] = found
    return found


def coded_finding(text: str, start: int, end: int, entry: CodedWord, **where) -> Finding:
    """The finding for a coded word; ``where`` gives its part, section and field."""
    return _finding(text, start, end, entry, **where)


def _inside_exception(text: str, parts: list[Part], index: int, wordlists: WordLists) -> bool:
    """Whether parts[index] belongs to an occurrence of a context-exception phrase."""
    for exception, position in wordlists.exceptions_by_part.get(parts[index].norm, ()):
        begin = index - position
        end = begin + len(exception.parts)
        if begin < 0 or end > len(parts):
            continue
        window = parts[begin:end]
        if exception.match_case:
            same = tuple(strip_possessive(p.text) for p in window) == exception.parts
        else:
            same = tuple(p.norm for p in window) == exception.parts
        if same and all(
            normalise_gap(gap := text[a.end : b.start]) == want and not _BLANK_LINE.search(gap)
            for a, b, want in zip(window, window[1:], exception.gaps)
        ):
            return True
    return False


def _finding(text: str, start: int, end: int, entry: CodedWord, **where) -> Finding:
    return Finding(
        rule_id=entry.rule_id,
        category=entry.category,
        severity=SEVERITY[entry.category],
        start=start,
        end=end,
        text=text[start:end],
        message=MESSAGES[entry.category],
        suggestions=entry.suggestions,
        source=entry.source,
        note=entry.note,
        **where,
    )


def verdict(masculine: int, feminine: int, word_count: int) -> str:
    coded = masculine + feminine
    if coded == 0:
        return EMPTY
    gap = abs(feminine - masculine)
    if gap * NEUTRAL_LEAN[1] <= coded * NEUTRAL_LEAN[0]:
        return NEUTRAL
    strong = (
        gap * STRONG_LEAN[1] >= coded * STRONG_LEAN[0]
        and gap * STRONG_GAP[1] >= word_count * STRONG_GAP[0]
    )
    if feminine > masculine:
        return STRONGLY_FEMININE if strong else FEMININE_CODED
    return STRONGLY_MASCULINE if strong else MASCULINE_CODED


def gender_coding(findings, word_count: int, wordlists: WordLists) -> GenderCoding:
    """The verdict on the findings that count (title and the writer's own text, not
    dismissed) over ``word_count`` words of that text."""
    masculine = [f for f in findings if f.category == MASCULINE and f.counts]
    feminine = [f for f in findings if f.category == FEMININE and f.counts]
    standard = [f for f in findings if f.part == STANDARD and f.dismissed is None]
    share = (lambda n: 100.0 * n / word_count) if word_count else (lambda n: 0.0)
    return GenderCoding(
        verdict=verdict(len(masculine), len(feminine), word_count),
        masculine_count=len(masculine),
        feminine_count=len(feminine),
        word_count=word_count,
        masculine_share=share(len(masculine)),
        feminine_share=share(len(feminine)),
        masculine_words=group_findings(masculine, wordlists),
        feminine_words=group_findings(feminine, wordlists),
        standard_masculine_count=sum(f.category == MASCULINE for f in standard),
        standard_feminine_count=sum(f.category == FEMININE for f in standard),
    )


def group_findings(findings: list[Finding], wordlists: WordLists) -> tuple[WordGroup, ...]:
    """Findings grouped by word-list entry, most frequent first, then by first position."""
    by_rule: dict[str, list[Finding]] = {}
    for finding in findings:
        by_rule.setdefault(finding.rule_id, []).append(finding)
    groups = []
    for rule_id, members in by_rule.items():
        entry = wordlists.by_rule_id.get(rule_id)
        forms = Counter(f.text.lower() for f in members)
        first = members[0]
        groups.append(
            WordGroup(
                rule_id=rule_id,
                category=first.category,
                # A word an organisation added is shown as its phrase.
                stem=entry.stem if entry else rule_id.split("/", 1)[-1],
                match=entry.match if entry else "phrase",
                forms=tuple(forms.most_common()),
                count=len(members),
                suggestions=first.suggestions,
                source=first.source,
                note=first.note,
                first_start=first.start,
            )
        )
    groups.sort(key=lambda g: (-g.count, g.first_start))
    return tuple(groups)
