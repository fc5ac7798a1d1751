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
