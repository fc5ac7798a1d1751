"""Check an advert: every category, in one pass over its text.

  1. The advert model says which passages are the title, the writer's own text
     and standard text (``advert.py``).
  2. One scan finds every place a list entry could start (``scan.py``).
  3. Each place is read in context (``context.py``): gender-coded words
     (``gender_coding.py``), the phrase categories, acronyms, and the markers of
     standard statements. Lines with a standard marker become standard text.
  4. Whole-advert checks: statements that are missing, the person specification,
     length and readability (``structure.py``, ``readability.py``).
  5. The verdict and the summary count only the writer's own words and findings
     nobody dismissed (``summary.py``).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace

from . import advert as advert_model
from . import context, readability, structure, summary
from .categories import ACRONYM, STRUCTURE
from .gender_coding import coded_finding, coded_stretches, gender_coding, inside_exception
from .model import INFO, STANDARD, TITLE, WARNING, Advert, Finding, Report
from .scan import Scanner, candidates, lowered, matches_at
from .settings import NO_SETTINGS, Settings
from .text import LetterClasses, word_bounds
from .wordlists import ONLY_REQUIREMENT, REQUIREMENT_SEVERITY, Acronym, PhraseRule, StatementMarker, WordLists

_ACRONYM_LOOKBACK = 160  # about the 12 words before the acronym
_ACRONYM_LOOKAHEAD = 160


class _Reader:
    """What the per-candidate rules need to know about the text."""

    def __init__(self, advert: Advert, lists: WordLists, settings: Settings):
        self.text = advert.text
        self.lower, self.same_offsets = lowered(advert.text)
        self.lists = lists
        self.settings = settings
        self.index = advert_model.PassageIndex(advert.passages)

    def passage(self, offset: int):
        return self.index.at(offset)

    def in_name(self, start: int, end: int) -> bool:
        return context.in_organisation_name(
            self.text, start, end, self.lists.organisation_endings, self.settings.names, self.lower
        )

    def ignored(self, start: int, end: int) -> bool:
        pattern = self.settings.ignored
        if pattern is None:
            return False
        begin, stop = max(0, start - 120), min(len(self.text), end + 120)
        return any(m.start() <= start and end <= m.end() for m in pattern.finditer(self.lower, begin, stop))

    def where(self, passage) -> dict:
        if passage is None:
            return {}
        return {"part": passage.part, "section": passage.section, "field": passage.field}

    def finding(self, found: Finding) -> Finding:
        """``found`` placed in the passage it is in (a copy only if that changes it)."""
        passage = self.passage(found.start)
        if passage is None or (found.part, found.section, found.field) == (
                passage.part, passage.section, passage.field):
            return found
        return replace(found, part=passage.part, section=passage.section, field=passage.field)


def _gender(reader: _Reader, position: int, read_to: list[int]) -> list[Finding]:
    """Gender-coded stretches of the word at ``position``. ``read_to[0]`` is where the
    last word read ended: later parts of the same compound are skipped, so a long
    compound is walked once (linear), not once per part."""
    if position < read_to[0]:
        return []
    text = reader.text
    word_start, word_end = word_bounds(text, position)
    read_to[0] = word_end
    if word_start == word_end:
        return []
    lists = reader.lists
    exceptions = lists.exceptions_by_part
    role_words = lists.role_words
    out = []
    for relative_start, relative_end, norm, entry in coded_stretches(text[word_start:word_end], lists, lists.word_memo):
        start, end = word_start + relative_start, word_start + relative_end
        if norm in exceptions and inside_exception(text, reader.lower, start, end, norm, lists):
            continue
        capitalised = text[start].isupper()
        if capitalised and (reader.in_name(start, end) or context.in_job_name(text, start, end, lists.job_nouns)):
            continue
        if reader.settings.ignored is not None and reader.ignored(start, end):
            continue
        passage = reader.passage(start)
        if norm in role_words and context.names_a_role(
            text, start, end, norm, passage,
            lists.role_nouns, lists.role_nouns_in_context, lists.job_nouns, lists.role_modifiers,
        ):
            continue
        if passage is None:
            out.append(coded_finding(text, start, end, entry))
        else:
            out.append(coded_finding(text, start, end, entry, part=passage.part, section=passage.section,
                                     field=passage.field))
    return out


def _phrase(reader: _Reader, rule: PhraseRule, match) -> Finding | None:
    start, end = match.start(), match.end()
    written = reader.text[start:end]
    # "HE" (higher education) and "HIS" (a hospital information system) are not pronouns.
    if " " not in written and len(written) > 1 and written.isupper():
        return None
    if rule.unless_near is not None or rule.only_near is not None:
        begin, stop = context.paragraph_window(reader.lower, start, end)
        if rule.unless_near is not None and rule.unless_near.search(reader.lower, begin, stop):
            return None
        if rule.only_near is not None and not rule.only_near.search(reader.lower, begin, stop):
            return None
    passage = reader.passage(start)
    if passage is not None and passage.part == TITLE and rule.category == STRUCTURE:
        return None
    severity = rule.severity
    if severity in (REQUIREMENT_SEVERITY, ONLY_REQUIREMENT):
        required = context.is_requirement(reader.lower, start, end, passage)
        if not required and severity == ONLY_REQUIREMENT:
            return None
        severity = WARNING if required else INFO
    if reader.in_name(start, end) or reader.ignored(start, end):
        return None
    return Finding(
        rule_id=rule.rule_id,
        category=rule.category,
        severity=severity,
        start=start,
        end=end,
        text=written,
        message=rule.explanation,
        suggestions=rule.suggestions,
        source=rule.source,
        **reader.where(passage),
    )


def _acronym(reader: _Reader, acronym: Acronym, position: int) -> Finding | None:
    text = reader.text
    written = acronym.acronym
    if not text.startswith(written, position):
        return None
    end = position + len(written)
    if end < len(text) and text[end] == "s" and (end + 1 == len(text) or not text[end + 1].isalnum()):
        end += 1  # "ICBs"
    if end < len(text) and (text[end].isalnum() or text[end] in "&+"):
        return None
    passage = reader.passage(position)
    if passage is not None and passage.part == TITLE:
        return None
    lower = reader.lower
    if acronym.expanded.search(lower, max(0, position - _ACRONYM_LOOKBACK), position):
        return None
    after = lower[end : end + _ACRONYM_LOOKAHEAD].lstrip()
    if after.startswith("(") and acronym.expanded.search(after, 0, after.find(")") + 1 or len(after)):
        return None
    if reader.in_name(position, end) or reader.ignored(position, end):
        return None
    return Finding(
        rule_id=f"{ACRONYM}/{written}",
        category=ACRONYM,
        severity=INFO,
        start=position,
        end=end,
        text=text[position:end],
        message=(f"Spell out “{written}” the first time you use it. People new to the NHS, "
                 "or to digital work, may not know it."),
        suggestions=(f"{acronym.expansion} ({written})",),
        source=acronym.source,
        **reader.where(passage),
    )


def _drop_contained(findings: list[Finding]) -> list[Finding]:
    """Of two phrase findings where one lies inside the other, keep the longer ("he
    or she" rather than "he"); of two of one category that overlap, keep the first
    ("no more than three years" rather than "three years of experience")."""
    findings.sort(key=lambda f: (f.start, -f.end))
    kept: list[Finding] = []
    reach = -1
    reach_by_category: dict[str, int] = {}
    for finding in findings:
        if finding.end <= reach or finding.start < reach_by_category.get(finding.category, -1):
            continue
        kept.append(finding)
        reach = max(reach, finding.end)
        reach_by_category[finding.category] = max(reach_by_category.get(finding.category, -1), finding.end)
    return kept


def _scan(reader: _Reader, scanner: Scanner):
    gender, phrase_findings, acronym_findings = [], [], []
    statements: dict[str, list[tuple[int, int]]] = {}
    standard_spans: list[tuple[int, int]] = []
    read_to = [0]
    seen_acronyms: set[str] = set()
    seen_phrases: set[tuple[str, int]] = set()
    for candidate in candidates(scanner, reader.text, reader.lower, reader.same_offsets):
        position = candidate.position
        if candidate.gender:
            gender += _gender(reader, position, read_to)
        for item, finder in candidate.items:
            for match in matches_at(item, finder, reader.lower, position):
                if isinstance(item, StatementMarker):
                    statements.setdefault(item.statement, []).append(match.span())
                    if item.standard_text:
                        standard_spans.append(advert_model.line_span(reader.text, *match.span()))
                    continue
                if (item.rule_id, match.start()) in seen_phrases:
                    continue
                seen_phrases.add((item.rule_id, match.start()))
                found = _phrase(reader, item, match)
                if found is not None:
                    phrase_findings.append(found)
        for acronym in candidate.acronyms:
            if acronym.acronym in seen_acronyms:
                continue
            found = _acronym(reader, acronym, position)
            if found is not None:
                seen_acronyms.add(acronym.acronym)
                acronym_findings.append(found)
    return gender, phrase_findings, acronym_findings, statements, standard_spans


def analyse(advert: Advert | str, lists: WordLists, settings: Settings | None = None,
            dismissed: Mapping[str, str] | None = None) -> Report:
    """Check an advert (or a plain text, read as pasted) and return every finding."""
    if isinstance(advert, str):
        advert = advert_model.from_text(advert, lists)
    settings = settings or NO_SETTINGS
    reader = _Reader(advert, lists, settings)
    gender, phrase_findings, acronym_findings, statements, standard_spans = _scan(reader, lists.scanner)
    if settings.scanner is not None:
        # An organisation's word that a list already flags is not flagged twice.
        flagged = {(f.start, f.end) for f in gender + phrase_findings}
        extra = [f for f in _scan(reader, settings.scanner)[1] if (f.start, f.end) not in flagged]
        gender += [f for f in extra if f.category in ("masculine-coded", "feminine-coded")]
        phrase_findings += [f for f in extra if f.category not in ("masculine-coded", "feminine-coded")]

    # Lines that carry a standard statement's marker are standard text.
    passages = advert.passages
    if standard_spans and advert.find_standard_text:
        passages = tuple(advert_model.mark_standard(passages, standard_spans))
        advert = replace(advert, passages=passages)
        reader.index = advert_model.PassageIndex(passages)
        gender = [reader.finding(f) for f in gender]
        phrase_findings = [reader.finding(f) for f in phrase_findings]
        acronym_findings = [reader.finding(f) for f in acronym_findings]

    text = advert.text
    classes = LetterClasses(text)
    read = readability.measure(advert, classes)  # counts the words of the writer's own text
    title_words = sum(classes.words(p.start, p.end) for p in passages if p.part == TITLE)
    standard_words = sum(classes.words(p.start, p.end) for p in passages if p.part == STANDARD)
    own_words = title_words + read.figures.words
    all_words = own_words + standard_words

    findings = gender + _drop_contained(phrase_findings) + acronym_findings
    findings += structure.whole_advert_findings(advert, statements, all_words, own_words)
    # A finding about the whole text (its reading age) belongs to no one passage.
    findings += [reader.finding(f) if f.text else replace(f, section="Whole advert") for f in read.findings]
    if dismissed:
        findings = [replace(f, dismissed=dismissed[f.key]) if f.key in dismissed else f for f in findings]
    findings.sort(key=lambda f: (f.start, f.end))
    return Report(
        word_count=all_words,
        gender=gender_coding(findings, own_words, lists),
        findings=tuple(findings),
        wordlist_version=lists.version,
        passages=passages,
        readability=read.figures,
        summary=summary.summarise(findings, passages, standard_words),
    )
