"""Every role template: complete, sourced, true to the framework, and passing our own check."""

from pathlib import Path

import pytest

from webapp.analysis import analyse, load_wordlists
from webapp.drafts import (
    completeness_problems,
    content_from_template,
    draft_advert,
    fill_in_organisation,
    template_draft_problems,
)
from webapp.role_templates import (
    DEFINITION_OF_DIGITAL,
    MAX_ESSENTIAL,
    TemplateError,
    load_framework,
    load_templates,
)

ROOT = Path(__file__).resolve().parents[1]
TEMPLATES_DIR = ROOT / "job_templates"
LIBRARY = load_templates(TEMPLATES_DIR)
LEVELS = [(t, level) for t in LIBRARY for level in t.levels]
WORDLISTS = load_wordlists(ROOT / "wordlists")

REQUIRED_ROLES = {
    "product-manager", "delivery-manager", "interaction-designer", "service-designer",
    "content-designer", "user-researcher", "lead-developer", "software-developer",
    "technical-architect", "data-scientist", "data-engineer", "data-analyst",
    "performance-analyst", "business-analyst",
    "clinical-lead-for-digital", "clinical-product-manager", "clinical-safety-officer",
    "ccio", "cnio", "chief-information-officer",
}


def test_the_library_has_every_required_role():
    assert REQUIRED_ROLES <= set(LIBRARY.templates)


@pytest.mark.parametrize("template", list(LIBRARY), ids=lambda t: t.id)
def test_template_is_complete_and_sourced(template):
    assert template.sources
    assert template.framework_role or template.competency_sources
    assert template.levels
    assert DEFINITION_OF_DIGITAL in template.definition_of_digital.text
    assert "Tom Loosemore" in template.definition_of_digital.text
    assert {s.key for s in template.standard_sections} == {
        "about_organisation", "flexible_working", "equality_and_diversity", "nhs_values",
    }
    assert "Disability Confident" in dict((s.key, s.text) for s in template.standard_sections)["equality_and_diversity"]
    for level in template.levels:
        assert level.summary and len(level.duties) >= 3 and level.skills
        assert 1 <= len(level.essential) <= MAX_ESSENTIAL
        assert level.desirable


FRAMEWORK_LEVELS = [(t, level) for t, level in LEVELS if t.framework_role]


def test_roles_outside_the_framework_name_their_sources_and_invent_no_skill_levels():
    others = [t for t in LIBRARY if not t.framework_role]
    assert {"ccio", "cnio", "clinical-safety-officer"} <= {t.id for t in others}
    for template in others:
        assert template.competency_sources
        assert all(skill.level == "" for level in template.levels for skill in level.skills), template.id


@pytest.mark.parametrize(("template", "level"), FRAMEWORK_LEVELS, ids=lambda x: getattr(x, "id", ""))
def test_framework_skills_match_the_framework_data(template, level):
    expected = load_framework(TEMPLATES_DIR / "framework" / "roles.csv")[(template.framework_role, level.name)]
    assert {s.name: s.level for s in level.skills} == expected


@pytest.mark.parametrize(("template", "level"), LEVELS, ids=lambda x: getattr(x, "id", ""))
def test_a_draft_from_every_level_passes_our_own_check(template, level):
    # The renderer drafts are built with, and the check script's own rule: the
    # writer's own words are neutral or lean feminine (never "strongly"), and
    # nothing in them is a warning, but the pay and closing date still to fill in.
    assert template_draft_problems(template, level, WORDLISTS) == []


def test_a_fresh_draft_is_told_to_add_its_pay():
    template = LIBRARY.get("product-manager")
    level = template.levels[0]
    report = analyse(draft_advert(content_from_template(template, level), WORDLISTS), WORDLISTS)
    assert "structure/missing-salary" in {f.rule_id for f in report.own_findings}
    content = {**content_from_template(template, level), "band": "Band 6"}
    report = analyse(draft_advert(content, WORDLISTS), WORDLISTS)
    assert "structure/missing-salary" not in {f.rule_id for f in report.findings}


def fresh_draft(template_id, level_index=0):
    template = LIBRARY.get(template_id)
    return fill_in_organisation(content_from_template(template, template.levels[level_index]), "Trust A")


def test_a_fresh_draft_leaves_the_disability_confident_level_and_recent_work_to_the_hiring_manager():
    # The Disability Confident level differs by employer, and the legal duty is to make
    # *reasonable* adjustments; what the team has delivered is for the hiring manager to say.
    content = fresh_draft("product-manager")
    assert "Disability Confident employer" not in content["job_description"]
    assert "[your Disability Confident level, or delete this sentence]" in content["job_description"]
    assert "We will make reasonable adjustments" in content["job_description"]
    assert "we will make them" not in content["job_description"]
    assert "Tell candidates" not in content["about_us"]
    problems = dict(completeness_problems(content))
    assert "[your Disability Confident level, or delete this sentence]" in problems["job_description"]
    filled = {**content, "about_us": content["about_us"].replace("[services]", "care").replace("[number]", "1,000")
              .replace("[area]", "Leeds")}
    assert "[say what your team has delivered]" in dict(completeness_problems(filled))["about_us"]


def test_the_clinical_safety_officer_may_object_to_a_release_and_no_dated_news_is_a_criterion():
    template = LIBRARY.get("clinical-safety-officer")
    content = fresh_draft("clinical-safety-officer")
    words = " ".join([content["job_summary"], content["main_duties"], *content["essential"], *content["desirable"]])
    assert "stop or delay" not in words
    assert "object to a release" in content["job_summary"]
    assert not any("consult" in item or "NHS England has said" in item for item in content["desirable"])
    assert not any("standards due for review" in source for source in template.sources)


@pytest.mark.parametrize("template", list(LIBRARY), ids=lambda t: t.id)
def test_the_job_description_says_where_the_skills_come_from(template):
    description = content_from_template(template, template.levels[0])["job_description"]
    if template.framework_role:
        assert f"Skills ({template.framework_role} in the Government Digital and Data Profession Capability Framework)" in description
    else:
        # No source gives these roles' skills: they are labelled as our suggestions.
        assert "Suggested skills\nThese are the skills we suggest for this role. They are not taken from the " \
               "Government Digital and Data Profession Capability Framework" in description
        assert not any(source in description for source in template.competency_sources)


@pytest.mark.parametrize("template", list(LIBRARY), ids=lambda t: t.id)
def test_sources_shown_to_users_name_publications_not_our_files(template):
    shown = [*template.sources, *template.competency_sources, *template.definition_of_digital.sources,
             *(source for section in template.standard_sections for source in section.sources),
             *(template.suggested_skills.sources if template.suggested_skills else ())]
    for source in shown:
        assert "shared/reference" not in source and ".md" not in source and "job_templates/" not in source, source


def copy_library(tmp_path, template_name, text):
    (tmp_path / "framework").mkdir()
    (tmp_path / "framework" / "roles.csv").write_bytes((TEMPLATES_DIR / "framework" / "roles.csv").read_bytes())
    (tmp_path / "standard-sections.toml").write_bytes((TEMPLATES_DIR / "standard-sections.toml").read_bytes())
    (tmp_path / template_name).write_text(text, encoding="utf-8")
    return tmp_path


GOOD = '''
title = "Product manager"
role_family = "product and delivery"
framework_role = "Product manager"
sources = ["framework"]
[[levels]]
id = "mid"
name = "Product manager"
summary = "You look after a product."
duties = ["a", "b", "c"]
essential = ["x"]
desirable = ["y"]
skills = [SKILLS]
'''


def framework_skills(level_name):
    expected = load_framework(TEMPLATES_DIR / "framework" / "roles.csv")[("Product manager", level_name)]
    return ", ".join(f'{{ name = "{name}", level = "{level}" }}' for name, level in expected.items())


def test_a_good_file_loads(tmp_path):
    library = load_templates(copy_library(tmp_path, "pm.toml", GOOD.replace("SKILLS", framework_skills("Product manager"))))
    assert library.get("pm").level("mid").name == "Product manager"


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda t: t.replace('sources = ["framework"]', ""), "sources"),
        (lambda t: t.replace('sources = ["framework"]', 'sources = ["shared/reference/jd-content.md §2"]'),
         "name the publication"),
        (lambda t: t.replace('summary = "You look after a product."', ""), "summary"),
        (lambda t: t.replace('duties = ["a", "b", "c"]', 'duties = ["a"]'), "duties"),
        (lambda t: t.replace('essential = ["x"]', "essential = " + str(["x"] * 7)), "keep to 6"),
        (lambda t: t.replace('level = "working"', 'level = "expert"', 1), "wrong level"),
        (lambda t: t.replace("skills = [", 'skills = [{ name = "Juggling", level = "expert" }, '), "not in framework"),
        (lambda t: t.replace('name = "Product manager"', 'name = "Product wizard"'), "not a level"),
        (lambda t: t.replace('framework_role = "Product manager"', ""), "competency_sources"),
        (lambda t: t.replace('"product and delivery"', '"sales"'), "role_family"),
        (lambda t: t.split("[[levels]]")[0], "no levels"),
    ],
)
def test_a_broken_file_is_refused_with_a_reason(tmp_path, change, message):
    text = change(GOOD.replace("SKILLS", framework_skills("Product manager")))
    with pytest.raises(TemplateError, match=message):
        load_templates(copy_library(tmp_path, "pm.toml", text))
