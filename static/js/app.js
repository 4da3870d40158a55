// diplomacy: the little the pages need beyond htmx. Everything works without it.
"use strict";

// Keep pushed URLs tidy: drop empty form fields (q=&since=&until=) from htmx
// GETs, and the order when it is the list's default anyway.
document.addEventListener("htmx:configRequest", (event) => {
  const params = event.detail.parameters;
  const sort = document.getElementById("sort");
  for (const [name, value] of Array.from(params.entries ? params.entries() : Object.entries(params))) {
    const implied = name === "sort" && sort && value === sort.dataset.default;
    if (value === "" || implied) params.delete ? params.delete(name) : delete params[name];
  }
});

// A ticked filter, a date or the sort asks for new results at once: htmx
// listens for "filters-changed" on the form. (The trigger filter
// change[target.type!='search'] did this, but htmx evaluates such filters as
// code, which the Content-Security-Policy refuses.) The search box has its
// own trigger, debounced.
// On a phone the filters sit below the results: after one changes, the new
// results are scrolled into view (focus stays on the control).
let revealResults = false;
document.addEventListener("change", (event) => {
  const form = event.target.closest && event.target.closest("form.browse-form, form.index-form");
  if (form && event.target.type !== "search") {
    revealResults = window.matchMedia("(max-width: 800px)").matches;
    form.dispatchEvent(new Event("filters-changed"));
  }
});
document.addEventListener("htmx:afterSettle", () => {
  if (!revealResults) return;
  revealResults = false;
  const heading = document.getElementById("results-heading");
  if (heading) heading.scrollIntoView({ block: "start" });
});

// "Copy citation": the Clipboard API where allowed, else select the text and execCommand.
document.addEventListener("click", async (event) => {
  const button = event.target.closest("button.copy");
  if (!button) return;
  const source = document.querySelector(button.dataset.copy);
  const status = button.parentElement.querySelector(".copy-status");
  let copied = false;
  try {
    await navigator.clipboard.writeText(source.value);
    copied = true;
  } catch {
    source.focus();
    source.select();
    copied = document.execCommand && document.execCommand("copy");
  }
  if (status) status.textContent = copied ? "Copied." : "Selected: press Ctrl+C (⌘C) to copy.";
});

// htmx snapshots the page's HTML for the back button. The search box is not
// swapped and its typed value is a property, not an attribute: write the value
// each URL was fetched with into the attribute, so "back" shows that search.
document.addEventListener("htmx:pushedIntoHistory", () => {
  const box = document.getElementById("q");
  if (box) box.setAttribute("value", new URLSearchParams(location.search).get("q") || "");
});

// Announce the new result count after an htmx update (the heading itself is
// swapped out, so it cannot be the live region).
document.addEventListener("htmx:afterSettle", () => {
  const status = document.getElementById("results-status");
  const heading = document.getElementById("results-heading");
  if (status && heading) status.textContent = heading.textContent.replace(/\s+/g, " ").trim();
});
