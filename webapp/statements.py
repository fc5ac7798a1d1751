"""Optional standard statements: text an organisation chooses to put in every new
job description (safeguarding and checks, the Armed Forces Covenant, visa
sponsorship, pay, pension and leave, "apply if you meet most of the criteria").

Data lives in ``job_templates/statements.toml`` (editable by non-developers, each
statement with its sources). An organisation's admins choose which apply to it
(``views.organisation.statements``); ``drafts.content_from_template`` adds the
chosen ones, in the file's order, after the sections every template carries.

Standard library only: no Flask or database imports.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from .role_templates import TemplateError, _sources, _text, _texts, check_placeholders, read_toml

_ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


@dataclass(frozen=True)
class Statement:
    id: str
    heading: str
    text: str
    sources: tuple[str, ...]


def load_statements(path: str | Path) -> tuple[Statement, ...]:
    data = read_toml(Path(path))
    statements = []
    for number, entry in enumerate(data.get("statements") or [], start=1):
        where = f"{path.name} statement {number}"
        values = {key: _text(entry, key, where) for key in ("id", "heading", "text")}
        if not _ID.fullmatch(values["id"]):
            raise TemplateError(f"{where}: id {values['id']!r} must be lower-case words joined by hyphens")
        check_placeholders(values["text"], where)
        if not entry.get("sources"):
            raise TemplateError(f"{where}: sources are missing: every statement needs at least one")
        statements.append(Statement(values["id"], values["heading"], values["text"],
                                    _sources(_texts(entry, "sources", where), where)))
    ids = [s.id for s in statements]
    if len(set(ids)) != len(ids):
        raise TemplateError(f"{path.name}: statement ids repeat")
    if not statements:
        raise TemplateError(f"{path.name}: no statements")
    return tuple(statements)


def chosen(statements: tuple[Statement, ...], ids) -> tuple[Statement, ...]:
    """The ``statements`` whose ids are in ``ids``, in the file's order; unknown ids
    (a statement since removed from the file) are ignored."""
    wanted = set(ids or ())
    return tuple(statement for statement in statements if statement.id in wanted)
