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
  }
});

// Rich text pasted from Word or a web page: the browser would keep only its own
// plain-text version, losing list bullets. Send the clipboard's HTML to the server
// (BeautifulSoup keeps paragraphs and list items) and insert the text it returns.
// If anything fails, the browser's plain text is inserted, so nothing is lost.
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

  const retry = () => {
    retryDelay = Math.min(retryDelay ? retryDelay * 2 : 2000, 60000);
    status.replaceChildren(Object.assign(document.createElement("p"), {
      className: "nhsuk-error-message app-save-status__retrying",
      textContent: `Not saved: retrying in ${Math.round(retryDelay / 1000)} seconds. Your text is still here.`,
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
    if (code >= 400 && !shownAnswers.has(code)) {
      event.preventDefault(); // keep the status region and the text as they are
      retry();
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
