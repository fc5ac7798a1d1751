"""The one place the web layer calls into the analysis core."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from flask import Flask, Response, current_app

from .analysis import Report, WordLists, analyse, load_wordlists
from .outreach import load_networks
from .role_templates import load_templates
from .text_extraction import html_to_text, looks_like_html


@dataclass(frozen=True)
class CheckedText:
    """What was checked (HTML pasted as markup is checked as its text) and the report."""

    text: str
    report: Report
    converted_from_html: bool = False


def init_services(app: Flask) -> None:
    # Loaded once per process; a bad word-list file stops the app from starting.
    app.extensions["wordlists"] = load_wordlists(app.config["WORDLISTS_DIR"])
    app.extensions["role_templates"] = load_templates(app.config["JOB_TEMPLATES_DIR"])
    app.extensions["networks"] = load_networks(app.config["JOB_TEMPLATES_DIR"] / "outreach" / "networks.toml")


def wordlists() -> WordLists:
    return current_app.extensions["wordlists"]


def check_text(text: str, *, source_format: str = "auto") -> CheckedText:
    """Check ``text``. HTML (``source_format="html"``, or markup found when "auto")
    is checked as the text a reader would see."""
    if source_format == "html" or (source_format == "auto" and looks_like_html(text)):
        plain = html_to_text(text)
        return CheckedText(plain, analyse(plain, wordlists()), converted_from_html=True)
    return CheckedText(text, analyse(text, wordlists()))


def report_download(text: str, report: Report, fmt: str, *, source: str = "", organisation: str = "",
                    author: str = ""):
    """The wording-check report as a PDF or CSV download, dated now."""
    from .export import render
    from .export.document import safe_filename
    from .export.report import report_csv, report_document

    checked_at = datetime.now()
    stem = f"wording-check-{checked_at:%Y-%m-%d}" + (f"-{source}" if source else "")
    if fmt == "csv":
        data = report_csv(text, report, checked_at=checked_at, source=source).encode("utf-8-sig")
        mimetype = "text/csv; charset=utf-8"
    else:
        document = report_document(text, report, checked_at=checked_at, source=source,
                                   organisation=organisation, author=author)
        data, mimetype = render(document, "pdf"), "application/pdf"
    filename = safe_filename(stem, fmt)
    return Response(data, mimetype=mimetype, headers={"Content-Disposition": f'attachment; filename="{filename}"'})
