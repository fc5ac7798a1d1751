"""The person specification by keyboard, in a real browser: criteria are added, moved
and removed in place (no reload), the focus stays with the row or button that moved,
nothing typed is lost, and the autosave saves the new order."""

from urllib.parse import parse_qs

import pytest
from playwright.sync_api import expect

from .conftest import sign_in

pytestmark = pytest.mark.browser

MARKER = "the page this test started with"


def start_draft(page, live_server):
    """A new draft from a template (it has essential criteria), marked so that a
    reload (a new document) would show."""
    sign_in(page, live_server)
    page.goto(f"{live_server}/templates/user-researcher")
    page.locator("section[aria-labelledby] button").first.click()
    expect(page.locator("#save-status")).to_contain_text("Last saved")
    page.evaluate(f"window.__marker = {MARKER!r}")
    return page.url


def essential(page):
    return page.locator('textarea[name="essential"]').evaluate_all("fields => fields.map(f => f.value)")


def press(page, action, key="Enter"):
    """Keyboard only: focus the button (as Tab would) and press it."""
    page.locator(f'#person-specification button[value="{action}"]').focus()
    page.keyboard.press(key)


def focused(page):
    """The focused element: a text box by its id, a button by its action."""
    return page.evaluate("() => { const e = document.activeElement; return e.id || e.value || e.tagName; }")


def assert_not_reloaded(page):
    assert page.evaluate("window.__marker") == MARKER


def test_add_move_and_remove_criteria_by_keyboard_keeping_focus(page_factory, live_server):
    page = page_factory()
    url = start_draft(page, live_server)
    status = page.locator("#criteria-status")
    rows = essential(page)
    n = len(rows)
    assert n >= 3, rows

    # Text typed elsewhere first: it must survive every change below.
    summary = page.locator("#job_summary")
    summary.focus()
    summary.press("Control+End")
    page.keyboard.type(" Typed before the criteria changed.")
    summary_typed = summary.input_value()

    # Add: the new empty row gets the focus, and is typed in at once.
    press(page, "add-essential")
    expect(page.locator('textarea[name="essential"]')).to_have_count(n + 1)
    assert focused(page) == f"essential-{n}"
    expect(status).to_have_text(f"Essential criterion {n + 1} added")
    page.keyboard.type("Added by keyboard")
    assert essential(page) == [*rows, "Added by keyboard"]
    assert_not_reloaded(page)

    # Move up twice: the focus stays on "Move up" of the row that moved.
    press(page, f"up-essential-{n}", key="Space")
    expect(page.locator(f"#essential-{n - 1}")).to_have_value("Added by keyboard")
    assert focused(page) == f"up-essential-{n - 1}"
    expect(status).to_have_text(f"Essential criterion {n + 1} moved up to {n}")
    press(page, f"up-essential-{n - 1}")
    expect(page.locator(f"#essential-{n - 2}")).to_have_value("Added by keyboard")
    assert focused(page) == f"up-essential-{n - 2}"
    expect(status).to_have_text(f"Essential criterion {n} moved up to {n - 1}")

    # Move down, then down again to the bottom, where "Move down" is gone: "Move up".
    press(page, f"down-essential-{n - 2}", key="Space")
    expect(page.locator(f"#essential-{n - 1}")).to_have_value("Added by keyboard")
    assert focused(page) == f"down-essential-{n - 1}"
    expect(status).to_have_text(f"Essential criterion {n - 1} moved down to {n}")
    press(page, f"down-essential-{n - 1}")
    expect(page.locator(f"#essential-{n}")).to_have_value("Added by keyboard")
    assert focused(page) == f"up-essential-{n}"
    assert essential(page) == [*rows, "Added by keyboard"]
    assert_not_reloaded(page)

    # Remove the first row: the focus goes to the row now in its place. The autosave
    # that follows carries the new order.
    expected = [*rows[1:], "Added by keyboard"]

    def saves_the_new_order(response):
        request = response.request
        return (request.method == "POST" and request.url == url
                and parse_qs(request.post_data or "").get("essential") == expected)

    with page.expect_response(saves_the_new_order) as saved:
        press(page, "remove-essential-0")
        expect(page.locator('textarea[name="essential"]')).to_have_count(n)
        assert focused(page) == "essential-0"
        expect(page.locator("#essential-0")).to_have_value(rows[1])
        expect(status).to_have_text("Essential criterion 1 removed")
    assert saved.value.status == 200
    expect(page.locator("#save-status")).to_contain_text("Saved at")

    assert essential(page) == expected
    expect(summary).to_have_value(summary_typed)  # nothing typed elsewhere was lost
    assert_not_reloaded(page)
    assert page.console_log.problems() == []

    # The saved draft has the new order.
    page.reload()
    assert essential(page) == expected
    expect(page.locator("#job_summary")).to_have_value(summary_typed)


def test_a_failed_change_keeps_the_rows_and_says_so(page_factory, live_server):
    page = page_factory()
    url = start_draft(page, live_server)
    rows = essential(page)
    page.route(f"{url}/criteria", lambda route: route.fulfill(status=500, body="Internal server error"))
    page.locator("#essential-1").fill(rows[1] + " (edited)")
    press(page, "up-essential-1")
    status = page.locator("#criteria-status")
    expect(status).to_contain_text("Not changed: there was a problem")
    expect(status).to_be_visible()  # not only for screen readers
    assert essential(page) == [rows[0], rows[1] + " (edited)", *rows[2:]]
    assert focused(page) == "up-essential-1"  # still on the button pressed
    assert_not_reloaded(page)


def test_text_typed_while_a_change_is_on_its_way_is_not_lost(page_factory, live_server):
    page = page_factory()
    url = start_draft(page, live_server)
    rows = essential(page)
    held = []
    page.route(f"{url}/criteria", lambda route: held.append(route))  # the request waits until the test lets it go
    press(page, "down-essential-0")
    for _ in range(100):
        if held:
            break
        page.wait_for_timeout(50)
    assert held, "the change was never sent"
    # Typed into a row after pressing the button, before the answer arrives.
    first = page.locator("#essential-0")
    first.focus()
    first.press("Control+End")
    page.keyboard.type(" and more")
    held[0].continue_()
    expect(page.locator("#criteria-status")).to_contain_text("Not changed: a criterion changed")
    assert essential(page) == [rows[0] + " and more", *rows[1:]]
    assert_not_reloaded(page)
    # Pressed again, it works.
    page.unroute(f"{url}/criteria")
    press(page, "down-essential-0")
    expect(page.locator("#essential-1")).to_have_value(rows[0] + " and more")
    assert focused(page) == "down-essential-1"


def test_without_javascript_the_buttons_submit_the_form_and_save(page_factory, live_server):
    page = page_factory(javascript=False)
    sign_in(page, live_server)
    page.goto(f"{live_server}/templates/user-researcher")
    page.locator("section[aria-labelledby] button").first.click()
    rows = essential(page)
    with page.expect_navigation():
        press(page, "up-essential-2")
    moved = [rows[0], rows[2], rows[1], *rows[3:]]
    assert essential(page) == moved
    expect(page.locator("#save-status")).to_contain_text("Saved at")
    assert focused(page) == "up-essential-1"  # autofocus on the button, on its moved row
    page.goto(page.url)  # a fresh GET (a reload would post the form again)
    assert essential(page) == moved
