"""The one tokenizer every check uses.

Words carry character offsets into the original text, so a finding can always be
highlighted in place: ``text[word.start:word.end] == word.text``. The text is never
rewritten before tokenising (Gender Decoder turns every non-ASCII character into a
space first, which loses curly quotes, accented letters and the second half of
``co‑operative`` written with a non-breaking hyphen).
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from functools import lru_cache
from typing import NamedTuple

# Letters and digits in any script, plus combining marks so a decomposed "naïve"
# (i + U+0308) stays one word. Underscore is excluded on purpose.
_LETTER = r"(?:[^\W_]|[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f])"

# Characters that join two halves of one word: ASCII hyphen-minus, U+2010 hyphen,
# U+2011 non-breaking hyphen. En and em dashes separate words instead.
HYPHENS = "-\u2010\u2011"
# Apostrophes inside a word ("don't", "Trust’s").
_APOSTROPHES = "'\u2019\u02bc"

_PART = rf"{_LETTER}+(?:[{_APOSTROPHES}]{_LETTER}+)*"
_WORD_RE = re.compile(rf"{_PART}(?:[{HYPHENS}]{_PART})*")
_PART_RE = re.compile(_PART)
_HYPHEN_RE = re.compile(f"[{HYPHENS}]")
_POSSESSIVE_RE = re.compile(r"'s$")


# Tokens are NamedTuples rather than frozen dataclasses: just as immutable, and
# several times cheaper to create, which matters at one per word on every keystroke.
class Part(NamedTuple):
    """One hyphen-separated piece of a word (the whole word when it has no hyphen)."""

    start: int
    end: int
    text: str
    norm: str


class Word(NamedTuple):
    """A word with its offsets. ``norm`` is the lower-cased form used for matching,
    with every hyphen written as "-" and every apostrophe as "'"."""

    start: int
    end: int
    text: str
    norm: str
    # The hyphen-separated pieces of a compound; empty for a simple word, which
    # is its own only part (saves an object per word).
    subparts: tuple[Part, ...] = ()

    @property
    def parts(self) -> tuple[Part | Word, ...]:
        return self.subparts or (self,)

    @property
    def is_compound(self) -> bool:
        return bool(self.subparts)


@lru_cache(maxsize=65_536)
def normalise(text: str) -> str:
    """Lower-case form used for matching: NFKC, case-folded, one kind of hyphen and
    apostrophe, and a trailing possessive "'s" removed ("Trust’s" -> "trust")."""
    folded = unicodedata.normalize("NFKC", text).casefold()
    folded = _HYPHEN_RE.sub("-", folded)
    for apostrophe in _APOSTROPHES:
        folded = folded.replace(apostrophe, "'")
    return _POSSESSIVE_RE.sub("", folded)


def tokenize(text: str) -> list[Word]:
    """Split ``text`` into words with offsets. Linear in the length of the text."""
    words = []
    append = words.append
    for match in _WORD_RE.finditer(text):
        word_text = match.group()
        start = match.start()
        norm = normalise(word_text)
        if "-" in norm:  # normalise() writes every kind of hyphen as "-"
            subparts = tuple(
                Part(start + m.start(), start + m.end(), m.group(), normalise(m.group()))
                for m in _PART_RE.finditer(word_text)
            )
            append(Word(start, match.end(), word_text, norm, subparts))
        else:
            append(Word(start, match.end(), word_text, norm))
    return words


def count_words(text: str) -> int:
    """Number of words as ``tokenize`` sees them (a hyphenated compound is one word)."""
    return sum(1 for _ in _WORD_RE.finditer(text))


# A word starts at a letter that does not continue a word: not after a letter, and
# not after a hyphen or apostrophe that follows a letter ("co-operative", "don't"
# are one word each). Counting these starts gives the same number as tokenize(),
# without building a Word for each (a property test holds the two together).
_WORD_START_RE = re.compile(
    rf"(?<!{_LETTER})(?<!{_LETTER}[{HYPHENS}{_APOSTROPHES}]){_LETTER}"
)


def count_words_between(text: str, start: int = 0, end: int | None = None) -> int:
    """Number of words that start in ``text[start:end]``, as ``tokenize`` counts them."""
    return LetterClasses(text).words(start, len(text) if end is None else end)


def word_bounds(text: str, position: int) -> tuple[int, int]:
    """The start and end of the whole word (hyphenated compounds included) that has
    a part starting at ``position``."""
    start = position
    while start >= 2 and text[start - 1] in HYPHENS and _is_letter(text[start - 2]):
        start -= 1
        while start > 0 and (_is_letter(text[start - 1]) or (
            text[start - 1] in _APOSTROPHES and start >= 2 and _is_letter(text[start - 2])
        )):
            start -= 1
    match = _WORD_RE.match(text, start)
    return (start, match.end()) if match else (position, position)


def word_at(text: str, position: int) -> Word | None:
    """The Word (with its parts) that has a part starting at ``position``."""
    start, end = word_bounds(text, position)
    if start == end:
        return None
    word_text = text[start:end]
    norm = normalise(word_text)
    if "-" in norm:
        subparts = tuple(
            Part(start + m.start(), start + m.end(), m.group(), normalise(m.group()))
            for m in _PART_RE.finditer(word_text)
        )
        return Word(start, end, word_text, norm, subparts)
    return Word(start, end, word_text, norm)


def _is_letter(character: str) -> bool:
    return character.isalnum() or unicodedata.category(character).startswith("M")


# Sentences: a full stop, question or exclamation mark followed by white space, or
# a line break (each bullet and each line of a list is its own sentence, as the
# NHS and GOV.UK guidance on sentence length treats them).
# Written to start with one character class, so the regex engine skips to the next
# ".", "!", "?" or line break instead of trying the pattern at every character
# (three times faster than "[.!?]+…(?=\s)|\n", which matches the same spans).
_SENTENCE_END_RE = re.compile(r"[.!?\n](?:(?<=\n)|[.!?]*[\"'\u201d\u2019)\]]*(?=\s))")
# Abbreviations whose full stop does not end a sentence.
_ABBREVIATIONS = frozenset(
    "e.g i.e etc dr mr mrs ms mx no approx p.a st vs cf incl min max eg ie".split()
)


# Counting words (and, in readability.py, syllables) on a copy of the text with one
# byte per character: "a" a vowel other than e, "e", "l", "b" any other letter or
# digit, and a space for anything else. A word starts where a letter follows a
# space; the second half of a compound ("co-operative", "don't") does too, so those
# joins are found once and taken off. bytes.count runs at C speed. Letters and
# combining marks outside ASCII (rare in English adverts) are found by a pattern
# and classed one by one, so the count is the tokenizer's for any text.
_CLASS_TABLE = bytes(
    ord("a") if chr(i) in "aiouyAIOUY" else ord("e") if chr(i) in "eE" else ord("l") if chr(i) in "lL"
    else ord("b") if chr(i).isascii() and chr(i).isalnum() else ord(" ")
    for i in range(256)
)
_ANY_LETTER = bytes.maketrans(b"aelb", b"wwww")
_JOIN_RE = re.compile(rf"[{HYPHENS}{_APOSTROPHES}](?<={_LETTER}.)(?={_LETTER})")
_NON_ASCII_LETTER_RE = re.compile(r"[^\x00-\x7f](?<=\w)|[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")


class LetterClasses:
    """A text's one-byte letter classes, made once, for counting words in any
    stretch of it (and syllables, see readability.py)."""

    def __init__(self, text: str):
        self.text = text
        # One space in front, so a word at offset 0 follows a space: padded offsets are +1.
        padded = b" " + text.encode("ascii", "replace").translate(_CLASS_TABLE)
        if not text.isascii():
            letters = bytearray(padded)
            for match in _NON_ASCII_LETTER_RE.finditer(text):
                base = unicodedata.normalize("NFD", match.group())[0].lower()
                letters[match.start() + 1] = ord("e") if base == "e" else ord("a") if base in "aiouy" else ord("b")
            padded = bytes(letters)
        self.padded = padded
        self._letters = padded.translate(_ANY_LETTER)  # every letter class as "w"
        self.joins = [m.start() for m in _JOIN_RE.finditer(text)]

    def words(self, start: int, end: int) -> int:
        """Words that start in ``text[start:end]``, as ``tokenize`` counts them."""
        count = self._letters.count(b" w", start, end + 1)
        if self.joins:
            count -= bisect.bisect_left(self.joins, end) - bisect.bisect_left(self.joins, start)
        return count


def sentence_spans(text: str, start: int = 0, end: int | None = None,
                   classes: LetterClasses | None = None) -> list[tuple[int, int, int]]:
    """``(start, end, words)`` of each sentence in ``text[start:end]`` that has a word
    in it."""
    end = len(text) if end is None else end
    spans = []
    begin = start
    count = (classes or LetterClasses(text)).words
    for match in _SENTENCE_END_RE.finditer(text, start, end):
        stop = match.start()
        if text[stop] == ".":
            tail = text[max(begin, stop - 8) : stop].rsplit(None, 1)
            if tail and tail[-1].lower().lstrip("(\"'\u201c\u2018").rstrip(".") in _ABBREVIATIONS:
                continue
        stop = match.end()
        words = count(begin, stop)
        if words:
            spans.append((begin, stop, words))
        begin = stop
    if begin < end:
        words = count(begin, end)
        if words:
            spans.append((begin, end, words))
    return spans
