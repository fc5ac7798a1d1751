"""The wording-check report, for a recruiter's records: as a document (rendered to PDF by
the same code as job descriptions) and as CSV."""

from __future__ import annotations

import csv
import io
import re
from datetime import datetime

from ..analysis import Finding, Report
from .document import BulletList, JobDocument, Paragraph, Section, Subheading, clean

_SENTENCE_END = re.compile(r"[.!?](?=\s)|\n")
CONTEXT_LIMIT = 240


def context_sentence(text: str, finding: Finding) -> str:
    """The sentence (or line) a finding is in, cut to about 240 characters around it."""
    start = 0
    for match in _SENTENCE_END.finditer(text, 0, finding.start):
        start = match.end()
    end_match = _SENTENCE_END.search(text, finding.end)
    end = end_match.end() if end_match else len(text)
    sentence = text[start:end].strip()
    if len(sentence) > CONTEXT_LIMIT:
        centre = finding.start - start
        left = max(0, centre - CONTEXT_LIMIT // 2)
        sentence = ("…" if left else "") + sentence[left : left + CONTEXT_LIMIT].strip() + "…"
    return clean(" ".join(sentence.split()))


def line_and_column(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


def _facts(report: Report, checked_at: datetime, source: str) -> tuple[tuple[str, str], ...]:
    gender = report.gender
    verdict = "No gender-coded words found" if gender.verdict == "empty" else gender.verdict.capitalize()
    facts = [
        ("Checked", checked_at.strftime("%-d %B %Y at %H:%M")),
        ("Verdict", verdict),
        ("Masculine-coded words", f"{gender.masculine_count} ({gender.masculine_share:.1f}% of words)"),
        ("Feminine-coded words", f"{gender.feminine_count} ({gender.feminine_share:.1f}% of words)"),
        ("Words checked", f"{report.word_count:,}"),
        ("Word list version", report.wordlist_version),
    ]
    if source:
        facts.insert(0, ("Advert", source))
    return tuple(facts)


def report_document(text: str, report: Report, *, checked_at: datetime, source: str = "",
                    organisation: str = "", author: str = "") -> JobDocument:
    sections = []
    for category, heading in (("masculine-coded", "Masculine-coded words"), ("feminine-coded", "Feminine-coded words")):
        findings = [f for f in report.findings if f.category == category]
        if not findings:
            continue
        blocks = []
        for finding in findings:
            line, column = line_and_column(text, finding.start)
            blocks.append(Subheading(f"{clean(finding.text)} (line {line}, column {column})"))
            blocks.append(Paragraph(f"In context: {context_sentence(text, finding)}"))
            blocks.append(BulletList((f"Try instead: {', '.join(finding.suggestions)}", f"Source: {finding.source}")))
        sections.append(Section(f"{heading} ({len(findings)})", tuple(blocks)))
    sections.append(
        Section(
            "About this check",
            (
                Paragraph(
                    "Words are matched against the lists of gender-coded words in Gaucher, Friesen and Kay (2011), "
                    "with Gender Decoder's additions. A list cannot read context: use judgement about each word."
                ),
            ),
        )
    )
    return JobDocument(
        title="Wording check report",
        organisation=organisation,
        author=author,
        key_facts=_facts(report, checked_at, source),
        sections=tuple(sections),
        person_spec=(),
        created=checked_at,
    )


def _cell(value) -> str:
    # Spreadsheets run cells that start with these as formulas (CSV injection).
    text = clean(str(value))
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t") else text


def report_csv(text: str, report: Report, *, checked_at: datetime, source: str = "") -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    for label, value in _facts(report, checked_at, source):
        writer.writerow([_cell(label), _cell(value)])
    writer.writerow([])
    writer.writerow(["Word", "Category", "Severity", "Line", "Column", "Context", "Try instead", "Source"])
    for finding in report.findings:
        line, column = line_and_column(text, finding.start)
        writer.writerow(
            [_cell(finding.text), finding.category, finding.severity, line, column,
             _cell(context_sentence(text, finding)), _cell("; ".join(finding.suggestions)), _cell(finding.source)]
        )
    return buffer.getvalue()
