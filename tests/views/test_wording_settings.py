"""An organisation's own wording rules, and dismissing one finding in a draft."""

import pytest
import sqlalchemy as sa

from webapp.extensions import db
from webapp.models import Dismissal, Draft

from ..helpers import HX_PARTIAL, assert_page_invariants, highlighted_words, normalize_spaces, parse
from .test_drafts import editor, form_data, start_from_template


@pytest.fixture
def admin(make_user, sign_in):
    make_user("ada@nhs.net", organisation="Trust A")
    return sign_in("ada@nhs.net")


@pytest.fixture
def colleague(app, admin, make_user, sign_in):
    with app.app_context():
        invite = db.session.scalar(sa.text("select invite_code from organisation where name = 'Trust A'"))
    make_user("grace@nhs.net", invite_code=invite)
    return sign_in("grace@nhs.net")


def check(client, text):
    return parse(client.post("/check", data={"text": text}, headers=HX_PARTIAL))


def flagged(soup):
    return [words for words, _ in highlighted_words(soup)]


def test_an_admin_adds_a_word_a_name_and_an_ignore_for_the_whole_organisation(admin, colleague, client, get_page):
    text = "Join the Active Minds Partnership as our coding unicorn, helping people with challenging behaviour."
    assert flagged(check(colleague, text)) == ["Active", "challenging"]
    page = parse(admin.get("/organisation/wording"))
    assert_page_invariants(page)
    assert admin.post("/organisation/wording/word", data={
        "word-category": "jargon", "word-phrase": "unicorn*", "word-suggestions": "expert | specialist",
    }).status_code == 302
    assert admin.post("/organisation/wording/name", data={"name-name": "Active Minds Partnership"}).status_code == 302
    assert admin.post("/organisation/wording/ignore", data={"ignore-phrase": "challenging behaviour"}).status_code == 302
    soup = check(colleague, text)
    assert flagged(soup) == ["unicorn"]
    finding = soup.select_one('#category-jargon .app-finding')
    assert "expert; specialist" in normalize_spaces(finding.get_text())
    assert "Added by your organisation" in finding.get_text()
    # Nobody outside the organisation, or signed out, gets its rules.
    assert flagged(check(client, text)) == ["Active", "challenging"]
    # Removing a rule takes effect at once.
    page = parse(admin.get("/organisation/wording"))
    form = page.select_one("#wording-ignore form")
    assert admin.post(form["action"]).status_code == 302
    assert flagged(check(colleague, text)) == ["unicorn", "challenging"]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"word-category": "", "word-phrase": "x", "word-suggestions": "y"}, "Choose the kind of wording"),
        ({"word-category": "age", "word-phrase": "", "word-suggestions": "y"}, "Enter the word or phrase to flag"),
        ({"word-category": "age", "word-phrase": "[x", "word-suggestions": "y"}, "Cannot use"),
        ({"word-category": "nonsense", "word-phrase": "x", "word-suggestions": "y"}, "Choose the kind of wording"),
    ],
)
def test_bad_words_get_a_message_and_422(admin, data, message):
    response = admin.post("/organisation/wording/word", data=data)
    assert response.status_code == 422
    soup = parse(response)
    assert_page_invariants(soup)
    assert message in soup.select_one(".nhsuk-error-summary").get_text()


def test_only_an_admin_sets_wording_rules(colleague):
    assert colleague.get("/organisation/wording").status_code == 403
    assert colleague.post("/organisation/wording/ignore", data={"ignore-phrase": "x"}).status_code == 403


def test_a_finding_is_dismissed_with_a_reason_stays_listed_and_reaches_the_report(app, admin):
    draft_id = start_from_template(admin)
    data = form_data(editor(admin, draft_id))
    data["job_summary"] = ["We want an ambitious engineer."]
    data["action"] = ["save"]
    admin.post(f"/drafts/{draft_id}", data=data)
    soup = editor(admin, draft_id)
    form = next(f for f in soup.select('[data-field="job_summary"] .app-dismiss form')
                if f.select_one("input[name=finding_text]")["value"] == "ambitious")
    fields = {i["name"]: i.get("value", "") for i in form.select("input[type=hidden]")}
    # Without a reason: a message, and nothing dismissed.
    response = admin.post(form["action"], data={**fields, **data, "reason": ""}, headers=HX_PARTIAL)
    assert response.status_code == 422
    assert "Say why this is not a problem here" in response.get_data(as_text=True)
    response = admin.post(form["action"], data={**fields, **data, "reason": "It is the programme's name."},
                          headers=HX_PARTIAL)
    assert response.status_code == 200
    fragment = parse(response)
    assert "ambitious" not in [m.get_text() for m in fragment.select('[data-field="job_summary"] mark')]
    dismissed = fragment.select_one("#dismissed")
    assert "ambitious" in dismissed.get_text() and "It is the programme's name." in dismissed.get_text()
    with app.app_context():
        draft = db.session.scalar(sa.select(Draft).where(Draft.public_id == draft_id))
        assert [d.reason for d in db.session.scalars(sa.select(Dismissal).where(Dismissal.draft_id == draft.id))] == [
            "It is the programme's name."]
    report = admin.get(f"/drafts/{draft_id}/report/csv").get_data(as_text=True)
    assert "It is the programme's name." in report
    # Bring it back.
    restore = fragment.select_one("form[action$='/dismissals/restore']")
    button = restore.select_one("button[name=dismissal]")
    fragment = parse(admin.post(restore["action"], data={**data, "dismissal": button["value"]}, headers=HX_PARTIAL))
    assert [m.get_text() for m in fragment.select('[data-field="job_summary"] mark')] == ["ambitious"]


def test_dismissing_works_without_javascript(admin):
    draft_id = start_from_template(admin)
    soup = editor(admin, draft_id)
    form = soup.select_one(".app-dismiss form")
    fields = {i["name"]: i.get("value", "") for i in form.select("input[type=hidden]")}
    response = admin.post(form["action"], data={**fields, "reason": "Our house style."})
    assert response.status_code == 302
    page = parse(admin.get(response.headers["Location"]))
    assert_page_invariants(page)
    assert "Our house style." in page.select_one("#dismissed").get_text()


def test_only_a_finding_the_draft_has_can_be_dismissed(app, admin):
    draft_id = start_from_template(admin)
    soup = editor(admin, draft_id)
    form = soup.select_one(".app-dismiss form")
    fields = {i["name"]: i.get("value", "") for i in form.select("input[type=hidden]")}
    response = admin.post(form["action"], data={**fields, "finding_key": "age/made up|nothing", "reason": "x"})
    assert response.status_code == 302
    page = parse(admin.get(response.headers["Location"]))
    assert "nothing to dismiss" in page.get_text()
    assert page.select_one("#dismissed") is None


def test_a_long_sentence_does_not_hide_the_words_inside_it(client):
    sentence = ("We want a rockstar who will hit the ground running and " + "work on many things " * 6
                + "with an ambitious team.")
    soup = check(client, sentence)
    assert flagged(soup) == ["rockstar", "hit the ground running", "ambitious"]
    assert soup.select_one("#category-readability")  # the long sentence is listed
