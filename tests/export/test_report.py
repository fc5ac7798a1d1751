"""The wording-check report: context sentences, CSV safety, and the report document."""

import csv
import io
from datetime import datetime

from webapp.analysis import analyse, load_wordlists
from webapp.export.report import MAX_REPORT_FINDINGS, TextIndex, context_sentence, report_csv, report_document

from ..analysis.conftest import WORDLISTS_DIR

TEXT = "We support our users. You will be an aggressive negotiator!\nLead the team, and build trust."


def test_context_is_the_sentence_the_word_is_in():
    report = analyse(TEXT, load_wordlists(WORDLISTS_DIR))
    contexts = {f.text: context_sentence(TEXT, f) for f in report.findings}
    assert contexts["aggressive"] == "You will be an aggressive negotiator!"
    assert contexts["support"] == "We support our users."
    assert contexts["Lead"] == "Lead the team, and build trust."


def test_long_sentences_are_cut_around_the_word():
    text = "word " * 200 + "aggressive " + "word " * 200
    report = analyse(text, load_wordlists(WORDLISTS_DIR))
    coded = next(f for f in report.findings if f.text == "aggressive")
    context = context_sentence(text, coded)
    assert "aggressive" in context and len(context) <= 245 and context.startswith("…") and context.endswith("…")


def test_csv_has_the_verdict_date_version_and_every_finding():
    wordlists = load_wordlists(WORDLISTS_DIR)
    report = analyse(TEXT + " =cmd|' /C calc'!A0 ambitious", wordlists)
    rows = list(csv.reader(io.StringIO(report_csv(TEXT + " =cmd|' /C calc'!A0 ambitious", report,
                                                  checked_at=datetime(2026, 11, 23, 14, 32), source="Advert"))))
    facts = dict(row for row in rows if len(row) == 2)
    assert facts["Checked"] == "23 November 2026 at 14:32"
    assert facts["Word list version"] == wordlists.version
    assert facts["Gender-coded wording of your own text"] == report.gender.verdict.capitalize()
    header = rows.index(["Words", "Category", "Severity", "Part", "Line", "Column", "Context", "Why",
                         "Try instead", "Source", "Dismissed because"])
    findings = rows[header + 1 :]
    assert [r[0] for r in findings] == [f.text for f in report.findings]
    assert ["aggressive", "masculine-coded", "warning", "own", "1", "38"] in [r[:6] for r in findings]
    # A cell that a spreadsheet would run as a formula is defused.
    assert all(not cell.startswith(("=", "+", "-", "@")) for row in rows for cell in row)


def test_report_document_lists_each_finding_with_context_and_suggestions():
    report = analyse(TEXT, load_wordlists(WORDLISTS_DIR))
    document = report_document(TEXT, report, checked_at=datetime(2026, 11, 23), source="Senior PM")
    facts = dict(document.key_facts)
    assert facts["Advert"] == "Senior PM"
    # A draft's name is its job title: the title is given once, however it was typed.
    titled = report_document(TEXT, report, checked_at=datetime(2026, 11, 23), source="Senior PM ",
                             job_title="Senior PM")
    assert [label for label, _ in titled.key_facts].count("Job title") == 1
    assert "Advert" not in dict(titled.key_facts)
    assert facts["Gender-coded wording of your own text"] == report.gender.verdict.capitalize()
    headings = [s.heading for s in document.sections]
    # The summary first, then each kind of finding, most important first.
    assert headings[0] == "Summary" and "About this check" in headings
    masculine = next(s for s in document.sections if s.heading.startswith("Masculine-coded words ("))
    assert masculine.blocks[0].text == "aggressive (warning, line 1, column 38)"
    assert masculine.blocks[1].text == "In context: You will be an aggressive negotiator!"
    assert masculine.blocks[2].items[1].startswith("Try instead: ")


# Long reports (issue 10): the PDF report lists what can be laid out in a second or so,
# each kind of finding in turn, and says where the rest are.


def listed(section):
    return [block.text for block in section.blocks if block.__class__.__name__ == "Subheading"]


def test_a_report_with_thousands_of_findings_lists_each_kind_and_points_to_the_csv():
    text = "ambitious supportive " * 2_000
    report = analyse(text, load_wordlists(WORDLISTS_DIR))
    document = report_document(text, report, checked_at=datetime(2026, 11, 23))
    sections = {s.heading: s for s in document.sections}
    masculine, feminine = sections["Masculine-coded words (2,000)"], sections["Feminine-coded words (2,000)"]
    shown = len(listed(masculine)) + len(listed(feminine))
    assert 0 < len(listed(masculine)) and 0 < len(listed(feminine))  # both kinds, not just the first
    assert shown < MAX_REPORT_FINDINGS
    assert masculine.blocks[-1].text == f"{len(listed(masculine))} of these 2,000 are listed here. The CSV report lists them all."
    note = document.sections[0].blocks[0].text
    total = len(report.findings)
    everything_listed = sum(len(listed(s)) for s in document.sections if s.heading != "Summary")
    assert note.startswith(f"This report lists {everything_listed} of the {total:,} findings")
    assert note.endswith("Download the CSV report for all of them.")
    # The first findings of each kind, in the order of the text.
    assert listed(masculine)[:2] == ["ambitious (warning, line 1, column 1)", "ambitious (warning, line 1, column 22)"]
    # The CSV has every one.
    rows = list(csv.reader(io.StringIO(report_csv(text, report, checked_at=datetime(2026, 11, 23)))))
    assert len(rows) - rows.index(next(r for r in rows if r[:1] == ["Words"])) - 1 == total


def test_a_report_of_long_findings_in_any_script_still_makes_a_pdf():
    # Findings whose context is Arabic cost HarfBuzz five times as much to lay out; a job
    # title as long as a paragraph names the advert. The report lists fewer findings,
    # and still makes a PDF.
    from pypdf import PdfReader

    from webapp.export.pdf import render_pdf

    text = " ".join(f"We want an ambitious {'مرحبا بالعالم ' * 15}{i}." for i in range(400))
    report = analyse(text, load_wordlists(WORDLISTS_DIR))
    document = report_document(text, report, checked_at=datetime(2026, 11, 23), source="Product manager " * 1_000)
    assert dict(document.key_facts)["Advert"].endswith("…") and len(dict(document.key_facts)["Advert"]) == 200
    pages = PdfReader(io.BytesIO(render_pdf(document))).pages
    assert "This report lists" in pages[0].extract_text()


def test_context_and_position_for_the_last_of_many_findings():
    text = "Lead the team.\n" * 3_000 + "You will be an aggressive negotiator!"
    report = analyse(text, load_wordlists(WORDLISTS_DIR))
    coded = next(f for f in report.findings if f.text == "aggressive")
    index = TextIndex(text)
    assert context_sentence(text, coded, index) == "You will be an aggressive negotiator!"
    assert index.line_and_column(coded.start) == (3_001, 16)


def test_where_to_share_in_the_report_is_bounded_and_flags_unconfirmed_addresses():
    from webapp.export.report import MAX_REPORT_SUGGESTIONS, MAX_SUGGESTION_CHARACTERS
    from webapp.outreach import Network, Suggestion

    def suggestion(number, url="", confirmed=True, why="Reaches women in digital roles."):
        network = Network(id=f"n{number}", name=f"Network {number}", summary="", serves="", url=url,
                          url_confirmed=confirmed, status="active", kind="community", audiences=(),
                          role_families=("all",), sources=("A source",))
        return Suggestion(network, why, 1)

    outreach = [suggestion(0, "https://example.org/partial", "partial"),
                suggestion(1, "https://example.org/sure", True),
                suggestion(2, why="w" * 2_000)]
    outreach += [suggestion(number) for number in range(3, MAX_REPORT_SUGGESTIONS + 1)]
    report = analyse(TEXT, load_wordlists(WORDLISTS_DIR))
    document = report_document(TEXT, report, checked_at=datetime(2026, 11, 23, 14, 32), outreach=outreach,
                               role_family="data")
    section = next(s for s in document.sections if s.heading == "Where to share")
    items = next(b for b in section.blocks if hasattr(b, "items")).items
    assert len(items) == MAX_REPORT_SUGGESTIONS
    assert items[0].endswith("https://example.org/partial (check this web address before you use it)")
    assert items[1].endswith("https://example.org/sure")
    assert len(items[2]) <= MAX_SUGGESTION_CHARACTERS and items[2].endswith("…")
    assert section.blocks[-1].text == f"{MAX_REPORT_SUGGESTIONS} of {MAX_REPORT_SUGGESTIONS + 1} suggestions are listed here."
    assert "for data roles" in section.blocks[0].text
