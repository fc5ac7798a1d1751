"""Autosave in a real browser when the server fails: nothing typed is lost."""

import re

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
