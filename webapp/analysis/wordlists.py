"""Load the word lists in ``wordlists/`` into immutable lookup tables.

This is the only file input in the analysis core, so tests can point it at a
temporary folder. The files are plain CSV that a non-developer can edit in a
spreadsheet; ``wordlists/README.md`` explains the columns. Every error names the
file and line, and every file is part of the version shown to users.

  * ``gender-masculine.csv``, ``gender-feminine.csv``, ``gender-exceptions.csv``:
    Gaucher, Friesen and Kay's words and the phrases that contain them but are names.
  * One file per other category (``age.csv`` …, see ``categories.py``): phrases in the
    notation of ``phrases.py``, each with a severity, alternatives, why, and a source.
  * ``structure.csv``: phrases for the structure checks (degree requirements,
    "the successful candidate").
  * ``acronyms.csv``: NHS acronyms and what they stand for.
  * ``statements.csv``: words that show an advert has a statement (salary, flexible
    working …), and which of them mark a paragraph as the organisation's standard text.
  * ``advert-headings.csv``: headings that start a section, and its part.
  * ``role-words.csv``: job nouns, role nouns and the words that make a role of them.
  * ``organisation-name-endings.csv``: how NHS organisation names end.
"""

from __future__ import annotations

import csv
import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path

from . import phrases
from .categories import PHRASE_CATEGORIES, STRUCTURE
from .model import FEMININE, INFO, MASCULINE, OWN, STANDARD, WARNING
from .scan import Scanner, build_scanner
from .text import normalise, tokenize

GENDER_FILES = {MASCULINE: "gender-masculine.csv", FEMININE: "gender-feminine.csv"}
EXCEPTIONS_FILE = "gender-exceptions.csv"
WORD_COLUMNS = ("stem", "match", "origin", "suggestions", "source", "note")
EXCEPTION_COLUMNS = ("phrase", "match_case", "reason", "source")
MATCH_KINDS = ("exact", "prefix")
ORIGINS = ("Gaucher et al. 2011", "Gender Decoder addition")
SUGGESTION_SEPARATOR = "|"


PHRASE_COLUMNS = ("phrase", "severity", "suggestions", "explanation", "source", "unless_near", "only_near")
ACRONYM_COLUMNS = ("acronym", "expansion", "well_known", "source")
STATEMENT_COLUMNS = ("statement", "marker", "standard_text", "source")
HEADING_COLUMNS = ("heading", "part", "source")
ROLE_WORD_COLUMNS = ("word", "kind", "source")
ORGANISATION_COLUMNS = ("ending", "source")
STRUCTURE_FILE = "structure.csv"
ACRONYMS_FILE = "acronyms.csv"
STATEMENTS_FILE = "statements.csv"
HEADINGS_FILE = "advert-headings.csv"
ROLE_WORDS_FILE = "role-words.csv"
ORGANISATIONS_FILE = "organisation-name-endings.csv"

# How a row's severity is written, and what the app does with it.
REQUIREMENT_SEVERITY = "warning if a requirement"  # a warning when stated as a requirement, else info
ONLY_REQUIREMENT = "only as a requirement"  # flagged only when stated as a requirement
SEVERITY_SPECS = (WARNING, INFO, REQUIREMENT_SEVERITY, ONLY_REQUIREMENT)
STATEMENTS = ("salary", "flexible-working", "equality", "reasonable-adjustments", "definition-of-digital",
              "closing-date", "nhs-values", "safeguarding", "about-us")
# job-noun: ends a job name ("Analyst", "Midwife"); role-noun: a coded word that always
# names a job ("analyst"); role-noun-in-context: one that names a job only in context
# ("lead", "leader"); role-modifier: a word before a role noun that makes it a job
# ("clinical leads", "team leader").
ROLE_WORD_KINDS = ("job-noun", "role-noun", "role-noun-in-context", "role-modifier")


class WordListError(ValueError):
    """A word-list file is missing, malformed or has an invalid row."""


@dataclass(frozen=True, slots=True, eq=False)
class PhraseRule:
    """One row of a category list: a phrase that may exclude, and what to write instead."""

    rule_id: str
    category: str
    phrase: str
    pattern: re.Pattern[str]
    severity: str  # one of SEVERITY_SPECS
    suggestions: tuple[str, ...]
    explanation: str
    source: str
    unless_near: re.Pattern[str] | None
    only_near: re.Pattern[str] | None


@dataclass(frozen=True, slots=True, eq=False)
class Acronym:
    acronym: str
    expansion: str
    well_known: bool
    source: str
    expanded: re.Pattern[str]  # the expansion, to find in lower-cased text


@dataclass(frozen=True, slots=True, eq=False)
class StatementMarker:
    statement: str
    marker: str
    pattern: re.Pattern[str]
    standard_text: bool
    source: str


@dataclass(frozen=True, slots=True)
class Heading:
    heading: str
    part: str
    source: str


@dataclass(frozen=True, slots=True)
class CodedWord:
    stem: str  # normalised, without the paper's "*"
    match: str  # "exact" or "prefix" (the paper's "*")
    category: str  # MASCULINE or FEMININE
    origin: str
    suggestions: tuple[str, ...]
    source: str
    note: str
    rule_id: str = ""  # "masculine-coded/lead*": set from the others

    def __post_init__(self) -> None:
        object.__setattr__(self, "rule_id", f"{self.category}/{self.stem}" + ("*" if self.match == "prefix" else ""))


@dataclass(frozen=True, slots=True)
class ContextException:
    """"Do not flag a coded word when it is part of this phrase"."""

    phrase: str
    parts: tuple[str, ...]  # normalised (or, when match_case, as written) phrase parts
    gaps: tuple[str, ...]  # what stands between the parts, as normalise_gap() writes it
    match_case: bool
    reason: str
    source: str
    # The phrase as a pattern: on the original text when match_case, else on the
    # lower-cased text. A possessive "'s" may follow any word.
    pattern: re.Pattern[str] | None = None


_GAP_SPACE = r"(?:(?!\n[ \t]*\n)\s)+"


def _exception_pattern(parts: tuple[str, ...], gaps: tuple[str, ...], match_case: bool) -> re.Pattern[str]:
    def word(part: str) -> str:
        text = part if match_case else part.lower()
        return re.escape(text).replace("'", "['\u2019\u02bc]") + "(?:['\u2019\u02bc]s)?"

    def gap(between: str) -> str:
        out = ""
        for character in between:
            if character == " ":
                out += _GAP_SPACE
            elif character == "-":
                out += "[-\u2010\u2011]"
            else:
                out += re.escape(character)
        return out

    body = word(parts[0]) + "".join(gap(g) + word(p) for g, p in zip(gaps, parts[1:]))
    # No boundary test in front, so the engine can skip ahead to the first word's
    # letters; inside_exception() checks what comes before a match.
    return re.compile(body + r"(?!\w)")


@dataclass(frozen=True, slots=True, repr=False)
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
    rules: tuple[PhraseRule, ...] = ()
    acronyms: dict[str, Acronym] = field(default_factory=dict)
    statements: tuple[StatementMarker, ...] = ()
    headings: dict[str, Heading] = field(default_factory=dict)
    # Lines that start with a known heading's first word: the only lines worth a look.
    heading_lines: re.Pattern[str] | None = None
    job_nouns: frozenset[str] = frozenset()
    role_nouns: frozenset[str] = frozenset()
    role_nouns_in_context: frozenset[str] = frozenset()
    role_modifiers: frozenset[str] = frozenset()
    organisation_endings: tuple[str, ...] = ()
    scanner: Scanner | None = None
    rules_by_id: dict[str, PhraseRule] = field(default_factory=dict)
    # For each word of an exception phrase: one pattern for all the phrases with that
    # word (on lower-cased text), and one for those that match case (on the text).
    exception_patterns: dict[str, tuple[re.Pattern[str] | None, re.Pattern[str] | None]] = field(default_factory=dict)
    # Role nouns in every form the tokenizer normalises them to ("leads", "analyst's").
    role_words: frozenset[str] = frozenset()
    # Each word's coded stretches, found once (see gender_coding.coded_stretches).
    word_memo: dict = field(default_factory=dict)

    def __repr__(self) -> str:
        return f"<WordLists version {self.version}: {len(self.entries)} coded words, {len(self.rules)} phrases>"

    def _repr_pretty_(self, printer, cycle) -> None:  # how Hypothesis and IPython print it
        printer.text(repr(self))

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
    return ContextException(phrase, parts, gaps, match_case, row["reason"], row["source"],
                            _exception_pattern(parts, gaps, match_case))


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


def _split(value: str) -> tuple[str, ...]:
    return tuple(s.strip() for s in value.split(SUGGESTION_SEPARATOR) if s.strip())


def _compile(where: str, phrase: str) -> re.Pattern[str]:
    try:
        return phrases.compile_phrase(phrase)
    except phrases.NotationError as error:
        raise WordListError(f"{where}: {error}") from None


def _compile_any(where: str, value: str) -> re.Pattern[str] | None:
    try:
        return phrases.compile_any(_split(value))
    except phrases.NotationError as error:
        raise WordListError(f"{where}: {error}") from None


def _phrase_rule(path: Path, number: int, row: dict[str, str], category: str) -> PhraseRule:
    where = f"{path.name} line {number}"
    if not row["phrase"]:
        raise WordListError(f"{where}: phrase is empty")
    if row["severity"] not in SEVERITY_SPECS:
        raise WordListError(f"{where}: severity must be one of {', '.join(SEVERITY_SPECS)}, not {row['severity']!r}")
    suggestions = _split(row["suggestions"])
    if not suggestions:
        raise WordListError(f"{where}: give at least one alternative")
    if not row["explanation"] or not row["source"]:
        raise WordListError(f"{where}: give an explanation and a source")
    phrase = " ".join(row["phrase"].lower().split())
    return PhraseRule(
        rule_id=f"{category}/{phrase}",
        category=category,
        phrase=phrase,
        pattern=_compile(where, phrase),
        severity=row["severity"],
        suggestions=suggestions,
        explanation=row["explanation"],
        source=row["source"],
        unless_near=_compile_any(where, row["unless_near"]),
        only_near=_compile_any(where, row["only_near"]),
    )


def _acronym(path: Path, number: int, row: dict[str, str]) -> Acronym:
    where = f"{path.name} line {number}"
    if not row["acronym"] or not row["expansion"] or not row["source"]:
        raise WordListError(f"{where}: give the acronym, its expansion and a source")
    if row["well_known"] not in ("yes", "no"):
        raise WordListError(f"{where}: well_known must be yes or no")
    words = re.sub(r"\(.*?\)", " ", row["expansion"])
    words = " ".join(re.findall(r"[^\W_]+", words.lower())[:4])
    return Acronym(row["acronym"], row["expansion"], row["well_known"] == "yes", row["source"],
                   _compile(where, words or row["acronym"].lower()))


def _statement(path: Path, number: int, row: dict[str, str]) -> StatementMarker:
    where = f"{path.name} line {number}"
    if row["statement"] not in STATEMENTS:
        raise WordListError(f"{where}: statement must be one of {', '.join(STATEMENTS)}")
    if row["standard_text"] not in ("yes", "no") or not row["source"]:
        raise WordListError(f"{where}: standard_text must be yes or no, and give a source")
    return StatementMarker(row["statement"], row["marker"], _compile(where, row["marker"]),
                           row["standard_text"] == "yes", row["source"])


def heading_key(text: str) -> str:
    """How a heading is looked up: lower case, words only ("Main duties of the job:" ->
    "main duties of the job")."""
    return " ".join(re.findall(r"[^\W_]+(?:['\u2019][^\W_]+)*", text.lower().replace("\u2019", "'")))


def _load_csv(directory: Path, filename: str, columns: tuple[str, ...], build, digest) -> list:
    path = directory / filename
    rows = [build(path, number, row) for number, row in _read_rows(path, columns)]
    digest.update(path.read_bytes())
    return rows


_LOADED: dict[tuple[str, str], WordLists] = {}


def load_wordlists(directory: str | Path) -> WordLists:
    """Read and validate every word list; raise WordListError on the first bad row.

    Compiling several hundred phrases takes about a second, so the lists are kept
    per process by folder and content: loading the same files again (another app
    in the same process, the command line) costs only reading them."""
    directory = Path(directory)
    contents = hashlib.sha256()
    for path in sorted(directory.glob("*.csv")):
        contents.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    key = (str(directory.resolve()), contents.hexdigest())
    if key not in _LOADED:
        if len(_LOADED) > 8:
            _LOADED.clear()
        _LOADED[key] = _load(directory)
    return _LOADED[key]


def _load(directory: Path) -> WordLists:
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

    exceptions = tuple(_load_csv(directory, EXCEPTIONS_FILE, EXCEPTION_COLUMNS, _exception, digest))
    by_part: dict[str, list[tuple[ContextException, int]]] = {}
    for exception in exceptions:
        for position, part in enumerate(exception.parts):
            by_part.setdefault(part.casefold(), []).append((exception, position))

    rules: list[PhraseRule] = []
    for category in PHRASE_CATEGORIES:
        rules += _load_csv(directory, category.wordlist, PHRASE_COLUMNS,
                           lambda path, n, row, c=category.id: _phrase_rule(path, n, row, c), digest)
    rules += _load_csv(directory, STRUCTURE_FILE, PHRASE_COLUMNS,
                       lambda path, n, row: _phrase_rule(path, n, row, STRUCTURE), digest)
    rules_by_id: dict[str, PhraseRule] = {}
    for rule in rules:
        if rule.rule_id in rules_by_id:
            raise WordListError(f"{rule.category}: {rule.phrase!r} is listed twice")
        rules_by_id[rule.rule_id] = rule

    acronyms = {a.acronym: a for a in _load_csv(directory, ACRONYMS_FILE, ACRONYM_COLUMNS,
                                                lambda path, n, row: _acronym(path, n, row), digest)}
    statements = tuple(_load_csv(directory, STATEMENTS_FILE, STATEMENT_COLUMNS, _statement, digest))

    def heading(path: Path, number: int, row: dict[str, str]) -> Heading:
        if row["part"] not in (OWN, STANDARD) or not row["heading"] or not row["source"]:
            raise WordListError(f"{path.name} line {number}: give a heading, part (own or standard) and a source")
        return Heading(heading_key(row["heading"]), row["part"], row["source"])

    headings = {h.heading: h for h in _load_csv(directory, HEADINGS_FILE, HEADING_COLUMNS, heading, digest)}

    def role_word(path: Path, number: int, row: dict[str, str]) -> tuple[str, str]:
        if row["kind"] not in ROLE_WORD_KINDS or not row["word"] or not row["source"]:
            raise WordListError(f"{path.name} line {number}: give a word, a kind ({', '.join(ROLE_WORD_KINDS)}) and a source")
        return row["kind"], row["word"].lower()

    role_words = _load_csv(directory, ROLE_WORDS_FILE, ROLE_WORD_COLUMNS, role_word, digest)

    def ending(path: Path, number: int, row: dict[str, str]) -> str:
        if not row["ending"] or not row["source"]:
            raise WordListError(f"{path.name} line {number}: give an ending and a source")
        return " ".join(row["ending"].split())

    endings = tuple(sorted(_load_csv(directory, ORGANISATIONS_FILE, ORGANISATION_COLUMNS, ending, digest),
                           key=len, reverse=True))

    exact = {e.stem: e for e in entries if e.match == "exact"}
    prefix = {e.stem: e for e in entries if e.match == "prefix"}

    def combined(found, match_case: bool) -> re.Pattern[str] | None:
        sources = sorted({e.pattern.pattern for e, _ in found if e.match_case == match_case}, key=len, reverse=True)
        return re.compile("|".join(sources)) if sources else None

    exception_patterns = {norm: (combined(found, False), combined(found, True)) for norm, found in by_part.items()}
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
        rules=tuple(rules),
        acronyms=acronyms,
        statements=statements,
        headings=headings,
        heading_lines=re.compile(
            r"(?im)^[ \t#*\u2022>]*((?:" + "|".join(sorted({re.escape(k.split()[0]) for k in headings}))
            + r")\b[^\n]{0,90}?)[ \t:#*]*$"
        ) if headings else None,
        job_nouns=frozenset(w for k, w in role_words if k == "job-noun"),
        role_nouns=frozenset(w for k, w in role_words if k == "role-noun"),
        role_nouns_in_context=frozenset(w for k, w in role_words if k == "role-noun-in-context"),
        role_modifiers=frozenset(w for k, w in role_words if k == "role-modifier"),
        organisation_endings=endings,
        exception_patterns=exception_patterns,
        role_words=frozenset(
            form
            for kind, word in role_words if kind in ("role-noun", "role-noun-in-context")
            for form in (word, word + "s", word + "'s", word + "s'")
        ),
        scanner=build_scanner(
            gender_stems=[e.stem for e in entries],
            rules=rules,
            acronyms=[a for a in acronyms.values() if not a.well_known],
            statements=statements,
        ),
        rules_by_id=rules_by_id,
    )
