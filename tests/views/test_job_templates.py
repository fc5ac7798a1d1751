"""Template library pages and the templates API."""

import pytest

from ..helpers import normalize_spaces


def test_library_lists_every_template(get_page, app):
    soup = get_page("/templates")
    titles = [normalize_spaces(a.get_text()) for a in soup.select(".app-template-list h3 a")]
    library = app.extensions["role_templates"]
    assert sorted(titles) == sorted(t.title for t in library)
    assert len(titles) >= 28
    # Grouped by role family, each under its own heading.
    families = [normalize_spaces(h.get_text()) for h in soup.select("h2.nhsuk-heading-m")]
    assert sorted(families) == sorted({t.role_family.capitalize() for t in library})


def test_template_page_offers_each_level_and_explains_few_essentials(get_page):
    soup = get_page("/templates/product-manager")
    levels = [normalize_spaces(h.get_text()) for h in soup.select(".app-level h2")]
    assert "Senior product manager" in levels
    forms = soup.select('.app-level form[action="/drafts/new"]')
    assert len(forms) == len(levels)
    assert {f.select_one('input[name="level"]')["value"] for f in forms} >= {"senior"}
    assert "at most 6 essential criteria" in normalize_spaces(soup.get_text())


def test_unknown_template_is_404(client):
    assert client.get("/templates/astronaut").status_code == 404


def test_api_lists_templates_with_levels(client):
    body = client.get("/api/v1/templates").get_json()
    templates = {t["id"]: t for t in body["templates"]}
    assert templates["product-manager"]["title"] == "Product manager"
    assert {"id": "senior", "name": "Senior product manager"} in templates["product-manager"]["levels"]
    assert "ccio" in templates


def test_api_returns_one_template_in_full(client):
    body = client.get("/api/v1/templates/product-manager").get_json()
    assert body["framework_role"] == "Product manager"
    senior = next(level for level in body["levels"] if level["id"] == "senior")
    assert {"name": "Product management", "level": "expert",
            "source": "Government Digital and Data Profession Capability Framework"} in senior["skills"]
    assert "Tom Loosemore" in body["definition_of_digital"]["text"]
    missing = client.get("/api/v1/templates/astronaut")
    assert missing.status_code == 404
    assert missing.get_json()["error"]["status"] == 404


def test_a_role_outside_the_framework_names_the_source_of_each_skill(get_page):
    soup = get_page("/templates/clinical-safety-officer")
    text = normalize_spaces(soup.get_text())
    assert "Skills" in [normalize_spaces(h.get_text()) for h in soup.select(".app-level h3")]
    assert "They are not from the Government Digital and Data Profession Capability Framework" in text
    assert "object to a release" in text and "stop or delay" not in text
    # Two levels, the practitioner and the lead, and the hiring manager is told which is which.
    assert [normalize_spaces(h.get_text()) for h in soup.select(".app-level h2")] == [
        "Clinical safety officer", "Lead clinical safety officer"]
    assert 'Choose "Clinical safety officer" for a practitioner' in text


def test_a_framework_role_names_the_framework_over_its_skills(get_page):
    soup = get_page("/templates/product-manager")
    headings = [normalize_spaces(h.get_text()) for h in soup.select(".app-level h3")]
    assert "Skills (Product manager in the Government Digital and Data Profession Capability Framework)" in headings
    assert soup.select(".app-skills-note") == []


def test_template_sources_name_publications_not_our_files(get_page, app):
    for template in app.extensions["role_templates"]:
        soup = get_page(f"/templates/{template.id}")
        sources = [normalize_spaces(li.get_text()) for li in soup.select("h2 + ul.nhsuk-body-s li")]
        assert sources, template.id
        assert not [s for s in sources if "shared/reference" in s or ".md" in s or "job_templates/" in s], template.id


def test_a_template_that_follows_another_framework_role_says_so_to_the_hiring_manager(get_page, app):
    soup = get_page("/templates/information-governance")
    note = normalize_spaces(soup.select_one("#hiring-manager-note").get_text())
    assert "data governance manager" in note and "data protection" in note
    # Only on the page, never in the job description a candidate reads.
    template = app.extensions["role_templates"].get("information-governance")
    from webapp.drafts import content_from_template
    content = content_from_template(template, template.levels[0])
    assert not any(template.hiring_manager_note in value for value in content.values() if isinstance(value, str))
    assert get_page("/templates/product-manager").select_one("#hiring-manager-note") is None


@pytest.mark.parametrize(("template_id", "deputy"), [("ccio", "deputy CCIO"), ("cnio", "deputy CNIO")])
def test_a_hiring_manager_with_a_deputy_post_is_told_how_to_start_from_the_chief_s_template(get_page, template_id, deputy):
    note = normalize_spaces(get_page(f"/templates/{template_id}").select_one("#hiring-manager-note").get_text())
    assert f"For a {deputy} post, start from this level" in note
    assert "not a deputy's" in note
