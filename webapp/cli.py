"""Command-line checks for batch use and CI pipelines: ``flask --app wsgi check``."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click
from flask import Flask

from .analysis.gender_coding import (
    FEMININE_CODED,
    MASCULINE_CODED,
    STRONGLY_FEMININE,
    STRONGLY_MASCULINE,
)
from .analysis.categories import IDS as CATEGORY_IDS
from .services import CheckedText, check_text
from .text_extraction import ExtractionError, text_from_file

# "--fail-on X" for a verdict fails on X and anything further the same way.
FAIL_ON_VERDICT = {
    "masculine-coded": {MASCULINE_CODED, STRONGLY_MASCULINE},
    "strongly-masculine-coded": {STRONGLY_MASCULINE},
    "feminine-coded": {FEMININE_CODED, STRONGLY_FEMININE},
    "strongly-feminine-coded": {STRONGLY_FEMININE},
}
# For any other category, it fails when the writer's own text has a warning of that kind.
FAIL_ON_CATEGORY = tuple(c for c in CATEGORY_IDS if c not in FAIL_ON_VERDICT)
FAIL_ON = (*FAIL_ON_VERDICT, *FAIL_ON_CATEGORY)


def fails(checked: CheckedText, fail_on: str) -> bool:
    if fail_on in FAIL_ON_VERDICT:
        return checked.report.gender.verdict in FAIL_ON_VERDICT[fail_on]
    return any(f.category == fail_on and f.severity == "warning" for f in checked.report.own_findings)
EXIT_FAILED_CHECK = 1
EXIT_UNREADABLE = 2


def line_and_column(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


def as_text(name: str, checked: CheckedText) -> str:
    report = checked.report
    gender = report.gender
    summary = report.summary
    counts = ", ".join(f"{c.count} {c.category}" for c in summary.counts if c.count) or "nothing found"
    lines = [
        f"{name}: {gender.verdict if gender.verdict != 'empty' else 'no gender-coded words found'}"
        f" ({gender.masculine_count} masculine-coded, {gender.feminine_count} feminine-coded,"
        f" {gender.word_count} words of your own, {report.word_count} in all)",
        f"  found: {counts}",
    ]
    for finding in report.findings:
        line, column = line_and_column(checked.text, finding.start)
        where = "" if finding.part == "own" else f" ({finding.part} text)"
        what = finding.text or finding.message
        lines.append(
            f"  {line}:{column} {what} [{finding.category}, {finding.severity}]{where}"
            + (f" try: {'; '.join(finding.suggestions)}" if finding.suggestions else "")
        )
    return "\n".join(lines)


def read_source(path: str, limit: int) -> str:
    if path == "-":
        text = sys.stdin.read()
    else:
        file = Path(path)
        try:
            data = file.read_bytes()
        except OSError as error:
            raise ExtractionError(f"cannot read the file: {error.strerror}") from error
        text = text_from_file(file.name, data)
    if len(text) > limit:
        raise ExtractionError(f"the text is {len(text):,} characters; the limit is {limit:,}")
    return text


def register_commands(app: Flask) -> None:
    @app.cli.command("export-template")
    @click.argument("template_id")
    @click.option("--level", "level_id", required=True, help="A level id, e.g. senior.")
    @click.option("--format", "fmt", type=click.Choice(["docx", "pdf", "md", "txt"]), required=True)
    @click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True), required=True)
    def export_template(template_id: str, level_id: str, fmt: str, output: str) -> None:
        """Render a role template at a level as a document (for batch use)."""
        from .drafts import content_from_template
        from .export import render
        from .export.document import job_document

        template = app.extensions["role_templates"].get(template_id)
        if template is None:
            known = ", ".join(t.id for t in app.extensions["role_templates"])
            raise click.BadParameter(f"no template {template_id!r}; choose from {known}", param_hint="TEMPLATE_ID")
        level = template.level(level_id)
        if level is None:
            known = ", ".join(level.id for level in template.levels)
            raise click.BadParameter(f"{template_id} has no level {level_id!r}; choose from {known}", param_hint="--level")
        data = render(job_document(content_from_template(template, level)), fmt)
        Path(output).write_bytes(data)
        click.echo(f"Wrote {output} ({len(data):,} bytes)")

    @app.cli.command("create-user")
    @click.option("--name", prompt=True)
    @click.option("--email", prompt=True)
    @click.option("--organisation", default="", help="A new organisation's name.")
    @click.option("--invite-code", default="", help="Join an existing organisation instead.")
    @click.password_option()
    def create_user_command(name: str, email: str, organisation: str, invite_code: str, password: str) -> None:
        """Create an account (the same rules as the Create an account page)."""
        from .views.auth import create_user

        if len(password) < 12:
            raise click.BadParameter("use 12 characters or more", param_hint="password")
        if not organisation and not invite_code:
            organisation = click.prompt("Organisation")
        user, errors = create_user(name, email, password, organisation, invite_code)
        if user is None:
            raise click.ClickException("; ".join(errors.values()))
        click.echo(f"Created {user.email} in {user.organisation.name}. Invite code: {user.organisation.invite_code}")

    @app.cli.command("check")
    @click.argument("files", nargs=-1, required=True)
    @click.option("--format", "output", type=click.Choice(["text", "json"]), default="text", show_default=True)
    @click.option(
        "--fail-on",
        type=click.Choice(sorted(FAIL_ON)),
        help="Exit with status 1 when any file's verdict is this or further the same way, or, for any "
        "other category, when a file's own text has a warning of that kind.",
    )
    def check(files: tuple[str, ...], output: str, fail_on: str | None) -> None:
        """Check .txt, .html or .docx FILES ("-" reads standard input): gender-coded and other
        exclusionary wording, structure and readability.

        Exit status: 0 all checked, 1 a verdict met --fail-on, 2 a file could not be read.
        """
        limit = app.config["MAX_CHECK_CHARACTERS"]
        results, failed, unreadable = [], False, False
        for path in files:
            try:
                checked = check_text(read_source(path, limit))
            except ExtractionError as error:
                click.echo(f"{path}: {error}", err=True)
                unreadable = True
                continue
            failed |= bool(fail_on) and fails(checked, fail_on)
            if output == "json":
                results.append({"file": path, **checked.report.to_dict()})
            else:
                click.echo(as_text(path, checked))
        if output == "json":
            click.echo(json.dumps(results, indent=2, ensure_ascii=False))
        if unreadable:
            sys.exit(EXIT_UNREADABLE)
        if failed:
            sys.exit(EXIT_FAILED_CHECK)
