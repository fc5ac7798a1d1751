"""Check role template files the way the tests do, with messages for whoever edits them.

    .venv/bin/python scripts/check_template.py job_templates/product-manager.toml [...]

For each file: loads it against the schema and the capability framework data, then runs
the wording check over every level. Exit status 1 if anything is wrong.
"""

from __future__ import annotations

import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from webapp.analysis import load_wordlists  # noqa: E402
from webapp.drafts import template_draft_problems  # noqa: E402
from webapp.role_templates import DATA_FILES, TemplateError, load_framework, load_template  # noqa: E402


NOT_ROLE_TEMPLATES = DATA_FILES


def problems(path: Path) -> list[str]:
    directory = ROOT / "job_templates"
    standard = tomllib.loads((directory / "standard-sections.toml").read_text(encoding="utf-8"))
    try:
        template = load_template(path, standard, load_framework(directory / "framework" / "roles.csv"))
    except TemplateError as error:
        return [str(error)]
    wordlists = load_wordlists(ROOT / "wordlists")
    return [f"{path.name} {problem}" for level in template.levels for problem in template_draft_problems(template, level, wordlists)]


def main(paths: list[str]) -> int:
    failed = False
    for name in paths:
        if Path(name).name in NOT_ROLE_TEMPLATES:
            continue  # shared by every template, checked through them
        found = problems(Path(name))
        for problem in found:
            print(problem)
        failed |= bool(found)
        if not found:
            print(f"{name}: ok")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
