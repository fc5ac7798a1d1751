"""Pages that explain the service."""

from flask import Blueprint, current_app, render_template

from ..analysis import CATEGORIES
from ..analysis.gender_coding import NEUTRAL_LEAN, STRONG_GAP, STRONG_LEAN
from ..analysis.structure import NHS_JOBS_LIMITS
from ..services import wordlists

bp = Blueprint("pages", __name__)


@bp.get("/")
def index():
    return render_template("pages/index.html")


@bp.get("/about-the-check")
def about_the_check():
    lists = wordlists()
    return render_template(
        "pages/about-the-check.html",
        entries=lists.entries,
        exceptions=lists.exceptions,
        rules=lists.rules,
        acronyms=sorted(lists.acronyms.values(), key=lambda a: a.acronym.casefold()),
        headings=sorted(lists.headings.values(), key=lambda h: h.heading),
        statements=lists.statements,
        organisation_endings=lists.organisation_endings,
        categories=CATEGORIES,
        limits=NHS_JOBS_LIMITS,
        wordlist_version=lists.version,
        neutral_lean=NEUTRAL_LEAN,
        strong_lean=STRONG_LEAN,
        strong_gap=STRONG_GAP,
        max_characters=current_app.config["MAX_CHECK_CHARACTERS"],
    )


@bp.get("/privacy")
def privacy():
    return render_template("pages/privacy.html")


# What the accessibility statement says was tested: the axe-core the browser tests run
# (tests/browser/vendor; a test keeps the two equal) and when the statement was written.
AXE_CORE_VERSION = "4.14.1"
STATEMENT_DATE = "24 November 2026"


@bp.get("/accessibility-statement")
def accessibility_statement():
    return render_template("pages/accessibility-statement.html", axe_core_version=AXE_CORE_VERSION,
                           statement_date=STATEMENT_DATE)
