"""The key facts help (job_templates/key-facts.toml) and the optional standard
statements (job_templates/statements.toml): every entry sourced, the pay table in
band order, bad files refused with a reason."""

from pathlib import Path

import pytest

from webapp.draft_fields import KEY_FACT_FIELDS
from webapp.key_facts import load_key_facts_help
from webapp.role_templates import TemplateError
from webapp.statements import chosen, load_statements

TEMPLATES_DIR = Path(__file__).resolve().parents[1] / "job_templates"
HELP = load_key_facts_help(TEMPLATES_DIR / "key-facts.toml")
STATEMENTS = load_statements(TEMPLATES_DIR / "statements.toml")


def test_every_key_fact_a_hiring_manager_fills_in_has_sourced_help():
    # The closing date and working pattern need no help beyond their hints.
    assert set(HELP.guidance) == set(KEY_FACT_FIELDS) - {"closing_date", "working_pattern"}
    for guidance in HELP.guidance.values():
        assert guidance.sources and guidance.text
    assert HELP.pay.sources


def test_the_pay_table_has_every_open_band_in_order():
    assert [band.label for band in HELP.pay.bands] == [
        "Band 2", "Band 3", "Band 4", "Band 5", "Band 6", "Band 7", "Band 8a", "Band 8b", "Band 8c", "Band 8d", "Band 9"]
    assert HELP.pay.band("AfC band 8C").salary_range == "£76,965 to £88,682 a year"
    assert HELP.pay.band("Band 2").salary_range == "£24,465 a year"
    for text in ("Band 1", "Very senior manager", "Band 10", "Band 7 or 8a", ""):
        assert HELP.pay.band(text) is None, text


def test_the_pay_table_is_checked_against_the_year_before_raised_by_the_award():
    check = HELP.pay.check
    assert check is not None and check.sources and check.award == "3.6%"
    assert [band.band for band in check.bands] == ["2", "3", "4", "5", "6", "8a", "8d"]
    assert HELP.pay.unchecked == ("7", "8b", "8c")


@pytest.mark.parametrize(("typo", "fixed", "message"), [
    ("entry = 31094", "entry = 31049", r"\(Band 5, entry\): £29,970 raised by 3.6% is not within £1 of this year's £31,094"),
    ("top = 101767", "top = 101677", r"Band 8d, top"),  # in the year-before table
    ("award_per_thousand = 35", "award_per_thousand = 36", r"Band 2, entry\): £23,615 raised by 3.5%"),
    ("award_per_thousand = true", "award_per_thousand = 36", r"must be a whole number"),
    ('{ band = "5", entry = 29970, top = 36483 }', '{ band = "5", entry = 29970, intermediate = 32324, top = 36483 }',
     r"\(Band 5\): one year's table has an intermediate pay point and the other's does not"),
    ('confirmed_by_advert = ["9", "9"]', 'confirmed_by_advert = ["9"]', r"a band is listed twice: 9"),
    ('{ band = "3", entry = 24071, top = 25674 },\n  { band = "3", entry = 24071, top = 25674 },',
     '{ band = "3", entry = 24071, top = 25674 },', r"previous_year\]: a band is listed twice: 3"),
])
def test_a_mistyped_pay_figure_in_either_year_is_refused(tmp_path, typo, fixed, message):
    """The real file with one figure mistyped (two digits swapped, a wrong award) or a
    row that does not fit the other year's."""
    text = (TEMPLATES_DIR / "key-facts.toml").read_text(encoding="utf-8")
    assert text.count(fixed) == 1
    with pytest.raises(TemplateError, match=message):
        load_key_facts_help(_write(tmp_path, text.replace(fixed, typo)))


def test_the_optional_statements_are_sourced_and_chosen_in_file_order():
    assert [s.id for s in STATEMENTS] == ["apply-if-most-criteria", "safeguarding-and-dbs", "armed-forces-covenant",
                                         "visa-sponsorship", "pension-and-leave"]
    assert all(s.sources for s in STATEMENTS)
    assert [s.id for s in chosen(STATEMENTS, ["pension-and-leave", "apply-if-most-criteria", "gone"])] == [
        "apply-if-most-criteria", "pension-and-leave"]
    # Safeguarding text must say children (the check's exception for "welfare of children").
    assert "welfare of children" in next(s for s in STATEMENTS if s.id == "safeguarding-and-dbs").text


PAY = '''
[pay]
title = "Pay"
note = "A note."
sources = ["Health Careers, Agenda for Change pay rates"]
bands = [{ band = "5", entry = 3, intermediate = 4, top = 5 }, { band = "6", entry = 6, top = 7 }]
[[guidance]]
field = "band"
heading = "Help"
text = "Ask HR."
sources = ["Health Careers"]
'''


@pytest.mark.parametrize(("change", "message"), [
    (lambda t: t.replace('sources = ["Health Careers"]', ""), "guidance 1: sources are missing"),
    (lambda t: t.replace('sources = ["Health Careers, Agenda for Change pay rates"]', ""), r"\[pay\]: sources"),
    (lambda t: t.replace('sources = ["Health Careers"]', 'sources = ["our notes.md"]'), "name the publication"),
    (lambda t: t.replace("entry = 6", "entry = 1"), "pay points must rise"),
    (lambda t: t.replace('field = "band"', 'field = "job_summary"'), "not a key fact"),
    (lambda t: t.replace('entry = 6, top = 7 }', 'entry = 6 }'), "band row 2"),
    (lambda t: t + "[[", "not valid TOML"),
])
def test_a_broken_key_facts_file_is_refused_with_a_reason(tmp_path, change, message):
    assert load_key_facts_help(_write(tmp_path, PAY)).pay.band("band 6").top == 7
    with pytest.raises(TemplateError, match=message):
        load_key_facts_help(_write(tmp_path, change(PAY)))


STATEMENT = '''
[[statements]]
id = "visa"
heading = "Visa"
text = "This post [is / is not] eligible."
sources = ["NHS Jobs adverts"]
'''


@pytest.mark.parametrize(("change", "message"), [
    (lambda t: t.replace('sources = ["NHS Jobs adverts"]', ""), "sources are missing"),
    (lambda t: t.replace('id = "visa"', 'id = "Visa Sponsorship"'), "lower-case"),
    (lambda t: t.replace("[is / is not]", "[" + "x" * 70 + "]"), "placeholder"),
    (lambda t: t + t, "ids repeat"),
    (lambda t: "", "no statements"),
])
def test_a_broken_statements_file_is_refused_with_a_reason(tmp_path, change, message):
    assert load_statements(_write(tmp_path, STATEMENT))[0].id == "visa"
    with pytest.raises(TemplateError, match=message):
        load_statements(_write(tmp_path, change(STATEMENT)))


def _write(tmp_path, text):
    path = tmp_path / "data.toml"
    path.write_text(text, encoding="utf-8")
    return path
