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
    FRAMEWORK_NAME,
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
    # The roles trusts advertise most (issue 12).
    "business-intelligence-developer", "project-manager", "cyber-security-architect", "information-governance",
    "clinical-systems-analyst", "clinical-systems-trainer", "test-engineer", "it-service-desk",
    "infrastructure-engineer", "digital-clinical-lead",
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


@pytest.mark.parametrize(("template", "level"), LEVELS, ids=lambda x: getattr(x, "id", ""))
def test_every_skill_and_level_names_a_source_it_comes_from(template, level):
    # Framework roles: every skill is the framework's (checked against its data below).
    # Other roles: every skill and every level names words from one of the template's
    # published sources, so nothing is shown that no source gives.
    if template.framework_role:
        assert all(skill.source == FRAMEWORK_NAME for skill in level.skills)
        return
    assert level.sources
    for phrase in (*level.sources, *(skill.source for skill in level.skills)):
        assert phrase and any(phrase in source for source in template.sources), (level.id, phrase)


@pytest.mark.parametrize(("template", "level"), FRAMEWORK_LEVELS, ids=lambda x: getattr(x, "id", ""))
def test_framework_skills_match_the_framework_data(template, level):
    framework_level = level.framework_level or level.name
    expected = load_framework(TEMPLATES_DIR / "framework" / "roles.csv")[(template.framework_role, framework_level)]
    assert {s.name: s.level for s in level.skills} == expected
    # The template page can say what each skill level means for each skill.
    assert all(LIBRARY.skill_level_meaning(skill) for skill in level.skills)


def test_a_framework_role_advertised_under_another_title_names_the_framework_level():
    template = LIBRARY.get("business-intelligence-developer")
    assert template.framework_role == "Analytics engineer"
    level = next(level for level in template.levels if level.framework_level == "Analytics engineer")
    assert "intelligence" in level.name.lower() or "BI" in level.name
    description = content_from_template(template, level)["job_description"]
    assert "Skills (Analytics engineer in the Government Digital and Data Profession Capability Framework)" in description


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
    problems = [message for field, message in completeness_problems(content) if field == "job_description"]
    assert any("[your Disability Confident level, or delete this sentence]" in message for message in problems)
    filled = {**content, "about_us": content["about_us"].replace("[services]", "care").replace("[number]", "1,000")
              .replace("[area]", "Leeds")}
    about_us = [message for field, message in completeness_problems(filled) if field == "about_us"]
    # Every placeholder left is listed, each once.
    assert any("[say what your team has delivered]" in message for message in about_us)
    assert any("[say what comes next]" in message for message in about_us)
    assert not any("[services]" in message for message in about_us)


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
        # Outside the framework, each skill is listed with the published guidance it comes from.
        assert "Skills\nEach skill names the published guidance on this role that it comes from. They are not " \
               "from the Government Digital and Data Profession Capability Framework" in description
        for skill in template.levels[0].skills:
            assert f"\u2022 {skill.name} ({skill.source})" in description


@pytest.mark.parametrize("template", list(LIBRARY), ids=lambda t: t.id)
def test_sources_shown_to_users_name_publications_not_our_files(template):
    shown = [*template.sources, *template.competency_sources, *template.definition_of_digital.sources,
             *(source for section in template.standard_sections for source in section.sources),
             *(template.skills_outside_framework.sources if template.skills_outside_framework else ())]
    for source in shown:
        assert "shared/reference" not in source and ".md" not in source and "job_templates/" not in source, source


def copy_library(tmp_path, template_name, text):
    (tmp_path / "framework").mkdir()
    for name in ("roles.csv", "skills.csv"):
        (tmp_path / "framework" / name).write_bytes((TEMPLATES_DIR / "framework" / name).read_bytes())
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
        (lambda t: t.replace('sources = ["framework"]', 'sources = ["capability-framework/roles.csv"]'),
         "name the publication"),
        (lambda t: t.replace('sources = ["framework"]', 'sources = ["see standard-sections.toml"]'),
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
        # A placeholder "Before you publish" would not find could be published as it is.
        (lambda t: t.replace('summary = "You look after a product."',
                             'summary = "You look after [' + "a" * 61 + '] products."'), "not a placeholder"),
        (lambda t: t.replace('duties = ["a", "b", "c"]', 'duties = ["a [b", "b", "c"]'), "not a placeholder"),
    ],
)
def test_a_broken_file_is_refused_with_a_reason(tmp_path, change, message):
    text = change(GOOD.replace("SKILLS", framework_skills("Product manager")))
    with pytest.raises(TemplateError, match=message):
        load_templates(copy_library(tmp_path, "pm.toml", text))


@pytest.mark.parametrize("broken", ["pm.toml", "standard-sections.toml"])
def test_a_file_that_is_not_toml_is_refused_with_its_name_and_line(tmp_path, broken):
    library = copy_library(tmp_path, "pm.toml", GOOD.replace("SKILLS", framework_skills("Product manager")))
    path = library / broken
    path.write_text(path.read_text(encoding="utf-8") + "\n[[\n", encoding="utf-8")
    with pytest.raises(TemplateError, match=rf"{broken}: not valid TOML \(.*line \d+"):
        load_templates(library)


OUTSIDE = '''
title = "Clinical safety officer"
role_family = "clinical informatics"
competency_sources = ["CSONG"]
sources = ["CSONG, clinical safety officer requirements: https://csong.health", "DCB0160 standard"]
[[levels]]
id = "cso"
name = "Clinical safety officer"
sources = ["CSONG"]
summary = "You keep our systems clinically safe."
duties = ["a", "b", "c"]
essential = ["x"]
desirable = ["y"]
skills = [{ name = "Hazard logs", source = "DCB0160" }]
'''


def test_a_role_outside_the_framework_loads_with_a_source_for_each_skill_and_level(tmp_path):
    library = load_templates(copy_library(tmp_path, "cso.toml", OUTSIDE))
    level = library.get("cso").level("cso")
    assert level.sources == ("CSONG",)
    assert [(skill.name, skill.source) for skill in level.skills] == [("Hazard logs", "DCB0160")]


@pytest.mark.parametrize(
    ("change", "message"),
    [
        # A skill no source gives, or a source the template does not list, is refused.
        (lambda t: t.replace(', source = "DCB0160"', ""), "Hazard logs.*has no source"),
        (lambda t: t.replace('source = "DCB0160"', 'source = "My own idea"'), "not in the template's sources"),
        (lambda t: t.replace('\nsources = ["CSONG"]\n', "\n"), "level cso: sources"),
        (lambda t: t.replace('\nsources = ["CSONG"]\n', '\nsources = ["Wikipedia"]\n'), "not in the template's sources"),
        (lambda t: t.replace('id = "cso"', 'id = "cso"\nframework_level = "Security architect"'), "framework_role"),
    ],
)
def test_a_skill_or_level_without_a_source_is_refused(tmp_path, change, message):
    with pytest.raises(TemplateError, match=message):
        load_templates(copy_library(tmp_path, "cso.toml", change(OUTSIDE)))


def test_every_skill_level_meaning_comes_from_the_framework_skill_data():
    assert LIBRARY.guidance["skill_levels"].sources and LIBRARY.guidance["choosing_a_level"].sources
    meaning = LIBRARY.skill_level_meaning(LIBRARY.get("product-manager").levels[0].skills[0])
    assert meaning.startswith("You can")


@pytest.mark.parametrize(("template", "level"), LEVELS, ids=lambda x: getattr(x, "id", ""))
def test_every_placeholder_in_a_fresh_draft_is_listed_before_publishing(template, level):
    content = fresh_draft(template.id, template.levels.index(level))
    listed = " ".join(message for _, message in completeness_problems(content))
    for field, value in content.items():
        if isinstance(value, str):
            for start in [i for i, c in enumerate(value) if c == "["]:
                placeholder = value[start:value.index("]", start) + 1]
                assert placeholder in listed, (field, placeholder)
