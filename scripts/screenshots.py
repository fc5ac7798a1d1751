"""Take the README's screenshots by using the real app in Debian's Chromium.

    .venv/bin/python scripts/screenshots.py [--out docs/screenshots]

Builds the app on a throwaway SQLite file (test settings, but with CSRF on and
htmx from our own copy, as the browser tests run it), creates one user, serves
it on 127.0.0.1 on a free port and drives Chromium through Playwright the way a
person would: typing, choosing, clicking. Every request that is not to
127.0.0.1 is aborted (the NHS web font too, were it asked for), so pages are
drawn in the NHS fallback fonts. Writes one PNG a view, with fixed names,
replacing what is there; the README links to them and tests/test_docs.py checks
that each exists and is used.

Needs Chromium at /usr/bin/chromium (or CHROMIUM_PATH) and the test extras
(Playwright, Pillow), which scripts/test installs.
"""

from __future__ import annotations

import argparse
import io
import logging
import os
import re
import shutil
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from PIL import Image  # noqa: E402
from playwright.sync_api import expect, sync_playwright  # noqa: E402
from werkzeug.serving import make_server  # noqa: E402

from webapp import create_app  # noqa: E402
from webapp.extensions import db  # noqa: E402
from webapp.views.auth import create_user  # noqa: E402

logging.getLogger("werkzeug").setLevel(logging.WARNING)  # no line a request

CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
# Without the networking flags Chromium keeps trying to reach Google's hosts.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--hide-scrollbars",
]
DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 390, "height": 844}

USER = {
    "name": "Sam Patel",
    "email": "sam.patel@example.nhs.uk",
    "password": "a long example password for screenshots",
    "organisation": "Example NHS Foundation Trust",
}

# Our own made-up advert: a few gender-coded words (ambitious, competitive,
# confident, driven), a cliché ("rockstar") and an acronym, as people paste them.
ADVERT = """\
Senior data engineer

Job summary
We are looking for an ambitious data engineer to join the digital team at Example NHS Foundation Trust. You will build the pipelines that bring ward, theatre and outpatient data together, so that clinical teams can see waiting times and bed use on the day.

Main duties
• Design, build and look after data pipelines that move records from the EPR into our reporting platform
• Work with analysts and clinicians to understand what data they need and why
• Be a rockstar problem solver in a fast-paced, competitive environment
• Share what you learn through code reviews and show-and-tells

Person specification
Essential
• Experience building data pipelines in Python or SQL
• Confident explaining technical choices to people without a technical background
• Driven to improve how the hospital uses its data
"""

# Typed into the draft's job summary, to show a flagged word and its suggestions.
DRAFT_SENTENCE = " We want someone confident talking with clinicians and suppliers."


class Shots:
    """Save screenshots as optimised PNGs and keep a list of what was written."""

    def __init__(self, out: Path):
        self.out = out
        self.written: list[tuple[str, int, tuple[int, int]]] = []

    def save(self, name: str, png: bytes) -> None:
        image = Image.open(io.BytesIO(png))
        # A 256-colour palette keeps text sharp (pages are flat colours) and files small.
        image = image.convert("RGB").quantize(colors=256, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE)
        path = self.out / f"{name}.png"
        image.save(path, optimize=True)
        self.written.append((path.name, path.stat().st_size, image.size))

    def page(self, page, name: str, *, full_page: bool = False, clip: dict | None = None) -> None:
        settle(page)
        # A clip may reach below the viewport: it is taken from the whole page.
        self.save(name, page.screenshot(full_page=full_page or clip is not None, clip=clip,
                                        animations="disabled", caret="initial"))


def settle(page) -> None:
    """Wait until htmx has nothing in flight and the fonts are ready."""
    page.wait_for_load_state("networkidle")
    page.evaluate("() => document.fonts.ready.then(() => true)")
    # Not wait_for_function: the page's Content Security Policy forbids the eval it uses.
    for _ in range(100):
        if page.evaluate("() => !document.querySelector('.htmx-request')"):
            break
        page.wait_for_timeout(50)
    else:
        raise TimeoutError("htmx still had a request in flight after 5 s")


def build_app(database: Path):
    app = create_app(
        {
            "WEBAPP_ENV": "test",
            "WTF_CSRF_ENABLED": True,
            "HTMX_SOURCE": "vendored",
            "SQLALCHEMY_DATABASE_URI": f"sqlite:///{database}",
        }
    )
    with app.app_context():
        db.create_all()
        user, errors = create_user(USER["name"], USER["email"], USER["password"], USER["organisation"])
        if user is None:
            raise RuntimeError(f"could not create the user: {errors}")
    return app


def serve(app):
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    return server, thread, f"http://127.0.0.1:{server.server_port}"


def new_page(browser, viewport: dict, scale: float = 1):
    context = browser.new_context(
        viewport=viewport, device_scale_factor=scale, locale="en-GB", timezone_id="Europe/London",
        reduced_motion="reduce",
    )
    # Nothing outside this machine is ever requested.
    context.route(lambda url: not url.startswith("http://127.0.0.1:"), lambda route: route.abort())
    page = context.new_page()
    page.set_default_timeout(15_000)
    return context, page


def clip_to(page, bottom_selector: str, *, margin: int = 24, max_height: int = 2000) -> dict:
    """A clip the width of the viewport, from the top of the page (the header, so the
    reader sees where they are) to just below an element, at most ``max_height``."""
    bottom = page_box(page, bottom_selector)
    end = bottom["y"] + bottom["height"] + margin
    return {"x": 0, "y": 0, "width": page.viewport_size["width"], "height": min(end, max_height)}


def page_box(page, selector: str) -> dict:
    """An element's box in page coordinates (bounding_box is relative to the viewport)."""
    box = page.locator(selector).first.bounding_box()
    return {**box, "y": box["y"] + page.evaluate("window.scrollY")}


def column_clip(page, column: str, top: str, bottom: str, *, margin: int = 16) -> dict:
    """Part of one column: from above ``top`` to above ``bottom``, as wide as ``column``."""
    left = page_box(page, column)
    y = page_box(page, top)["y"] - margin
    end = page_box(page, bottom)["y"] - margin
    return {"x": left["x"] - margin, "y": y, "width": left["width"] + 2 * margin, "height": end - y}


def scroll_to(page, selector: str, gap: int = 16) -> None:
    """Scroll so that an element's top is ``gap`` pixels below the top of the window."""
    page.evaluate("y => window.scrollTo(0, y)", page_box(page, selector)["y"] - gap)


def click_mark(page, field_id: str, word: str) -> None:
    """Click a highlighted word in a field. The highlight layer is behind the field, so
    the click lands in the field there and puts the caret in the word; its reason and
    suggestions open under the field."""
    mark = page.locator(f".app-highlight:has(#{field_id}) .app-highlight__layer mark", has_text=word).first
    expect(mark).to_be_visible()
    # Scroll the field (the layer follows it) so that the word is in view, then the page.
    mark.evaluate("""(mark) => {
      const field = mark.closest(".app-highlight").querySelector("textarea, input");
      field.scrollTop = Math.max(0, mark.offsetTop - field.clientHeight / 3);
    }""")
    page.locator(f"#{field_id}").scroll_into_view_if_needed()
    box = mark.bounding_box()
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    expect(page.locator(f"#{field_id}-suggestion")).to_contain_text(word)


def start_page(browser, base: str, shots: Shots) -> None:
    context, page = new_page(browser, DESKTOP)
    page.goto(base + "/")
    expect(page.locator("h1")).to_be_visible()
    shots.page(page, "start", full_page=True)
    context.close()


def type_advert(page, base: str) -> None:
    """Go from the start page to the check page, paste the advert and choose a role."""
    page.goto(base + "/")
    page.get_by_role("link", name="Check an advert").first.click()
    expect(page.locator("h1")).to_have_text("Check an advert")
    box = page.get_by_label("Advert text")
    box.click()
    # Pasting is one input event; the last line is typed, as a person finishing it off would.
    box.fill(ADVERT.rstrip("\n"))
    box.press("Control+End")
    box.press_sequentially("\n• Happy to work in a team that shares the load", delay=5)
    page.get_by_label("Role, to suggest where to share the advert").select_option(label="Data")
    expect(page.locator("#outreach")).to_contain_text("Why:")
    # The last line has been checked: the live check waits 500 ms after the last key.
    page.wait_for_timeout(700)
    settle(page)
    expect(page.locator(".app-highlight:has(#text) .app-highlight__layer mark").first).to_be_attached()
    settle(page)  # choosing a role scrolls the networks into view: let that finish


def check_pages(browser, base: str, shots: Shots) -> None:
    context, page = new_page(browser, DESKTOP)
    type_advert(page, base)
    click_mark(page, "text", "competitive")
    page.evaluate("window.scrollTo(0, 0)")
    # The box with its highlights and a suggestion open, the summary and the verdict.
    shots.page(page, "check-desktop", clip=clip_to(page, ".app-verdict"))
    # Further down the results column: the first kind of finding, each with its reason,
    # alternatives and source.
    shots.page(page, "check-findings", clip=column_clip(
        page, "#check-results", "#check-results h2:text('What we found in your own words')",
        "#check-results .app-category >> nth=1"))
    # The end of the results: the report downloads and where to share, for the role chosen.
    shots.page(page, "check-report-and-share", clip=column_clip(
        page, "#check-results", ".app-report-downloads", "#outreach .app-outreach__item >> nth=4"))
    context.close()

    # A phone: two screens side by side, the box with a suggestion open and the results.
    context, page = new_page(browser, PHONE, scale=2)
    type_advert(page, base)
    click_mark(page, "text", "ambitious")
    scroll_to(page, "label[for=text]")
    settle(page)
    first = page.screenshot(animations="disabled", caret="initial")
    scroll_to(page, "#check-results")
    settle(page)
    second = page.screenshot(animations="disabled", caret="initial")
    shots.save("check-phone", side_by_side(first, second))
    context.close()


def side_by_side(*pngs: bytes, gap: int = 48, background=(216, 221, 224)) -> bytes:
    """Screens in a row on a grey background, as a PNG."""
    images = [Image.open(io.BytesIO(png)).convert("RGB") for png in pngs]
    width = sum(image.width for image in images) + gap * (len(images) + 1)
    height = max(image.height for image in images) + 2 * gap
    row = Image.new("RGB", (width, height), background)
    x = gap
    for image in images:
        row.paste(image, (x, gap))
        x += image.width + gap
    out = io.BytesIO()
    row.save(out, format="PNG")
    return out.getvalue()


def sign_in(page, base: str) -> None:
    page.goto(base + "/")
    page.get_by_role("link", name="Sign in").first.click()
    page.get_by_label("Email address").fill(USER["email"])
    page.get_by_label("Password").fill(USER["password"])
    page.get_by_role("button", name="Sign in").click()
    expect(page.locator("h1")).to_have_text("Your drafts")


# What a hiring manager fills in: the service has no national mapping from role to band.
KEY_FACTS = {
    "Band": "Band 8a",
    "Salary": "£55,690 to £62,682 a year",
    "Location": "Leeds General Infirmary, with hybrid working",
    "Hours": "37.5 hours a week; part time or job share considered",
    "Working pattern": "Full time, hybrid",
    "Closing date": "12 January 2027",
    "Contact for an informal chat": "Sam Okafor, head of digital delivery, sam.okafor@nhs.net",
    "Reports to": "Head of digital delivery",
    "Staff and budget": "No line management; no budget",
}


def drafting_pages(browser, base: str, shots: Shots) -> None:
    context, page = new_page(browser, {"width": 1280, "height": 1000})
    sign_in(page, base)

    page.get_by_role("link", name="Role templates").first.click()
    expect(page.locator("h1")).to_have_text("Role templates")
    shots.page(page, "templates", clip=clip_to(page, "ul.app-template-list"))

    page.get_by_role("link", name="Product manager", exact=True).click()
    expect(page.locator("h1")).to_contain_text("Product manager")
    senior = 'section[aria-labelledby="level-senior"]'
    shots.page(page, "template-levels", clip=clip_to(page, f"{senior} button", margin=16))
    page.locator(senior).get_by_role("button", name="Start a draft").click()
    expect(page.locator("#job_title")).to_have_value("Senior product manager")

    for label, value in KEY_FACTS.items():
        page.get_by_label(label, exact=True).fill(value)
    # Add a sentence with a coded word; the check and the highlights follow the typing.
    summary = page.locator("#job_summary")
    summary.click()
    summary.press("Control+End")
    summary.press_sequentially(DRAFT_SENTENCE, delay=10)
    expect(page.locator('#draft-check [data-field="job_summary"] mark', has_text="confident")).to_be_visible()
    expect(page.locator("#save-status")).to_contain_text("Saved at")
    click_mark(page, "job_summary", "confident")
    scroll_to(page, "label[for=job_summary]", gap=96)
    shots.page(page, "draft-editor")

    # Choose a suggestion: it replaces the word, and the draft saves itself.
    autosave = re.compile(r"http://127\.0\.0\.1:\d+/drafts/[^/]+")  # not /drafts/<id>/check
    with page.expect_response(lambda r: r.request.method == "POST" and autosave.fullmatch(r.url) is not None) as saved:
        page.locator("#job_summary-suggestion").get_by_role("button", name="comfortable").click()
        expect(summary).to_have_value(re.compile(r"We want someone comfortable talking with clinicians"))
        expect(page.locator('#draft-check [data-field="job_summary"] mark')).to_have_count(0)
    if not saved.value.ok:
        raise RuntimeError(f"the autosave after choosing a suggestion answered {saved.value.status}")
    settle(page)

    page.get_by_role("link", name="Preview as a candidate").click()
    expect(page.locator("h1")).to_have_text("Senior product manager")
    shots.page(page, "draft-preview", clip=clip_to(page, "h2:has-text('About us')", margin=-8))
    page.get_by_role("link", name="Back to editing").click()

    # The export options: the editor's "Download" section, with what is left to do.
    page.get_by_text("Download", exact=True).click()
    expect(page.locator("#downloads")).to_be_visible()
    shots.page(page, "draft-download", clip=clip_to(page, "details:has(#downloads)"))

    page.get_by_role("link", name="Copy into NHS Jobs").click()
    expect(page.locator("h1")).to_have_text("Copy into NHS Jobs")
    shots.page(page, "nhs-jobs", clip=clip_to(page, '[data-field="job_summary"]'))
    page.get_by_role("link", name="Back to editing").click()

    page.get_by_role("link", name="Where to share").click()
    expect(page.locator("h1")).to_contain_text("Where to share")
    page.get_by_label("Posted to BCSWomen").check()
    page.get_by_label("Notes for BCSWomen (date, contact)").fill("Posted 2 December; newsletter editor")
    page.get_by_role("button", name="Save checklist").click()
    expect(page.get_by_label("Posted to BCSWomen")).to_be_checked()
    shots.page(page, "draft-share", clip=clip_to(page, ".app-outreach__item >> nth=1"))
    context.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots",
                        help="folder for the PNGs (default: docs/screenshots)")
    args = parser.parse_args(argv)
    if not os.path.exists(CHROMIUM):
        print(f"No Chromium at {CHROMIUM}: install Debian's chromium package (scripts/test does).", file=sys.stderr)
        return 2
    args.out.mkdir(parents=True, exist_ok=True)
    shots = Shots(args.out)
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="screenshots-") as tmp:
        app = build_app(Path(tmp) / "screenshots.sqlite3")
        server, thread, base = serve(app)
        try:
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
                try:
                    start_page(browser, base, shots)
                    check_pages(browser, base, shots)
                    drafting_pages(browser, base, shots)
                finally:
                    browser.close()
        finally:
            server.shutdown()
            server.server_close()
            thread.join(timeout=5)
            with app.app_context():
                db.engine.dispose()
    for name, size, (width, height) in shots.written:
        print(f"{args.out / name}  {width}x{height}  {size / 1024:.0f} kB")
    written = {name for name, _, _ in shots.written}
    for stale in sorted(p.name for p in args.out.glob("*.png") if p.name not in written):
        print(f"Not made by this script (remove it, or tests/test_docs.py fails if the README does not use it): {stale}")
    print(f"{len(shots.written)} screenshots in {time.perf_counter() - started:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
