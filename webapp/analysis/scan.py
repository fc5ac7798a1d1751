"""One pass over the text finds every place a check might apply.

Every list (gender-coded stems, the phrases of each category, acronyms and the
markers of standard statements) contributes the words its entries start with.
Those words are compiled into a single regular expression, factored as a
character trie, and run once over the lower-cased text. Only where it matches
(a few words in a hundred) does Python do any work: it looks the word up and
tries the few entries that start with it. Nothing is built for the other words,
which is what keeps all the checks together within twice the cost of one
compiled regex over the text (``benchmarks/benchmark_analysis.py`` measures it).

``str.lower`` keeps offsets for almost every text; when it does not (a handful
of characters such as "İ" lower-case to two), the same pattern runs on the
original text with ``re.IGNORECASE``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from . import phrases
from .text import _APOSTROPHES, _LETTER  # noqa: PLC2701

_PART_RE = re.compile(rf"{_LETTER}+(?:[{_APOSTROPHES}]{_LETTER}+)*")
_ENDINGS = ("'s", "s'", "es", "s")
# Words too common in adverts to scan for: a phrase that starts with one ("the
# successful candidate", "must be able to drive"), or with a word of one or two
# letters ("s/he"), is found from a longer, rarer word in it, and matched in a
# short window around that word.
COMMON_WORDS = frozenset(
    "a an and are as at be by can for from in is it job must not of on or our part per pro "
    "the they this to under we what will with work working you your able all any full time "
    "digital nhs data team service services people right own high off too new good first "
    "both going non need needs experience senior office culture over".split()
)
_WINDOW_BEFORE, _WINDOW_AFTER = 80, 160
_MEMO_LIMIT = 50_000


@dataclass(frozen=True, slots=True)
class Scanner:
    pattern: re.Pattern[str]  # on lower-cased text
    pattern_any_case: re.Pattern[str]  # the same, for text whose lower case changes length
    gender_stems: frozenset[str]
    gender_compound_heads: frozenset[str]  # "self" of "self-confiden*"
    gender_buckets: dict[str, tuple[int, ...]]  # first 3 letters -> stem lengths to try
    # A word a phrase is found from -> (rule or marker, finder). The finder is None
    # when the word starts the phrase (match there), else a pattern to search for
    # the phrase in a short window around the word.
    by_word: dict[str, tuple]
    by_prefix: dict[str, tuple]  # "ninja*" words
    prefix_lengths: tuple[int, ...]
    numbers: tuple  # phrases that start with a number
    acronyms: dict[str, tuple]  # first letters-and-digits run, lower case -> Acronyms
    # What each word part found before could start: kept between calls (bounded),
    # so a long advert's thousandth "support" costs one dictionary look-up.
    memo: dict = field(default_factory=dict)


def _key(word: str) -> str:
    return word.replace("\u2019", "'").replace("\u02bc", "'")


def build_scanner(*, gender_stems: Iterable[str], rules: Iterable, acronyms: Iterable,
                  statements: Iterable = ()) -> Scanner:
    """``rules`` and ``statements`` have ``.pattern`` (compiled from the phrase
    notation) and their phrase text in ``.phrase`` or ``.marker``."""
    heads: dict[str, bool] = {}  # literal -> whether it is a prefix
    by_word: dict[str, list] = {}
    by_prefix: dict[str, list] = {}
    numbers: list = []
    for item in [*rules, *statements]:
        tokens = phrases.parse(getattr(item, "phrase", None) or item.marker)
        for token, finder in _anchors(tokens, item.pattern):
            entry = (item, finder)
            if token.word == "#":
                numbers.append(entry)
                heads.update(dict.fromkeys(phrases.NUMBER_WORDS, False))
                continue
            word = _key(token.word)
            (by_prefix if token.prefix else by_word).setdefault(word, []).append(entry)
            literal = word.replace("'", phrases.ANY_APOSTROPHE)
            heads[literal] = heads.get(literal, False) or token.prefix
    stems = frozenset(_key(s) for s in gender_stems)
    for stem in stems:  # a compound stem is found from its first part and the hyphen
        literal = stem[: stem.index("-") + 2] if "-" in stem else stem
        heads[literal.replace("-", phrases.ANY_HYPHEN)] = True
    acronym_map: dict[str, list] = {}
    for acronym in acronyms:
        first = _PART_RE.match(acronym.acronym.lower())
        if first:
            acronym_map.setdefault(_key(first.group()), []).append(acronym)
    for acronym in acronyms:
        heads[acronym.acronym.lower().replace("-", phrases.ANY_HYPHEN)] = False
    # "\b" is one cheap test at each position; what it lets through that the
    # tokenizer would not call a word start (after an apostrophe inside a word)
    # is dropped in candidates().
    source = rf"\b(?:{phrases.trie_pattern(heads)}|[0-9])"
    return Scanner(
        pattern=re.compile(source),
        pattern_any_case=re.compile(source, re.IGNORECASE),
        gender_stems=stems,
        gender_compound_heads=frozenset(s.split("-")[0] for s in stems if "-" in s),
        gender_buckets=_buckets(stems),
        by_word={k: tuple(v) for k, v in by_word.items()},
        by_prefix={k: tuple(v) for k, v in by_prefix.items()},
        prefix_lengths=tuple(sorted({len(k) for k in by_prefix}, reverse=True)),
        numbers=tuple(numbers),
        acronyms={k: tuple(v) for k, v in acronym_map.items()},
    )


def _buckets(stems: frozenset[str]) -> dict[str, tuple[int, ...]]:
    buckets: dict[str, set[int]] = {}
    for stem in stems:
        buckets.setdefault(stem[:3], set()).add(len(stem))
    return {k: tuple(sorted(v, reverse=True)) for k, v in buckets.items()}


def _anchors(tokens, pattern: re.Pattern[str]):
    """The words a phrase is found from: its first word(s), or, when those are too
    common to scan for, its longest uncommon word (with a window search)."""
    starts = phrases.heads(tokens)
    if not any(t.word in COMMON_WORDS or (len(t.word) < 3 and t.word != "#") for t in starts):
        return [(t, None) for t in starts]
    rare = [t for t in tokens if not t.optional and t.word not in COMMON_WORDS]
    if not rare:
        return [(t, None) for t in starts]
    # The first of the longest uncommon words of four letters or more; else a number.
    words = [t for t in rare if len(t.word) >= 4]
    anchor = max(words, key=lambda t: len(t.word)) if words else next((t for t in rare if t.word == "#"), rare[0])
    if anchor in starts:
        return [(t, None) for t in starts]
    return [(anchor, re.compile(r"(?<!\w)" + pattern.pattern))]


def matches_at(item, finder, lower: str, position: int) -> list[re.Match[str]]:
    """Where ``item`` matches, found from a candidate word at ``position``."""
    if finder is None:
        found = item.pattern.match(lower, position)
        return [found] if found else []
    found = []
    for match in finder.finditer(lower, max(0, position - _WINDOW_BEFORE), min(len(lower), position + _WINDOW_AFTER)):
        if match.start() > position:
            break
        if position < match.end():
            found.append(match)
    return found


def lowered(text: str) -> tuple[str, bool]:
    """The lower-cased text and whether its offsets are the original's. "İ" (U+0130)
    is the one character whose lower case is two, so it is lower-cased as "i"."""
    lower = text.replace("\u0130", "I").lower()
    return lower, len(lower) == len(text)


@dataclass(frozen=True, slots=True)
class Candidate:
    position: int
    part: str  # the lower-cased word part that starts here
    items: tuple  # phrase rules and statement markers that could start here
    gender: bool  # whether a gender-coded stem could start here
    acronyms: tuple  # acronyms whose first letters start here (case not yet checked)


def _look_up(scanner: Scanner, part: str) -> tuple[tuple, bool, tuple]:
    """(phrase items, gender, acronyms) that could start with the word part ``part``."""
    by_word, by_prefix = scanner.by_word, scanner.by_prefix
    items: list = list(by_word.get(part, ()))
    for ending in _ENDINGS:
        if part.endswith(ending) and len(part) > len(ending) + 1:
            items += by_word.get(part[: -len(ending)], ())
    for length in scanner.prefix_lengths:
        if length <= len(part):
            items += by_prefix.get(part[:length], ())
    if part[0].isdigit() or part in phrases.NUMBER_WORDS:
        items += scanner.numbers
    gender = part in scanner.gender_compound_heads
    if not gender:
        stems = scanner.gender_stems
        for length in scanner.gender_buckets.get(part[:3], ()):
            if length <= len(part) and part[:length] in stems:
                gender = True
                break
    acronyms = scanner.acronyms.get(part, ()) + (scanner.acronyms.get(part[:-1], ()) if part.endswith("s") else ())
    return tuple(dict.fromkeys(items)), gender, acronyms


def candidates(scanner: Scanner, text: str, lower: str, same_offsets: bool) -> list[Candidate]:
    """Every place in ``text`` where an entry of any list could start, in order."""
    out = []
    source = lower if same_offsets else text
    pattern = scanner.pattern if same_offsets else scanner.pattern_any_case
    memo = scanner.memo
    if len(memo) > _MEMO_LIMIT:
        memo.clear()
    part_match = _PART_RE.match
    for match in pattern.finditer(source):
        position = match.start()
        if position >= 2 and source[position - 1] in _APOSTROPHES and source[position - 2].isalnum():
            continue  # "don't": not a word start
        part_found = part_match(source, position)
        if part_found is None:
            continue
        part = part_found.group()
        found = memo.get(part)
        if found is None:
            found = memo[part] = _look_up(scanner, _key(part.lower()))
        if found[0] or found[1] or found[2]:
            out.append(Candidate(position, part, *found))
    return out
