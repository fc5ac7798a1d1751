"""The one place the web layer calls into the analysis core."""

from __future__ import annotations

from dataclasses import dataclass

from flask import Flask, current_app

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
