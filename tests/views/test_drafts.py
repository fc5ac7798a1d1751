"""The drafting workspace: start, edit, autosave, revisions, conflicts, search, access."""

import re

import pytest

from webapp.extensions import db
from webapp.models import Draft

from ..helpers import HX_PARTIAL, assert_page_invariants, normalize_spaces, parse


@pytest.fixture
def ada(make_user, sign_in):
    make_user("ada@nhs.net", organisation="Trust A")
    return sign_in("ada@nhs.net")


def start_from_template(client, template="product-manager", level="senior"):
    response = client.post("/drafts/new", data={"start": "template", "template": template, "level": level})
    assert response.status_code == 302
    return response.headers["Location"].rsplit("/", 1)[1]


def form_data(soup):
    """What the editor form would post as it stands."""
    form = soup.select_one("form#draft-form")
    data = {}
    for field in form.select("input[name], textarea[name], select[name]"):
        if field.name == "select":
            chosen = field.select_one("option[selected]") or field.select_one("option")
            value = chosen.get("value", "")
        else:
            value = field.get_text() if field.name == "textarea" else field.get("value", "")
        data.setdefault(field["name"], []).append(value)
    return data


def make_publishable(client, draft_id):
    """Fill in what a draft needs before it can be marked final."""
    data = form_data(editor(client, draft_id))
    data = {name: [re.sub(r"\[[^\]]+\]", "our", value) for value in values] for name, values in data.items()}
    data.update(band=["Band 7"], salary=["£50,000 a year"], location=["Leeds"], closing_date=["1 March 2027"],
                action=["save"])
    assert client.post(f"/drafts/{draft_id}", data=data).status_code == 302


def editor(client, draft_id):
    response = client.get(f"/drafts/{draft_id}")
    assert response.status_code == 200
    return parse(response)


def test_start_from_the_senior_product_manager_template(ada, app):
    draft_id = start_from_template(ada)
    soup = editor(ada, draft_id)
    assert_page_invariants(soup)
    assert soup.select_one("#job_title")["value"] == "Senior product manager"
    description = soup.select_one("#job_description").get_text()
    assert "applying the culture, processes, business models and technologies of the internet era" in description
    assert "Tom Loosemore" in description
    assert "Product management: expert" in description  # framework skill at its expected level
    assert soup.select_one("#band")["value"] == ""  # never invented
    essential = [t.get_text() for t in soup.select('textarea[name="essential"]')]
    assert 1 <= len(essential) <= 6
    # The live check runs over the whole draft and the template passes it.
    check = soup.select_one("#draft-check")
    assert check.select('mark[data-category="masculine-coded"]') == []
    assert soup.select_one('#draft-form[hx-post][hx-trigger^="input delay:"]')


@pytest.mark.parametrize(
    ("data", "field", "expected"),
    [
        ({"start": "blank"}, "job_title", ""),
        ({"start": "paste", "text": "We want an ambitious developer."}, "job_description", "We want an ambitious developer."),
        ({"start": "paste", "text": "<p>An <b>ambitious</b> role</p><ul><li>Code</li></ul>"}, "job_description", "An ambitious role\n\n\u2022 Code"),
    ],
)
def test_start_blank_or_from_a_pasted_advert(ada, data, field, expected):
    response = ada.post("/drafts/new", data=data)
    soup = parse(ada.get(response.headers["Location"]))
    element = soup.select_one(f"#{field}")
    assert (element.get_text() if element.name == "textarea" else element.get("value", "")) == expected


def test_pasting_nothing_is_a_clear_error(ada):
    response = ada.post("/drafts/new", data={"start": "paste", "text": "  "})
    assert response.status_code == 422
    assert "Paste the text of an advert" in parse(response).get_text()


def test_autosave_saves_keeps_a_revision_and_reports_the_time(ada, app):
    draft_id = start_from_template(ada)
    data = form_data(editor(ada, draft_id))
    data["job_summary"] = ["An aggressive new summary."]
    response = ada.post(f"/drafts/{draft_id}", data=data, headers=HX_PARTIAL)
    assert response.status_code == 200
    fragment = parse(response)
    assert re.fullmatch(r"Saved at \d\d:\d\d \(version 2\)", normalize_spaces(fragment.select_one("p").get_text()))
    assert fragment.select_one("[data-version]")["data-version"] == "2"
    soup = editor(ada, draft_id)
    assert soup.select_one("#job_summary").get_text() == "An aggressive new summary."
    # The live check shows the finding against the field it is in.
    field = soup.select_one('#draft-check [data-field="job_summary"]')
    assert field.select_one('mark[data-category="masculine-coded"]').get_text() == "aggressive"
    revisions = parse(ada.get(f"/drafts/{draft_id}/revisions"))
    assert_page_invariants(revisions)
    assert len(revisions.select("#revisions li")) == 2


def test_saving_without_javascript_redirects_back_with_a_message(ada):
    draft_id = start_from_template(ada)
    data = form_data(editor(ada, draft_id))
    data["location"] = ["Leeds"]
    response = ada.post(f"/drafts/{draft_id}", data={**data, "action": "save"})
    assert response.status_code == 302
    soup = parse(ada.get(response.headers["Location"]))
    assert soup.select_one("#location")["value"] == "Leeds"
    assert re.search(r"Saved at \d\d:\d\d", soup.get_text())


def test_an_unchanged_autosave_makes_no_new_version(ada):
    draft_id = start_from_template(ada)
    data = form_data(editor(ada, draft_id))
    ada.post(f"/drafts/{draft_id}", data=data, headers=HX_PARTIAL)
    assert len(parse(ada.get(f"/drafts/{draft_id}/revisions")).select("#revisions li")) == 1


def test_restore_an_earlier_revision(ada):
    draft_id = start_from_template(ada)
    data = form_data(editor(ada, draft_id))
    original = data["job_summary"][0]
    ada.post(f"/drafts/{draft_id}", data={**data, "job_summary": ["Rewritten."]}, headers=HX_PARTIAL)
    revision = parse(ada.get(f"/drafts/{draft_id}/revisions/1"))
    assert_page_invariants(revision)
    assert original in revision.get_text()
    response = ada.post(f"/drafts/{draft_id}/revisions/1/restore")
    assert response.status_code == 302
    soup = editor(ada, draft_id)
    assert soup.select_one("#job_summary").get_text() == original
    assert soup.select_one('input[name="version"]')["value"] == "3"  # restoring is a new version


def test_a_stale_save_is_refused_and_shows_both_versions(ada):
    draft_id = start_from_template(ada)
    tab_one = form_data(editor(ada, draft_id))
    tab_two = form_data(editor(ada, draft_id))
    ada.post(f"/drafts/{draft_id}", data={**tab_one, "job_summary": ["Tab one's words."]}, headers=HX_PARTIAL)

    # Tab two autosaves from version 1: refused, and its text is not saved over tab one's.
    stale = ada.post(f"/drafts/{draft_id}", data={**tab_two, "job_summary": ["Tab two's words."]}, headers=HX_PARTIAL)
    assert stale.status_code == 409
    assert "Not saved" in stale.get_data(as_text=True)
    assert parse(stale).select_one("[data-version]")["data-version"] == "1"  # keeps refusing
    assert editor(ada, draft_id).select_one("#job_summary").get_text() == "Tab one's words."

    # Pressing Save shows both versions, keeps tab two's text in the form …
    page = ada.post(f"/drafts/{draft_id}", data={**tab_two, "job_summary": ["Tab two's words."], "action": "save"})
    assert page.status_code == 409
    soup = parse(page)
    assert_page_invariants(soup)
    assert soup.select_one('#conflict td[data-version="saved"]').get_text() == "Tab one's words."
    assert soup.select_one('#conflict td[data-version="yours"]').get_text() == "Tab two's words."
    assert soup.select_one("#job_summary").get_text() == "Tab two's words."
    # … with autosave paused, so typing on cannot overwrite tab one's words unasked …
    assert not soup.select_one("form#draft-form").has_attr("hx-post")
    assert "not saved automatically" in soup.select_one("#conflict").get_text()
    # … and saving again from there is a deliberate overwrite.
    again = ada.post(f"/drafts/{draft_id}", data={**form_data(soup), "action": "save"})
    assert again.status_code == 302
    assert editor(ada, draft_id).select_one("#job_summary").get_text() == "Tab two's words."
    assert len(parse(ada.get(f"/drafts/{draft_id}/revisions")).select("#revisions li")) == 3  # nothing lost
    assert editor(ada, draft_id).select_one("form#draft-form").has_attr("hx-post")  # autosave is back


def test_person_specification_rows_can_be_added_removed_and_reordered(ada):
    draft_id = start_from_template(ada)
    data = form_data(editor(ada, draft_id))
    data["essential"] = ["First", "Second"]
    soup = parse(ada.post(f"/drafts/{draft_id}", data={**data, "action": "add-essential"}))
    assert [t.get_text() for t in soup.select('textarea[name="essential"]')] == ["First", "Second", ""]
    # The empty row stays on the page, where the person left it, until they fill or remove it.
    soup = parse(ada.post(f"/drafts/{draft_id}", data={**form_data(soup), "action": "down-essential-0"}))
    assert [t.get_text() for t in soup.select('textarea[name="essential"]')] == ["Second", "First", ""]
    soup = parse(ada.post(f"/drafts/{draft_id}", data={**form_data(soup), "action": "remove-essential-1"}))
    assert [t.get_text() for t in soup.select('textarea[name="essential"]')] == ["Second", ""]
    # Empty rows are never saved.
    assert [t.get_text() for t in editor(ada, draft_id).select('textarea[name="essential"]')] == ["Second"]


def test_more_than_six_essentials_is_explained(ada):
    draft_id = start_from_template(ada)
    data = form_data(editor(ada, draft_id))
    ada.post(f"/drafts/{draft_id}", data={**data, "essential": [f"Criterion {i}" for i in range(7)], "action": "save"})
    assert "You have 7 essential criteria. Move some to desirable." in editor(ada, draft_id).get_text()


def test_a_field_over_the_limit_is_refused_and_kept(ada):
    draft_id = start_from_template(ada)
    data = form_data(editor(ada, draft_id))
    long_text = "x" * 20_001
    response = ada.post(f"/drafts/{draft_id}", data={**data, "job_summary": [long_text], "action": "save"})
    assert response.status_code == 422
    soup = parse(response)
    assert soup.select_one("#job_summary").get_text() == long_text
    assert soup.select_one('.nhsuk-error-summary a[href="#job_summary"]')


def test_live_check_fragment(ada):
    draft_id = start_from_template(ada)
    data = form_data(editor(ada, draft_id))
    response = ada.post(f"/drafts/{draft_id}/check", data={**data, "job_summary": ["A dominant team."]},
                        headers=HX_PARTIAL)
    assert response.status_code == 200
    fragment = parse(response)
    assert fragment.select_one('[data-field="job_summary"] mark').get_text() == "dominant"
    assert "<html" not in response.get_data(as_text=True)


def test_about_us_is_standard_text_listed_apart_and_not_counted(ada):
    draft_id = start_from_template(ada)
    data = form_data(editor(ada, draft_id))
    before = parse(ada.post(f"/drafts/{draft_id}/check", data=data, headers=HX_PARTIAL))
    response = ada.post(f"/drafts/{draft_id}/check", data={**data, "about_us": ["A dominant, competitive team."]},
                        headers=HX_PARTIAL)
    fragment = parse(response)
    assert fragment.select_one('[data-field="about_us"]') is None
    standard = fragment.select_one("#standard-text")
    assert [m.get_text() for m in standard.select('mark[data-category="masculine-coded"]')] == ["dominant", "competitive"]
    # The verdict speaks about the writer's own words only.
    assert normalize_spaces(fragment.select_one(".app-verdict h2").get_text()) == normalize_spaces(
        before.select_one(".app-verdict h2").get_text())


def test_preview_shows_the_advert_as_a_candidate_sees_it(ada):
    draft_id = start_from_template(ada)
    soup = parse(ada.get(f"/drafts/{draft_id}/preview"))
    assert_page_invariants(soup)
    assert normalize_spaces(soup.select_one("h1").get_text()) == "Senior product manager"
    assert "Person specification" in soup.get_text()
    assert soup.select("form") == []


def test_list_search_and_filters(ada):
    pm = start_from_template(ada)
    start_from_template(ada, "user-researcher", "senior")
    make_publishable(ada, pm)
    ada.post(f"/drafts/{pm}/details", data={"name": "Product lead for maternity", "status": "final"})

    def names(query=""):
        soup = parse(ada.get("/drafts" + query))
        assert_page_invariants(soup)
        return [a.get_text() for a in soup.select("#drafts tbody td:first-child a")]

    assert sorted(names()) == ["Product lead for maternity", "Senior user researcher"]
    assert names("?q=MATERNITY") == ["Product lead for maternity"]
    assert names("?role=user-researcher") == ["Senior user researcher"]
    assert names("?status=final") == ["Product lead for maternity"]
    assert names("?status=draft") == ["Senior user researcher"]
    assert names("?q=nothing-like-this") == []


def test_duplicate_and_delete_with_confirmation(ada, app):
    draft_id = start_from_template(ada)
    response = ada.post(f"/drafts/{draft_id}/duplicate")
    copy_id = response.headers["Location"].rsplit("/", 1)[1]
    assert copy_id != draft_id
    assert normalize_spaces(editor(ada, copy_id).select_one("h1").get_text()) == "Copy of Senior product manager"
    confirm = parse(ada.get(f"/drafts/{copy_id}/delete"))
    assert_page_invariants(confirm)
    assert "You cannot undo this" in confirm.get_text()
    assert ada.post(f"/drafts/{copy_id}/delete").status_code == 302
    assert ada.get(f"/drafts/{copy_id}").status_code == 404
    assert ada.get(f"/drafts/{draft_id}").status_code == 200


def test_export_text(ada):
    draft_id = start_from_template(ada)
    response = ada.get(f"/drafts/{draft_id}/download/txt")
    assert response.mimetype == "text/plain"
    assert 'filename="Senior-product-manager.txt"' in response.headers["Content-Disposition"]
    assert response.get_data(as_text=True).startswith("Senior product manager\n")


# Every route that takes a draft id, with its method.
DRAFT_ROUTES = [
    ("get", "/drafts/{id}"),
    ("post", "/drafts/{id}"),
    ("post", "/drafts/{id}/check"),
    ("post", "/drafts/{id}/criteria"),
    ("get", "/drafts/{id}/preview"),
    ("get", "/drafts/{id}/download/docx"),
    ("get", "/drafts/{id}/report/csv"),
    ("get", "/drafts/{id}/nhs-jobs"),
    ("get", "/drafts/{id}/revisions"),
    ("get", "/drafts/{id}/revisions/1"),
    ("post", "/drafts/{id}/revisions/1/restore"),
    ("post", "/drafts/{id}/duplicate"),
    ("get", "/drafts/{id}/details"),
    ("post", "/drafts/{id}/details"),
    ("get", "/drafts/{id}/delete"),
    ("post", "/drafts/{id}/delete"),
    ("get", "/drafts/{id}/share"),
    ("post", "/drafts/{id}/share"),
    ("post", "/drafts/{id}/dismissals"),
    ("post", "/drafts/{id}/dismissals/restore"),
    ("post", "/drafts/{id}/reopen"),
    ("get", "/drafts/{id}/revisions/compare?old=1&new=1"),
]


def test_every_draft_route_is_covered(app):
    routes = {rule.rule for rule in app.url_map.iter_rules() if "<public_id>" in rule.rule}
    assert routes == {
        r.split("?")[0].replace("{id}", "<public_id>").replace("/1", "/<int:version>").replace("/docx", "/<fmt>").replace("/csv", "/<fmt>")
        for _, r in DRAFT_ROUTES
    }


@pytest.mark.parametrize(("method", "route"), DRAFT_ROUTES)
def test_someone_elses_draft_is_404_on_every_route(app, ada, make_user, sign_in, method, route):
    draft_id = start_from_template(ada)
    make_user("eve@example.com", organisation="Trust B")
    eve = sign_in("eve@example.com")
    url = route.format(id=draft_id)
    response = getattr(eve, method)(url, data={"version": "1", "job_summary": "Eve was here", "name": "x", "status": "draft"})
    assert response.status_code == 404
    with app.app_context():
        draft = db.session.query(Draft).filter_by(public_id=draft_id).one()
        assert draft.version == 1 and draft.job_summary != "Eve was here" and draft.name != "x"
    assert draft_id not in eve.get("/drafts").get_data(as_text=True)


def test_shared_drafts_are_visible_to_the_organisation_only(app, ada, make_user, sign_in):
    draft_id = start_from_template(ada)
    with app.app_context():
        invite = db.session.query(Draft).filter_by(public_id=draft_id).one().owner.organisation.invite_code
    make_user("grace@nhs.net", invite_code=invite)
    grace = sign_in("grace@nhs.net")
    assert grace.get(f"/drafts/{draft_id}").status_code == 404  # private until shared
    ada.post(f"/drafts/{draft_id}/details", data={"name": "Senior product manager", "status": "draft", "shared": "yes"})
    assert grace.get(f"/drafts/{draft_id}").status_code == 200
    assert draft_id in grace.get("/drafts").get_data(as_text=True)
    # Colleagues can edit a shared draft but only its author can delete it.
    assert grace.get(f"/drafts/{draft_id}/delete").status_code == 404
    make_user("eve@example.com", organisation="Trust B")
    assert sign_in("eve@example.com").get(f"/drafts/{draft_id}").status_code == 404


def test_drafts_need_an_account(client):
    response = client.get("/drafts/new")
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/sign-in")


def test_a_fresh_draft_reads_the_writers_masculine_words_not_its_standard_text(ada):
    # Before, the NHS values and the equality statement outweighed anything the
    # hiring manager wrote: this read "feminine-coded".
    draft_id = start_from_template(ada)
    data = form_data(editor(ada, draft_id))
    data["job_summary"] = [data["job_summary"][0] + " We want an ambitious, competitive and decisive leader."]
    fragment = parse(ada.post(f"/drafts/{draft_id}/check", data=data, headers=HX_PARTIAL))
    verdict = normalize_spaces(fragment.select_one(".app-verdict h2").get_text())
    assert verdict in ("Your own words are masculine-coded", "Your own words are strongly masculine-coded")
    assert fragment.select_one("#standard-text") is not None  # the values are still listed, apart


def test_times_are_shown_in_uk_time(app, ada):
    from datetime import datetime

    draft_id = start_from_template(ada)
    with app.app_context():
        draft = db.session.query(Draft).filter_by(public_id=draft_id).one()
        draft.updated_at = datetime(2026, 7, 1, 12, 5)  # stored as UTC; British Summer Time is UTC+1
        db.session.commit()
    status = normalize_spaces(editor(ada, draft_id).select_one("#save-status").get_text())
    assert "Last saved 1 July 2026 at 13:05" in status
    listing = normalize_spaces(parse(ada.get("/drafts")).get_text())
    assert "1 Jul 2026, 13:05" in listing


def test_a_draft_not_from_a_template_says_so_in_the_list(ada):
    ada.post("/drafts/new", data={"start": "paste", "text": "Job summary\nWe build websites."})
    rows = [normalize_spaces(r.get_text()) for r in parse(ada.get("/drafts")).select("tbody tr")]
    assert any("Pasted advert" in r and "No role template" in r for r in rows)
    assert not any(" None " in f" {r} " for r in rows)


def test_every_link_in_the_check_panel_goes_to_its_field(ada):
    draft_id = start_from_template(ada)
    data = form_data(editor(ada, draft_id))
    data["desirable"] = ["An ambitious, competitive outlook."]
    data["essential"] = data["essential"] + ["You are a decisive leader."]
    data["action"] = ["save"]
    ada.post(f"/drafts/{draft_id}", data=data)
    soup = editor(ada, draft_id)
    links = [a["href"][1:] for a in soup.select('#draft-check a[href^="#"]')]
    assert "desirable" in links and "essential" in links
    assert [target for target in links if soup.find(id=target) is None] == []


def test_a_pasted_advert_is_split_into_the_nhs_jobs_fields(ada):
    advert = ("Senior Data Analyst\n\nJob summary\nYou will turn data into insight.\n\n"
              "Main duties of the job\n• Build dashboards\n• Explain findings\n\n"
              "About us\nWe are a trust in Leeds.\n\nPerson specification\nEssential criteria\n• SQL\n"
              "• Explaining data to non-specialists\nDesirable criteria\n- Python\n")
    response = ada.post("/drafts/new", data={"start": "paste", "text": advert})
    soup = editor(ada, response.headers["Location"].rsplit("/", 1)[1])
    assert normalize_spaces(soup.select_one("h1").get_text()) == "Senior Data Analyst"
    assert soup.select_one("#job_title")["value"] == "Senior Data Analyst"
    assert soup.select_one("#job_summary").get_text() == "You will turn data into insight."
    assert soup.select_one("#main_duties").get_text() == "• Build dashboards\n• Explain findings"
    assert soup.select_one("#about_us").get_text() == "We are a trust in Leeds."
    assert [t.get_text() for t in soup.select('textarea[name="essential"]')] == [
        "SQL", "Explaining data to non-specialists"]
    assert [t.get_text() for t in soup.select('textarea[name="desirable"]')] == ["Python"]
    assert soup.select_one("#job_description").get_text() == ""


def test_a_pasted_advert_without_headings_stays_in_the_job_description(ada):
    response = ada.post("/drafts/new", data={"start": "paste", "text": "We build websites for the NHS."})
    soup = editor(ada, response.headers["Location"].rsplit("/", 1)[1])
    assert soup.select_one("#job_description").get_text() == "We build websites for the NHS."
    assert normalize_spaces(soup.select_one("h1").get_text()) == "Pasted advert"


def test_a_final_draft_is_read_only_until_reopened(app, ada):
    draft_id = start_from_template(ada)
    make_publishable(ada, draft_id)
    ada.post(f"/drafts/{draft_id}/details", data={"name": "Senior product manager", "status": "final"})
    soup = editor(ada, draft_id)
    assert_page_invariants(soup)
    assert normalize_spaces(soup.select_one("#draft-status").get_text()).startswith("Final")
    form = soup.select_one("form#draft-form")
    assert not form.has_attr("hx-post")  # no autosave
    assert all(field.has_attr("readonly") for field in form.select("textarea, input[type=text], input:not([type])"))
    assert form.select("button[name=action]") == []
    # A save that still arrives (an old tab) is refused, saying why, and saves nothing.
    data = form_data(soup)
    data["job_summary"] = ["Changed after it was final."]
    response = ada.post(f"/drafts/{draft_id}", data=data, headers=HX_PARTIAL)
    assert response.status_code == 409
    assert "marked final" in response.get_data(as_text=True)
    with app.app_context():
        assert db.session.query(Draft).filter_by(public_id=draft_id).one().job_summary != "Changed after it was final."
    # Reopen, and it can be edited again.
    reopen = soup.select_one("#final-notice form")
    assert ada.post(reopen["action"]).status_code == 302
    soup = editor(ada, draft_id)
    assert soup.select_one("form#draft-form").has_attr("hx-post")
    assert normalize_spaces(soup.select_one("#draft-status").get_text()).startswith("Draft")


def test_a_draft_is_checked_for_completeness_before_it_is_final(app, ada):
    draft_id = start_from_template(ada)
    soup = editor(ada, draft_id)
    # The organisation's name is filled in from the account.
    assert "Trust A provides" in soup.select_one("#about_us").get_text()
    problems = [normalize_spaces(li.get_text()) for li in soup.select("#before-you-publish li")]
    assert problems[:4] == ["Enter the band", "Enter the salary", "Enter the location", "Enter the closing date"]
    assert any("placeholder [services]" in p for p in problems)
    assert all(soup.find(id=a["href"][1:]) for a in soup.select("#before-you-publish a"))
    response = ada.post(f"/drafts/{draft_id}/details", data={"name": "Senior product manager", "status": "final"})
    assert response.status_code == 422
    page = parse(response)
    assert_page_invariants(page)
    assert "Before you mark it final" in page.select_one(".nhsuk-error-summary").get_text()
    with app.app_context():
        assert db.session.query(Draft).filter_by(public_id=draft_id).one().status == "draft"


def test_an_essential_criterion_moves_to_desirable_in_one_press(ada):
    draft_id = start_from_template(ada)
    data = form_data(editor(ada, draft_id))
    data["essential"] = [f"Criterion {n}" for n in range(1, 8)]
    data["action"] = ["save"]
    ada.post(f"/drafts/{draft_id}", data=data)
    soup = editor(ada, draft_id)
    button = soup.select_one('button[value="desirable-essential-6"]')
    assert "Move to desirable" in button.get_text()
    data = form_data(soup)
    data["action"] = [button["value"]]
    soup = parse(ada.post(f"/drafts/{draft_id}", data=data))
    assert [t.get_text() for t in soup.select('textarea[name="essential"]')] == [f"Criterion {n}" for n in range(1, 7)]
    assert soup.select('textarea[name="desirable"]')[0].get_text() == "Criterion 7"
    assert soup.select('button[value^="desirable-essential"]') == []  # six now: no more to move


def revision_versions(app, draft_id):
    from webapp.models import Revision

    with app.app_context():
        draft = db.session.query(Draft).filter_by(public_id=draft_id).one()
        return [r.version for r in db.session.query(Revision).filter_by(draft_id=draft.id).order_by(Revision.version)]


def test_autosaves_in_one_editing_session_make_one_revision(app, ada):
    draft_id = start_from_template(ada)
    data = form_data(editor(ada, draft_id))
    assert data["editing_session"][0]
    for n in range(1, 6):  # five pauses in typing
        data["job_summary"] = [f"Summary, take {n}."]
        fragment = parse(ada.post(f"/drafts/{draft_id}", data=data, headers=HX_PARTIAL))
        data["version"] = [fragment.select_one("[data-version]")["data-version"]]
    assert revision_versions(app, draft_id) == [1, 6]
    # A manual save is always its own revision; a new tab is a new editing session.
    data["job_summary"] = ["Saved by hand."]
    ada.post(f"/drafts/{draft_id}", data={**data, "action": "save"})
    assert revision_versions(app, draft_id) == [1, 6, 7]
    other_tab = form_data(editor(ada, draft_id))
    assert other_tab["editing_session"] != data["editing_session"]


def test_a_tabs_own_save_replaced_in_flight_is_no_conflict(app, ada):
    draft_id = start_from_template(ada)
    data = form_data(editor(ada, draft_id))
    # Two autosaves leave with version 1; the first lands, the second must too.
    first = ada.post(f"/drafts/{draft_id}", data={**data, "job_summary": ["Typing…"]}, headers=HX_PARTIAL)
    second = ada.post(f"/drafts/{draft_id}", data={**data, "job_summary": ["Typing on."]}, headers=HX_PARTIAL)
    assert (first.status_code, second.status_code) == (200, 200)
    assert editor(ada, draft_id).select_one("#job_summary").get_text() == "Typing on."
    # Another tab, still at version 1, is a real conflict.
    other = {**data, "editing_session": ["another-tab-123"], "job_summary": ["From the other tab."]}
    assert ada.post(f"/drafts/{draft_id}", data=other, headers=HX_PARTIAL).status_code == 409
    assert editor(ada, draft_id).select_one("#job_summary").get_text() == "Typing on."


def test_any_two_versions_can_be_compared(ada):
    draft_id = start_from_template(ada)
    data = form_data(editor(ada, draft_id))
    original = data["job_summary"][0]
    data["job_summary"] = [original.replace("You will", "You'll", 1) + " New sentence."]
    data["location"] = ["Leeds"]
    data["action"] = ["save"]
    ada.post(f"/drafts/{draft_id}", data=data)
    page = parse(ada.get(f"/drafts/{draft_id}/revisions"))
    form = page.select_one("form.app-compare-form")
    assert form.select_one("select#old option[selected]")["value"] == "1"
    assert form.select_one("select#new option[selected]")["value"] == "2"
    soup = parse(ada.get(f"/drafts/{draft_id}/revisions/compare?old=1&new=2"))
    assert_page_invariants(soup)
    assert [s["id"] for s in soup.select("section.app-diff")] == ["diff-location", "diff-job_summary"]
    summary = soup.select_one("#diff-job_summary")
    assert [d.get_text() for d in summary.select("del")] == ["[removed: You will]"]
    assert [i.get_text() for i in summary.select("ins")] == ["[added: You'll]", "[added:  New sentence.]"]
    assert soup.select_one("#diff-location ins").get_text() == "[added: Leeds]"
    # A version that is not this draft's is a clear 422 on the same page, not a 500.
    response = ada.get(f"/drafts/{draft_id}/revisions/compare?old=1&new=99999999999999999999")
    assert response.status_code == 422



def test_every_field_in_the_registry_is_in_the_editor_with_its_label_and_hint(ada):
    from webapp.draft_fields import DRAFT_FIELDS

    soup = editor(ada, start_from_template(ada))
    for field in DRAFT_FIELDS:
        element = soup.find(id=field.name)
        assert element is not None, field.name
        if field.kind == "criteria":
            assert normalize_spaces(element.select_one("legend").get_text()) == field.label
        else:
            assert normalize_spaces(soup.select_one(f'label[for="{field.name}"]').get_text()) == field.label
        if field.hint:
            assert normalize_spaces(soup.find(id=f"{field.name}-hint").get_text()) == field.hint


def test_marking_final_and_reopening_are_versions_in_the_history(app, ada):
    draft_id = start_from_template(ada)
    make_publishable(ada, draft_id)
    assert ada.post(f"/drafts/{draft_id}/details", data={"name": "Senior PM", "status": "final"}).status_code == 302
    assert ada.post(f"/drafts/{draft_id}/reopen").status_code == 302
    history = [normalize_spaces(li.get_text()) for li in parse(ada.get(f"/drafts/{draft_id}/revisions")).select("#revisions li")]
    assert history[0].startswith("Version 4, reopened by")
    assert history[1].startswith("Version 3, marked final by")
    assert history[2].startswith("Version 2, saved by")
    assert history[3].startswith("Version 1, created by")
    # An editor opened before the status changed cannot save over it quietly.
    data = form_data(editor(ada, draft_id))
    data.update(version=["2"], job_summary=["From an old tab."], editing_session=["oldtab12345"])
    assert ada.post(f"/drafts/{draft_id}", data=data, headers=HX_PARTIAL).status_code == 409


def test_too_many_criteria_are_refused_with_every_row_kept(ada):
    draft_id = start_from_template(ada)
    data = form_data(editor(ada, draft_id))
    data["essential"] = [f"Criterion {n}" for n in range(1, 32)]
    data["action"] = ["save"]
    response = ada.post(f"/drafts/{draft_id}", data=data)
    assert response.status_code == 422
    soup = parse(response)
    assert_page_invariants(soup)
    assert "You can have up to 30 essential criteria. You have 31" in soup.select_one("#essential-error").get_text()
    assert len(soup.select('textarea[name="essential"]')) == 31  # nothing typed is dropped


@pytest.mark.parametrize("version", ["", "abc", str(2**70), "0"])
def test_a_save_without_a_sensible_version_is_a_400(ada, version):
    draft_id = start_from_template(ada)
    data = form_data(editor(ada, draft_id))
    data["version"] = [version]
    assert ada.post(f"/drafts/{draft_id}", data=data, headers=HX_PARTIAL).status_code == 400


def test_an_older_autosave_handled_after_a_newer_one_does_not_overwrite_it(app, ada):
    # Two autosaves from one tab, both started from version 1: the later one (more
    # edits) is handled first, then the slow earlier one arrives.
    draft_id = start_from_template(ada)
    data = form_data(editor(ada, draft_id))
    data.update(editing_session=["tab-one-123"], version=["1"])
    newer = {**data, "location": ["Leeds"], "edit_sequence": ["9"]}
    older = {**data, "location": ["Lee"], "edit_sequence": ["7"]}
    assert ada.post(f"/drafts/{draft_id}", data=newer, headers=HX_PARTIAL).status_code == 200
    response = ada.post(f"/drafts/{draft_id}", data=older, headers=HX_PARTIAL)
    assert response.status_code == 200
    assert "someone else" not in response.get_data(as_text=True)
    with app.app_context():
        draft = db.session.query(Draft).filter_by(public_id=draft_id).one()
        assert (draft.location, draft.version) == ("Leeds", 2)
    # The tab typing on from where it was still saves.
    later = {**data, "location": ["Leeds General"], "edit_sequence": ["12"]}
    assert ada.post(f"/drafts/{draft_id}", data=later, headers=HX_PARTIAL).status_code == 200
    with app.app_context():
        assert db.session.query(Draft).filter_by(public_id=draft_id).one().location == "Leeds General"


# The person specification's buttons, in place (htmx) and without JavaScript.

def saved_state(app, draft_id):
    """The draft as the database holds it: version, content and number of revisions."""
    from webapp.models import Revision

    with app.app_context():
        draft = db.session.query(Draft).filter_by(public_id=draft_id).one()
        return draft.version, draft.content(), db.session.query(Revision).filter_by(draft_id=draft.id).count()


def rows(soup, kind="essential"):
    return [t.get_text() for t in soup.select(f'textarea[name="{kind}"]')]


def draft_with_criteria(client, essential, desirable=("Nice to have",)):
    """A saved draft with these criteria, and the editor's form data for it."""
    draft_id = start_from_template(client)
    data = form_data(editor(client, draft_id))
    data.update(essential=list(essential), desirable=list(desirable), action=["save"])
    assert client.post(f"/drafts/{draft_id}", data=data).status_code == 302
    return draft_id, form_data(editor(client, draft_id))


def focused(soup):
    """What the page marks to be focused next: a text box's id or a button's action."""
    marked = soup.select("[data-focus]")
    assert len(marked) == 1, marked
    return marked[0].get("id") or marked[0]["value"]


@pytest.mark.parametrize(("essential", "action", "expected", "focus", "message"), [
    (["First", "Second", "Third"], "add-essential", ["First", "Second", "Third", ""], "essential-3",
     "Essential criterion 4 added"),
    (["First", "Second", "Third"], "up-essential-2", ["First", "Third", "Second"], "up-essential-1",
     "Essential criterion 3 moved up to 2"),
    # At the top there is no "Move up" any more: "Move down" on the same row.
    (["First", "Second", "Third"], "up-essential-1", ["Second", "First", "Third"], "down-essential-0",
     "Essential criterion 2 moved up to 1"),
    (["First", "Second", "Third"], "down-essential-0", ["Second", "First", "Third"], "down-essential-1",
     "Essential criterion 1 moved down to 2"),
    (["First", "Second", "Third"], "down-essential-1", ["First", "Third", "Second"], "up-essential-2",
     "Essential criterion 2 moved down to 3"),
    # After a removal: the row now in its place, else the one before it.
    (["First", "Second", "Third"], "remove-essential-1", ["First", "Third"], "essential-1",
     "Essential criterion 2 removed"),
    (["First", "Second", "Third"], "remove-essential-2", ["First", "Second"], "essential-1",
     "Essential criterion 3 removed"),
    (["Only"], "remove-essential-0", [], "add-essential", "Essential criterion 1 removed"),
])
def test_a_criteria_button_changes_the_rows_in_place_and_saves_nothing(app, ada, essential, action, expected, focus,
                                                                        message):
    draft_id, data = draft_with_criteria(ada, essential)
    before = saved_state(app, draft_id)
    data.update(action=[action], job_summary=["Typed, not saved yet."])
    response = ada.post(f"/drafts/{draft_id}/criteria", data=data, headers=HX_PARTIAL)
    assert response.status_code == 200
    assert "HX-Request-Type" in response.headers["Vary"]
    soup = parse(response)
    fragment = soup.select_one("#person-specification")
    assert soup.select("h1") == [] and soup.select("form") == []  # the rows alone, not the page
    assert normalize_spaces(fragment.select_one("h2").get_text()) == "Person specification"
    assert rows(fragment) == expected
    assert rows(fragment, "desirable") == ["Nice to have"]
    assert focused(fragment) == focus
    assert soup.select("[autofocus]") == []  # the script moves the focus after the swap
    assert fragment["data-announce"] == message
    assert not fragment.has_attr("data-changed")
    assert saved_state(app, draft_id) == before  # the autosave saves the new order


def test_the_rows_numbers_count_empty_rows_as_the_page_shows_them(app, ada):
    draft_id, data = draft_with_criteria(ada, ["First", "Third"])
    data.update(essential=["First", "", "Third"], action=["remove-essential-2"])
    fragment = parse(ada.post(f"/drafts/{draft_id}/criteria", data=data, headers=HX_PARTIAL))
    assert rows(fragment) == ["First", ""]
    assert focused(fragment) == "essential-1"
    data.update(essential=["First", "", "Third"], action=["up-essential-1"])
    fragment = parse(ada.post(f"/drafts/{draft_id}/criteria", data=data, headers=HX_PARTIAL))
    assert rows(fragment) == ["", "First", "Third"]


def test_move_to_desirable_in_place_changes_both_lists(app, ada):
    essential = [f"Criterion {n}" for n in range(1, 8)]
    draft_id, data = draft_with_criteria(ada, essential)
    before = saved_state(app, draft_id)
    data["action"] = ["desirable-essential-6"]
    response = ada.post(f"/drafts/{draft_id}/criteria", data=data, headers=HX_PARTIAL)
    assert response.status_code == 200
    fragment = parse(response).select_one("#person-specification")
    assert rows(fragment) == essential[:6]
    assert rows(fragment, "desirable") == ["Criterion 7", "Nice to have"]
    assert focused(fragment) == "desirable-0"
    assert fragment["data-announce"] == "Essential criterion 7 moved to desirable criteria, as desirable criterion 1"
    assert fragment.select('button[value^="desirable-essential"]') == []  # six now: no more to move
    assert fragment.select_one("#essential-too-many") is None
    assert saved_state(app, draft_id) == before


def test_the_criteria_buttons_post_in_place_and_still_submit_the_form(ada):
    draft_id, _ = draft_with_criteria(ada, ["First", "Second"])
    soup = editor(ada, draft_id)
    assert_page_invariants(soup)
    buttons = soup.select("#person-specification button")
    assert [b["value"] for b in buttons] == [
        "down-essential-0", "remove-essential-0", "up-essential-1", "remove-essential-1", "add-essential",
        "remove-desirable-0", "add-desirable"]
    names = [normalize_spaces(b.get_text()) for b in buttons]
    assert len(set(names)) == len(names)  # each says which row it is for
    assert names[2] == "Move up essential criterion 2"
    form = soup.select_one("form#draft-form")
    for button in buttons:
        assert button.find_parent("form") is form and button["name"] == "action"
        assert button.get("type", "submit") == "submit"  # without JavaScript, the form's own submit
        assert button["hx-post"] == f"/drafts/{draft_id}/criteria"
        assert button["hx-target"] == "#person-specification" and button["hx-swap"] == "outerHTML"
        assert button["hx-include"] == "#draft-form"
    # The status region is outside what the buttons replace; nothing is focused on a plain load.
    status = soup.select_one("#criteria-status")
    assert status["role"] == "status" and status["aria-live"] == "polite"
    assert status.find_parent(id="person-specification") is None
    assert soup.select("[data-focus], [autofocus]") == []
    # The ids other links point at are still there.
    assert soup.select_one("fieldset#essential") and soup.select_one("fieldset#desirable")
    assert soup.select_one("#essential-0") and soup.select_one("#desirable-0")


def test_without_htmx_the_criteria_route_shows_the_whole_editor_unsaved(app, ada):
    draft_id, data = draft_with_criteria(ada, ["First", "Second", "Third"])
    before = saved_state(app, draft_id)
    data["action"] = ["up-essential-2"]
    response = ada.post(f"/drafts/{draft_id}/criteria", data=data)
    assert response.status_code == 200
    soup = parse(response)
    assert_page_invariants(soup)
    assert rows(soup) == ["First", "Third", "Second"]
    assert soup.select_one("[autofocus]")["value"] == "up-essential-1"
    assert "Saved at" not in soup.select_one("#save-status").get_text()
    assert saved_state(app, draft_id) == before


def test_without_javascript_a_criteria_button_saves_and_focuses_the_moved_row(app, ada):
    draft_id, data = draft_with_criteria(ada, ["First", "Second", "Third"])
    version = saved_state(app, draft_id)[0]
    data["action"] = ["up-essential-1"]
    response = ada.post(f"/drafts/{draft_id}", data=data)
    assert response.status_code == 200
    soup = parse(response)
    assert_page_invariants(soup)
    assert rows(soup) == ["Second", "First", "Third"]
    assert soup.select_one("[autofocus]")["value"] == "down-essential-0"
    assert "Saved at" in soup.select_one("#save-status").get_text()
    saved_version, content, _ = saved_state(app, draft_id)
    assert (saved_version, content["essential"]) == (version + 1, ["Second", "First", "Third"])
    # Remove, without JavaScript: the row now in its place is focused.
    data = form_data(soup)
    data["action"] = ["remove-essential-0"]
    soup = parse(ada.post(f"/drafts/{draft_id}", data=data))
    assert rows(soup) == ["First", "Third"]
    assert soup.select_one("[autofocus]")["id"] == "essential-0"
    assert saved_state(app, draft_id)[1]["essential"] == ["First", "Third"]


@pytest.mark.parametrize("action", ["", "save", "sideways-essential-1", "add-optional", "up-essential-", "up-essential-1x"])
def test_a_criteria_request_without_a_criteria_action_is_a_400(app, ada, action):
    draft_id, data = draft_with_criteria(ada, ["First", "Second"])
    before = saved_state(app, draft_id)
    data["action"] = [action]
    assert ada.post(f"/drafts/{draft_id}/criteria", data=data, headers=HX_PARTIAL).status_code == 400
    assert saved_state(app, draft_id) == before


def test_criteria_with_errors_are_a_422_and_nothing_moves(app, ada):
    draft_id, data = draft_with_criteria(ada, ["First", "Second"])
    before = saved_state(app, draft_id)
    data.update(essential=["First", "x" * 2_001], action=["up-essential-1"])
    response = ada.post(f"/drafts/{draft_id}/criteria", data=data, headers=HX_PARTIAL)
    assert response.status_code == 422
    fragment = parse(response).select_one("#person-specification")
    assert rows(fragment) == ["First", "x" * 2_001]  # as sent: nothing typed is dropped
    assert "must be 2,000 characters or fewer" in fragment.select_one("#essential-error").get_text()
    assert focused(fragment) == "up-essential-1"  # the button pressed, still there
    assert fragment["data-announce"].startswith("Not changed: ")
    assert fragment["data-changed"] == "false"
    assert saved_state(app, draft_id) == before
    # The whole page, without htmx, lists the error in its summary.
    page = parse(ada.post(f"/drafts/{draft_id}/criteria", data=data))
    assert_page_invariants(page)
    assert page.select_one('.nhsuk-error-summary a[href="#essential"]')
    # The error summary takes the focus, not a row.
    assert [element.get("class") for element in page.select("[autofocus]")] == [["nhsuk-error-summary"]]


def test_a_final_drafts_criteria_do_not_change(app, ada):
    draft_id, _ = draft_with_criteria(ada, ["First", "Second"])
    make_publishable(ada, draft_id)
    data = form_data(editor(ada, draft_id))  # an editor opened before it was marked final
    ada.post(f"/drafts/{draft_id}/details", data={"name": "Senior product manager", "status": "final"})
    before = saved_state(app, draft_id)
    data["action"] = ["up-essential-1"]
    response = ada.post(f"/drafts/{draft_id}/criteria", data=data, headers=HX_PARTIAL)
    assert response.status_code == 409
    fragment = parse(response).select_one("#person-specification")
    assert rows(fragment) == ["First", "Second"]
    assert fragment.select("button") == []
    assert all(t.has_attr("readonly") for t in fragment.select("textarea"))
    assert focused(fragment) == "essential-1"
    assert "marked final" in fragment["data-announce"]
    assert saved_state(app, draft_id) == before


def test_someone_elses_criteria_are_404_and_unchanged(app, ada, make_user, sign_in):
    draft_id, data = draft_with_criteria(ada, ["First", "Second"])
    before = saved_state(app, draft_id)
    make_user("eve@example.com", organisation="Trust B")
    eve = sign_in("eve@example.com")
    data["action"] = ["up-essential-1"]
    response = eve.post(f"/drafts/{draft_id}/criteria", data=data, headers=HX_PARTIAL)
    assert response.status_code == 404
    assert "First" not in response.get_data(as_text=True)
    assert saved_state(app, draft_id) == before
