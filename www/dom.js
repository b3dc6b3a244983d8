// Tiny DOM helpers for the demo: elements are found by their data-testid, which the
// end-to-end tests use too, so the page and the tests agree on one set of names.

/** The element with this data-testid (inside `root`, default the document). */
export function $(testid, root = document) {
  const el = root.querySelector(`[data-testid="${testid}"]`);
  if (!el) throw new Error(`demo: no element [data-testid="${testid}"]`);
  return el;
}

/** Shows or hides an element (the `hidden` attribute). */
export function showIf(el, visible) {
  el.hidden = !visible;
}

/** Sets the text of the element with this data-testid. */
export function setText(testid, text) {
  $(testid).textContent = text;
}

/** A wall-clock time for the timeline, e.g. "14:03:27". */
export function clockTime(date = new Date()) {
  return date.toLocaleTimeString([], { hour: "2-digit", minute: "2-digit", second: "2-digit", hour12: false });
}

/** A date and time for token expiry, e.g. "4 Jan 2027, 14:03". */
export function dateTime(unixSeconds) {
  return new Date(unixSeconds * 1000).toLocaleString([], {
    day: "numeric", month: "short", year: "numeric", hour: "2-digit", minute: "2-digit", hour12: false,
  });
}
