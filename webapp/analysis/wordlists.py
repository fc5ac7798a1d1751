"""Load the word lists in ``wordlists/`` into immutable lookup tables.

This is the only file input in the analysis core, so tests can point it at a
temporary folder. The files are plain CSV that a non-developer can edit in a
spreadsheet; ``wordlists/README.md`` explains the columns.
"""

from __future__ import annotations

import csv
import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

from .model import FEMININE, MASCULINE
from .text import normalise, tokenize

GENDER_FILES = {MASCULINE: "gender-masculine.csv", FEMININE: "gender-feminine.csv"}
EXCEPTIONS_FILE = "gender-exceptions.csv"
WORD_COLUMNS = ("stem", "match", "origin", "suggestions", "source", "note")
EXCEPTION_COLUMNS = ("phrase", "match_case", "reason", "source")
MATCH_KINDS = ("exact", "prefix")
ORIGINS = ("Gaucher et al. 2011", "Gender Decoder addition")
SUGGESTION_SEPARATOR = "|"


class WordListError(ValueError):
    """A word-list file is missing, malformed or has an invalid row."""


@dataclass(frozen=True, slots=True)
class CodedWord:
    stem: str  # normalised, without the paper's "*"
    match: str  # "exact" or "prefix" (the paper's "*")
    category: str  # MASCULINE or FEMININE
    origin: str
    suggestions: tuple[str, ...]
    source: str
    note: str

    @property
    def rule_id(self) -> str:
        return f"{self.category}/{self.stem}" + ("*" if self.match == "prefix" else "")


@dataclass(frozen=True, slots=True)
class ContextException:
    """"Do not flag a coded word when it is part of this phrase"."""

    phrase: str
    parts: tuple[str, ...]  # normalised (or, when match_case, as written) phrase parts
    gaps: tuple[str, ...]  # what stands between the parts, as normalise_gap() writes it
    match_case: bool
    reason: str
    source: str


@dataclass(frozen=True, slots=True)
class WordLists:
    exact: dict[str, CodedWord]
    prefix: dict[str, CodedWord]
    prefix_lengths: tuple[int, ...]  # longest first, so the longest stem wins
    exceptions_by_part: dict[str, tuple[tuple[ContextException, int], ...]]
    entries: tuple[CodedWord, ...]
    exceptions: tuple[ContextException, ...]
    version: str
    hyphenated: tuple[CodedWord, ...]  # stems with a hyphen, matched against whole compounds
    by_rule_id: dict[str, CodedWord]

    def lookup(self, norm: str) -> CodedWord | None:
        """The entry a normalised word matches: an exact entry first, else the
        longest prefix entry. One entry at most, so no word is counted twice."""
        entry = self.exact.get(norm)
        if entry is not None:
            return entry
        prefix = self.prefix
        for length in self.prefix_lengths:
            if length <= len(norm):
                entry = prefix.get(norm[:length])
                if entry is not None:
                    return entry
        return None

    def hyphenated_lookup(self, norm: str) -> CodedWord | None:
        """The hyphenated entry ("self-confiden*", "co-operat*") a whole compound matches."""
        for entry in self.hyphenated:
            if norm == entry.stem or (entry.match == "prefix" and norm.startswith(entry.stem)):
                return entry
        return None


def _read_rows(path: Path, columns: tuple[str, ...]) -> list[tuple[int, dict[str, str]]]:
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            reader = csv.DictReader(handle)
            if tuple(reader.fieldnames or ()) != columns:
                raise WordListError(
                    f"{path.name}: the header must be {','.join(columns)}, "
                    f"not {','.join(reader.fieldnames or ())}"
                )
            return [
                (number, {key: (value or "").strip() for key, value in row.items()})
                for number, row in enumerate(reader, start=2)
                if any((value or "").strip() for value in row.values())
            ]
    except FileNotFoundError as error:
        raise WordListError(f"missing word list {path}") from error


def _coded_word(path: Path, number: int, row: dict[str, str], category: str) -> CodedWord:
    where = f"{path.name} line {number}"
    stem = normalise(row["stem"].rstrip("*"))
    if not stem:
        raise WordListError(f"{where}: stem is empty")
    if row["match"] not in MATCH_KINDS:
        raise WordListError(f"{where}: match must be one of {MATCH_KINDS}, not {row['match']!r}")
    if row["origin"] not in ORIGINS:
        raise WordListError(f"{where}: origin must be one of {ORIGINS}, not {row['origin']!r}")
    suggestions = tuple(
        s.strip() for s in row["suggestions"].split(SUGGESTION_SEPARATOR) if s.strip()
    )
    if not suggestions:
        raise WordListError(f"{where}: give at least one neutral alternative")
    if not row["source"]:
        raise WordListError(f"{where}: give a source")
    return CodedWord(
        stem=stem,
        match=row["match"],
        category=category,
        origin=row["origin"],
        suggestions=suggestions,
        source=row["source"],
        note=row["note"],
    )


def _exception(path: Path, number: int, row: dict[str, str]) -> ContextException:
    where = f"{path.name} line {number}"
    if row["match_case"] not in ("yes", "no"):
        raise WordListError(f"{where}: match_case must be yes or no")
    if not row["source"] or not row["reason"]:
        raise WordListError(f"{where}: give a reason and a source")
    match_case = row["match_case"] == "yes"
    phrase = row["phrase"]
    pieces = [part for word in tokenize(phrase) for part in word.parts]
    if not pieces:
        raise WordListError(f"{where}: phrase is empty")
    parts = tuple(strip_possessive(p.text) if match_case else p.norm for p in pieces)
    gaps = tuple(normalise_gap(phrase[a.end : b.start]) for a, b in zip(pieces, pieces[1:]))
    return ContextException(phrase, parts, gaps, match_case, row["reason"], row["source"])


_WHITESPACE = re.compile(r"\s+")


def normalise_gap(gap: str) -> str:
    """The separator between two words of a phrase, compared loosely: any run of
    white space (a wrapped line included) is one space, any hyphen is "-"."""
    return _WHITESPACE.sub(" ", gap.replace("\u2010", "-").replace("\u2011", "-"))


def strip_possessive(text: str) -> str:
    """The word as written, with apostrophes unified and a trailing "'s" removed."""
    for apostrophe in ("\u2019", "\u02bc"):
        text = text.replace(apostrophe, "'")
    return text[:-2] if text.endswith("'s") else text


def load_wordlists(directory: str | Path) -> WordLists:
    """Read and validate every word list; raise WordListError on the first bad row."""
    directory = Path(directory)
    digest = hashlib.sha256()
    entries: list[CodedWord] = []
    seen: dict[str, str] = {}
    for category, filename in GENDER_FILES.items():
        path = directory / filename
        for number, row in _read_rows(path, WORD_COLUMNS):
            entry = _coded_word(path, number, row, category)
            key = f"{entry.stem} ({entry.match})"
            if key in seen:
                raise WordListError(f"{path.name} line {number}: {key} is already in {seen[key]}")
            seen[key] = filename
            entries.append(entry)
        digest.update(path.read_bytes())

    exceptions_path = directory / EXCEPTIONS_FILE
    exceptions = tuple(
        _exception(exceptions_path, number, row)
        for number, row in _read_rows(exceptions_path, EXCEPTION_COLUMNS)
    )
    digest.update(exceptions_path.read_bytes())

    by_part: dict[str, list[tuple[ContextException, int]]] = {}
    for exception in exceptions:
        for position, part in enumerate(exception.parts):
            by_part.setdefault(part.casefold(), []).append((exception, position))

    exact = {e.stem: e for e in entries if e.match == "exact"}
    prefix = {e.stem: e for e in entries if e.match == "prefix"}
    return WordLists(
        exact=exact,
        prefix=prefix,
        prefix_lengths=tuple(sorted({len(stem) for stem in prefix}, reverse=True)),
        exceptions_by_part={key: tuple(value) for key, value in by_part.items()},
        entries=tuple(entries),
        exceptions=exceptions,
        version=digest.hexdigest()[:12],
        hyphenated=tuple(
            sorted(
                (e for e in entries if "-" in e.stem),
                key=lambda e: (e.match != "exact", -len(e.stem)),
            )
        ),
        by_rule_id={e.rule_id: e for e in entries},
    )
