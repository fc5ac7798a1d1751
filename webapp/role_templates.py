"""Role templates: the job descriptions a hiring manager starts a draft from.

Data lives in ``job_templates/`` as one TOML file per role (``job_templates/README.md``
explains the fields), plus ``standard-sections.toml`` shared by every template and
``framework/roles.csv``, the capability framework's expected skills. Standard library
only, like the analysis core, so tests and scripts can load templates without Flask.
"""

from __future__ import annotations

import csv
import hashlib
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

ROLE_FAMILIES = (
    "clinical informatics",
    "design and research",
    "engineering",
    "data",
    "product and delivery",
    "leadership",
)
SKILL_LEVELS = ("awareness", "working", "practitioner", "expert")
MAX_ESSENTIAL = 6
STANDARD_SECTION_KEYS = (
    "about_organisation",
    "flexible_working",
    "equality_and_diversity",
    "nhs_values",
)
FRAMEWORK_NAME = "Government Digital and Data Profession Capability Framework"
# Files in the templates folder that are not role templates: the sections every
# template carries, the key facts help (key_facts.py), the optional statements
# (statements.py).
DATA_FILES = frozenset({"standard-sections.toml", "key-facts.toml", "statements.toml"})
DEFINITION_OF_DIGITAL = (
    "applying the culture, processes, business models and technologies of the internet era "
    "to respond to people's raised expectations"
)


# Sources are shown to users (template pages, the API), so they name the publication and
# section, never a file of ours such as research notes or data (a comment may).
_FILE_PATH = re.compile(r"\b[\w-]+\.(?:md|csv|toml)\b|\bshared/reference\b")


# Text in [square brackets] is for the hiring manager to fill in: a draft lists each one
# under "Before you publish" and cannot be marked final while any is left
# (drafts.completeness_problems), so template text may hold only brackets it finds.
PLACEHOLDER = re.compile(r"\[[^\[\]\n]{2,60}\]")


def check_placeholders(text: str, where: str) -> str:
    """``text``, refused if a "[" in it does not open a placeholder the draft check finds."""
    start = text.find("[")
    while start >= 0:
        found = PLACEHOLDER.match(text, start)
        if found is None:
            raise TemplateError(f"{where}: {text[start:start + 70]!r} is not a placeholder the draft check finds: "
                                "keep [text to fill in] on one line, 2 to 60 characters, with no brackets inside")
        start = text.find("[", found.end())
    return text


class TemplateError(ValueError):
    """A template file is missing something or disagrees with the framework data."""


@dataclass(frozen=True)
class Skill:
    name: str
    level: str  # one of SKILL_LEVELS, or "" for a competency from a framework without levels
    # Where the skill comes from: the framework for framework roles; for other roles, one
    # of the template's sources, named by a phrase that appears in it (for example "CSONG").
    source: str = ""


@dataclass(frozen=True)
class Level:
    id: str
    name: str
    summary: str
    duties: tuple[str, ...]
    skills: tuple[Skill, ...]
    essential: tuple[str, ...]
    desirable: tuple[str, ...]
    # The framework's name for this level when the job title trusts use differs (for
    # example "Business intelligence developer" for the framework's "Analytics engineer").
    framework_level: str = ""
    # For a role outside the framework: the template sources the level's summary, duties
    # and criteria come from (each a phrase that appears in one of them).
    sources: tuple[str, ...] = ()


@dataclass(frozen=True)
class Section:
    key: str
    heading: str
    text: str
    sources: tuple[str, ...]


@dataclass(frozen=True)
class RoleTemplate:
    id: str
    title: str
    role_family: str
    framework_role: str  # "" when the framework does not cover the role
    competency_sources: tuple[str, ...]
    sources: tuple[str, ...]
    levels: tuple[Level, ...]
    definition_of_digital: Section
    standard_sections: tuple[Section, ...]
    # A line for the hiring manager on the template's page (not in the job description):
    # for example what a framework role it follows does not cover.
    hiring_manager_note: str = ""
    # For a role outside the framework: the heading and note over its skills, each of
    # which names its source. None for framework roles.
    skills_outside_framework: Section | None = None

    @property
    def skills_heading(self) -> str:
        """The heading over a level's skills, saying where they come from."""
        if self.framework_role:
            return f"Skills ({self.framework_role} in the {FRAMEWORK_NAME})"
        return self.skills_outside_framework.heading if self.skills_outside_framework else "Skills"

    @property
    def skills_note(self) -> str:
        """A line under that heading for skills that do not come from the framework."""
        return "" if self.framework_role or not self.skills_outside_framework else self.skills_outside_framework.text

    def level(self, level_id: str) -> Level | None:
        return next((level for level in self.levels if level.id == level_id), None)


@dataclass(frozen=True)
class TemplateLibrary:
    templates: dict[str, RoleTemplate]
    version: str
    # Help shared by every template: choosing a level, what skill levels mean.
    guidance: dict[str, Section] = field(default_factory=dict)
    # {skill: {skill level: what that level means for it}}, from the framework's skill data.
    skill_levels: dict[str, dict[str, str]] = field(default_factory=dict)

    def skill_level_meaning(self, skill: Skill) -> str:
        """What the framework says someone at ``skill``'s level can do, or ""."""
        return self.skill_levels.get(skill.name, {}).get(skill.level, "")

    def get(self, template_id: str) -> RoleTemplate | None:
        return self.templates.get(template_id)

    def __iter__(self):
        return iter(sorted(self.templates.values(), key=lambda t: t.title))


def load_framework(path: Path) -> dict[tuple[str, str], dict[str, str]]:
    """``{(role, role level): {skill: skill level (lower case)}}`` from the framework CSV."""
    framework: dict[tuple[str, str], dict[str, str]] = {}
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            framework.setdefault((row["role"], row["role_level"]), {})[row["skill"]] = row["skill_level"].lower()
    return framework


def _text(data: dict, key: str, where: str) -> str:
    value = data.get(key)
    if not isinstance(value, str) or not value.strip():
        raise TemplateError(f"{where}: {key} is missing or empty")
    return value.strip()


def _texts(data: dict, key: str, where: str, minimum: int = 1) -> tuple[str, ...]:
    values = data.get(key)
    if not isinstance(values, list) or len(values) < minimum or not all(
        isinstance(v, str) and v.strip() for v in values
    ):
        raise TemplateError(f"{where}: {key} needs at least {minimum} non-empty item(s)")
    return tuple(v.strip() for v in values)


def _sources(values, where: str) -> tuple[str, ...]:
    for value in values:
        if (found := _FILE_PATH.search(value)) is not None:
            raise TemplateError(f"{where}: source {value!r} names our file {found.group()!r}: "
                                "name the publication and section instead")
    return tuple(values)


def _section(key: str, data: dict, where: str) -> Section:
    if not isinstance(data, dict):
        raise TemplateError(f"{where}: section {key} is missing")
    return Section(key, _text(data, "heading", f"{where} {key}"),
                   check_placeholders(_text(data, "text", f"{where} {key}"), f"{where} {key}"),
                   _sources(_texts(data, "sources", f"{where} {key}"), f"{where} {key}"))


def _source_reference(phrase: str, sources: tuple[str, ...], where: str) -> str:
    """``phrase``, checked to appear in one of the template's ``sources``."""
    if not any(phrase in source for source in sources):
        raise TemplateError(f"{where}: source {phrase!r} is not in the template's sources: "
                            "use words that appear in one of them")
    return phrase


def _level(data: dict, where: str, framework_role: str, framework, sources: tuple[str, ...] = ()) -> Level:
    level_id = _text(data, "id", where)
    where = f"{where} level {level_id}"
    name = _text(data, "name", where)
    framework_level = (data.get("framework_level") or "").strip()
    if framework_level and not framework_role:
        raise TemplateError(f"{where}: framework_level needs the template's framework_role")
    level_sources: tuple[str, ...] = ()
    if not framework_role:
        # Outside the framework, every level names where its content comes from.
        level_sources = tuple(_source_reference(phrase, sources, where)
                              for phrase in _texts(data, "sources", where))
    skills = []
    for skill in data.get("skills") or []:
        skill_name = _text(skill, "name", where)
        # Framework roles give every skill a level; competencies from other frameworks
        # (e.g. the Faculty of Clinical Informatics') may have none, and none is invented.
        skill_level = (skill.get("level") or "").strip().lower()
        if (framework_role or skill_level) and skill_level not in SKILL_LEVELS:
            raise TemplateError(f"{where}: skill {skill_name} level must be one of {', '.join(SKILL_LEVELS)}")
        if framework_role:
            source = FRAMEWORK_NAME
        else:
            # No skill without a source: a role outside the framework names, for each
            # skill, the source that gives it.
            phrase = (skill.get("source") or "").strip()
            if not phrase:
                raise TemplateError(f"{where}: skill {skill_name!r} has no source: add source = \"...\" "
                                    "with words from one of the template's sources")
            source = _source_reference(phrase, sources, f"{where} skill {skill_name!r}")
        skills.append(Skill(skill_name, skill_level, source))
    if not skills:
        raise TemplateError(f"{where}: skills are missing")
    if framework_role:
        expected = framework.get((framework_role, framework_level or name))
        if expected is None:
            raise TemplateError(f"{where}: {framework_level or name!r} is not a level of {framework_role!r} "
                                "in the framework data (set framework_level when the job title differs)")
        actual = {s.name: s.level for s in skills}
        if actual != expected:
            missing = sorted(set(expected) - set(actual))
            extra = sorted(set(actual) - set(expected))
            wrong = sorted(k for k in set(actual) & set(expected) if actual[k] != expected[k])
            raise TemplateError(
                f"{where}: skills differ from the framework (missing {missing}, not in framework {extra}, "
                f"wrong level {[(k, actual[k], expected[k]) for k in wrong]})"
            )
    for key in ("summary", "duties", "essential", "desirable"):
        for value in (data.get(key) if isinstance(data.get(key), list) else [data.get(key)]):
            if isinstance(value, str):
                check_placeholders(value, f"{where} {key}")
    essential = _texts(data, "essential", where)
    if len(essential) > MAX_ESSENTIAL:
        raise TemplateError(f"{where}: {len(essential)} essential criteria; keep to {MAX_ESSENTIAL} at most")
    return Level(
        id=level_id,
        name=name,
        summary=_text(data, "summary", where),
        duties=_texts(data, "duties", where, minimum=3),
        skills=tuple(skills),
        essential=essential,
        desirable=_texts(data, "desirable", where),
        framework_level=framework_level,
        sources=level_sources,
    )


def read_toml(path: Path) -> dict:
    """A data file's TOML; a mistake is a TemplateError naming the file, line and column."""
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as error:
        raise TemplateError(f"{path.name}: not valid TOML ({error})") from error


def load_template(path: Path, standard: dict, framework) -> RoleTemplate:
    where = path.name
    data = read_toml(path)
    role_family = _text(data, "role_family", where)
    if role_family not in ROLE_FAMILIES:
        raise TemplateError(f"{where}: role_family must be one of {', '.join(ROLE_FAMILIES)}")
    framework_role = (data.get("framework_role") or "").strip()
    competency_sources = _sources(tuple(data.get("competency_sources") or ()), where)
    if not framework_role and not competency_sources:
        raise TemplateError(f"{where}: name a framework_role or the competency_sources the levels come from")
    sources = _sources(_texts(data, "sources", where), where)
    levels = tuple(_level(level, where, framework_role, framework, sources) for level in data.get("levels") or [])
    if not levels:
        raise TemplateError(f"{where}: no levels")
    ids = [level.id for level in levels]
    if len(set(ids)) != len(ids):
        raise TemplateError(f"{where}: level ids repeat")
    # A template may replace a standard section's text with its own.
    sections = {**standard, **(data.get("standard_sections") or {})}
    return RoleTemplate(
        id=path.stem,
        title=_text(data, "title", where),
        hiring_manager_note=(data.get("hiring_manager_note") or "").strip(),
        role_family=role_family,
        framework_role=framework_role,
        competency_sources=competency_sources,
        sources=sources,
        levels=levels,
        definition_of_digital=_section("definition_of_digital", sections.get("definition_of_digital"), where),
        standard_sections=tuple(_section(key, sections.get(key), where) for key in STANDARD_SECTION_KEYS),
        # No source gives skills for roles outside the framework: label them as suggestions.
        skills_outside_framework=None if framework_role else _section(
            "skills_outside_framework", sections.get("skills_outside_framework"), where),
    )


def load_skill_levels(path: Path) -> dict[str, dict[str, str]]:
    """``{skill: {skill level: meaning}}`` from the framework's skill CSV."""
    with path.open(encoding="utf-8", newline="") as handle:
        return {row["skill"]: {level: row[level].strip() for level in SKILL_LEVELS if row.get(level, "").strip()}
                for row in csv.DictReader(handle)}


LIBRARY_GUIDANCE_KEYS = ("choosing_a_level", "skill_levels")


def load_templates(directory: str | Path) -> TemplateLibrary:
    directory = Path(directory)
    framework = load_framework(directory / "framework" / "roles.csv")
    skill_levels = load_skill_levels(directory / "framework" / "skills.csv")
    missing = sorted({skill for skills in framework.values() for skill in skills} - set(skill_levels))
    if missing:
        raise TemplateError(f"framework/skills.csv has no meanings for {missing}")
    standard_path = directory / "standard-sections.toml"
    standard = read_toml(standard_path)
    digest = hashlib.sha256(standard_path.read_bytes())
    templates = {}
    for path in sorted(directory.glob("*.toml")):
        if path.name in DATA_FILES:
            continue
        templates[path.stem] = load_template(path, standard, framework)
        digest.update(path.read_bytes())
    if not templates:
        raise TemplateError(f"no templates in {directory}")
    guidance = {key: _section(key, standard.get(key), standard_path.name) for key in LIBRARY_GUIDANCE_KEYS}
    return TemplateLibrary(templates, digest.hexdigest()[:12], guidance, skill_levels)
