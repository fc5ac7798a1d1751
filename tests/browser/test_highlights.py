"""Feedback where you type: flagged words highlighted inside the field being
edited, and a suggestion chosen by keyboard or mouse replaces the word."""

import re

import pytest
from playwright.sync_api import expect

from .conftest import sign_in

pytestmark = pytest.mark.browser

ADVERT = (
    "Data analyst\n\n"
    "Job summary\n"
    "We want an ambitious person to join our data team. You will work with colleagues in every hospital.\n"
)


def start_pasted_draft(page, live_server):
    sign_in(page, live_server)
    page.goto(f"{live_server}/drafts/new")
    page.get_by_label("Paste the advert").fill(ADVERT)
    page.get_by_role("button", name="Start from this advert").click()
    expect(page.locator("#job_summary")).to_have_value(
        "We want an ambitious person to join our data team. You will work with colleagues in every hospital.")


def marks_in(page, field_id):
    """The words marked in the highlight layer behind a field."""
    return page.locator(f".app-highlight:has(#{field_id}) .app-highlight__layer mark")


def put_caret_in(page, field_id, word):
    field = page.locator(f"#{field_id}")
    field.focus()
    offset = field.input_value().index(word) + 2
    field.press("Control+Home")
    for _ in range(offset):
        field.press("ArrowRight")


def test_choose_a_highlighted_word_with_the_keyboard_and_apply_a_suggestion(page_factory, live_server):
    page = page_factory()
    start_pasted_draft(page, live_server)
    expect(marks_in(page, "job_summary")).to_have_text(["ambitious"])

    put_caret_in(page, "job_summary", "ambitious")
    panel = page.locator("#job_summary-suggestion")
    expect(panel).to_be_visible()
    expect(panel).to_contain_text("“ambitious” (Masculine-coded words")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.closest('#job_summary-suggestion') !== null")
    assert focused, "Tab goes from the field to the suggestions"
    suggestion = page.evaluate("document.activeElement.lastChild.textContent")
    page.keyboard.press("Enter")

    summary = page.locator("#job_summary")
    article = "an" if suggestion[0] in "aeiou" else "a"
    expect(summary).to_have_value(f"We want {article} {suggestion} person to join our data team. "
                                  "You will work with colleagues in every hospital.")
    expect(summary).to_be_focused()
    expect(panel).to_be_hidden()
    # The check ran again: the word is gone from the field's marks and from the findings.
    expect(marks_in(page, "job_summary")).to_have_count(0)
    expect(page.locator('#draft-check [data-field="job_summary"]')).to_have_count(0)
    expect(page.locator("#save-status")).to_contain_text("Saved at")
    assert page.console_log.problems() == []


def test_the_findings_list_selects_the_word_in_its_field(page_factory, live_server):
    page = page_factory()
    start_pasted_draft(page, live_server)
    page.locator('#draft-check a[data-highlight-element="job_summary"]').first.click()
    summary = page.locator("#job_summary")
    expect(summary).to_be_focused()
    selected = page.evaluate("(() => { const f = document.getElementById('job_summary');"
                             " return f.value.slice(f.selectionStart, f.selectionEnd); })()")
    assert selected == "ambitious"
    expect(page.locator("#job_summary-suggestion")).to_contain_text("ambitious")


def test_marks_follow_the_text_as_you_type_before_the_check_returns(page_factory, live_server):
    page = page_factory()
    start_pasted_draft(page, live_server)
    expect(marks_in(page, "job_summary")).to_have_text(["ambitious"])
    summary = page.locator("#job_summary")
    summary.focus()
    summary.press("Control+Home")
    summary.press_sequentially("Today ", delay=0)
    # Straight away, before any answer from the server, the mark moved with its word.
    layer_text = page.locator(".app-highlight:has(#job_summary) .app-highlight__layer").inner_text()
    assert layer_text.rstrip() == summary.input_value()
    expect(marks_in(page, "job_summary")).to_have_text(["ambitious"])


def test_a_suggestion_on_the_check_page_by_mouse(page_factory, live_server):
    page = page_factory()
    page.goto(f"{live_server}/check")
    box = page.locator("#text")
    box.fill("We need a competitive analyst who can work with data.")
    expect(marks_in(page, "text")).to_have_text(["competitive"])
    # Click on the mark: the layer is behind the box, so the click lands in the box
    # at that point, which is inside the word only if the layer lines up with the text.
    mark = marks_in(page, "text").first.bounding_box()
    page.mouse.click(mark["x"] + mark["width"] / 2, mark["y"] + mark["height"] / 2)
    panel = page.locator("#text-suggestion")
    expect(panel).to_be_visible()
    panel.locator("button").first.click()
    expect(box).not_to_have_value("We need a competitive analyst who can work with data.")
    expect(marks_in(page, "text")).to_have_count(0)
    expect(page.locator("#check-results")).not_to_contain_text("“competitive”")
    assert page.console_log.problems() == []


def in_viewport(page, selector):
    box = page.locator(selector).bounding_box()
    size = page.viewport_size
    return box is not None and box["y"] >= 0 and box["y"] + min(box["height"], 200) <= size["height"]


def start_from_template(page, live_server):
    sign_in(page, live_server)
    page.goto(f"{live_server}/templates/product-manager")
    page.locator('section[aria-labelledby="level-senior"] button').click()
    expect(page.locator("#job_title")).to_have_value("Senior product manager")


def test_the_summary_stays_in_view_while_editing_on_a_desktop(page_factory, live_server):
    page = page_factory()
    page.set_viewport_size({"width": 1280, "height": 800})
    start_from_template(page, live_server)
    last = page.locator('textarea[name="essential"]').last
    last.focus()
    last.scroll_into_view_if_needed()
    assert in_viewport(page, f"#{last.get_attribute('id')}")
    assert in_viewport(page, "#draft-check #summary"), "the summary scrolled away"
    # Its links go to their fields.
    for link in page.locator("#draft-check a[href^='#']").all():
        target = link.get_attribute("href")[1:]
        assert page.locator(f"[id='{target}']").count() == 1, target


def test_the_check_is_one_tap_away_on_a_phone(page_factory, live_server):
    page = page_factory()
    page.set_viewport_size({"width": 390, "height": 844})
    start_from_template(page, live_server)
    page.locator("#job_summary").focus()
    bar = page.locator(".app-check-bar a")
    expect(bar).to_be_visible()
    assert in_viewport(page, ".app-check-bar")
    expect(bar).to_contain_text("to look at")
    bar.click()
    expect(page).to_have_url(re.compile(r"#draft-check$"))
    assert in_viewport(page, "#draft-check #summary")
    # No sideways scrolling on a phone.
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_the_layer_scrolls_only_with_its_field(page_factory, live_server):
    """Something else scrolling the layer (find in page reaching its copy of the
    text) must not leave the marks out of line with the words."""
    page = page_factory()
    page.goto(f"{live_server}/check")
    page.locator("#text").fill("We need a competitive analyst.\n" + "Line of plain text.\n" * 60 + "An ambitious end.")
    expect(marks_in(page, "text")).to_have_text(["competitive", "ambitious"])
    layer = page.locator(".app-highlight:has(#text) .app-highlight__layer")
    marks_in(page, "text").last.scroll_into_view_if_needed()  # scrolls the layer, not the field
    page.wait_for_timeout(100)
    field_top = page.locator("#text").evaluate("(field) => field.scrollTop")
    expect(layer).to_have_js_property("scrollTop", field_top)
