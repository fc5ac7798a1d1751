"""The analysis core: pure Python, standard library only.

No Flask, database or web imports here (``tests/test_analysis_is_pure.py``
enforces it), so the same code serves the web pages, the JSON API, the command
line and the benchmark.
"""

from __future__ import annotations

from .gender_coding import VERDICTS, find_gender_coded, gender_coding
from .highlight import segments
from .model import FEMININE, INFO, MASCULINE, WARNING, Finding, GenderCoding, Report, WordGroup
from .text import Word, tokenize
from .wordlists import WordListError, WordLists, load_wordlists

__all__ = [
    "FEMININE",
    "INFO",
    "WARNING",
    "MASCULINE",
    "VERDICTS",
    "Finding",
    "GenderCoding",
    "Report",
    "Word",
    "WordGroup",
    "WordListError",
    "WordLists",
    "analyse",
    "load_wordlists",
    "segments",
    "tokenize",
]


def analyse(text: str, wordlists: WordLists) -> Report:
    """Check ``text`` and return every finding with the overall verdict."""
    words = tokenize(text)
    findings = find_gender_coded(text, words, wordlists)
    return Report(
        word_count=len(words),
        gender=gender_coding(findings, len(words), wordlists),
        findings=tuple(findings),
        wordlist_version=wordlists.version,
    )
