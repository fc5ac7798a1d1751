"""The one place the web layer calls into the analysis core."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cached_property

import sqlalchemy as sa
from flask import Flask, Response, current_app

from .analysis import (
    NO_SETTINGS,
    Advert,
    OrganisationWord,
    Report,
    Settings,
    WordLists,
    advert_from_text,
    analyse,
    build_settings,
    load_wordlists,
)
from .formatters import now_local
from .outreach import load_networks
from .key_facts import load_key_facts_help
from .role_templates import load_templates
from .statements import load_statements
from .text_extraction import html_to_text, looks_like_html


@dataclass(frozen=True)
class CheckedText:
    """What was checked (HTML pasted as markup is checked as its text) and the report."""

    text: str
    report: Report
    converted_from_html: bool = False

    @cached_property
    def highlights(self):
        """The findings placed in the box the text was typed in; none when the box
        held HTML, whose offsets are not the text's. Worked out once: the results
        read it twice (the highlight data and the findings' links)."""
        from .highlights import in_text

        return () if self.converted_from_html else in_text(self.report.findings, self.text, "text")


def init_services(app: Flask) -> None:
    # Loaded once per process; a bad word-list file stops the app from starting.
    app.extensions["wordlists"] = load_wordlists(app.config["WORDLISTS_DIR"])
    app.extensions["role_templates"] = load_templates(app.config["JOB_TEMPLATES_DIR"])
    app.extensions["networks"] = load_networks(app.config["JOB_TEMPLATES_DIR"] / "outreach" / "networks.toml")
    app.extensions["key_facts_help"] = load_key_facts_help(app.config["JOB_TEMPLATES_DIR"] / "key-facts.toml")
    app.extensions["statements"] = load_statements(app.config["JOB_TEMPLATES_DIR"] / "statements.toml")


def wordlists() -> WordLists:
    return current_app.extensions["wordlists"]


def check_text(text: str, *, source_format: str = "auto", title: str | None = None,
               standard_text: Iterable[str] = (), organisation_id: int | None = None) -> CheckedText:
    """Check ``text``. HTML (``source_format="html"``, or markup found when "auto")
    is checked as the text a reader would see. A ``title`` and ``standard_text``
    passages, when the caller knows them, say which parts are which."""
    converted = source_format == "html" or (source_format == "auto" and looks_like_html(text))
    plain = html_to_text(text) if converted else text
    advert = advert_from_text(plain, wordlists(), title=title, standard_texts=standard_text)
    return CheckedText(advert.text, check_advert(advert, organisation_id=organisation_id),
                       converted_from_html=converted)


def check_advert(advert: Advert, *, organisation_id: int | None = None,
                 dismissed: Mapping[str, str] | None = None) -> Report:
    return analyse(advert, wordlists(), organisation_settings(organisation_id), dismissed)


# An organisation's compiled wording rules, per app server, keyed by the
# organisation's wording_version so a change made on another server is seen.
_SETTINGS_CACHE: dict[tuple[int, int], Settings] = {}


def organisation_settings(organisation_id: int | None) -> Settings:
    if organisation_id is None:
        return NO_SETTINGS
    from .extensions import db
    from .models import IGNORE, NAME, WORD, Organisation, OrganisationWording

    version = db.session.scalar(sa.select(Organisation.wording_version).where(Organisation.id == organisation_id))
    if not version:
        return NO_SETTINGS
    key = (organisation_id, version)
    settings = _SETTINGS_CACHE.get(key)
    if settings is None:
        rows = db.session.scalars(
            sa.select(OrganisationWording).where(OrganisationWording.organisation_id == organisation_id)
        ).all()
        settings = build_settings(
            words=[OrganisationWord(r.category, r.phrase, tuple(r.suggestions or ()), r.explanation)
                   for r in rows if r.kind == WORD],
            names=[r.phrase for r in rows if r.kind == NAME],
            ignored=[r.phrase for r in rows if r.kind == IGNORE],
        )
        if len(_SETTINGS_CACHE) > 256:
            _SETTINGS_CACHE.clear()
        _SETTINGS_CACHE[key] = settings
    return settings


def report_download(text: str, report: Report, fmt: str, *, source: str = "", organisation: str = "",
                    author: str = "", job_title: str | None = None, outreach=(), role_family: str | None = None):
    """The wording-check report as a PDF or CSV download, dated now. The PDF shows the
    advert's ``job_title`` (None: the title the check read in the text, if any) and the
    "Where to share" ``outreach`` suggestions."""
    from .export import render
    from .export.document import safe_filename
    from .export.report import report_csv, report_document

    checked_at = now_local()
    stem = f"wording-check-{checked_at:%Y-%m-%d}" + (f"-{source}" if source else "")
    if fmt == "csv":
        data = report_csv(text, report, checked_at=checked_at, source=source).encode("utf-8-sig")
        mimetype = "text/csv; charset=utf-8"
    else:
        from .export.report import advert_title

        document = report_document(text, report, checked_at=checked_at, source=source,
                                   organisation=organisation, author=author,
                                   job_title=advert_title(text, report) if job_title is None else job_title,
                                   outreach=outreach, role_family=role_family)
        data, mimetype = render(document, "pdf"), "application/pdf"
    filename = safe_filename(stem, fmt)
    return Response(data, mimetype=mimetype, headers={"Content-Disposition": f'attachment; filename="{filename}"'})
