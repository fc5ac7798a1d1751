"""The wording-check report: context sentences, CSV safety, and the report document."""

import csv
import io
from datetime import datetime

from webapp.analysis import analyse, load_wordlists
from webapp.export.report import context_sentence, report_csv, report_document

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
    assert facts["Gender-coded wording of your own text"] == report.gender.verdict.capitalize()
    headings = [s.heading for s in document.sections]
    # The summary first, then each kind of finding, most important first.
    assert headings[0] == "Summary" and "About this check" in headings
    masculine = next(s for s in document.sections if s.heading.startswith("Masculine-coded words ("))
    assert masculine.blocks[0].text == "aggressive (warning, line 1, column 38)"
    assert masculine.blocks[1].text == "In context: You will be an aggressive negotiator!"
    assert masculine.blocks[2].items[1].startswith("Try instead: ")
