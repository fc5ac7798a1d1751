"""The wording-check report, for a recruiter's records: as a document (rendered to PDF by
the same code as job descriptions) and as CSV."""

from __future__ import annotations

import csv
import io
import re
from bisect import bisect_left, bisect_right
from datetime import datetime

from ..analysis import CATEGORIES, Finding, Report
from ..analysis.categories import category
from ..analysis.model import TITLE
from .document import BulletList, JobDocument, Paragraph, Section, Subheading, clean

_SENTENCE_END = re.compile(r"[.!?](?=\s)|\n")
CONTEXT_LIMIT = 240
# Findings the PDF report lists, at most (the CSV lists every one): past this a report
# is no longer something to read. A real 10,000-word advert has about 130.
MAX_REPORT_FINDINGS = 300
# What laying out the findings listed may cost, at most (pdf.layout_cost: characters of
# Latin paragraph text, about 15 us each), so that the report always makes a PDF, in about
# a second: it is under pdf.MAX_LAYOUT_CHARACTERS with room for the summary and key facts.
# A finding costs 170 to 1,200 (its context, reason and suggestions); the 132 findings of
# that 10,000-word advert cost 64,000, so its report lists them all.
MAX_REPORT_FINDING_CHARACTERS = 80_000
# The advert's name (a draft's job title, up to 20,000 characters) as the PDF report shows it.
MAX_SOURCE_CHARACTERS = 200
# "Where to share" suggestions the PDF report lists, at most (there are about a dozen,
# and an organisation's own networks), and each line's length.
MAX_REPORT_SUGGESTIONS = 40
MAX_SUGGESTION_CHARACTERS = 600


def advert_title(text: str, report: Report) -> str:
    """The job title the check read in ``text`` (its first title passage), or ""."""
    for passage in report.passages:
        if passage.part == TITLE:
            return clean(" ".join(text[passage.start:passage.end].split()))
    return ""


def _shorten(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


class TextIndex:
    """Where the text's lines and sentences end, found once. Looking them up from the
    start of the text for each finding took seconds for a report of 100,000 characters
    with thousands of findings."""

    def __init__(self, text: str):
        self.text = text
        self.newlines = [match.start() for match in re.finditer("\n", text)]
        ends = [(match.end(), match.group() == "\n") for match in _SENTENCE_END.finditer(text)]
        self.sentence_ends = [end for end, _ in ends]
        self.stop_ends = [end for end, newline in ends if not newline]  # after ".", "!" or "?"

    def sentence_start(self, offset: int) -> int:
        """Where the sentence (or line) holding ``offset`` starts. A stop counts only when
        white space follows it before ``offset``; a line break counts up to ``offset``."""
        start = 0
        line = bisect_right(self.newlines, offset - 1)  # line breaks before offset
        if line:
            start = self.newlines[line - 1] + 1
        stop = bisect_left(self.stop_ends, offset)  # stops ending before offset
        if stop and self.stop_ends[stop - 1] > start:
            start = self.stop_ends[stop - 1]
        return start

    def sentence_end(self, offset: int) -> int:
        """Where the sentence (or line) that goes on at ``offset`` ends."""
        index = bisect_left(self.sentence_ends, offset + 1)
        return self.sentence_ends[index] if index < len(self.sentence_ends) else len(self.text)

    def line_and_column(self, offset: int) -> tuple[int, int]:
        line = bisect_left(self.newlines, offset)  # line breaks before offset
        return line + 1, offset - (self.newlines[line - 1] + 1 if line else 0) + 1


def context_sentence(text: str, finding: Finding, index: TextIndex | None = None) -> str:
    """The sentence (or line) a finding is in, cut to about 240 characters around it."""
    index = index or TextIndex(text)
    start = index.sentence_start(finding.start)
    end = index.sentence_end(finding.end)
    sentence = text[start:end].strip()
    if len(sentence) > CONTEXT_LIMIT:
        centre = finding.start - start
        left = max(0, centre - CONTEXT_LIMIT // 2)
        sentence = ("…" if left else "") + sentence[left : left + CONTEXT_LIMIT].strip() + "…"
    return clean(" ".join(sentence.split()))


def line_and_column(text: str, offset: int, index: TextIndex | None = None) -> tuple[int, int]:
    return (index or TextIndex(text)).line_and_column(offset)


def _facts(report: Report, checked_at: datetime, source: str, job_title: str = "") -> tuple[tuple[str, str], ...]:
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
    if source and source != job_title:
        facts.insert(0, ("Advert", source))
    if job_title:
        facts.insert(0, ("Job title", job_title))
    return tuple(facts)


def _finding_blocks(index: TextIndex, finding: Finding) -> list:
    text = index.text
    line, column = index.line_and_column(finding.start)
    severity = "Warning" if finding.severity == "warning" else "Note"
    blocks = []
    if finding.text:
        blocks.append(Subheading(f"{clean(finding.text)} ({severity.lower()}, line {line}, column {column})"))
        blocks.append(Paragraph(f"In context: {context_sentence(text, finding, index)}"))
    else:
        blocks.append(Subheading(f"{severity}: {category(finding.category).label}"))
    items = [finding.message]
    if finding.suggestions:
        items.append(f"Try instead: {'; '.join(finding.suggestions)}")
    items.append(f"Source: {finding.source}")
    if finding.dismissed is not None:
        items.append(f"Dismissed because: {finding.dismissed}")
    blocks.append(BulletList(tuple(items)))
    return blocks


def _layout_cost(blocks) -> int:
    from .pdf import layout_cost

    return sum(sum(map(layout_cost, b.items)) if isinstance(b, BulletList) else layout_cost(b.text) for b in blocks)


def _outreach_section(outreach, role_family: str | None) -> Section:
    """"Where to share": each suggested network with why, as the share pages list them."""
    listed = list(outreach)[:MAX_REPORT_SUGGESTIONS]
    items = []
    for suggestion in listed:
        network = suggestion.network
        line = f"{clean(network.name)}: {clean(suggestion.why)}"
        if network.url:
            line += f" {clean(network.url)}" + ("" if network.url_confirmed is True else
                                                " (check this web address before you use it)")
        items.append(_shorten(line, MAX_SUGGESTION_CHARACTERS))
    role = f" for {clean(role_family)} roles" if role_family else ""
    blocks = [Paragraph(f"Networks that could help more people see the advert{role}, each with why it is "
                        "suggested. Check a network is still running before you share the advert there.")]
    blocks.append(BulletList(tuple(items)))
    if len(listed) < len(outreach):
        blocks.append(Paragraph(f"{len(listed):,} of {len(outreach):,} suggestions are listed here."))
    return Section("Where to share", tuple(blocks))


def report_document(text: str, report: Report, *, checked_at: datetime, source: str = "",
                    organisation: str = "", author: str = "", job_title: str = "",
                    outreach=(), role_family: str | None = None) -> JobDocument:
    """The report as a document. ``job_title`` is the advert's title (a draft's job title,
    or the title the check read in pasted text); ``outreach`` the "Where to share"
    suggestions (``outreach.Suggestion``s), listed when there are any."""
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
    groups = [(kind.label, [f for f in own if f.category == kind.id]) for kind in CATEGORIES]
    groups.append(("In the organisation's standard text", list(report.standard_findings)))
    groups.append(("Dismissed", list(report.dismissed_findings)))
    groups = [(heading, found) for heading, found in groups if found]
    # Which findings to list: one of each kind in turn, so every kind is listed when
    # there are too many for the report, until MAX_REPORT_FINDINGS or the layout budget
    # is reached; a kind whose next finding does not fit in what is left stops there.
    index = TextIndex(text)
    budget = MAX_REPORT_FINDING_CHARACTERS
    listed: list[list] = [[] for _ in groups]
    open_groups = list(range(len(groups)))
    count = 0
    while open_groups and count < MAX_REPORT_FINDINGS:
        for i in list(open_groups):
            found = groups[i][1]
            blocks = _finding_blocks(index, found[len(listed[i])])
            cost = _layout_cost(blocks)
            if cost > budget:
                open_groups.remove(i)
                continue
            budget -= cost
            listed[i].append(blocks)
            count += 1
            if len(listed[i]) == len(found):
                open_groups.remove(i)
            if count == MAX_REPORT_FINDINGS:
                break
    for (heading, found), chosen in zip(groups, listed):
        blocks = [block for finding_blocks in chosen for block in finding_blocks]
        if len(chosen) < len(found):
            shown = f"{len(chosen):,} of these {len(found):,} are" if chosen else f"None of these {len(found):,} is"
            blocks.append(Paragraph(f"{shown} listed here. The CSV report lists them all."))
        sections.append(Section(f"{heading} ({len(found):,})", tuple(blocks)))
    if outreach:
        sections.append(_outreach_section(outreach, role_family))
    total = sum(len(found) for _, found in groups)
    if count < total:
        note = Paragraph(f"This report lists {count:,} of the {total:,} findings, to keep it a size you can read "
                         "and print. Download the CSV report for all of them.")
        if sections and sections[0].heading == "Summary":
            sections[0] = Section("Summary", (note, *sections[0].blocks))
        else:
            sections.insert(0, Section("Summary", (note,)))
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
        key_facts=_facts(report, checked_at, _shorten(clean(source).strip(), MAX_SOURCE_CHARACTERS),
                         _shorten(clean(job_title).strip(), MAX_SOURCE_CHARACTERS)),
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
    index = TextIndex(text)
    for finding in report.findings:
        line, column = index.line_and_column(finding.start)
        writer.writerow(
            [_cell(finding.text), finding.category, finding.severity, finding.part, line, column,
             _cell(context_sentence(text, finding, index) if finding.text else ""), _cell(finding.message),
             _cell("; ".join(finding.suggestions)), _cell(finding.source), _cell(finding.dismissed or "")]
        )
    return buffer.getvalue()
