"""An automated accessibility sweep: every page, in each state that matters, has no
WCAG 2.0, 2.1 or 2.2 A/AA violations that axe-core finds (colour contrast included).

axe-core finds only some problems (WCAG needs testing by people too), but what it finds
is never right to ship. Each state is its own case, so a failure names the page and
state and lists each rule, its impact and the failing elements (tests/browser/axe.py).

The sweep runs on a server of its own, with rate limits on (a small sign-in limit, so
the 429 page can be reached) and a test-only URL that fails (the 500 page). Pages are
reused across cases: one browser context per kind of visitor, signed in once.
"""

from __future__ import annotations

import base64
import hashlib
import threading

import pytest
import sqlalchemy as sa
from playwright.sync_api import expect
from werkzeug.serving import make_server

from webapp.drafts import content_from_template, create_draft, save_draft, set_status, template_library
from webapp.extensions import db
from webapp.models import FINAL, Draft, User
from webapp.views.auth import create_user

from ..helpers import separate_database
from .axe import AXE_FILE, AXE_VERSION, VENDOR, assert_accessible, scripts_allowed, without_javascript
from .conftest import BROWSER_USER, browser_app, closing_responses, new_page, sign_in

pytestmark = pytest.mark.browser

ADVERT = "We need an aggressive, ambitious leader who will support the NHS Foundation Trust and build trust."
MEMBER = {"name": "Member Test", "email": "member@nhs.net", "password": "a long member test password"}
SIGN_IN_LIMIT = 3  # wrong passwords for one account before the 429 page
FAILING_PATH = "/test-only/fail"


def test_axe_core_matches_its_checksum():
    lines = [line.split() for line in (VENDOR / "CHECKSUMS").read_text(encoding="utf-8").splitlines()
             if line.strip() and not line.startswith("#")]
    assert lines == [[lines[0][0], AXE_FILE.name, f"axe-core@{AXE_VERSION}", "axe.min.js"]]
    digest = base64.b64encode(hashlib.sha384(AXE_FILE.read_bytes()).digest()).decode()
    assert lines[0][0] == f"sha384-{digest}"
    assert AXE_FILE.read_text(encoding="utf-8").startswith(f"/*! axe v{AXE_VERSION}")
    assert (VENDOR / "axe-core-LICENSE.txt").read_text(encoding="utf-8").startswith("Mozilla Public License")


def fail():
    raise RuntimeError("a test-only failure, for the 500 page")


class Site:
    """The sweep's own server and what is in its database."""

    def __init__(self, app, url):
        self.app = app
        self.url = url
        with app.app_context():
            admin = db.session.scalar(sa.select(User).where(User.email == BROWSER_USER["email"]))
            assert admin.is_org_admin  # the first person in an organisation manages it
            member, errors = create_user(MEMBER["name"], MEMBER["email"], MEMBER["password"],
                                         invite_code=admin.organisation.invite_code)
            assert member and not member.is_org_admin, errors
            self.member_id = member.id
            library = template_library()
            template = library.get("user-researcher")
            level = template.levels[0]

            def new_draft(name):
                return create_draft(admin, name, content_from_template(template, level), template, level)

            def with_findings(name):
                """A draft with findings in its summary, and two versions (to compare)."""
                draft = new_draft(name)
                content = draft.content()
                content["job_summary"] = ("We want an ambitious, aggressive person to lead our research. "
                                          + content["job_summary"])
                assert not save_draft(draft, content, draft.version, admin).conflict
                return draft.public_id

            self.draft = with_findings("User researcher")
            self.dismissing = with_findings("User researcher, findings dismissed")
            self.unsaved = with_findings("User researcher, not saved")
            final = new_draft("Final user researcher")
            set_status(final, FINAL, admin)
            self.final = final.public_id
            self.conflict = new_draft("Conflicted user researcher").public_id

    def save_elsewhere(self, public_id):
        """Someone else saves a change to the draft (in another editor)."""
        with self.app.app_context():
            draft = db.session.scalar(sa.select(Draft).where(Draft.public_id == public_id))
            user = db.session.get(User, draft.owner_id)
            content = draft.content()
            content["location"] = f"Leeds, saved elsewhere at version {draft.version}"
            assert not save_draft(draft, content, draft.version, user, editing_session="elsewhere").conflict


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    directory = tmp_path_factory.mktemp("accessibility")
    app = browser_app(
        separate_database(directory, "accessibility"),
        RATELIMIT_ENABLED=True,
        RATELIMIT_SIGN_IN_PER_ACCOUNT=f"{SIGN_IN_LIMIT} per 15 minutes",
    )
    app.add_url_rule(FAILING_PATH, "test_only_fail", fail)  # test-only, before the server starts
    server = make_server("127.0.0.1", 0, closing_responses(app), threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    site = Site(app, f"http://127.0.0.1:{server.server_port}")
    # A file over the upload limit (MAX_CONTENT_LENGTH), given to the browser by its path.
    site.too_large = directory / "advert.txt"
    site.too_large.write_bytes(b"a" * (app.config["MAX_CONTENT_LENGTH"] + 1))
    yield site
    server.shutdown()
    thread.join(timeout=5)
    with app.app_context():
        db.engine.dispose()


@pytest.fixture(scope="module")
def visitors(browser, site):
    """One page per kind of visitor, made when first needed and kept for the module."""
    pages = {}

    def visitor(kind):
        if kind not in pages:
            if kind == "admin-no-js":  # signed in as "admin" is, with its cookies
                page = new_page(browser, storage_state=visitor("admin").context.storage_state())
            else:
                page = new_page(browser)
            if kind.endswith("-no-js"):
                without_javascript(page)
            if kind == "admin":
                sign_in(page, site.url)
            elif kind == "member":
                page.goto(f"{site.url}/sign-in")
                page.get_by_label("Email address").fill(MEMBER["email"])
                page.get_by_label("Password").fill(MEMBER["password"])
                page.get_by_role("button", name="Sign in").click()
                expect(page.locator("h1")).to_have_text("Your drafts")
            pages[kind] = page
        return pages[kind]

    yield visitor
    for page in pages.values():
        page.context.close()


# Each state: (visitor, function(page, site) that brings the page to the state and
# returns None, or what to undo afterwards; and incomplete results reviewed for it).
STATES = {}


def state(name, visitor="guest", reviewed=()):
    """``reviewed``: incomplete results reviewed for this state only (see axe.py)."""
    def register(function):
        STATES[name] = (visitor, function, reviewed)
        return function

    return register


def visit(path):
    def reach(page, site):
        page.goto(site.url + path)

    return reach


def submit(page, button):
    page.get_by_role("button", name=button, exact=True).click()
    page.wait_for_load_state()


# Signed out ---------------------------------------------------------------------------

for name, path in {
    "start page": "/",
    "about the check": "/about-the-check",
    "privacy": "/privacy",
    "accessibility statement": "/accessibility-statement",
    "role templates": "/templates",
    "a role template": "/templates/user-researcher",
    "a role template outside the framework": "/templates/clinical-safety-officer",
    "check page, empty": "/check",
    "sign in": "/sign-in",
    "register": "/register",
}.items():
    state(name)(visit(path))


def error_page(path, heading):
    def reach(page, site):
        page.goto(site.url + path)
        expect(page.locator("h1")).to_have_text(heading)

    return reach


state("404 page not found")(error_page("/no-such-page", "Page not found"))
state("500 server error")(error_page(FAILING_PATH, "Sorry, there is a problem with the service"))


@state("check page, findings after 'Check advert'")
def check_posted(page, site):
    page.goto(f"{site.url}/check")
    page.locator("#text").fill(ADVERT)
    page.locator("#role").select_option("engineering")
    submit(page, "Check advert")
    expect(page.locator("#check-results .app-highlighted-text mark")).to_have_count(5)
    expect(page.locator("#outreach")).to_be_visible()


@state("check page, live findings as you type")
def check_live(page, site):
    page.goto(f"{site.url}/check")
    page.locator("#role").select_option("engineering")
    page.locator("#text").fill(ADVERT)
    expect(page.locator(".app-highlight:has(#text) .app-highlight__layer mark")).to_have_count(5)
    expect(page.locator("#outreach [data-network]").first).to_be_visible()
    expect(page.locator(".app-highlight__layer mark").first).to_be_attached()


@state("check page, suggestion panel open", visitor="guest")
def check_suggestion(page, site):
    check_live(page, site)
    # A click on a mark lands in the box (the layer is behind it), in the word.
    mark = page.locator(".app-highlight:has(#text) .app-highlight__layer mark").first.bounding_box()
    page.mouse.click(mark["x"] + mark["width"] / 2, mark["y"] + mark["height"] / 2)
    expect(page.locator("#text-suggestion")).to_be_visible()


@state("check page, findings without JavaScript", visitor="guest-no-js")
def check_posted_no_js(page, site):
    check_posted(page, site)


@state("check page, live error: text too long")
def check_live_error(page, site):
    page.goto(f"{site.url}/check")
    page.locator("#text").fill("kind " * 20_001)  # over 100,000 characters
    expect(page.locator("#check-results .nhsuk-error-message")).to_be_visible()


@state("check page, upload error: not a file it can read")
def upload_error(page, site):
    page.goto(f"{site.url}/check")
    page.get_by_text("Upload a file instead").click()
    page.locator("input[type=file]").set_input_files(
        {"name": "advert.pdf", "mimeType": "application/pdf", "buffer": b"%PDF-1.4"})
    submit(page, "Upload and check")
    expect(page.locator(".nhsuk-error-summary")).to_be_visible()


@state("check page, upload error without JavaScript", visitor="guest-no-js")
def upload_error_no_js(page, site):
    upload_error(page, site)


@state("check page, live check refused: session expired")
def check_live_refused(page, site):
    page.goto(f"{site.url}/check")
    page.locator("#check-form input[name=csrf_token]").evaluate("input => { input.value = 'not-a-token'; }")
    page.locator("#text").fill(ADVERT)
    expect(page.locator("#check-results .nhsuk-error-message")).to_contain_text("Your session has expired")


@state("check page, error: no text")
def check_empty(page, site):
    page.goto(f"{site.url}/check")
    submit(page, "Check advert")
    expect(page.locator(".nhsuk-error-summary")).to_be_visible()


@state("sign in, errors")
def sign_in_errors(page, site):
    page.goto(f"{site.url}/sign-in")
    submit(page, "Sign in")
    expect(page.locator(".nhsuk-error-summary")).to_be_visible()


@state("register, errors")
def register_errors(page, site):
    page.goto(f"{site.url}/register")
    submit(page, "Create account")
    expect(page.locator(".nhsuk-error-summary")).to_be_visible()


@state("400 bad request (CSRF token)")
def bad_csrf(page, site):
    page.goto(f"{site.url}/check")
    page.locator("#text").fill(ADVERT)
    page.locator("#check-form input[name=csrf_token]").evaluate("input => { input.value = 'not-a-token'; }")
    submit(page, "Check advert")
    expect(page.locator("h1")).to_have_text("Your session has expired")


@state("413 upload too large")
def too_large(page, site):
    page.goto(f"{site.url}/check")
    page.get_by_text("Upload a file instead").click()
    page.locator("input[type=file]").set_input_files(site.too_large)
    submit(page, "Upload and check")
    expect(page.locator("h1")).to_have_text("The file or text is too large")


@state("429 too many sign-ins")
def too_many(page, site):
    page.goto(f"{site.url}/sign-in")
    token = page.locator("input[name=csrf_token]").input_value()
    guess = {"email": "locked-out@nhs.net", "password": "not the password", "csrf_token": token}
    for _ in range(SIGN_IN_LIMIT):  # the wrong passwords the limit allows, sent as the form sends them
        assert page.request.post(f"{site.url}/sign-in", form=guess).status == 422
    page.get_by_label("Email address").fill(guess["email"])
    page.get_by_label("Password").fill(guess["password"])
    submit(page, "Sign in")  # one more
    expect(page.locator("h1")).to_have_text("Too many attempts")


# Signed in ----------------------------------------------------------------------------


def draft_path(suffix=""):
    def reach(page, site):
        page.goto(f"{site.url}/drafts/{site.draft}{suffix}")

    return reach


for name, suffix in {
    "draft details": "/details",
    "draft preview": "/preview",
    "draft in NHS Jobs fields": "/nhs-jobs",
    "draft's earlier versions": "/revisions",
    "an earlier version": "/revisions/1",
    "two versions compared": "/revisions/compare",
    "where to share": "/share",
    "delete a draft": "/delete",
}.items():
    state(name, visitor="admin")(draft_path(suffix))

for name, path in {
    "drafts list, with drafts": "/drafts",
    "new draft": "/drafts/new",
    "account": "/account",
    "change password": "/account/password",
    "organisation networks": "/organisation/networks",
    "organisation people": "/organisation/people",
    "organisation wording": "/organisation/wording",
    "organisation standard statements": "/organisation/statements",
}.items():
    state(name, visitor="admin")(visit(path))

state("drafts list, empty", visitor="member")(visit("/drafts"))
state("drafts list, nothing matches the search", visitor="admin")(visit("/drafts?q=no+such+draft&status=final"))
state("403 organisation page for a non-admin", visitor="member")(
    error_page("/organisation/networks", "You cannot use this page"))
state("start page, signed in", visitor="member")(visit("/"))


@state("temporary password", visitor="admin")
def temporary_password(page, site):
    page.goto(f"{site.url}/organisation/people/{site.member_id}/password")


@state("temporary password, errors", visitor="admin")
def temporary_password_errors(page, site):
    temporary_password(page, site)
    submit(page, "Set temporary password")
    expect(page.locator(".nhsuk-error-summary")).to_be_visible()


# Signed-in forms sent empty: each shows its error summary.
EMPTY_FORMS = [
    ("organisation networks, errors", "/organisation/networks", "Add network"),
    ("organisation wording, errors", "/organisation/wording", "Add word"),
    ("change password, errors", "/account/password", "Change password"),
    ("new draft, errors", "/drafts/new", "Start from this advert"),
]


def empty_form_state(name, path, button):
    @state(name, visitor="admin")
    def sent_empty(page, site):
        page.goto(f"{site.url}{path}")
        submit(page, button)
        expect(page.locator(".nhsuk-error-summary")).to_be_visible()


for name, path, button in EMPTY_FORMS:
    empty_form_state(name, path, button)


@state("organisation networks, one added", visitor="admin")
def network_added(page, site):
    page.goto(f"{site.url}/organisation/networks")
    page.get_by_label("Name", exact=True).fill("Leeds women in digital health")
    page.get_by_label("Web address (optional)").fill("https://example.org/leeds")
    submit(page, "Add network")
    expect(page.locator(".nhsuk-notification-banner")).to_contain_text("Added Leeds women in digital health")


@state("organisation wording, one added", visitor="admin")
def wording_added(page, site):
    page.goto(f"{site.url}/organisation/wording")
    page.get_by_label("Organisation name").fill("Leeds Digital Partnership")
    submit(page, "Add name")
    expect(page.locator(".nhsuk-notification-banner")).to_contain_text("Leeds Digital Partnership")


@state("draft details, errors", visitor="admin")
def details_errors(page, site):
    page.goto(f"{site.url}/drafts/{site.draft}/details")
    page.get_by_label("Name of the draft").fill("")
    submit(page, "Save details")
    expect(page.locator(".nhsuk-error-summary")).to_be_visible()


def open_editor(page, site):
    page.goto(f"{site.url}/drafts/{site.draft}")
    expect(page.locator('#draft-check [data-field="job_summary"] mark').first).to_be_visible()


@state("draft editor with findings and in-field highlights", visitor="admin")
def editor(page, site):
    open_editor(page, site)
    expect(page.locator(".app-highlight:has(#job_summary) .app-highlight__layer mark").first).to_be_attached()


@state("draft editor, suggestion panel open", visitor="admin")
def editor_suggestion(page, site):
    open_editor(page, site)
    page.locator('#draft-check a[data-highlight-element="job_summary"]').first.click()
    expect(page.locator("#job_summary-suggestion")).to_be_visible()


@state("draft editor, key facts help and the pay table open", visitor="admin")
def editor_key_facts_help(page, site):
    open_editor(page, site)
    page.get_by_text("Help with the band").click()
    page.get_by_text("Help with staff and budget").click()
    expect(page.locator("#band-help .app-pay-table")).to_be_visible()


@state("a role template with choosing a level and a skill level open", visitor="guest")
def template_help_open(page, site):
    page.goto(f"{site.url}/templates/user-researcher")
    page.get_by_text("Choosing a level").click()
    level = page.locator("section.app-level").first
    level.locator("summary").first.click()
    level.locator("details.app-skill-level summary").first.click()
    expect(level.locator("details.app-skill-level .nhsuk-details__text").first).to_be_visible()


@state("draft editor without JavaScript", visitor="admin-no-js")
def editor_no_js(page, site):
    open_editor(page, site)


# On a phone the check bar stays at the bottom of the screen, over the form: axe
# cannot tell the background of the text it covers (its contrast is measured anyway).
@state("draft editor on a phone, with the check bar", visitor="admin", reviewed=[
    {"rule": "color-contrast", "within": "#draft-form", "reason": "overlapped by another element"}])
def editor_on_a_phone(page, site):
    size = page.viewport_size
    page.set_viewport_size({"width": 390, "height": 844})
    open_editor(page, site)
    page.locator("#job_summary").focus()
    expect(page.locator(".app-check-bar a")).to_be_visible()
    return lambda: page.set_viewport_size(size)


@state("draft editor, autosave failing", visitor="admin")
def autosave_failing(page, site):
    url = f"{site.url}/drafts/{site.unsaved}"
    page.goto(url)
    page.route(url, lambda route: route.abort() if route.request.method == "POST" else route.continue_())

    def undo():
        page.unroute(url)
        page.goto("about:blank")  # no retry left behind to save that text later

    page.locator("#location").fill("Leeds, while the server is away")
    expect(page.locator("#save-status")).to_contain_text("Not saved: retrying")
    return undo


@state("draft editor, unsaved changes offered back", visitor="admin")
def unsaved_offered_back(page, site):
    url = f"{site.url}/drafts/{site.unsaved}"
    page.goto(url)
    if not page.locator("#unsaved-copy").count():  # "autosave failing" did not run first
        autosave_failing(page, site)()
        page.goto(url)
    expect(page.locator("#unsaved-copy")).to_contain_text("You have unsaved changes")


@state("draft editor, dismissing a finding without a reason", visitor="admin")
def dismiss_error(page, site):
    page.goto(f"{site.url}/drafts/{site.dismissing}")
    dismiss = page.locator("#draft-check details.app-dismiss").first
    dismiss.locator("summary").click()
    dismiss.get_by_role("button", name="Dismiss").click()
    expect(page.locator("#dismiss-error")).to_be_visible()


@state("draft editor with a dismissed finding", visitor="admin")
def dismissed(page, site):
    page.goto(f"{site.url}/drafts/{site.dismissing}")
    dismiss = page.locator("#draft-check details.app-dismiss").first
    dismiss.locator("summary").click()
    dismiss.get_by_label("Why is it not a problem here?").fill("It is in a quotation from a patient.")
    dismiss.get_by_role("button", name="Dismiss").click()
    shown = page.locator("#draft-check summary", has_text="Dismissed (")
    shown.click()
    expect(page.locator("#draft-check")).to_contain_text("It is in a quotation from a patient.")


@state("draft editor after 'Save draft', with its banner", visitor="admin-no-js")
def saved_banner(page, site):
    open_editor(page, site)
    submit(page, "Save draft")
    expect(page.locator(".nhsuk-notification-banner")).to_contain_text("Saved at")


@state("final draft", visitor="admin")
def final_draft(page, site):
    page.goto(f"{site.url}/drafts/{site.final}")
    expect(page.locator("#final-notice")).to_be_visible()


@state("draft editor, autosave conflict", visitor="admin")
def autosave_conflict(page, site):
    page.goto(f"{site.url}/drafts/{site.conflict}")
    site.save_elsewhere(site.conflict)
    page.locator("#salary").fill("£50,000 a year")
    expect(page.locator("#save-status")).to_contain_text("someone else saved this draft")


@state("draft editor, conflict shown after 'Save draft'", visitor="admin")
def conflict_view(page, site):
    page.goto(f"{site.url}/drafts/{site.conflict}")
    site.save_elsewhere(site.conflict)
    page.locator("#salary").fill("£51,000 a year")
    submit(page, "Save draft")  # before autosave (1.5 s): a full-page save from the old version
    expect(page.locator("#conflict")).to_contain_text("changed by someone else")


@pytest.mark.parametrize("name", list(STATES))
def test_no_wcag_violations(name, site, visitors):
    kind, reach, reviewed = STATES[name]
    page = visitors(kind)
    undo = reach(page, site)
    try:
        assert_accessible(page, name, reviewed)
    finally:
        if undo:
            undo()


@pytest.mark.parametrize("kind", ["guest", "guest-no-js"])
def test_the_sweep_reports_what_it_finds(kind, site, visitors):
    """The sweep itself works, with and without JavaScript: on a page spoiled on purpose
    (an image without a text alternative, grey text on white), it fails and says where."""
    page = visitors(kind)
    page.goto(f"{site.url}/privacy")
    with scripts_allowed(page):
        page.evaluate("""() => {
            const main = document.querySelector("main");
            main.append(document.createElement("img"));
            const faint = document.createElement("p");
            faint.textContent = "Too faint to read";
            faint.style.color = "#aaaaaa";
            faint.style.backgroundColor = "#ffffff";
            main.append(faint);
        }""")
    with pytest.raises(AssertionError) as failure:
        assert_accessible(page, "spoiled on purpose")
    message = str(failure.value)
    assert "- image-alt (critical): Images must have alternative text" in message
    assert "- color-contrast (serious)" in message
    assert "Too faint to read" in message


def test_a_false_positive_is_left_out_only_while_our_own_check_passes(site, visitors):
    """axe.py's FALSE_POSITIVES: the file upload's button is left out of axe's
    label-in-name rule only while its name holds its visible text."""
    page = visitors("guest")
    upload_error(page, site)  # and passes as it is: see the state of that name
    page.locator("#file").evaluate("button => button.setAttribute('aria-labelledby', 'file-label')")
    with pytest.raises(AssertionError, match=r"label-content-name-mismatch \(serious\)"):
        assert_accessible(page, "file upload, named by its label alone")


@pytest.mark.parametrize("kind, reach, spoil", [
    ("admin", draft_path("/details"), "label[for=status]"),  # a radio's label (axe: "pseudo element")
    ("guest", check_live, "#text"),  # the text of a field over its in-field highlights
])
def test_what_axe_leaves_for_review_is_still_measured(kind, reach, spoil, site, visitors):
    """axe.py's REVIEWED_INCOMPLETE: text axe cannot judge is measured instead, and faint
    text there fails."""
    page = visitors(kind)
    reach(page, site)
    page.locator(spoil).evaluate("element => { element.style.color = '#c8c8c8'; }")
    with pytest.raises(AssertionError, match=r"Text below 4\.5:1 where axe asked for a review"):
        assert_accessible(page, "faint text where axe asked for a review")
