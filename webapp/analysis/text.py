"""The one tokenizer every check uses.

Words carry character offsets into the original text, so a finding can always be
highlighted in place: ``text[word.start:word.end] == word.text``. The text is never
rewritten before tokenising (Gender Decoder turns every non-ASCII character into a
space first, which loses curly quotes, accented letters and the second half of
``co‑operative`` written with a non-breaking hyphen).
"""

from __future__ import annotations

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
