"""The phrase notation the word lists use, compiled to regular expressions.

The notation, for people who edit ``wordlists/*.csv`` (also in wordlists/README.md):

  * Words are separated by single spaces. In the advert, any run of spaces,
    hyphens, dashes, commas or slashes between the words matches, and so does a
    single line break; a blank line or a full stop never does. "work hard play
    hard" matches "work hard, play hard" and "work-hard/play-hard".
  * A plain word matches itself with an optional plural or possessive ending
    (s, es, 's, s'), and an optional apostrophe after it ("years'").
  * ``word*`` matches any word that starts with ``word``.
  * ``#`` matches a number: digits (with an optional "+"), or one to twenty in words.
  * ``[word]`` is an optional word.

Matching is case-insensitive: the compiled patterns run on the lower-cased text,
which has the same offsets as the original (see ``scan.lowered``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass


NUMBER_WORDS = (
    "one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen twenty"
).split()
_NUMBER = r"(?:\d+(?:[.,]\d+)?[a-d]?|" + "|".join(NUMBER_WORDS) + r")(?:\s?\+|\s?plus)?"
# Between two words of a phrase: spaces, hyphens, dashes, commas, slashes, or one line break.
SEPARATOR = r"(?:[ \t\u00a0,/\-\u2010\u2011\u2012\u2013\u2014]|\n(?![ \t]*\n)){1,6}"
_APOSTROPHE = "['\u2019\u02bc]"
_ENDING = rf"(?:{_APOSTROPHE}s|s{_APOSTROPHE}|es|s)?{_APOSTROPHE}?"
# "\w" rather than the tokenizer's letter class: the same but for "_", and a regex
# with it compiles in a fraction of the time (hundreds of phrases load at start-up).
_NOT_LETTER_AFTER = r"(?!\w)"
_NOT_LETTER_BEFORE = r"(?<!\w)"

_TOKEN_RE = re.compile(r"^(\[)?([^\s\[\]*]+)(\*)?(\])?$")


class NotationError(ValueError):
    """A phrase that does not follow the notation."""


@dataclass(frozen=True, slots=True)
class Token:
    word: str  # lower-case; "#" for a number
    prefix: bool
    optional: bool


def parse(phrase: str) -> tuple[Token, ...]:
    tokens = []
    # Hyphens, commas and slashes in a phrase are separators, as they are in the advert.
    for raw in re.split(r"[\s,/\-\u2010\u2011\u2013\u2014]+", phrase.strip().lower()):
        if not raw:
            continue
        match = _TOKEN_RE.match(raw)
        if not match or bool(match.group(1)) != bool(match.group(4)):
            raise NotationError(f"cannot read {raw!r}: use plain words, word*, # or [word]")
        word = match.group(2).replace("\u2019", "'")
        if word == "#" and match.group(3):
            raise NotationError("# cannot take *")
        tokens.append(Token(word, bool(match.group(3)), bool(match.group(1))))
    if not tokens:
        raise NotationError("the phrase is empty")
    if all(t.optional for t in tokens):
        raise NotationError("a phrase needs at least one word that is not optional")
    return tuple(tokens)


def _token_pattern(token: Token) -> str:
    if token.word == "#":
        return _NUMBER + _NOT_LETTER_AFTER
    word = re.escape(token.word).replace("'", _APOSTROPHE)
    if token.prefix:
        return word + r"\w*"
    if not token.word[-1:].isalpha():
        return word + _NOT_LETTER_AFTER
    return word + _ENDING + _NOT_LETTER_AFTER


def pattern(tokens: tuple[Token, ...]) -> str:
    """Regex source for a parsed phrase, without the leading word boundary."""
    out = ""
    pending_optional: list[str] = []
    first = True
    for token in tokens:
        piece = _token_pattern(token)
        if token.optional:
            pending_optional.append(piece)
            continue
        for optional in pending_optional:
            out += f"(?:{optional}{SEPARATOR})?" if first else f"(?:{SEPARATOR}{optional})?"
        pending_optional = []
        out += piece if first else SEPARATOR + piece
        first = False
    for optional in pending_optional:
        out += f"(?:{SEPARATOR}{optional})?"
    return out


def compile_phrase(phrase: str) -> re.Pattern[str]:
    """The phrase as a pattern to ``match`` at a word start in lower-cased text."""
    return re.compile(pattern(parse(phrase)))


def compile_any(phrases: tuple[str, ...]) -> re.Pattern[str] | None:
    """One pattern that ``search``es lower-cased text for any of the phrases."""
    if not phrases:
        return None
    return re.compile(_NOT_LETTER_BEFORE + "(?:" + "|".join(pattern(parse(p)) for p in phrases) + ")")


def head(tokens: tuple[Token, ...]) -> Token:
    """The first word a phrase must start with (an optional first word is skipped:
    such phrases are filed under both words)."""
    return next(t for t in tokens if not t.optional)


def heads(tokens: tuple[Token, ...]) -> tuple[Token, ...]:
    """Every word a match of the phrase can start with."""
    out = []
    for token in tokens:
        out.append(token)
        if not token.optional:
            break
    return tuple(out)


# In a trie literal, these stand for any apostrophe and any hyphen.
ANY_APOSTROPHE, ANY_HYPHEN = "\x01", "\x02"
_CLASSES = {ANY_APOSTROPHE: "['\u2019\u02bc]", ANY_HYPHEN: "[-\u2010\u2011]"}
# After a whole-word literal: an optional plural or possessive, then the word ends.
_WORD_END = r"(?=(?:['\u2019\u02bc]s|s['\u2019\u02bc]|es|s)?['\u2019\u02bc]?(?!\w))"


def trie_pattern(literals: dict[str, bool]) -> str:
    """An alternation of literal strings, factored as a character trie, so the regex
    engine tries a handful of branches at each position rather than all of them.
    ``literals`` maps each literal to True when it is a prefix (any letters may
    follow) or False when it is a whole word."""
    trie: dict = {}
    for literal, prefix in literals.items():
        node = trie
        for character in literal:
            node = node.setdefault(character, {})
        # A literal that is both wins as a prefix.
        node[""] = node.get("", False) or prefix

    def emit(node: dict) -> str:
        branches = []
        for character in sorted(c for c in node if c):
            branches.append(_CLASSES.get(character) or re.escape(character))
            branches[-1] += emit(node[character])
        if "" not in node:
            return branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        # A literal ends here: longer ones are tried first, then this one.
        end = "" if node[""] else _WORD_END
        if not branches:
            return end
        return "(?:" + "|".join(branches) + ("|" + end if end else ")?") + (")" if end else "")

    return emit(trie)
