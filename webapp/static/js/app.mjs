// Progressive enhancement only: every page works without this file.
import { initAll } from "../vendor/nhsuk-frontend-10.6.1.min.js";

initAll();

// htmx swaps the results in as the text changes. Screen readers should hear a
// one-line summary, not the whole highlighted advert, so the summary is copied
// into the stable status region (role="status", aria-live="polite").
// A swapped region names its status region in data-status-region.
document.addEventListener("htmx:after:swap", () => {
  for (const region of document.querySelectorAll("[data-status-region]")) {
    const summary = region.querySelector("[data-live-summary]");
    const status = document.getElementById(region.dataset.statusRegion);
    if (summary && status && status.textContent !== summary.dataset.liveSummary) {
      status.textContent = summary.dataset.liveSummary;
    }
    const short = region.querySelector("[data-short-summary]");
    for (const copy of document.querySelectorAll(`[data-short-summary-of="${region.id}"]`)) {
      if (short) copy.textContent = short.dataset.shortSummary;
    }
  }
});

// Chromium leaves an empty style attribute on form fields it has looked at (its
// autofill), and htmx copies an old element's style onto its replacement when a
// swap settles, which our strict CSP (no inline styles) refuses, with an error in
// the console. An empty style means nothing: drop it before each swap.
document.addEventListener("htmx:before:swap", () => {
  for (const element of document.querySelectorAll('[style=""]')) {
    element.removeAttribute("style");
  }
});

// A request made after the session ended (signed out elsewhere, or the password
// changed) is sent on to the sign-in page: never swap that page into a region.
const sentToSignIn = (event) => {
  const raw = event.detail?.ctx?.response?.raw;
  return Boolean(raw?.redirected) && new URL(raw.url).pathname.startsWith("/sign-in");
};
document.addEventListener("htmx:before:response", (event) => {
  if (sentToSignIn(event)) {
    event.preventDefault();
  }
});

// Rich text pasted from Word or a web page: the browser would keep only its own
// plain-text version, losing list bullets. Send the clipboard's HTML to the server
// (which keeps paragraphs and list items) and insert the text it returns.
// If anything fails (HTML too large to convert gets a 413), the browser's plain text
// is inserted, so nothing is lost.
const textBox = document.querySelector("textarea[data-convert-html-url]");
if (textBox) {
  textBox.addEventListener("paste", async (event) => {
    const html = event.clipboardData?.getData("text/html");
    if (!html) {
      return;
    }
    event.preventDefault();
    let text = event.clipboardData.getData("text/plain");
    const { selectionStart, selectionEnd } = textBox;
    try {
      const body = new FormData();
      body.append("html", html);
      const response = await fetch(textBox.dataset.convertHtmlUrl, {
        method: "POST",
        body,
        credentials: "same-origin",
        headers: { "X-CSRFToken": textBox.form.elements.csrf_token.value },
      });
      if (response.ok) {
        text = await response.text();
      }
    } catch {
      // Keep the browser's plain text.
    }
    textBox.setRangeText(text, selectionStart, selectionEnd, "end");
    textBox.dispatchEvent(new Event("input", { bubbles: true }));
  });
}

// The check page. Back or Forward to it: the browser puts the text back, but
// results that came by htmx are not part of the page it kept, so the text is
// checked again ("checkagain" is one of the box's htmx triggers).
// Choosing a role: the networks to share with appear at the end of the results,
// far below on a long advert or a phone, so they are scrolled into view (the
// focus stays on the list of roles, to choose again).
const checkForm = document.getElementById("check-form");
if (checkForm) {
  // Back or forward to this page: the browser puts the text back, but not always by
  // the time "pageshow" fires, so look again a moment later. A second request only
  // replaces the first (hx-sync), and none is sent once results are shown.
  const checkAgainIfNoResults = () => {
    const { text } = checkForm.elements;
    if (text.value.trim() && document.querySelector("#check-results .app-results__placeholder")) {
      text.dispatchEvent(new Event("checkagain"));
    }
  };
  window.addEventListener("pageshow", () => {
    checkAgainIfNoResults();
    setTimeout(checkAgainIfNoResults, 300);
  });
  document.addEventListener("htmx:after:swap", (event) => {
    if (event.target?.id === "role" && checkForm.elements.role.value) {
      document.getElementById("outreach")?.scrollIntoView({ block: "start" });
    }
  });
  // The connection failed (nothing to swap in): the results shown are for older text,
  // so say so; the text stays in the box and the next change checks it again.
  document.addEventListener("htmx:error", (event) => {
    if (!checkForm.contains(event.target)) return;
    const status = document.getElementById("check-status");
    const message = "Could not check your latest changes: the connection failed. Your text is still here; change it or press “Check advert” to try again.";
    status.textContent = message;
    const results = document.getElementById("check-results");
    let notice = results.querySelector(".app-check-failed");
    if (!notice) {
      notice = Object.assign(document.createElement("p"), { className: "nhsuk-error-message app-check-failed" });
      results.prepend(notice);
    }
    notice.textContent = message;
  });
}

// Dismissing a finding, or bringing one back, replaces the whole check, and the
// button that had the focus goes with it: the focus moves to the error, if there is
// one, or to the check's summary, whose new count the status region announces.
let focusCheckAfterSwap = false;
document.addEventListener("htmx:before:request", (event) => {
  // Set by a dismiss or restore form only: an autosave sent meanwhile leaves it alone.
  if (event.target?.closest?.("#draft-check form")) focusCheckAfterSwap = true;
});
// A dismissal that gets no answer swaps nothing: the next live check must not take
// the focus from a field someone is typing in.
document.addEventListener("htmx:error", (event) => {
  if (event.target?.closest?.("#draft-check form")) focusCheckAfterSwap = false;
});
document.addEventListener("htmx:after:swap", () => {
  if (!focusCheckAfterSwap) return;
  const check = document.getElementById("draft-check");
  const target = check?.querySelector("#dismiss-error") || check?.querySelector("#summary-heading");
  if (!target || check.contains(document.activeElement)) return;
  focusCheckAfterSwap = false;
  // Only when the focus went with the swapped-out button: never from a field in use.
  if (document.activeElement && document.activeElement !== document.body) return;
  target.tabIndex = -1;
  target.focus();
});

// Copy buttons (NHS Jobs view): hidden without JavaScript, where selecting the text works.
for (const button of document.querySelectorAll("[data-copy-target]")) {
  button.hidden = false;
  button.addEventListener("click", async () => {
    const field = document.getElementById(button.dataset.copyTarget);
    try {
      await navigator.clipboard.writeText(field.value);
      button.firstChild.textContent = "Copied";
    } catch {
      field.select();
    }
  });
}

// Findings highlighted inside the field being edited (the draft editor and the
// check page). Each checked field gets a layer of marks drawn behind it: the
// field's own background is transparent, so the marks show through the text.
// The layer follows typing (marks after an edit move with the text; a mark the
// edit touched is dropped until the next check) and scrolling. When the caret is
// on a flagged word (a click, or the arrow keys), a panel under the field gives
// the reason and the suggestions; Tab reaches them, and choosing one replaces the
// word and runs the check again. The findings list links to each word too, for
// screen readers and anyone who prefers a list.
// The check's results carry the highlights in data-highlights (JSON), with
// offsets into each element's value.
const COPIED_STYLES = [
  "fontKerning", "fontVariant", "fontStretch", "fontFeatureSettings", "textRendering", "boxSizing", "width", "height", "paddingTop", "paddingRight", "paddingBottom", "paddingLeft",
  "borderTopWidth", "borderRightWidth", "borderBottomWidth", "borderLeftWidth", "fontFamily", "fontSize",
  "fontWeight", "fontStyle", "lineHeight", "letterSpacing", "wordSpacing", "textIndent", "textTransform",
  "tabSize",
];

class FieldHighlights {
  constructor(field) {
    this.field = field;
    this.spans = [];
    this.value = field.value;
    this.multiline = field.tagName === "TEXTAREA";
    this.wrapper = Object.assign(document.createElement("div"), { className: "app-highlight" });
    this.layer = Object.assign(document.createElement("div"), {
      className: `app-highlight__layer${this.multiline ? "" : " app-highlight__layer--line"}`,
    });
    this.layer.setAttribute("aria-hidden", "true");
    // Moving an element blurs it: a field someone is typing in when its first word
    // is flagged keeps its focus, caret and scroll position.
    const typing = document.activeElement === field;
    const { selectionStart, selectionEnd, selectionDirection, scrollTop } = field;
    field.before(this.wrapper);
    this.wrapper.append(this.layer, field);
    if (typing) {
      field.focus({ preventScroll: true });
      field.setSelectionRange(selectionStart, selectionEnd, selectionDirection);
      field.scrollTop = scrollTop;
    }
    field.classList.add("app-highlight__field");
    this.panel = Object.assign(document.createElement("div"), { className: "app-suggestion", hidden: true });
    this.panel.id = `${field.id}-suggestion`;
    this.panel.setAttribute("aria-live", "polite");
    this.wrapper.after(this.panel);
    this.shown = null;

    field.addEventListener("input", () => this.follow());
    field.addEventListener("scroll", () => this.scroll());
    // The layer scrolls only with the field: anything else that scrolls it (the
    // browser's find in page reaching its copy of the text) is undone at once.
    this.layer.addEventListener("scroll", () => this.scroll());
    field.addEventListener("click", () => this.offer());
    field.addEventListener("keyup", (event) => {
      if (/^(Arrow|Home|End|Page)/.test(event.key)) this.offer();
    });
    field.addEventListener("keydown", (event) => {
      if (event.key === "Escape" && !this.panel.hidden) this.hide();
    });
    this.panel.addEventListener("keydown", (event) => {
      if (event.key === "Escape") {
        this.hide();
        field.focus();
      }
    });
    new ResizeObserver(() => this.fit()).observe(field);
    this.fit();
  }

  fit() {
    const style = getComputedStyle(this.field);
    for (const name of COPIED_STYLES) this.layer.style[name] = style[name];
    this.layer.style.width = `${this.field.offsetWidth}px`;
    this.layer.style.height = `${this.field.offsetHeight}px`;
    if (!this.multiline) {
      // An input centres its line: give the layer's line the whole inner height.
      const inner = this.field.clientHeight - parseFloat(style.paddingTop) - parseFloat(style.paddingBottom);
      this.layer.style.lineHeight = `${inner}px`;
    }
    this.fitScrollbar(style);
  }

  // The field's scrollbar narrows its text; the layer has none, so it gets the
  // same width as padding.
  fitScrollbar(style = getComputedStyle(this.field)) {
    const borders = parseFloat(style.borderLeftWidth) + parseFloat(style.borderRightWidth);
    const scrollbar = Math.max(0, this.field.offsetWidth - this.field.clientWidth - borders);
    this.layer.style.paddingRight = `${parseFloat(style.paddingRight) + scrollbar}px`;
    this.scroll();
  }

  scroll() {
    this.layer.scrollTop = this.field.scrollTop;
    this.layer.scrollLeft = this.field.scrollLeft;
  }

  // New highlights from a check: kept only where the words still match.
  set(spans) {
    this.value = this.field.value;
    this.spans = spans
      .filter((s) => this.value.slice(s.start, s.end) === s.text)
      .sort((a, b) => a.start - b.start)
      .filter((s, i, all) => i === 0 || s.start >= all[i - 1].end);
    this.draw();
    if (this.shown && document.activeElement === this.field) this.offer();
  }

  // Typing: marks after the edit move with the text; a mark it touched goes.
  follow() {
    const before = this.value;
    const after = this.field.value;
    let prefix = 0;
    const shortest = Math.min(before.length, after.length);
    while (prefix < shortest && before[prefix] === after[prefix]) prefix += 1;
    let suffix = 0;
    while (suffix < shortest - prefix && before[before.length - 1 - suffix] === after[after.length - 1 - suffix]) suffix += 1;
    const changedEnd = before.length - suffix;
    const shift = after.length - before.length;
    this.spans = this.spans.flatMap((s) => {
      if (s.end <= prefix) return [s];
      if (s.start >= changedEnd) return [{ ...s, start: s.start + shift, end: s.end + shift }];
      return [];
    });
    this.value = after;
    this.draw();
    this.hide();
  }

  draw() {
    const pieces = [];
    let at = 0;
    for (const span of this.spans) {
      pieces.push(document.createTextNode(this.value.slice(at, span.start)));
      const mark = Object.assign(document.createElement("mark"), {
        className: `${span.classes}${span.standard ? " app-coded--standard" : ""}`,
        textContent: this.value.slice(span.start, span.end),
      });
      pieces.push(mark);
      at = span.end;
    }
    // A trailing newline needs a character after it to take up its line.
    pieces.push(document.createTextNode(`${this.value.slice(at)}${this.multiline ? " " : ""}`));
    this.layer.replaceChildren(...pieces);
    this.fitScrollbar();
  }

  spanAtCaret() {
    const { selectionStart: start, selectionEnd: end } = this.field;
    return this.spans.find((s) => s.start <= start && end <= s.end) || null;
  }

  offer() {
    const span = this.spanAtCaret();
    if (!span) {
      this.hide();
      return;
    }
    if (span === this.shown && !this.panel.hidden) return;
    this.shown = span;
    const heading = document.createElement("p");
    heading.className = "nhsuk-body-s nhsuk-u-margin-bottom-1";
    heading.append(
      Object.assign(document.createElement("strong"), { textContent: `“${span.text}”` }),
      document.createTextNode(` (${span.label})`),
    );
    const why = Object.assign(document.createElement("p"), {
      className: "nhsuk-body-s nhsuk-u-margin-bottom-2", textContent: span.message,
    });
    const children = [heading, why];
    if (span.suggestions.length && !this.field.readOnly) {
      const hint = Object.assign(document.createElement("p"), {
        className: "nhsuk-body-s nhsuk-u-margin-bottom-1",
        textContent: "Press Tab to reach the suggestions. Choosing one replaces the word.",
      });
      const list = Object.assign(document.createElement("ul"), { className: "nhsuk-list app-suggestion__list" });
      for (const suggestion of span.suggestions) {
        const button = Object.assign(document.createElement("button"), {
          type: "button",
          className: "nhsuk-button nhsuk-button--secondary nhsuk-button--small app-suggestion__button",
          textContent: suggestion,
        });
        button.prepend(Object.assign(document.createElement("span"), {
          className: "nhsuk-u-visually-hidden", textContent: `Replace “${span.text}” with `,
        }));
        button.addEventListener("click", () => this.replace(span, suggestion));
        const item = document.createElement("li");
        item.append(button);
        list.append(item);
      }
      children.push(hint, list);
    }
    this.panel.replaceChildren(...children);
    this.panel.hidden = false;
  }

  hide() {
    this.shown = null;
    this.panel.hidden = true;
    this.panel.replaceChildren();
  }

  replace(span, suggestion) {
    if (this.field.value.slice(span.start, span.end) !== span.text) {
      this.hide(); // the text changed under it: nothing to replace
      this.field.focus();
      return;
    }
    const capital = /^\p{Lu}/u.test(span.text) && !/^\p{Lu}/u.test(suggestion);
    let words = capital ? suggestion[0].toUpperCase() + suggestion.slice(1) : suggestion;
    let start = span.start;
    // "an ambitious" becomes "a motivated", not "an motivated".
    const article = /\b(an?)(\s+)$/i.exec(this.field.value.slice(Math.max(0, start - 8), start));
    if (article) {
      const wanted = /^[aeiou]/i.test(words) ? "an" : "a";
      const cased = article[1][0] === "A" ? wanted[0].toUpperCase() + wanted.slice(1) : wanted;
      start -= article[0].length;
      words = `${cased}${article[2]}${words}`;
    }
    this.field.focus();
    this.field.setRangeText(words, start, span.end, "end");
    this.hide();
    // Bubbles to the form: the live check, autosave and this layer all follow.
    this.field.dispatchEvent(new Event("input", { bubbles: true }));
  }
}

const fieldHighlights = new Map();

function highlightsFor(id) {
  const field = document.getElementById(id);
  if (!field || !field.matches("textarea, input")) return null;
  if (!fieldHighlights.has(field)) fieldHighlights.set(field, new FieldHighlights(field));
  return fieldHighlights.get(field);
}

function showHighlights(results) {
  const holder = results.querySelector("[data-highlights]");
  if (!holder) return;
  let spans = [];
  try {
    // Each span names its note (label, message, suggestions), kept once per word.
    const { notes, spans: placed } = JSON.parse(holder.dataset.highlights);
    spans = placed.map((span) => ({ ...notes[span.note], ...span }));
  } catch {
    return;
  }
  const byElement = new Map();
  for (const span of spans) {
    if (!byElement.has(span.element)) byElement.set(span.element, []);
    byElement.get(span.element).push(span);
  }
  // Fields no longer flagged lose their marks; fields no longer on the page are forgotten.
  for (const [field, highlights] of fieldHighlights) {
    if (!field.isConnected) fieldHighlights.delete(field);
    else if (!byElement.has(field.id)) highlights.set([]);
  }
  for (const [id, found] of byElement) highlightsFor(id)?.set(found);
}

for (const results of document.querySelectorAll("#draft-check, #check-results")) {
  showHighlights(results);
}
document.addEventListener("htmx:after:swap", () => {
  for (const results of document.querySelectorAll("#draft-check, #check-results")) {
    showHighlights(results);
  }
});

// A finding's link in the list selects its word in the field.
document.addEventListener("click", (event) => {
  const link = event.target.closest?.("a[data-highlight-element]");
  if (!link) return;
  const highlights = highlightsFor(link.dataset.highlightElement);
  if (!highlights) return;
  event.preventDefault();
  const { field } = highlights;
  const start = Number(link.dataset.start);
  const end = Number(link.dataset.end);
  field.focus();
  field.scrollIntoView({ block: "center" });
  if (highlights.spans.some((s) => s.start === start && s.end === end)) {
    field.setSelectionRange(start, end);
    highlights.offer();
  }
});

// Autosave that never loses a word. The draft form posts itself as you type (htmx).
// - Any failed save (a network error, a timeout, or an error status other than the
//   conflict and validation answers the server means to show) is not swapped in:
//   the status says "Not saved: retrying", and the save is tried again with
//   back-off (2 s, 4 s … at most a minute) until the server answers.
// - The version to save from lives in the form, outside the status region, and
//   is taken from each answer's data-version.
// - A copy of unsaved text is kept in this browser and offered back after a
//   reload or crash when it is newer than the last save.
const draftForm = document.querySelector("form#draft-form[hx-post]");
if (draftForm) {
  const status = document.getElementById("save-status");
  const version = document.getElementById("draft-version");
  const storageKey = `draft:${draftForm.dataset.draft}`;
  const savedAt = Date.parse(draftForm.dataset.savedAt) || 0;
  const shownAnswers = new Set([409, 422]);
  let retryDelay = 0;
  let retryTimer = null;
  let paused = false; // after a real conflict: no more autosaves until the person chooses

  const fields = () =>
    [...draftForm.elements].filter((f) => f.name && !["csrf_token", "version", "editing_session", "edit_sequence", "action"].includes(f.name));

  const keepCopy = () => {
    const values = fields().map((f) => [f.name, f.value]);
    try {
      localStorage.setItem(storageKey, JSON.stringify({ time: Date.now(), values }));
    } catch {
      // Storage full or blocked: the retries still run.
    }
  };

  const forgetCopy = () => {
    try {
      localStorage.removeItem(storageKey);
    } catch {
      // Nothing to forget.
    }
  };

  const retry = (signedOut = false) => {
    retryDelay = Math.min(retryDelay ? retryDelay * 2 : 2000, 60000);
    const seconds = Math.round(retryDelay / 1000);
    status.replaceChildren(Object.assign(document.createElement("p"), {
      className: "nhsuk-error-message app-save-status__retrying",
      textContent: signedOut
        ? `Not saved: you have been signed out. Sign in again in another tab; your text is still here, and it is saved once you are signed in (next try in ${seconds} seconds).`
        : `Not saved: retrying in ${seconds} seconds. Your text is still here.`,
    }));
    clearTimeout(retryTimer);
    retryTimer = setTimeout(() => draftForm.dispatchEvent(new Event("input", { bubbles: true })), retryDelay);
  };

  // Each edit counts: saves carry the count, so the server never lets an older save
  // (handled late, out of order) overwrite a newer one.
  const editSequence = document.getElementById("edit-sequence");
  draftForm.addEventListener("input", () => {
    editSequence.value = String(Number(editSequence.value) + 1);
    keepCopy();
  });

  document.addEventListener("htmx:before:request", (event) => {
    if (event.target === draftForm && paused) {
      event.preventDefault(); // the text stays in the page and in this browser's copy
    }
  });

  document.addEventListener("htmx:before:response", (event) => {
    if (event.target !== draftForm) {
      return;
    }
    const code = event.detail.ctx.response.status;
    // Signed out (elsewhere, or the session ended): the save was sent to the sign-in page.
    const signedOut = sentToSignIn(event);
    if (signedOut || (code >= 400 && !shownAnswers.has(code))) {
      event.preventDefault(); // keep the status region and the text as they are
      retry(signedOut);
    }
  });

  document.addEventListener("htmx:error", (event) => {
    if (event.target === draftForm) {
      retry();
    }
  });

  document.addEventListener("htmx:after:swap", (event) => {
    if (event.target !== draftForm) {
      return; // the live check's swaps say nothing about saving
    }
    const answer = status.querySelector("[data-version]");
    if (!answer) {
      return;
    }
    version.value = answer.dataset.version;
    paused = Boolean(answer.dataset.conflict);
    if (!answer.dataset.conflict && !answer.classList.contains("app-save-status__final")) {
      retryDelay = 0;
      clearTimeout(retryTimer);
      forgetCopy();
    }
  });

  // Offer back a copy of text that never reached the server.
  let copy = null;
  try {
    copy = JSON.parse(localStorage.getItem(storageKey) || "null");
  } catch {
    copy = null;
  }
  const differs = copy && copy.values.some(([name, value], i) => fields()[i]?.name !== name || fields()[i].value !== value);
  if (copy && copy.time > savedAt && differs) {
    const notice = document.createElement("div");
    notice.className = "nhsuk-warning-callout";
    notice.id = "unsaved-copy";
    const heading = Object.assign(document.createElement("h2"), {
      className: "nhsuk-warning-callout__label",
      textContent: "You have unsaved changes",
    });
    const text = Object.assign(document.createElement("p"), {
      textContent: `This browser kept text you typed at ${new Date(copy.time).toLocaleTimeString("en-GB", { timeZone: "Europe/London" })} that was not saved.`,
    });
    const restore = Object.assign(document.createElement("button"), {
      type: "button", className: "nhsuk-button", textContent: "Restore my changes",
    });
    const discard = Object.assign(document.createElement("button"), {
      type: "button", className: "nhsuk-button nhsuk-button--secondary", textContent: "Discard them",
    });
    restore.addEventListener("click", () => {
      const byName = {};
      for (const [name, value] of copy.values) {
        (byName[name] ??= []).push(value);
      }
      for (const [name, values] of Object.entries(byName)) {
        const targets = [...draftForm.elements].filter((f) => f.name === name);
        targets.forEach((field, i) => {
          if (i < values.length) {
            field.value = values[i];
          }
        });
      }
      notice.remove();
      const first = draftForm.querySelector("textarea, input:not([type=hidden])");
      first?.focus();
      // From a field, so both the autosave and the live check see it.
      first?.dispatchEvent(new Event("input", { bubbles: true }));
    });
    discard.addEventListener("click", () => {
      forgetCopy();
      notice.remove();
    });
    notice.append(heading, text, restore, discard);
    draftForm.before(notice);
  }
}

// Person specification: criteria added, moved and removed in place (htmx).
// Without JavaScript each button submits the whole form, which applies it and saves.
// With it, htmx posts the editor's fields to the criteria route, which saves
// nothing, and swaps #person-specification for the rows in their new order. The
// server marks the element to focus next (data-focus) and says what happened
// (data-announce), which goes into the status region outside the swapped rows.
// Then an input event from the new rows runs the autosave (so the new order is
// saved) and the live check.
// Nothing typed is lost: a failed request (a network error, a redirect, or an error
// status other than the final-draft and validation answers the server means to
// show) is not swapped in, and neither is an answer to rows someone typed in while
// it was on its way. The rows stay as they are and the status region says so, visibly.
const criteriaStatus = document.getElementById("criteria-status");
if (criteriaStatus) {
  // Each row's text and how it will be assessed: an answer for rows that differ in
  // either is not swapped in.
  const criteriaKinds = ["essential", "desirable", "essential_assessment", "desirable_assessment"];
  const fromCriteria = (event) => event.target instanceof Element && event.target.closest("#person-specification") !== null;
  const rowsNow = (name) => [...document.querySelectorAll(`#person-specification [name="${name}"]`)].map((f) => f.value);
  const sameRows = (a, b) => a.length === b.length && a.every((value, i) => value.replace(/\r\n/g, "\n") === b[i].replace(/\r\n/g, "\n"));
  let announcing = null;

  const announce = (message, problem) => {
    criteriaStatus.classList.toggle("nhsuk-u-visually-hidden", !problem);
    criteriaStatus.classList.toggle("nhsuk-error-message", problem);
    // Emptied first, so the same message twice (two moves up) is announced twice.
    criteriaStatus.textContent = "";
    clearTimeout(announcing);
    announcing = setTimeout(() => {
      criteriaStatus.textContent = message;
    }, 100);
  };

  const notChanged = (why) => announce(`Not changed: ${why}. Your text is still here.`, true);

  document.addEventListener("htmx:before:response", (event) => {
    if (!fromCriteria(event)) {
      return;
    }
    const { status, raw } = event.detail.ctx.response;
    if (raw.redirected || (status >= 400 && status !== 409 && status !== 422)) {
      event.preventDefault(); // keep the rows as they are
      notChanged("there was a problem. Try again");
    }
  });

  document.addEventListener("htmx:before:swap", (event) => {
    if (!fromCriteria(event)) {
      return;
    }
    const sent = event.detail.ctx.request.body;
    if (sent?.getAll && !criteriaKinds.every((kind) => sameRows(sent.getAll(kind), rowsNow(kind)))) {
      event.preventDefault(); // the answer is for rows that have changed since
      notChanged("a criterion changed while this was being done. Press the button again");
    }
  });

  document.addEventListener("htmx:error", (event) => {
    if (fromCriteria(event)) {
      notChanged("there was a problem. Try again");
    }
  });

  document.addEventListener("htmx:after:swap", (event) => {
    const rows = event.target;
    if (!(rows instanceof Element) || rows.id !== "person-specification") {
      return;
    }
    rows.querySelector("[data-focus]")?.focus();
    const refused = event.detail.ctx.response.status >= 400 || rows.dataset.changed === "false";
    announce(rows.dataset.announce || "", refused);
    if (!refused) {
      // From inside the form's fields, so both the autosave and the live check see it.
      rows.dispatchEvent(new Event("input", { bubbles: true }));
    }
  });
}
