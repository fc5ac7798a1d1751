"""In a real browser: results update as you type, without a reload; no-JS still works."""

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

ADVERT = "We need an aggressive, ambitious leader who will support the NHS Foundation Trust and build trust."


BOX_MARKS = ".app-highlight:has(#text) .app-highlight__layer mark"


def marked_words(page):
    """The words highlighted in the box, with their kind (the live check highlights
    them there; its results leave out the highlighted copy of the advert)."""
    return page.locator(BOX_MARKS).evaluate_all(
        """marks => marks.map(m => [m.textContent,
             m.classList.contains("app-coded--masculine") ? "masculine-coded"
             : m.classList.contains("app-coded--feminine") ? "feminine-coded" : m.className])"""
    )


def test_typing_updates_the_results_without_a_reload(page_factory, live_server):
    page = page_factory()
    page.goto(f"{live_server}/check")
    page.evaluate("window.notReloaded = true")
    page.locator("#text").press_sequentially(ADVERT, delay=5)

    # expect() polls from outside the page: string predicates would need
    # 'unsafe-eval', which our Content-Security-Policy rightly refuses.
    expect(page.locator(BOX_MARKS)).to_have_count(5)
    expect(page.locator("#check-results .app-highlighted-text")).to_have_count(0)
    assert marked_words(page) == [
        ["aggressive", "masculine-coded"],
        ["ambitious", "masculine-coded"],
        ["leader", "masculine-coded"],
        ["support", "feminine-coded"],
        ["trust", "feminine-coded"],
    ]
    assert page.evaluate("window.notReloaded") is True
    # The summary comes first, then the verdict on the writer's own words.
    assert page.locator("#check-results h2").first.text_content().strip() == "5 things to look at in your advert"
    assert page.locator("#check-results .app-verdict h2").text_content().strip() == "Your own words are masculine-coded"
    # The stable live region carries the one-line summary.
    assert "This advert is masculine-coded: 3 masculine-coded words, 2 feminine-coded words" in (
        page.locator("#check-status").text_content())

    # Editing again replaces the results: the newest text wins.
    page.locator("#text").fill("")
    page.locator("#text").press_sequentially("Kind and warm.", delay=5)
    expect(page.locator("#check-status")).to_contain_text("This advert is strongly feminine-coded")
    assert marked_words(page) == [["Kind", "feminine-coded"], ["warm", "feminine-coded"]]
    assert page.evaluate("window.notReloaded") is True
    assert page.console_log.problems() == []  # no CSP violations, no script errors


def test_without_javascript_the_check_button_gives_the_same_results(page_factory, live_server):
    page = page_factory(javascript=False)
    page.goto(f"{live_server}/check")
    page.locator("#text").fill(ADVERT)
    page.get_by_role("button", name="Check advert").click()
    page.wait_for_load_state()
    # Without JavaScript the words are marked in a highlighted copy of the advert.
    copy = page.locator("#check-results .app-highlighted-text mark").evaluate_all(
        "marks => marks.map(m => m.firstChild.textContent)")
    assert copy == ["aggressive", "ambitious", "leader", "support", "trust"]
    assert page.locator("#text").input_value() == ADVERT


def test_keyboard_reaches_the_text_box_and_the_button(page_factory, live_server):
    page = page_factory()
    page.goto(f"{live_server}/check")
    focused = []
    for _ in range(12):
        page.keyboard.press("Tab")
        focused.append(page.evaluate("document.activeElement.id || document.activeElement.textContent.trim()"))
    assert focused[0] == "Skip to main content"
    assert "text" in focused
    assert "Check advert" in focused[focused.index("text") :]


def test_pasting_rich_text_keeps_list_items_and_checks_it(page_factory, live_server):
    page = page_factory()
    page.goto(f"{live_server}/check")
    page.locator("#text").focus()
    page.evaluate(
        """() => {
          const data = new DataTransfer();
          data.setData("text/html", "<p>About the role</p><ul><li>Lead the team</li><li>Be kind</li></ul>");
          data.setData("text/plain", "About the role\\nLead the team\\nBe kind");
          document.getElementById("text").dispatchEvent(
            new ClipboardEvent("paste", { clipboardData: data, bubbles: true, cancelable: true })
          );
        }"""
    )
    expect(page.locator("#text")).to_have_value("About the role\n\n\u2022 Lead the team\n\u2022 Be kind")
    expect(page.locator(BOX_MARKS)).to_have_count(2)
    assert marked_words(page) == [["Lead", "masculine-coded"], ["kind", "feminine-coded"]]
    assert page.console_log.problems() == []


def test_the_suggestions_panel_updates_when_the_role_changes(page_factory, live_server):
    page = page_factory()
    page.goto(f"{live_server}/check")
    page.evaluate("window.notReloaded = true")
    page.locator("#text").fill("A kind and warm team.")
    page.get_by_label("Role, to suggest where to share the advert (optional)").select_option("engineering")
    expect(page.locator('#outreach [data-network="codebar"]')).to_have_count(1)
    page.get_by_label("Role, to suggest where to share the advert (optional)").select_option("clinical informatics")
    expect(page.locator('#outreach [data-network="faculty-of-clinical-informatics"]')).to_have_count(1)
    expect(page.locator('#outreach [data-network="codebar"]')).to_have_count(0)
    assert page.evaluate("window.notReloaded") is True
    assert page.console_log.problems() == []


def test_the_live_summary_is_announced_once_typing_pauses_not_on_every_key(page_factory, live_server):
    page = page_factory()
    page.goto(f"{live_server}/check")
    status = page.locator("#check-status")
    assert status.get_attribute("aria-live") == "polite" and status.get_attribute("role") == "status"
    # Count every change to the live region's text while someone types 90 keys.
    page.evaluate("""() => {
      window.announcements = [];
      new MutationObserver(() => window.announcements.push(document.getElementById("check-status").textContent))
        .observe(document.getElementById("check-status"), { childList: true, characterData: true, subtree: true });
    }""")
    page.locator("#text").press_sequentially(ADVERT, delay=40)
    expect(status).to_contain_text("This advert is masculine-coded")
    page.wait_for_timeout(1000)  # any late answer would show now
    announcements = page.evaluate("window.announcements")
    assert 1 <= len(announcements) <= 2, announcements
    assert len(ADVERT) > 90


def test_when_the_connection_fails_the_page_says_so_and_keeps_the_text(page_factory, live_server):
    page = page_factory()
    page.goto(f"{live_server}/check")
    page.locator("#text").fill(ADVERT)
    expect(page.locator(BOX_MARKS)).to_have_count(5)
    # The network drops: the next live check never reaches the server.
    page.route("**/check", lambda route: route.abort() if route.request.method == "POST" else route.continue_())
    page.locator("#text").press_sequentially(" More words.", delay=5)
    expect(page.locator("#check-results .app-check-failed")).to_contain_text("the connection failed")
    expect(page.locator("#check-status")).to_contain_text("Could not check your latest changes")
    expect(page.locator("#text")).to_have_value(ADVERT + " More words.")
    # Back online: the next change is checked and the notice goes with the old results.
    page.unroute("**/check")
    page.locator("#text").press_sequentially(" Kind.", delay=5)
    expect(page.locator("#check-results .app-check-failed")).to_have_count(0)
    expect(page.locator("#check-status")).to_contain_text("This advert is")
