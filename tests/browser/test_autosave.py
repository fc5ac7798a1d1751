"""Autosave in a real browser when the server fails: nothing typed is lost."""

import re
import time

import pytest
from playwright.sync_api import expect

from .conftest import sign_in

pytestmark = pytest.mark.browser


def start_draft(page, live_server):
    sign_in(page, live_server)
    page.goto(f"{live_server}/templates/user-researcher")
    page.locator("section[aria-labelledby] button").first.click()
    expect(page.locator("#save-status")).to_contain_text("Last saved")
    return page.url


def test_saves_that_fail_are_retried_until_the_server_answers(page_factory, live_server):
    page = page_factory()
    url = start_draft(page, live_server)
    failures = {"left": 2}

    def flaky(route):
        # The server is down for two saves: one 503, then a dropped connection.
        if route.request.method == "POST" and failures["left"]:
            failures["left"] -= 1
            if failures["left"]:
                route.fulfill(status=503, body="Service unavailable")
            else:
                route.abort()
            return
        route.continue_()

    page.route(re.compile(re.escape(url) + "$"), flaky)
    summary = page.locator("#job_summary")
    summary.click()
    summary.press("Control+End")
    summary.press_sequentially(" Written while the server was down.", delay=5)
    expect(page.locator("#save-status")).to_contain_text("Not saved: retrying")
    # The version to save from is still in the form.
    assert page.locator("#draft-version").input_value()
    # Back-off: 2 s then 4 s; then the save lands, with no reload.
    expect(page.locator("#save-status")).to_contain_text("Saved at", timeout=15_000)
    # The form now saves from the version the server just gave.
    assert page.locator("#draft-version").input_value() == page.locator("#save-status [data-version]").get_attribute(
        "data-version") != "1"
    page.unroute(re.compile(re.escape(url) + "$"))
    page.reload()
    expect(page.locator("#job_summary")).to_have_value(re.compile(r"Written while the server was down\.$"))
    expect(page.locator("#unsaved-copy")).to_have_count(0)


def test_unsaved_text_is_offered_back_after_a_reload(page_factory, live_server):
    page = page_factory()
    url = start_draft(page, live_server)
    page.route(re.compile(re.escape(url) + "$"),
               lambda route: route.abort() if route.request.method == "POST" else route.continue_())
    summary = page.locator("#job_summary")
    summary.click()
    summary.press("Control+End")
    summary.press_sequentially(" Never reached the server.", delay=5)
    expect(page.locator("#save-status")).to_contain_text("Not saved: retrying")
    page.unroute(re.compile(re.escape(url) + "$"))
    page.reload()
    notice = page.locator("#unsaved-copy")
    expect(notice).to_contain_text("You have unsaved changes")
    expect(page.locator("#job_summary")).not_to_have_value(re.compile(r"Never reached the server\.$"))
    notice.get_by_role("button", name="Restore my changes").click()
    expect(page.locator("#job_summary")).to_have_value(re.compile(r"Never reached the server\.$"))
    expect(page.locator("#save-status")).to_contain_text("Saved at")
    page.reload()
    expect(page.locator("#job_summary")).to_have_value(re.compile(r"Never reached the server\.$"))
    expect(page.locator("#unsaved-copy")).to_have_count(0)


def test_a_conflict_pauses_autosave_until_the_person_chooses(page_factory, live_server):
    tab_a = page_factory()
    url = start_draft(tab_a, live_server)
    tab_b = tab_a.context.new_page()
    tab_b.goto(url)
    # Tab A saves a salary; tab B, still at the old version, types on.
    tab_a.locator("#salary").fill("£50,000 a year")
    expect(tab_a.locator("#save-status")).to_contain_text("Saved at")
    tab_b.locator("#location").fill("Leeds")
    expect(tab_b.locator("#save-status")).to_contain_text("someone else saved this draft")
    requests = []
    tab_b.on("request", lambda request: requests.append(request) if request.method == "POST" and request.url == url else None)
    tab_b.locator("#location").fill("Leeds and Bradford")
    tab_b.wait_for_timeout(2500)  # longer than the autosave delay
    assert requests == []  # paused: nothing sent, nothing overwritten
    tab_a.reload()
    expect(tab_a.locator("#salary")).to_have_value("£50,000 a year")
    expect(tab_a.locator("#location")).to_have_value("")
    # Choosing: "Save draft" shows both versions; the text typed in tab B is all there.
    tab_b.get_by_role("button", name="Save draft").click()
    expect(tab_b.locator("#conflict")).to_contain_text("changed by someone else")
    expect(tab_b.locator("#location")).to_have_value("Leeds and Bradford")


def watch_the_page(page):
    """Mark this document, so a reload (which makes a new one) shows; and note every
    save status shown, and whether a conflict was ever shown, however briefly."""
    page.evaluate("""() => {
        window.__marker = "the page this test started with";
        window.__statuses = [];
        window.__conflictShown = false;
        const status = document.getElementById("save-status");
        new MutationObserver(() => {
            const text = status.textContent.trim();
            if (window.__statuses.at(-1) !== text) {
                window.__statuses.push(text);
            }
            if (document.querySelector(".app-save-status__conflict")) {
                window.__conflictShown = true;
            }
        }).observe(document.body, {childList: true, subtree: true, characterData: true});
    }""")


def wait_for(page, event, timeout=10):
    """Wait for a threading.Event set by the server, letting Playwright work meanwhile:
    every request passes through page_factory's route handler, which runs only while
    this thread is inside a Playwright call."""
    deadline = time.monotonic() + timeout
    while not event.is_set() and time.monotonic() < deadline:
        page.wait_for_timeout(50)
    return event.is_set()


def type_at_end(page, selector, text):
    field = page.locator(selector)
    field.click()
    field.press("Control+End")
    field.press_sequentially(text, delay=5)


def open_watched_draft(page_factory, server):
    """A new draft open in a page that records conflicts and reloads: (page, url,
    public id, save status, job summary as it started)."""
    page = page_factory()
    url = start_draft(page, server.url)
    watch_the_page(page)
    return page, url, url.rsplit("/", 1)[1], page.locator("#save-status"), page.locator("#job_summary").input_value()


def test_every_word_typed_while_the_server_is_down_is_saved_when_it_is_back(page_factory, restartable_server):
    server = restartable_server
    page, url, public_id, status, summary_before = open_watched_draft(page_factory, server)

    type_at_end(page, "#job_summary", " Typed before the outage.")
    expect(status).to_contain_text("Saved at")
    saved_before = server.saved_draft(public_id)
    assert saved_before["job_summary"] == summary_before + " Typed before the outage."

    server.stop()
    type_at_end(page, "#job_summary", " Typed while the server was down.")
    expect(status).to_contain_text("Not saved: retrying in 2 seconds")
    # Typing on, in another field, while the saves are failing; a save with all of
    # it fails too, so once the server is back only a retry can save it.
    with page.expect_event("requestfailed", lambda request: request.method == "POST" and request.url == url
                           and "Leeds+General+Infirmary" in (request.post_data or ""), timeout=10_000):
        type_at_end(page, "#location", "Leeds General Infirmary")
    expect(status).to_contain_text("Not saved: retrying in 4 seconds")
    # Nothing reached the database while the server was down.
    assert server.saved_draft(public_id) == saved_before

    server.start()  # same port, same database file, same app
    expect(status).to_contain_text("Saved at", timeout=20_000)

    saved = server.saved_draft(public_id)
    assert saved["job_summary"] == summary_before + " Typed before the outage. Typed while the server was down."
    assert saved["location"] == "Leeds General Infirmary"
    assert saved["version"] > saved_before["version"]
    # The page saves on from the version the server gave it.
    assert page.locator("#draft-version").input_value() == str(saved["version"])
    assert page.evaluate("window.__marker") == "the page this test started with"  # never reloaded
    # And a fresh page shows it all.
    fresh = page.context.new_page()
    fresh.goto(url)
    expect(fresh.locator("#job_summary")).to_have_value(saved["job_summary"])
    expect(fresh.locator("#location")).to_have_value("Leeds General Infirmary")


def test_a_slow_save_replaced_in_flight_is_no_conflict(page_factory, restartable_server):
    server = restartable_server
    page, url, public_id, status, summary_before = open_watched_draft(page_factory, server)

    type_at_end(page, "#job_summary", " First.")
    expect(status).to_contain_text("Saved at")
    version = server.saved_draft(public_id)["version"]
    assert page.locator("#draft-version").input_value() == str(version)

    aborted = []
    page.on("requestfailed", lambda request: aborted.append(request)
            if request.method == "POST" and request.url == url else None)
    # The next save is slow at the server: it is saved there (the version goes up)
    # but its answer does not come back yet.
    server.slow_save.arm()
    type_at_end(page, "#job_summary", " Second.")
    assert wait_for(page, server.slow_save.handled), "the slow save never reached the server"
    assert server.slow_save.status.startswith("200")
    assert server.saved_draft(public_id)["version"] == version + 1
    # The person types on; htmx replaces the slow save with the next one.
    type_at_end(page, "#location", "Leeds")
    expect(status).to_have_text(re.compile(rf"Saved at \d\d:\d\d \(version {version + 2}\)"), timeout=10_000)
    server.slow_save.release.set()

    # The slow save really was cancelled in the browser, and it was the one with "Second."
    assert len(aborted) == 1
    assert "Second." in aborted[0].post_data and "Leeds" not in aborted[0].post_data
    assert page.locator(".app-save-status__conflict").count() == 0
    assert page.evaluate("window.__conflictShown") is False, page.evaluate("window.__statuses")
    saved = server.saved_draft(public_id)
    assert saved["version"] == version + 2
    assert saved["job_summary"] == summary_before + " First. Second."
    assert saved["location"] == "Leeds"
    assert page.locator("#draft-version").input_value() == str(version + 2)
    assert page.evaluate("window.__marker") == "the page this test started with"


def test_signed_out_elsewhere_while_typing_nothing_is_lost(page_factory, live_server):
    page = page_factory()
    url = start_draft(page, live_server)
    status = page.locator("#save-status")
    type_at_end(page, "#job_summary", " Saved before.")
    expect(status).to_contain_text("Saved at")

    # The same person signs out on another computer: every session of theirs ends.
    elsewhere = page_factory()
    sign_in(elsewhere, live_server)
    elsewhere.goto(f"{live_server}/account")
    elsewhere.get_by_role("button", name="Sign out").click()
    expect(elsewhere.locator("h1")).not_to_have_text("Your account")

    type_at_end(page, "#job_summary", " Typed after the session ended.")
    expect(status).to_contain_text("you have been signed out", timeout=10_000)
    # The sign-in page is never swapped into the editor, and the text stays.
    assert page.locator("#draft-check input[type=password], #save-status input[type=password]").count() == 0
    expect(page.locator("#job_summary")).to_have_value(re.compile(r"Saved before\. Typed after the session ended\.$"))

    # Signed in again in another tab: the next try saves it, with no reload.
    sign_in(page.context.new_page(), live_server)
    expect(status).to_contain_text("Saved at", timeout=20_000)
    fresh = page.context.new_page()
    fresh.goto(url)
    expect(fresh.locator("#job_summary")).to_have_value(re.compile(r"Saved before\. Typed after the session ended\.$"))
    assert page.console_log.problems() == []
