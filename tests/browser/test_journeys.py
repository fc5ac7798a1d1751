"""The two main journeys by keyboard alone, with and without JavaScript; where focus
lands after each submit; Back and Forward; a 320 px wide screen.

Keyboard only: after the first page load the tests press keys, nothing else (no
clicks, no fill, no goto): Tab moves on until the element wanted has the focus, and
every element focused on the way must show the NHS focus style.
"""

import re

import pytest
from playwright.sync_api import expect

from .conftest import BROWSER_USER

pytestmark = pytest.mark.browser

ADVERT = (
    "Senior data analyst\n\n"
    "We want an ambitious, competitive analyst to join our team. You will work with "
    "clinicians to turn data into decisions.\n\n"
    "Essential: a degree in a numerate subject."
)

# Is the focused element visibly focused? The NHS style is a yellow outline or
# background with a dark underline (box-shadow), or a thick outline on fields.
FOCUS_VISIBLE = """() => {
  const element = document.activeElement;
  if (!element || element === document.body) return false;
  const style = getComputedStyle(element);
  const outline = style.outlineStyle !== "none" && parseFloat(style.outlineWidth) >= 2
    && style.outlineColor !== "rgba(0, 0, 0, 0)";
  const shadow = style.boxShadow !== "none";
  const yellow = style.backgroundColor === "rgb(255, 235, 59)";
  return outline || shadow || yellow;
}"""


def describe_focus(page):
    return page.evaluate("""() => {
      const e = document.activeElement;
      return e ? `${e.tagName.toLowerCase()}#${e.id} "${(e.innerText || e.value || "").slice(0, 40)}"` : "nothing";
    }""")


def tab_to(page, selector, limit=150):
    """Press Tab until ``selector`` has the focus, checking the focus is visible at
    every step."""
    page.wait_for_load_state()  # after an Enter that submitted a form
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement === document.body"):
            continue  # past the last element, in the browser's own controls: Tab goes on to the top
        assert page.evaluate(FOCUS_VISIBLE), f"focus not visible on {describe_focus(page)}"
        if page.evaluate("(s) => document.activeElement?.matches(s)", selector):
            return
    raise AssertionError(f"{selector} not reached by Tab; last focus {describe_focus(page)}")


def submit(page):
    """Enter on a focused button or field that sends a form: wait for the new page."""
    with page.expect_navigation():
        page.keyboard.press("Enter")


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_recruiter_pastes_an_advert_reads_the_findings_and_downloads_the_report(page_factory, live_server, javascript):
    page = page_factory(javascript=javascript)
    page.goto(f"{live_server}/check")

    # A submit with nothing in the box: focus goes to the error summary.
    tab_to(page, "#check-form button:not([formaction])")
    submit(page)
    expect(page.locator(".nhsuk-error-summary")).to_be_visible()
    expect(page.locator(".nhsuk-error-summary")).to_be_focused()
    tab_to(page, ".nhsuk-error-summary a")
    page.keyboard.press("Enter")
    expect(page.locator("#text")).to_be_focused()

    page.keyboard.insert_text(ADVERT)  # as a paste
    tab_to(page, "#role")
    page.keyboard.press("ArrowDown")  # the first role
    tab_to(page, "#check-form button:not([formaction])")
    submit(page)

    # The results, not the top of the page, have the focus.
    expect(page.locator("#summary-heading")).to_be_focused()
    expect(page.locator("#summary-heading")).to_contain_text("to look at in your advert")
    assert page.locator("#text").input_value() == ADVERT
    findings = page.locator("#check-results .app-findings")
    expect(findings.first).to_contain_text("ambitious")
    expect(page.locator("#outreach li").first).to_be_visible()

    tab_to(page, "button[formaction$='/report/pdf']")
    with page.expect_download() as download:
        page.keyboard.press("Enter")
    assert download.value.suggested_filename.endswith(".pdf")
    # The empty submit's page came with a 422, as a form error should: Chromium logs that.
    assert [m.text for m in page.console_log.problems() if "status of 422" not in m.text] == []


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_hiring_manager_drafts_from_a_template_fixes_a_word_and_exports_word(page_factory, live_server, javascript):
    page = page_factory(javascript=javascript)
    page.goto(f"{live_server}/sign-in")
    tab_to(page, "#email")
    page.keyboard.type(BROWSER_USER["email"])
    tab_to(page, "#password")
    page.keyboard.type(BROWSER_USER["password"])
    submit(page)
    expect(page.locator("h1")).to_have_text("Your drafts")

    tab_to(page, "header a[href='/templates']")
    submit(page)
    expect(page.locator("h1")).to_contain_text("template")
    tab_to(page, "main a[href='/templates/product-manager']")
    submit(page)
    tab_to(page, "section[aria-labelledby='level-senior'] button")
    submit(page)
    expect(page.locator("#job_title")).to_have_value("Senior product manager")

    tab_to(page, "#job_summary")
    page.keyboard.press("Control+End")
    page.keyboard.type(" We want an aggressive approach.")
    if javascript:
        # Live: the word is marked in the field; the caret on it opens its suggestions.
        expect(page.locator(".app-highlight__layer mark", has_text="aggressive")).to_have_count(1)
        # The field was still being typed in when its first word was flagged: it keeps the focus.
        expect(page.locator("#job_summary")).to_be_focused()
        for _ in range(len(" approach.") + 2):
            page.keyboard.press("ArrowLeft")
        expect(page.locator("#job_summary-suggestion")).to_be_visible()
        tab_to(page, "#job_summary-suggestion button")
        page.keyboard.press("Enter")
        expect(page.locator("#job_summary")).to_be_focused()
        expect(page.locator("#save-status")).to_contain_text("Saved at")
    else:
        tab_to(page, "button[name='action'][value='save']")
        submit(page)
        expect(page.locator("#draft-check")).to_contain_text("aggressive")
        # Fix it: the field's text again, without the word.
        tab_to(page, "#job_summary")
        page.keyboard.press("Control+End")
        for _ in range(len("aggressive approach.")):
            page.keyboard.press("Backspace")
        page.keyboard.type("clear approach.")
        tab_to(page, "button[name='action'][value='save']")
        submit(page)
    summary = page.locator("#job_summary").input_value()
    assert "aggressive" not in summary and summary.endswith("approach.")
    expect(page.locator('#draft-check mark[data-category="masculine-coded"]')).to_have_count(0)

    tab_to(page, "details:has(#downloads) > summary")
    page.keyboard.press("Enter")
    tab_to(page, "#downloads a[href$='/download/docx']")
    with page.expect_download() as download:
        page.keyboard.press("Enter")
    assert download.value.suggested_filename.endswith(".docx")
    assert page.console_log.problems() == []


def test_back_and_forward_bring_back_the_results_with_the_text(page_factory, live_server):
    page = page_factory()
    page.goto(f"{live_server}/check")
    page.locator("#text").fill(ADVERT)
    expect(page.locator("#check-results .app-findings").first).to_contain_text("ambitious")
    page.get_by_role("link", name="About the check").first.click()
    expect(page.locator("h1")).to_contain_text("About the check")

    page.go_back()
    expect(page.locator("#text")).to_have_value(ADVERT)
    expect(page.locator("#check-results .app-findings").first).to_contain_text("ambitious")
    page.go_forward()
    expect(page.locator("h1")).to_contain_text("About the check")
    page.go_back()
    expect(page.locator("#check-results .app-findings").first).to_contain_text("ambitious")
    assert page.console_log.problems() == []


def test_choosing_a_role_brings_the_networks_into_view(page_factory, live_server):
    page = page_factory()
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(f"{live_server}/check")
    page.locator("#text").fill(ADVERT + "\n\n" + "You will lead the analysis of our services. " * 150)
    expect(page.locator("#check-results .app-findings").first).to_be_visible()
    page.locator("#role").focus()
    page.keyboard.press("ArrowDown")  # the first role
    expect(page.locator("#outreach li").first).to_be_in_viewport()
    expect(page.locator("#role")).to_be_focused()


def assert_no_sideways_scrolling(page, where=""):
    page.wait_for_load_state()  # the NHS header fits its menu to the width once its script has run
    overflow = page.evaluate("() => document.documentElement.scrollWidth - document.documentElement.clientWidth")
    if overflow > 0:
        wide = page.evaluate("""() => [...document.querySelectorAll("body *")]
          .filter((e) => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
          .map((e) => `${e.tagName.toLowerCase()}.${e.className}#${e.id}`).slice(0, 10)""")
        raise AssertionError(f"{where}: {overflow} px too wide; elements past the edge: {wide}")


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_at_320_pixels_nothing_scrolls_sideways_and_results_come_before_the_advert(page_factory, live_server,
                                                                                  javascript):
    page = page_factory(javascript=javascript)
    page.set_viewport_size({"width": 320, "height": 640})
    page.goto(f"{live_server}/check")
    page.locator("#text").fill(ADVERT + "\n\nhttps://www.example.nhs.uk/a-very-long-address-without-any-spaces-in-it")
    page.locator("#check-form button:not([formaction])").click()
    expect(page.locator("#summary-heading")).to_be_visible()
    assert_no_sideways_scrolling(page)
    if javascript:
        # The words are highlighted in the box: the highlighted copy is not shown.
        expect(page.locator(".app-highlight:has(#text) .app-highlight__layer mark").first).to_be_attached()
        expect(page.locator(".app-highlighted-text")).to_be_hidden()
    else:
        # The summary (and its top fixes) sits above the highlighted copy of the advert.
        summary_y = page.locator("#summary").bounding_box()["y"]
        copy_y = page.locator(".app-highlighted-text").bounding_box()["y"]
        assert summary_y < copy_y

    pages = ["/", "/about-the-check", "/templates", "/templates/product-manager", "/sign-in", "/register",
             "/accessibility-statement", "/no-such-page"]
    for path in pages:
        page.goto(f"{live_server}{path}")
        assert_no_sideways_scrolling(page, path)


def test_at_320_pixels_the_draft_editor_fits(page_factory, live_server):
    from .conftest import sign_in

    page = page_factory()
    page.set_viewport_size({"width": 320, "height": 640})
    sign_in(page, live_server)
    page.goto(f"{live_server}/templates/product-manager")
    page.locator('section[aria-labelledby="level-senior"] button').click()
    expect(page.locator("#job_title")).to_have_value("Senior product manager")
    page.locator("#job_summary").press("Control+End")
    page.locator("#job_summary").press_sequentially(" We want an aggressive approach.", delay=5)
    expect(page.locator(".app-highlight__layer mark", has_text="aggressive")).to_have_count(1)
    assert_no_sideways_scrolling(page)
    for path in re.findall(r'href="(/drafts/[^"/]+/(?:preview|nhs-jobs|revisions|details))"', page.content()):
        page.goto(f"{live_server}{path}")
        assert_no_sideways_scrolling(page, path)


def draft_with_one_finding(page_factory, live_server):
    """A signed-in page on a draft's editor whose check has found "ambitious"."""
    from .conftest import sign_in

    page = page_factory()
    sign_in(page, live_server)
    page.goto(f"{live_server}/drafts/new")
    page.locator("#text").fill("Data analyst\n\nWe want an ambitious analyst to join our team.")
    page.get_by_role("button", name="Start from this advert").click()
    expect(page.locator("#draft-check .app-finding", has_text="ambitious")).to_have_count(1)
    return page


def test_after_dismissing_a_finding_by_keyboard_the_focus_is_on_the_checks_summary(page_factory, live_server):
    page = draft_with_one_finding(page_factory, live_server)

    tab_to(page, "#draft-check .app-dismiss summary")
    page.keyboard.press("Enter")
    tab_to(page, "#draft-check .app-dismiss textarea")
    page.keyboard.type("It is the name of our programme.")
    tab_to(page, "#draft-check .app-dismiss button")
    page.keyboard.press("Enter")

    expect(page.locator("#draft-check summary", has_text="Dismissed (1)")).to_be_visible()
    expect(page.locator("#draft-check #summary-heading")).to_be_focused()
    assert page.console_log.problems() == []


def test_a_dismissal_that_gets_no_answer_never_takes_the_focus_from_a_field_later(page_factory, live_server):
    page = draft_with_one_finding(page_factory, live_server)
    page.route("**/dismissals", lambda route: route.abort())  # the connection drops
    page.locator("#draft-check .app-dismiss summary").click()
    page.locator("#draft-check .app-dismiss textarea").fill("It is the name of our programme.")
    page.locator("#draft-check .app-dismiss button").click()
    # The person goes back to writing; the live check answers and swaps in.
    field = page.locator("#job_summary")
    field.click()
    field.press("Control+End")
    field.press_sequentially("We want an aggressive approach.", delay=5)
    expect(page.locator("#draft-check .app-finding", has_text="aggressive")).to_have_count(1)
    expect(field).to_be_focused()
    field.press_sequentially(" Really.", delay=5)
    expect(field).to_have_value(re.compile(r"Really\.$"))
