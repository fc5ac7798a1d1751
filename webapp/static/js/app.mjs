// Progressive enhancement only: every page works without this file.
import { initAll } from "../vendor/nhsuk-frontend-10.6.1.min.js";

initAll();

// htmx swaps the results in as the text changes. Screen readers should hear a
// one-line summary, not the whole highlighted advert, so the summary is copied
// into the stable status region (role="status", aria-live="polite").
document.addEventListener("htmx:after:swap", () => {
  const results = document.querySelector("#check-results [data-live-summary]");
  const status = document.getElementById("check-status");
  if (results && status) {
    status.textContent = results.dataset.liveSummary;
  }
});
