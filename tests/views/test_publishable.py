"""What a publishable job description needs (issue 12): key facts with help and the
Agenda for Change pay table, the job-evaluation details, how each criterion will be
assessed, the organisation's optional standard statements, and help choosing a level."""

import io
import re

import pytest
from docx import Document
from pypdf import PdfReader

from ..helpers import HX_PARTIAL, assert_page_invariants, normalize_spaces, parse
from .test_drafts import editor, form_data, start_from_template


@pytest.fixture
def ada(make_user, sign_in):
    """An organisation admin (she created Trust A)."""
    make_user("ada@nhs.net", organisation="Trust A")
    return sign_in("ada@nhs.net")


@pytest.fixture
def grace(ada, make_user, sign_in):
    """A colleague in Trust A who is not an admin."""
    make_user("grace@nhs.net", invite_code=_invite_code(ada))
    return sign_in("grace@nhs.net")


def _invite_code(client):
    return parse(client.get("/account")).select_one("#invite-code").get_text()


def save(client, draft_id, **changes):
    data = form_data(editor(client, draft_id))
    data.update({name: value if isinstance(value, list) else [value] for name, value in changes.items()})
    data["action"] = ["save"]
    response = client.post(f"/drafts/{draft_id}", data=data)
    assert response.status_code == 302, response.get_data(as_text=True)[:300]


# Key facts ------------------------------------------------------------------------

def test_each_key_fact_has_help_with_its_sources_and_the_band_help_has_the_pay_table(ada):
    soup = editor(ada, start_from_template(ada))
    assert_page_invariants(soup)
    for field in ("band", "salary", "hours", "location", "contact", "reports_to", "staff_and_budget"):
        help_ = soup.select_one(f"details#{field}-help")
        assert help_ is not None, field
        assert "Sources:" in help_.get_text()
    band_help = soup.select_one("details#band-help")
    assert "very senior manager" in band_help.get_text()
    assert "sessions" in band_help.get_text()  # medical posts paid in sessions
    rows = {normalize_spaces(row.th.get_text()): [normalize_spaces(td.get_text()) for td in row.select("td")]
            for row in band_help.select("tbody tr")}
    assert list(rows) == ["Band 2", "Band 3", "Band 4", "Band 5", "Band 6", "Band 7", "Band 8a", "Band 8b",
                          "Band 8c", "Band 8d", "Band 9"]
    assert rows["Band 7"] == ["£47,810", "£50,273", "£54,710"]
    assert rows["Band 2"][1] == "None"  # no intermediate pay point
    # The hiring manager is told which figures a second source confirms and which it does not.
    text = normalize_spaces(band_help.get_text())
    assert ("Bands 2, 3, 4, 5, 6, 8a and 8d agree, to within £1, with the year before's published pay "
            "points raised by this year's 3.6% award.") in text
    assert "The lowest and highest points of Band 9 match a real NHS advert." in text
    assert "Bands 7, 8b and 8c have no second source yet." in text
    assert "Check every figure with your pay team or NHS Employers' pay scales before you publish." in text
    assert "Health Careers, Agenda for Change pay rates, April 2024" in text
    assert "RCNi Nursing Jobs" in text


def test_an_agenda_for_change_band_without_a_salary_is_told_the_band_s_range(ada):
    draft_id = start_from_template(ada)
    save(ada, draft_id, band="Band 7", salary="")
    before = normalize_spaces(editor(ada, draft_id).select_one("#before-you-publish").get_text())
    assert "Enter the salary. The 2025 to 2026 table for England gives £47,810 to £54,710 a year for Band 7: check it with your pay team" in before
    save(ada, draft_id, band="Very senior manager", salary="")
    before = normalize_spaces(editor(ada, draft_id).select_one("#before-you-publish").get_text())
    assert "Enter the salary" in before and "Band" not in before.split("Enter the salary")[1][:20]


def test_hours_contact_and_job_evaluation_details_are_saved_shown_and_exported(ada):
    draft_id = start_from_template(ada)
    save(ada, draft_id, hours="30 hours a week", contact="Sam Lee, head of digital, sam.lee@nhs.net",
         reports_to="Head of digital delivery", staff_and_budget="Manages 2 people; no budget")
    soup = editor(ada, draft_id)
    assert soup.select_one("#reports_to")["value"] == "Head of digital delivery"
    preview = normalize_spaces(parse(ada.get(f"/drafts/{draft_id}/preview")).get_text())
    for text in ("Hours 30 hours a week", "Reports to Head of digital delivery", "Staff and budget Manages 2 people"):
        assert text in preview
    markdown = ada.get(f"/drafts/{draft_id}/download/md").get_data(as_text=True)
    assert "| Contact for an informal chat | Sam Lee, head of digital, sam.lee@nhs.net |" in markdown
    assert "| Contact |" not in markdown  # the draft's own contact replaces the author's


# How each criterion is assessed ---------------------------------------------------------

def test_each_criterion_has_an_assessment_method_that_is_saved_moved_and_published(ada):
    draft_id = start_from_template(ada)
    soup = editor(ada, draft_id)
    rows = [t.get_text() for t in soup.select('textarea[name="essential"]')]
    selects = soup.select('select[name="essential_assessment"]')
    assert len(selects) == len(rows)
    label = soup.select_one(f'label[for="{selects[0]["id"]}"]')
    assert normalize_spaces(label.get_text()) == "How we’ll assess it: essential criterion 1"
    methods = ["interview"] + ["application"] * (len(rows) - 1)
    save(ada, draft_id, essential_assessment=methods)
    soup = editor(ada, draft_id)
    chosen = [s.select_one("option[selected]")["value"] for s in soup.select('select[name="essential_assessment"]')]
    assert chosen == methods
    # Moving a criterion moves its method with it.
    data = form_data(soup)
    data["action"] = ["down-essential-0"]
    response = ada.post(f"/drafts/{draft_id}/criteria", data=data, headers=HX_PARTIAL)
    fragment = parse(response)
    texts = [t.get_text() for t in fragment.select('textarea[name="essential"]')]
    moved = [s.select_one("option[selected]")["value"] for s in fragment.select('select[name="essential_assessment"]')]
    assert texts[1] == rows[0] and moved[1] == "interview" and moved[0] == "application"
    # An emptied row is dropped with its method, so the rest keep theirs.
    save(ada, draft_id, essential=[""] + rows[1:], essential_assessment=methods)
    soup = editor(ada, draft_id)
    assert [s.select_one("option[selected]")["value"] for s in soup.select('select[name="essential_assessment"]')] \
        == methods[1:]
    # The candidate sees it in the preview, NHS Jobs' person specification and the Word file.
    save(ada, draft_id, essential=rows, essential_assessment=methods)
    preview = normalize_spaces(parse(ada.get(f"/drafts/{draft_id}/preview")).get_text())
    assert f"{rows[0]} (How we’ll assess it: interview)" in preview
    nhs_jobs = parse(ada.get(f"/drafts/{draft_id}/nhs-jobs"))
    spec = nhs_jobs.select_one('[data-field="person_specification"] textarea, [data-field="person_specification"] pre')
    assert f"{rows[0]} (How we’ll assess it: interview)" in (spec.get_text() if spec else nhs_jobs.get_text())
    # Word and PDF: the person specification table has a column for it, one row per criterion.
    word = Document(io.BytesIO(ada.get(f"/drafts/{draft_id}/download/docx").data))
    spec = word.tables[-1]
    assert [cell.text for cell in spec.rows[0].cells] == ["Criteria", "Criterion", "Essential or desirable",
                                                          "How we’ll assess it"]
    table_rows = {row.cells[1].text: (row.cells[2].text, row.cells[3].text) for row in spec.rows[1:]}
    assert table_rows[rows[0]] == ("Essential", "Interview")
    assert table_rows[rows[1]] == ("Essential", "Application")
    pdf = normalize_spaces(" ".join(page.extract_text() for page in PdfReader(
        io.BytesIO(ada.get(f"/drafts/{draft_id}/download/pdf").data)).pages))
    assert "How we’ll assess it" in pdf and "Essential or desirable" in pdf
    markdown = ada.get(f"/drafts/{draft_id}/download/md").get_data(as_text=True)
    assert f"{rows[0]} (How we’ll assess it: interview)" in markdown.replace("\\", "")


def test_an_unknown_assessment_method_is_not_stored(ada, app):
    draft_id = start_from_template(ada)
    save(ada, draft_id, essential_assessment=["<script>", "interview"])
    soup = editor(ada, draft_id)
    chosen = [s.select_one("option[selected]")["value"] for s in soup.select('select[name="essential_assessment"]')]
    assert chosen[:2] == ["", "interview"]


# Optional standard statements -----------------------------------------------------------

def test_an_admin_chooses_standard_statements_and_new_drafts_carry_them(ada, app):
    page = parse(ada.get("/organisation/statements"))
    assert_page_invariants(page)
    boxes = page.select('input[type="checkbox"][name="statements"]')
    ids = [box["value"] for box in boxes]
    assert {"safeguarding-and-dbs", "armed-forces-covenant", "visa-sponsorship", "pension-and-leave",
            "apply-if-most-criteria"} == set(ids)
    assert not any(box.has_attr("checked") for box in boxes)  # none until an admin chooses
    assert page.get_text().count("Sources:") == len(ids)
    # Without any chosen, a new draft has none of them.
    description = editor(ada, start_from_template(ada)).select_one("#job_description").get_text()
    assert "Armed Forces Covenant" not in description
    token = page.select_one('input[name="csrf_token"]')["value"]
    response = ada.post("/organisation/statements", data={
        "csrf_token": token, "statements": ["visa-sponsorship", "armed-forces-covenant"]})
    assert response.status_code == 302
    page = parse(ada.get("/organisation/statements"))
    assert {box["value"] for box in page.select("input[checked]")} == {"visa-sponsorship", "armed-forces-covenant"}
    draft_id = start_from_template(ada)
    description = editor(ada, draft_id).select_one("#job_description").get_text()
    # In the file's order, after the sections every template has.
    assert description.index("Our values") < description.index("Armed Forces Covenant") \
        < description.index("Visa sponsorship")
    assert "Safeguarding and checks" not in description
    # Its placeholder is for the hiring manager: the draft cannot be final until it is filled in.
    before = normalize_spaces(editor(ada, draft_id).select_one("#before-you-publish").get_text())
    assert "[is / is not]" in before


def test_only_an_admin_can_choose_statements_and_only_known_ones(ada, grace):
    assert grace.get("/organisation/statements").status_code == 403
    page = parse(ada.get("/organisation/statements"))
    token = page.select_one('input[name="csrf_token"]')["value"]
    response = ada.post("/organisation/statements", data={"csrf_token": token, "statements": ["free-lunches"]})
    assert response.status_code == 422
    soup = parse(response)
    assert_page_invariants(soup)
    assert soup.select_one(".nhsuk-error-summary") is not None


# Choosing a level ----------------------------------------------------------------------

def test_the_template_page_helps_choose_a_level_and_says_what_each_skill_level_means(get_page):
    soup = get_page("/templates/product-manager")
    choosing = soup.select_one("details#choosing-a-level")
    assert "no national table from level to Agenda for Change band" in normalize_spaces(choosing.get_text())
    level = soup.select_one("section[aria-labelledby=level-senior]")
    meanings = level.select("details.app-skill-level")
    assert meanings and len(meanings) == len(level.select("ul.app-skills > li"))
    first = normalize_spaces(meanings[0].get_text())
    assert re.match(r"What (awareness|working|practitioner|expert) means", first) and "You can" in first


def test_a_role_outside_the_framework_lists_each_skill_with_its_source(get_page):
    soup = get_page("/templates/clinical-safety-officer")
    skills = [normalize_spaces(li.get_text()) for li in soup.select("ul.app-skills > li")]
    assert skills and all("(source:" in skill for skill in skills)


def test_before_you_publish_follows_the_text_as_it_is_typed(ada):
    # The live check (htmx, nothing saved) lists what the text now in the editor still needs.
    draft_id = start_from_template(ada)
    data = form_data(editor(ada, draft_id))
    data.update(band=["Band 6"], salary=[""])
    fragment = parse(ada.post(f"/drafts/{draft_id}/check", data=data, headers=HX_PARTIAL))
    items = [normalize_spaces(li.get_text()) for li in fragment.select("#before-you-publish li")]
    assert "Enter the band" not in items
    assert any("£38,682 to £46,580 a year for Band 6" in item for item in items)
    data.update(salary=["£40,000 a year"], location=["Leeds"])
    fragment = parse(ada.post(f"/drafts/{draft_id}/check", data=data, headers=HX_PARTIAL))
    items = [normalize_spaces(li.get_text()) for li in fragment.select("#before-you-publish li")]
    assert not any("salary" in item or "location" in item for item in items)


def test_the_editor_groups_its_fields_under_headings(ada):
    soup = editor(ada, start_from_template(ada))
    headings = [normalize_spaces(h.get_text()) for h in soup.select("#draft-form h2")]
    assert headings == ["Key facts", "Where the post sits", "About the job", "Person specification"]
    # Each heading comes just before its first field.
    for field, heading in (("band", "Key facts"), ("reports_to", "Where the post sits"), ("job_summary", "About the job")):
        assert normalize_spaces(soup.select_one(f"#{field}").find_previous("h2").get_text()) == heading


def test_comparing_versions_shows_a_changed_assessment_method(ada):
    draft_id = start_from_template(ada)
    rows = [t.get_text() for t in editor(ada, draft_id).select('textarea[name="essential"]')]
    save(ada, draft_id, essential_assessment=["interview"] + [""] * (len(rows) - 1))
    soup = parse(ada.get(f"/drafts/{draft_id}/revisions/compare?old=1&new=2"))
    assert_page_invariants(soup)
    assert [s["id"] for s in soup.select("section.app-diff")] == ["diff-essential"]
    assert "(How we’ll assess it: interview)" in soup.select_one("#diff-essential ins").get_text()


def test_a_version_saved_before_the_new_fields_existed_can_be_restored(ada, app):
    from webapp.extensions import db
    from webapp.models import Draft, Revision

    draft_id = start_from_template(ada)
    save(ada, draft_id, hours="30 hours a week")
    with app.app_context():
        draft = db.session.scalar(db.select(Draft).where(Draft.public_id == draft_id))
        first = db.session.scalar(db.select(Revision).where(Revision.draft_id == draft.id, Revision.version == 1))
        old = {key: value for key, value in first.content.items()
               if key not in ("hours", "contact", "reports_to", "staff_and_budget",
                              "essential_assessment", "desirable_assessment")}
        first.content = old
        db.session.commit()
    page = parse(ada.get(f"/drafts/{draft_id}/revisions/1"))
    token = page.select_one('input[name="csrf_token"]')
    response = ada.post(f"/drafts/{draft_id}/revisions/1/restore",
                        data={"csrf_token": token["value"] if token else ""})
    assert response.status_code == 302
    soup = editor(ada, draft_id)
    assert soup.select_one("#hours")["value"] == ""  # as it was then
    assert soup.select_one("#job_title")["value"]


def test_a_conflict_shows_a_changed_assessment_method_in_both_versions(ada):
    draft_id = start_from_template(ada)
    soup = editor(ada, draft_id)
    rows = len(soup.select('textarea[name="essential"]'))
    mine = form_data(soup)
    save(ada, draft_id, essential_assessment=["interview"] + [""] * (rows - 1))  # someone else, first
    mine.update(essential_assessment=["test"] + [""] * (rows - 1), action=["save"], editing_session=["another-tab-1"])
    response = ada.post(f"/drafts/{draft_id}", data=mine)
    assert response.status_code == 409
    page = parse(response)
    saved = normalize_spaces(page.select_one('.app-conflict td[data-version="saved"]').get_text())
    yours = normalize_spaces(page.select_one('.app-conflict td[data-version="yours"]').get_text())
    assert "(How we’ll assess it: interview)" in saved and "(How we’ll assess it: test or presentation)" in yours


def test_a_final_draft_shows_each_assessment_method_as_text(ada):
    draft_id = start_from_template(ada)
    save(ada, draft_id, essential_assessment=["interview"])
    soup = editor(ada, draft_id)
    data = form_data(soup)
    data = {name: [re.sub(r"\[[^\]]+\]", "our", value) for value in values] for name, values in data.items()}
    data.update(band=["Band 7"], salary=["£50,000 a year"], location=["Leeds"], closing_date=["1 March 2027"],
                action=["save"])
    ada.post(f"/drafts/{draft_id}", data=data)
    details = parse(ada.get(f"/drafts/{draft_id}/details"))
    token = details.select_one('input[name="csrf_token"]')
    ada.post(f"/drafts/{draft_id}/details", data={"csrf_token": token["value"] if token else "",
                                                   "name": "Final one", "status": "final"})
    soup = editor(ada, draft_id)
    assert soup.select('select[name="essential_assessment"]') == []
    assert normalize_spaces(soup.select_one("#essential-0-assessment").get_text()) == "How we’ll assess it: interview"
