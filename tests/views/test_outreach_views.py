"""Where to share: on the check page, on a draft (a saved checklist), for admins, in the API."""

import pytest

from ..helpers import HX_PARTIAL, assert_page_invariants, normalize_spaces, parse


def suggested_ids(soup):
    return [item["data-network"] for item in soup.select("[data-network]")]


def test_check_page_suggests_networks_for_the_chosen_role(client):
    soup = parse(client.post("/check", data={"text": "A kind, warm team.", "role": "clinical informatics"}))
    assert_page_invariants(soup)
    assert "faculty-of-clinical-informatics" in suggested_ids(soup)
    assert "tech-talent-charter" not in suggested_ids(soup)
    for why in soup.select("#outreach .app-outreach__why"):
        assert normalize_spaces(why.get_text()).startswith("Why:")
    advice = [li["data-advice"] for li in soup.select("#outreach [data-advice]")]
    assert advice == ["disability-confident", "armed-forces-covenant", "real-living-wage", "digital-outcomes-and-specialists"]


def test_a_network_to_check_says_so(client):
    soup = parse(client.post("/check", data={"text": "A kind, warm team.", "role": "engineering"}))
    to_check = normalize_spaces(soup.select_one('#outreach [data-network="code-first-girls"]').get_text())
    assert "Check that it is still running before you share the advert." in to_check
    assert "Our sources only partly confirm this web address" in to_check
    confirmed = normalize_spaces(soup.select_one('#outreach [data-network="codebar"]').get_text())
    assert "still running" not in confirmed and "confirm" not in confirmed


def test_changing_the_role_changes_the_suggestions_in_the_fragment(client):
    engineering = parse(client.post("/check", data={"text": "Kind.", "role": "engineering"}, headers=HX_PARTIAL))
    clinical = parse(client.post("/check", data={"text": "Kind.", "role": "clinical informatics"}, headers=HX_PARTIAL))
    assert "codebar" in suggested_ids(engineering) and "codebar" not in suggested_ids(clinical)


def test_without_a_role_the_check_page_asks_for_one(client):
    soup = parse(client.post("/check", data={"text": "Kind."}))
    assert suggested_ids(soup) == []
    assert "Choose the role above" in soup.select_one("#outreach").get_text()


def test_a_masculine_coded_advert_says_reword_first(client):
    soup = parse(client.post("/check", data={"text": "An aggressive, dominant, competitive leader.", "role": "engineering"}))
    first_why = normalize_spaces(soup.select_one("#outreach .app-outreach__why").get_text())
    assert first_why == "Why: Your advert is masculine-coded: reword it first, then share it here to reach women."


def test_api_returns_outreach_for_a_role_or_template(client):
    by_family = client.post("/api/v1/check", json={"text": "Kind.", "role": "clinical informatics"}).get_json()
    by_template = client.post("/api/v1/check", json={"text": "Kind.", "role": "ccio"}).get_json()
    assert by_template["role_family"] == "leadership"
    for body in (by_family, by_template):
        assert body["outreach"]
        for item in body["outreach"]:
            assert set(item) == {"id", "name", "url", "why"}
            assert item["id"] != "tech-talent-charter"
    assert "outreach" not in client.post("/api/v1/check", json={"text": "Kind."}).get_json()
    bad = client.post("/api/v1/check", json={"text": "Kind.", "role": "astronaut"})
    assert bad.status_code == 400


@pytest.fixture
def admin(make_user, sign_in):
    user = make_user("ada@nhs.net", organisation="Trust A")
    return sign_in("ada@nhs.net"), user


def start_draft(client, template="ccio", level="ccio"):
    response = client.post("/drafts/new", data={"start": "template", "template": template, "level": level})
    return response.headers["Location"].rsplit("/", 1)[1]


def test_draft_share_page_suggests_for_the_template_role(admin):
    client, _ = admin
    draft_id = start_draft(client)
    soup = parse(client.get(f"/drafts/{draft_id}/share"))
    assert_page_invariants(soup)
    suggested = suggested_ids(soup)
    assert {"shuri-network", "digital-health-networks", "faculty-of-clinical-informatics", "one-healthtech"} <= set(suggested)
    assert soup.select_one('select#role_family option[selected]')["value"] == "leadership"


def test_the_checklist_is_saved_with_the_draft(admin):
    client, _ = admin
    draft_id = start_draft(client)
    response = client.post(
        f"/drafts/{draft_id}/share",
        data={"action": "save-checklist", "role_family": "leadership", "posted": ["shuri-network"],
              "notes-shuri-network": "Posted 3 Dec, contact: network lead", "notes-one-healthtech": "Ask the Leeds hub"},
    )
    assert response.status_code == 302
    soup = parse(client.get(f"/drafts/{draft_id}/share"))
    assert soup.select_one("#posted-shuri-network").has_attr("checked")
    assert not soup.select_one("#posted-one-healthtech").has_attr("checked")
    assert soup.select_one("#notes-shuri-network").get_text() == "Posted 3 Dec, contact: network lead"
    assert soup.select_one("#notes-one-healthtech").get_text() == "Ask the Leeds hub"
    # Unticking is saved too.
    client.post(f"/drafts/{draft_id}/share", data={"action": "save-checklist", "role_family": "leadership",
                                                   "notes-shuri-network": "Posted 3 Dec, contact: network lead"})
    assert not parse(client.get(f"/drafts/{draft_id}/share")).select_one("#posted-shuri-network").has_attr("checked")


def test_changing_the_draft_role_changes_suggestions(admin):
    client, _ = admin
    draft_id = start_draft(client)
    client.post(f"/drafts/{draft_id}/share", data={"action": "role", "role_family": "engineering"})
    suggested = suggested_ids(parse(client.get(f"/drafts/{draft_id}/share")))
    assert "codebar" in suggested and "faculty-of-clinical-informatics" not in suggested


def test_organisation_networks_show_only_to_that_organisation(app, admin, make_user, sign_in):
    client, user = admin
    page = parse(client.get("/organisation/networks"))
    assert_page_invariants(page)
    response = client.post("/organisation/networks", data={
        "name": "Trust A BAME staff network", "summary": "our staff network", "url": "https://intranet.example/bame",
        "audiences": ["ethnic minority people"], "role_families": []})
    assert response.status_code == 302
    draft_id = start_draft(client)
    share = parse(client.get(f"/drafts/{draft_id}/share"))
    local = [i for i in share.select("[data-network]") if "Trust A BAME staff network" in i.get_text()]
    assert local and "Added by your organisation" in local[0].get_text()

    make_user("colleague@nhs.net", invite_code=user["invite_code"])
    colleague = sign_in("colleague@nhs.net")
    assert "Trust A BAME staff network" in colleague.post(
        "/check", data={"text": "Kind.", "role": "data"}).get_data(as_text=True)
    assert colleague.get("/organisation/networks").status_code == 403  # only the admin manages them

    make_user("eve@example.com", organisation="Trust B")
    eve = sign_in("eve@example.com")
    assert "Trust A BAME staff network" not in eve.post("/check", data={"text": "Kind.", "role": "data"}).get_data(as_text=True)
    assert "Trust A BAME staff network" not in client.application.test_client().post(
        "/check", data={"text": "Kind.", "role": "data"}).get_data(as_text=True)
    # Eve is the admin of Trust B, not of Trust A: Trust A's network (the first, id 1) is not hers.
    assert eve.post("/organisation/networks/1/delete").status_code == 404


def test_organisation_network_errors(admin):
    client, _ = admin
    response = client.post("/organisation/networks", data={"name": "", "url": "javascript:alert(1)"})
    assert response.status_code == 422
    text = normalize_spaces(parse(response).get_text())
    assert "Enter the network’s name" in text and "Enter a web address starting with https://" in text


def test_what_was_recorded_for_a_network_no_longer_suggested_stays_in_sight(admin, app):
    # A tick and a note for a network the current role does not suggest, and one for a
    # network since removed from the list: both stay listed, as recorded.
    from webapp.extensions import db
    from webapp.models import Draft, OutreachRecord

    client, _ = admin
    draft_id = start_draft(client)
    client.post(f"/drafts/{draft_id}/share", data={
        "action": "save-checklist", "role_family": "leadership", "posted": ["faculty-of-clinical-informatics"],
        "notes-faculty-of-clinical-informatics": "Posted 3 Dec"})
    with app.app_context():
        draft = db.session.scalar(db.select(Draft).where(Draft.public_id == draft_id))
        db.session.add(OutreachRecord(draft_id=draft.id, network_id="nhs-digital-academy", posted=True,
                                      notes="Shared on the alumni list"))
        db.session.commit()
    client.post(f"/drafts/{draft_id}/share", data={"action": "role", "role_family": "engineering"})
    soup = parse(client.get(f"/drafts/{draft_id}/share"))
    assert "faculty-of-clinical-informatics" not in suggested_ids(soup)
    kept = {li["data-recorded-network"]: normalize_spaces(li.get_text()) for li in soup.select("#recorded-elsewhere li")}
    assert kept["faculty-of-clinical-informatics"].startswith("Faculty of Clinical Informatics")
    assert "posted. Notes: Posted 3 Dec" in kept["faculty-of-clinical-informatics"]
    assert kept["nhs-digital-academy"].startswith("NHS Digital Academy") and "alumni list" in kept["nhs-digital-academy"]
    # Saving the checklist for the new role leaves them as they were.
    client.post(f"/drafts/{draft_id}/share", data={"action": "save-checklist", "role_family": "engineering"})
    soup = parse(client.get(f"/drafts/{draft_id}/share"))
    assert len(soup.select("#recorded-elsewhere li")) == 2
