"""The networks data file and the matching of networks to adverts (no Flask)."""

from pathlib import Path

import pytest

from webapp.outreach import AUDIENCES, KINDS, Network, NetworkError, load_networks, suggest
from webapp.role_templates import ROLE_FAMILIES

NETWORKS_FILE = Path(__file__).resolve().parents[1] / "job_templates" / "outreach" / "networks.toml"
NETWORKS = load_networks(NETWORKS_FILE)


def ids(suggestions):
    return [s.network.id for s in suggestions]


def test_every_network_is_sourced_tagged_and_unique():
    assert len(NETWORKS.networks) >= 15
    seen = set()
    for network in NETWORKS.networks:
        assert network.id not in seen
        seen.add(network.id)
        assert network.sources and network.summary and network.serves
        assert set(network.audiences) <= set(AUDIENCES)
        assert set(network.role_families) <= {*ROLE_FAMILIES, "all"}
        assert network.kind in KINDS
        if not network.url:
            assert not network.url_confirmed  # no invented addresses


def test_the_networks_the_brief_names_are_there_and_closed_ones_are_marked():
    by_id = {n.id: n for n in NETWORKS.networks}
    assert by_id["shuri-network"].status == "active"
    assert "ethnic minority women" in by_id["shuri-network"].audiences
    assert by_id["one-healthtech"].status == "active"
    assert by_id["tech-talent-charter"].status == "closed"


def test_schemes_and_procurement_are_advice_not_networks():
    # jd-content.md §5: Disability Confident, the Armed Forces Covenant and the Real Living
    # Wage are schemes to show, not networks; DOS is a procurement route.
    advice = {a.id: a for a in NETWORKS.advice}
    schemes = {"disability-confident", "armed-forces-covenant", "real-living-wage"}
    for scheme in schemes:
        assert advice[scheme].label == "Employer scheme, not a network"
        assert advice[scheme].sources
    assert advice["digital-outcomes-and-specialists"].label == "Procurement framework, not a network"
    network_ids = {n.id for n in NETWORKS.networks}
    assert not {*schemes, "digital-outcomes-and-specialists"} & network_ids


def test_a_course_is_not_a_place_to_share_an_advert():
    # The NHS Digital Academy is a postgraduate programme (jd-content.md §5), not a network.
    assert "nhs-digital-academy" not in {n.id for n in NETWORKS.networks} | {a.id for a in NETWORKS.advice}
    assert "development programme" not in KINDS


def test_statuses_and_addresses_say_what_the_research_says():
    # jd-content.md §5, the draft data file: "active-check" and a "partial" address are
    # kept as the research gives them, never rounded up to "active" or confirmed.
    by_id = {n.id: n for n in NETWORKS.networks}
    to_check = {"nhs-hack-day", "adas-list", "code-first-girls", "colorintech"}
    partial = {"digital-health-networks", "code-first-girls"}
    assert {i for i, n in by_id.items() if n.status == "active-check"} == to_check
    assert {i for i, n in by_id.items() if n.url_confirmed == "partial"} == partial
    assert not by_id["adas-list"].url_confirmed and not by_id["colorintech"].url
    assert by_id["nhs-confed-lgbtq-leaders"].url.endswith("about-health-and-care-lgbtq-leaders-network")
    assert "LGBTQ+ Leaders Network" in by_id["nhs-confed-lgbtq-leaders"].name
    assert by_id["step-into-health"].summary.startswith("NHS Employers programme")
    networks_to_check = ids(suggest(NETWORKS, "engineering"))
    assert "code-first-girls" in networks_to_check  # still suggested, with a note to check it


GOOD = '''
[[network]]
id = "x"
name = "X"
summary = "A network."
serves = "people"
url = ""
status = "active"
kind = "community"
audiences = ["women"]
role_families = ["all"]
sources = ["a source"]
'''


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (GOOD.replace('sources = ["a source"]', "sources = []"), "source"),
        (GOOD.replace('audiences = ["women"]', 'audiences = ["wizards"]'), "unknown audience"),
        (GOOD.replace('role_families = ["all"]', 'role_families = ["sales"]'), "unknown role family"),
        (GOOD.replace('kind = "community"', 'kind = "club"'), "kind must be"),
        (GOOD.replace('status = "active"', 'status = "paused"'), "status must be"),
        (GOOD.replace('url = ""', 'url = ""\nurl_confirmed = "maybe"'), "url_confirmed must be"),
        (GOOD + GOOD, "more than once"),
    ],
)
def test_a_bad_entry_is_refused(tmp_path, text, message):
    path = tmp_path / "networks.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(NetworkError, match=message):
        load_networks(path)


def test_ccio_suggestions_lead_with_clinical_and_leadership_networks():
    suggested = ids(suggest(NETWORKS, "leadership", level_id="ccio"))
    top = suggested[:6]
    for expected in ("shuri-network", "digital-health-networks", "faculty-of-clinical-informatics"):
        assert expected in top, (expected, top)
    assert {"one-healthtech", "nhs-staff-networks"} <= set(suggested)


def test_user_researcher_gets_design_networks_and_the_diversity_networks():
    suggested = suggest(NETWORKS, "design and research", level_id="senior")
    assert "nhs-hack-day" in ids(suggested)[:3]
    assert {"one-healthtech", "shuri-network", "abilitynet", "nhs-staff-networks"} <= set(ids(suggested))
    assert "faculty-of-clinical-informatics" not in ids(suggested)  # a clinical body


def test_a_masculine_coded_advert_puts_womens_networks_first_and_says_reword():
    neutral = suggest(NETWORKS, "engineering")
    masculine = suggest(NETWORKS, "engineering", masculine_coded=True)
    first = masculine[0]
    assert {"women"} & set(first.network.audiences)
    assert first.why.startswith("Your advert is masculine-coded: reword it first")
    assert not any(s.why.startswith("Your advert is masculine-coded") for s in neutral)


def test_closed_networks_are_never_suggested():
    for family in (*ROLE_FAMILIES, None):
        for masculine in (True, False):
            assert "tech-talent-charter" not in ids(suggest(NETWORKS, family, masculine_coded=masculine))


def test_every_suggestion_says_why_in_one_line():
    for suggestion in suggest(NETWORKS, "data", level_id="head", masculine_coded=True):
        assert suggestion.why.endswith(".") and "\n" not in suggestion.why and len(suggestion.why) < 250


def test_senior_posts_get_leadership_networks():
    senior = ids(suggest(NETWORKS, "leadership", level_id="head"))
    junior = ids(suggest(NETWORKS, "leadership", level_id="associate"))
    assert senior[0] == "digital-health-networks"
    assert junior.index("digital-health-networks") > 0
    assert senior.index("nhs-confed-lgbtq-leaders") < junior.index("nhs-confed-lgbtq-leaders")


def test_organisation_networks_stay_in_their_organisation():
    local = Network("org-1", "Leeds BAME staff network", "Local network", "staff", "", False, "active",
                    "community", ("ethnic minority people",), ("all",), (), organisation_id=1)
    assert "org-1" in ids(suggest(NETWORKS, "data", organisation_id=1, extra=(local,)))
    assert "org-1" not in ids(suggest(NETWORKS, "data", organisation_id=2, extra=(local,)))
    assert "org-1" not in ids(suggest(NETWORKS, "data", extra=(local,)))
