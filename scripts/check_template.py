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

from webapp.analysis import WARNING, analyse, load_wordlists  # noqa: E402
from webapp.analysis.gender_coding import FEMININE_CODED, NEUTRAL, STRONGLY_FEMININE, EMPTY  # noqa: E402
from webapp.role_templates import TemplateError, load_framework, load_template, template_text  # noqa: E402

ACCEPTED_VERDICTS = {NEUTRAL, FEMININE_CODED, STRONGLY_FEMININE, EMPTY}


def problems(path: Path) -> list[str]:
    directory = ROOT / "job_templates"
    standard = tomllib.loads((directory / "standard-sections.toml").read_text(encoding="utf-8"))
    try:
        template = load_template(path, standard, load_framework(directory / "framework" / "roles.csv"))
    except TemplateError as error:
        return [str(error)]
    wordlists = load_wordlists(ROOT / "wordlists")
    found = []
    for level in template.levels:
        report = analyse(template_text(template, level), wordlists)
        if report.gender.verdict not in ACCEPTED_VERDICTS:
            found.append(f"{path.name} level {level.id}: verdict is {report.gender.verdict}")
        for finding in report.findings:
            if finding.severity == WARNING:
                found.append(
                    f"{path.name} level {level.id}: {finding.text!r} is {finding.category}; "
                    f"try {', '.join(finding.suggestions)}"
                )
    return found


def main(paths: list[str]) -> int:
    failed = False
    for name in paths:
        for problem in problems(Path(name)):
            print(problem)
            failed = True
        if not failed:
            print(f"{name}: ok")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
