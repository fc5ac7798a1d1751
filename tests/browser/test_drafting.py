"""In a real browser: start a draft from a template, see a coded word flagged live,
see it autosaved, and find the edit again after a reload."""

import re

import pytest
from playwright.sync_api import expect

from .conftest import sign_in

pytestmark = pytest.mark.browser


def test_edit_a_senior_product_manager_draft_live(page_factory, live_server):
    page = page_factory()
    sign_in(page, live_server)

    page.goto(f"{live_server}/templates/product-manager")
    page.locator('section[aria-labelledby="level-senior"] button').click()
    expect(page.locator("#job_title")).to_have_value("Senior product manager")
    expect(page.locator('#draft-check mark[data-category="masculine-coded"]')).to_have_count(0)

    summary = page.locator("#job_summary")
    summary.click()
    summary.press("Control+End")
    summary.press_sequentially(" We want an aggressive approach.", delay=10)

    expect(page.locator('#draft-check [data-field="job_summary"] mark[data-category="masculine-coded"]')).to_have_text("aggressive")
    expect(page.locator("#save-status")).to_contain_text("Saved at")
    expect(page.locator("#draft-check-status")).to_contain_text("masculine-coded word")

    page.reload()
    expect(page.locator("#job_summary")).to_have_value(re.compile(r"We want an aggressive approach\.$"))
    expect(page.locator('#draft-check [data-field="job_summary"] mark[data-category="masculine-coded"]')).to_have_text("aggressive")
    assert page.console_log.problems() == []


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_each_nhs_jobs_box_shows_one_character_count(page_factory, live_server, javascript):
    page = page_factory()
    sign_in(page, live_server)
    page.goto(f"{live_server}/templates/product-manager")
    page.locator('section[aria-labelledby="level-senior"] button').click()
    expect(page.locator("#job_title")).to_have_value("Senior product manager")
    nhs_jobs = page.url.rstrip("/") + "/nhs-jobs"
    viewer = page_factory(javascript=javascript)
    viewer.context.add_cookies(page.context.cookies())
    viewer.goto(nhs_jobs)
    title = viewer.locator('[data-field="job_title"]')
    counts = title.locator(".app-count-static:visible, .nhsuk-character-count__status:visible")
    expect(counts).to_have_count(1)
    expect(counts).to_contain_text("22" if not javascript else "48")
