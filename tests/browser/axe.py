"""axe-core in the page under test: WCAG 2.0, 2.1 and 2.2 A and AA must have no violations.

axe-core comes from our own copy in ``vendor/`` (no network at test time; ``CHECKSUMS``
pins it). It goes in through Playwright's ``page.evaluate``, a DevTools evaluation that
the page's Content-Security-Policy does not apply to, so the page keeps its real CSP:
no script tag is added and CSP is never bypassed. Pages without JavaScript: see
``without_javascript``.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

VENDOR = Path(__file__).resolve().parent / "vendor"
AXE_VERSION = "4.14.1"
AXE_FILE = VENDOR / f"axe-core-{AXE_VERSION}.min.js"

# WCAG 2.0, 2.1 and 2.2 at levels A and AA (WCAG 2.2 added no level A rule to axe).
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]

# Incomplete results ("needs review") that were reviewed: axe leaves colour contrast
# for review where it cannot tell the background, in these places, for these reasons.
# Those nodes are measured here instead (CONTRAST below): their text colour against
# the nearest opaque background behind them must reach 4.5:1. Anything else
# incomplete fails the sweep, so nothing new is silently ignored.
REVIEWED_INCOMPLETE = [
    # The in-field highlights (app.mjs): a layer of marks behind a field whose own
    # background is transparent. The layer is aria-hidden and its text transparent;
    # people read the field's text over the marks, which axe cannot work out ("obscured",
    # "overlapped"). CONTRAST measures the field's text over the layer and each mark.
    {"rule": "color-contrast", "within": ".app-highlight", "reason": ""},
    # NHS.UK radios and checkboxes draw their control with a ::before on the label, so
    # axe cannot tell the label's background ("due to a pseudo element").
    {"rule": "color-contrast", "within": ".nhsuk-radios__label, .nhsuk-checkboxes__label",
     "reason": "pseudo element"},
    # The editor's check column scrolls inside itself on a wide screen: text cut by
    # its edge is "partially obscured" (the same styles, fully in view, axe checks).
    {"rule": "color-contrast", "within": ".app-draft-check", "reason": "partially obscured"},
    # On a phone, the editor's check bar stays at the bottom of the screen, over the
    # form ("partially overlaps other elements"): its text is measured on its own background.
    {"rule": "color-contrast", "within": ".app-check-bar", "reason": "overlaps other elements"},
]

# Violations axe reports wrongly, each where it happens and why, with a check of our own
# in its place: nothing else is left out, and no rule is switched off.
FALSE_POSITIVES = [
    # WCAG 2.5.3 Label in Name. NHS.UK frontend's file upload (as GOV.UK Frontend's)
    # names its button by aria-labelledby="<label> <visually hidden comma> <button>":
    # "Upload a file, No file chosen, Choose file or drop file", which holds all its
    # visible text. axe builds the visible text by joining <span>s with no space
    # between them, although these are blocks on screen, so it looks for "No file
    # chosenChoose file" and does not find it. In its place, ACT rule 2ee8b8's own
    # method: the text as laid out (innerText), case-folded, anything but letters and
    # digits made a space, must be in the name treated the same way.
    {"rule": "label-content-name-mismatch", "within": ".nhsuk-file-upload__drop-button",
     "instead": "label-in-name"},
]

RUN = """async ({tags, reviewed, falsePositives}) => {
    const results = await axe.run(document, {
        runOnly: {type: "tag", values: tags},
        resultTypes: ["violations", "incomplete"],
        elementRef: true,
    });
    const review = (rule, node) => reviewed.find(r => r.rule === rule.id
        && node.element instanceof Element && node.element.closest(r.within) !== null
        && (node.failureSummary || "").includes(r.reason));
    const normalise = text => text.toLowerCase().replace(/[^\\p{L}\\p{N}]+/gu, " ").trim();
    const checks = {
        "label-in-name": element => {
            axe.setup();
            try {
                const name = axe.commons.text.accessibleTextVirtual(axe.utils.getNodeFromTree(element));
                return normalise(name).includes(normalise(element.innerText));
            } finally {
                axe.teardown();
            }
        },
    };
    const wrong = (rule, node) => falsePositives.some(f => f.rule === rule.id
        && node.element instanceof Element && node.element.closest(f.within) !== null
        && checks[f.instead](node.element));
    const slim = (items, reviewing) => items.map(rule => ({
        id: rule.id,
        impact: rule.impact,
        help: rule.help,
        helpUrl: rule.helpUrl,
        nodes: rule.nodes.filter(node => reviewing ? !review(rule, node) : !wrong(rule, node)).map(node => ({
            target: node.target,
            html: node.html,
            summary: node.failureSummary || "",
        })),
    })).filter(rule => rule.nodes.length);
    const measured = results.incomplete.flatMap(rule => rule.nodes.filter(node => review(rule, node)))
        .map(node => node.element);
    return {
        violations: slim(results.violations, false),
        incomplete: slim(results.incomplete, true),
        contrast: window.__axeContrast(measured),
    };
}"""

# Contrast where axe asked for a review (WCAG 1.4.3, 4.5:1 whatever the text size):
# each element's text against the nearest opaque background among its ancestors, and
# for a highlighted field, its text over the layer behind it and over each mark there.
CONTRAST = """() => {
    const rgba = colour => {
        const [r, g, b, a = 1] = colour.match(/[\\d.]+/g).map(Number);
        return [r, g, b, a];
    };
    const over = (top, bottom) => [0, 1, 2].map(i => top[i] * top[3] + bottom[i] * (1 - top[3])).concat(1);
    const luminance = colour => {
        const [r, g, b] = colour.slice(0, 3).map(v => {
            v /= 255;
            return v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
        });
        return 0.2126 * r + 0.7152 * g + 0.0722 * b;
    };
    const ratio = (text, background) => {
        const [light, dark] = [luminance(over(text, background)), luminance(background)].sort((x, y) => y - x);
        return (light + 0.05) / (dark + 0.05);
    };
    const background = element => {  // the ancestors' backgrounds, composited from the page up
        const layers = [];
        for (let e = element; e; e = e.parentElement) {
            const colour = rgba(getComputedStyle(e).backgroundColor);
            if (colour[3] > 0) layers.push(colour);
            if (colour[3] === 1) break;
        }
        return layers.reverse().reduce((below, colour) => over(colour, below), [255, 255, 255, 1]);
    };
    const describe = element => element.id ? `#${element.id}` : element.outerHTML.slice(0, 120);
    window.__axeContrast = elements => {
        const problems = [];
        const check = (text, back, what) => {
            const value = ratio(text, back);
            if (value < 4.5) problems.push(`${what}: ${value.toFixed(2)}:1`);
        };
        for (const element of elements) {
            if (element.closest(".app-highlight")) continue;  // measured below, with its layer
            check(rgba(getComputedStyle(element).color), background(element), describe(element));
        }
        for (const wrapper of document.querySelectorAll(".app-highlight")) {
            const field = wrapper.querySelector("input, textarea");
            const layer = wrapper.querySelector(".app-highlight__layer");
            if (!field || !layer) continue;
            const text = rgba(getComputedStyle(field).color);
            const page = over(rgba(getComputedStyle(layer).backgroundColor), background(wrapper));
            check(text, page, describe(field));
            for (const mark of layer.querySelectorAll("mark")) {
                const back = over(rgba(getComputedStyle(mark).backgroundColor), page);
                check(text, back, `${describe(field)} over “${mark.textContent}” (${mark.className})`);
            }
        }
        return problems;
    };
}"""


@cache
def axe_source() -> str:
    return AXE_FILE.read_text(encoding="utf-8")


def run_axe(page, reviewed=()) -> dict:
    """axe's violations and unreviewed incomplete results (WCAG A and AA) for the page as
    it is now, and the contrast problems among the reviewed ones. ``reviewed``: more
    entries like REVIEWED_INCOMPLETE's, for this page only."""
    with scripts_allowed(page):
        if not page.evaluate("typeof window.axe === 'object'"):
            page.evaluate(axe_source())
            page.evaluate(CONTRAST)
        return page.evaluate(RUN, {"tags": WCAG_TAGS, "reviewed": [*REVIEWED_INCOMPLETE, *reviewed],
                                   "falsePositives": FALSE_POSITIVES})


def without_javascript(page) -> None:
    """Run ``page`` without JavaScript, as ``browser.new_context(java_script_enabled=False)``
    does (Playwright sends the same DevTools command), but switchable, so that axe can
    run. In a context made without JavaScript axe.run never finishes: Chromium runs no
    callback of any kind there, not even a promise's. Call this before the first
    navigation; every page loaded after it runs no script of its own and shows its
    <noscript> content."""
    page.scripts_off = page.context.new_cdp_session(page)
    page.scripts_off.send("Emulation.setScriptExecutionDisabled", {"value": True})


class scripts_allowed:
    """While axe runs on a page from ``without_javascript``, callbacks may run. The page's
    own scripts were skipped as it loaded and do not run later, so the page stays as it
    was without JavaScript; scripts are off again before anything else happens."""

    def __init__(self, page):
        self.session = getattr(page, "scripts_off", None)

    def __enter__(self):
        if self.session:
            self.session.send("Emulation.setScriptExecutionDisabled", {"value": False})

    def __exit__(self, *exc):
        if self.session:
            self.session.send("Emulation.setScriptExecutionDisabled", {"value": True})


def describe(rules: list[dict], limit: int = 8) -> str:
    """One block per rule: its id, impact and help, then each failing node's target,
    HTML and axe's summary of what is wrong."""
    lines = []
    for rule in rules:
        lines.append(f"- {rule['id']} ({rule['impact']}): {rule['help']} [{len(rule['nodes'])} node(s)]")
        lines.append(f"  {rule['helpUrl']}")
        for node in rule["nodes"][:limit]:
            lines.append(f"    at {json.dumps(node['target'])}")
            lines.append(f"       {node['html'][:300]}")
            summary = " ".join(node["summary"].split())
            if summary:
                lines.append(f"       {summary[:400]}")
        if len(rule["nodes"]) > limit:
            lines.append(f"    … and {len(rule['nodes']) - limit} more")
    return "\n".join(lines)


def assert_accessible(page, state: str, reviewed=()) -> dict:
    """No WCAG 2.x A/AA violations on ``page`` as it is now (``state`` names it in the
    failure message), no incomplete result that has not been reviewed (``reviewed``:
    more for this page only, with a comment where it is given), and no reviewed text
    below 4.5:1."""
    results = run_axe(page, reviewed)
    problems = []
    if results["violations"]:
        problems.append(f"axe-core {AXE_VERSION}: WCAG A/AA violations in “{state}” ({page.url}):\n"
                        + describe(results["violations"]))
    if results["incomplete"]:
        problems.append(f"axe-core {AXE_VERSION}: results to review by hand in “{state}” ({page.url}), "
                        "not yet reviewed (REVIEWED_INCOMPLETE in tests/browser/axe.py):\n"
                        + describe(results["incomplete"]))
    if results["contrast"]:
        problems.append(f"Text below 4.5:1 where axe asked for a review, in “{state}” ({page.url}):\n  "
                        + "\n  ".join(results["contrast"]))
    assert not problems, "\n\n".join(problems)
    return results
