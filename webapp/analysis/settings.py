"""An organisation's own additions to the lists, as the analysis core sees them.

An organisation's admin can add words (with alternatives) to any category, add
the names of organisations (so no word inside them is flagged), and ignore words
or phrases for the whole organisation. The web layer reads them from the
database and builds one ``Settings`` per organisation and version; this module
never touches the database.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from . import phrases
from .categories import WORD_CATEGORIES
from .model import WARNING
from .scan import Scanner, build_scanner
from .wordlists import PhraseRule

ORGANISATION_SOURCE = "Added by your organisation"


class SettingsError(ValueError):
    """An organisation's word or phrase that cannot be used."""


@dataclass(frozen=True, slots=True)
class OrganisationWord:
    category: str
    phrase: str
    suggestions: tuple[str, ...]
    explanation: str = ""


@dataclass(frozen=True, slots=True)
class Settings:
    rules: tuple[PhraseRule, ...] = ()
    scanner: Scanner | None = None
    names: re.Pattern[str] | None = None  # organisation names: nothing inside is flagged
    ignored: re.Pattern[str] | None = None  # words and phrases never flagged
    name_list: tuple[str, ...] = ()
    ignored_list: tuple[str, ...] = ()


NO_SETTINGS = Settings()


def check_phrase(phrase: str) -> str:
    """The phrase tidied, or SettingsError with a message for the admin."""
    phrase = " ".join(phrase.split())
    if not phrase:
        raise SettingsError("Enter a word or phrase")
    try:
        phrases.parse(phrase)
    except phrases.NotationError as error:
        raise SettingsError(f"Cannot use “{phrase}”: {error}") from None
    return phrase


def build_settings(words: Iterable[OrganisationWord] = (), names: Iterable[str] = (),
                   ignored: Iterable[str] = ()) -> Settings:
    rules = []
    for word in words:
        if word.category not in WORD_CATEGORIES:
            raise SettingsError(f"Unknown category {word.category!r}")
        phrase = check_phrase(word.phrase).lower()
        rules.append(PhraseRule(
            rule_id=f"{word.category}/organisation/{phrase}",
            category=word.category,
            phrase=phrase,
            pattern=phrases.compile_phrase(phrase),
            severity=WARNING,
            suggestions=word.suggestions or ("reword this",),
            explanation=word.explanation or "Your organisation asks writers to avoid this wording.",
            source=ORGANISATION_SOURCE,
            unless_near=None,
            only_near=None,
        ))
    name_list = tuple(check_phrase(n) for n in names)
    ignored_list = tuple(check_phrase(i) for i in ignored)
    return Settings(
        rules=tuple(rules),
        scanner=build_scanner(gender_stems=(), rules=rules, acronyms=()) if rules else None,
        names=phrases.compile_any(tuple(n.lower() for n in name_list)),
        ignored=phrases.compile_any(tuple(i.lower() for i in ignored_list)),
        name_list=name_list,
        ignored_list=ignored_list,
    )
