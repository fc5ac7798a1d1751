"""The analysis core: pure Python, standard library only.

No Flask, database or web imports here (``tests/test_analysis_is_pure.py``
enforces it, relative imports included), so the same code serves the web pages,
the JSON API, the command line and the benchmark. ``check.py`` describes how one
check runs; ``categories.py`` is the registry of what it reports.
"""

from __future__ import annotations

from .advert import from_fields as advert_from_fields
from .advert import from_text as advert_from_text
from .categories import CATEGORIES, Category
from .check import analyse
from .gender_coding import VERDICTS
from .highlight import segments
from .model import (
    FEMININE,
    INFO,
    MASCULINE,
    OWN,
    STANDARD,
    TITLE,
    WARNING,
    Advert,
    Finding,
    GenderCoding,
    Passage,
    Report,
    WordGroup,
)
from .settings import NO_SETTINGS, OrganisationWord, Settings, SettingsError, build_settings
from .text import Word, tokenize
from .wordlists import WordListError, WordLists, load_wordlists

__all__ = [
    "CATEGORIES",
    "FEMININE",
    "INFO",
    "MASCULINE",
    "NO_SETTINGS",
    "OWN",
    "STANDARD",
    "TITLE",
    "VERDICTS",
    "WARNING",
    "Advert",
    "Category",
    "Finding",
    "GenderCoding",
    "OrganisationWord",
    "Passage",
    "Report",
    "Settings",
    "SettingsError",
    "Word",
    "WordGroup",
    "WordListError",
    "WordLists",
    "advert_from_fields",
    "advert_from_text",
    "analyse",
    "build_settings",
    "load_wordlists",
    "segments",
    "tokenize",
]
