"""The wording-check report, for a recruiter's records: as a document (rendered to PDF by
the same code as job descriptions) and as CSV."""

from __future__ import annotations

import csv
import io
import re
from datetime import datetime

from ..analysis import CATEGORIES, Finding, Report
from ..analysis.categories import category
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
        ("Things to look at", f"{report.summary.total} ({report.summary.warnings} warnings)" if report.summary else "0"),
        ("Gender-coded wording of your own text", verdict),
        ("Masculine-coded words", f"{gender.masculine_count} ({gender.masculine_share:.1f}% of words)"),
        ("Feminine-coded words", f"{gender.feminine_count} ({gender.feminine_share:.1f}% of words)"),
        ("Words of your own checked", f"{gender.word_count:,}"),
        ("Words in all", f"{report.word_count:,}"),
    ]
    if report.readability and report.readability.reading_age:
        facts.append(("Reading age", f"about {report.readability.reading_age} ({report.readability.method})"))
    facts.append(("Word list version", report.wordlist_version))
    if source:
        facts.insert(0, ("Advert", source))
    return tuple(facts)


def _finding_blocks(text: str, findings) -> tuple:
    blocks = []
    for finding in findings:
        line, column = line_and_column(text, finding.start)
        severity = "Warning" if finding.severity == "warning" else "Note"
        if finding.text:
            blocks.append(Subheading(f"{clean(finding.text)} ({severity.lower()}, line {line}, column {column})"))
            blocks.append(Paragraph(f"In context: {context_sentence(text, finding)}"))
        else:
            blocks.append(Subheading(f"{severity}: {category(finding.category).label}"))
        items = [finding.message]
        if finding.suggestions:
            items.append(f"Try instead: {'; '.join(finding.suggestions)}")
        items.append(f"Source: {finding.source}")
        if finding.dismissed is not None:
            items.append(f"Dismissed because: {finding.dismissed}")
        blocks.append(BulletList(tuple(items)))
    return tuple(blocks)


def report_document(text: str, report: Report, *, checked_at: datetime, source: str = "",
                    organisation: str = "", author: str = "") -> JobDocument:
    sections = []
    summary = report.summary
    if summary is not None:
        lines = [f"{c.label}: {c.count} ({c.warnings} warnings)" for c in summary.counts if c.count]
        blocks = [Subheading("Fix these first")] if summary.top_fixes else []
        if summary.top_fixes:
            blocks.append(BulletList(tuple(
                (f"“{clean(f.text)}” ({category(f.category).label.lower()}): " if f.text else
                 f"{category(f.category).label}: ") + f.message for f in summary.top_fixes)))
        blocks.append(Subheading("Findings in your own words, by kind"))
        blocks.append(BulletList(tuple(lines) or ("None",)))
        if summary.standard_words:
            blocks.append(Paragraph(
                f"{summary.standard_words:,} words were read as the organisation's standard text. They do not count "
                "towards the result; anything found there is listed in its own section."))
        sections.append(Section("Summary", tuple(blocks)))
    own = report.own_findings
    for kind in CATEGORIES:
        found = [f for f in own if f.category == kind.id]
        if found:
            sections.append(Section(f"{kind.label} ({len(found)})", _finding_blocks(text, found)))
    if report.standard_findings:
        sections.append(Section(f"In the organisation's standard text ({len(report.standard_findings)})",
                                _finding_blocks(text, report.standard_findings)))
    if report.dismissed_findings:
        sections.append(Section(f"Dismissed ({len(report.dismissed_findings)})",
                                _finding_blocks(text, report.dismissed_findings)))
    sections.append(
        Section(
            "About this check",
            (
                Paragraph(
                    "Gender-coded words come from the lists of Gaucher, Friesen and Kay (2011), with Gender "
                    "Decoder's additions. The other kinds of wording come from published guidance, each named "
                    "beside its finding. The check reads words in their context (organisation names, job titles, "
                    "standard statements), but it cannot know the job: use judgement about each finding."
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
    writer.writerow(["Words", "Category", "Severity", "Part", "Line", "Column", "Context", "Why",
                     "Try instead", "Source", "Dismissed because"])
    for finding in report.findings:
        line, column = line_and_column(text, finding.start)
        writer.writerow(
            [_cell(finding.text), finding.category, finding.severity, finding.part, line, column,
             _cell(context_sentence(text, finding) if finding.text else ""), _cell(finding.message),
             _cell("; ".join(finding.suggestions)), _cell(finding.source), _cell(finding.dismissed or "")]
        )
    return buffer.getvalue()
