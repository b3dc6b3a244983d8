// Drives the demo page (www/) the way a person does: read what is shown, click, type. Every
// function takes a playwright Page or Frame (the demo inside the xApp emulator is a frame).

const DEFAULT_TIMEOUT = 15_000;

/** A CSS selector for a data-testid. */
export const tid = (id) => `[data-testid="${id}"]`;

/** The visible text of an element ("" when hidden or missing). */
export async function textOf(target, id) {
  return target.evaluate((selector) => {
    const el = document.querySelector(selector);
    return el && !el.closest("[hidden]") ? el.textContent.trim() : "";
  }, tid(id));
}

/** What the page shows right now, for failure messages. */
export async function snapshot(target) {
  return target.evaluate(() => {
    const read = (id) => {
      const el = document.querySelector(`[data-testid="${id}"]`);
      return el && !el.closest("[hidden]") ? el.textContent.trim().replace(/\s+/g, " ") : "(hidden)";
    };
    return ["context", "account", "route", "status", "outcome", "error", "form-error", "timeline"]
      .map((id) => `${id}: ${read(id)}`).join("\n");
  }).catch((error) => `(page not readable: ${error.message})`);
}

/**
 * Waits until the element is visible and its text matches `pattern`; returns the text.
 * On timeout the error says what the page showed.
 */
export async function waitForText(target, id, pattern, timeout = DEFAULT_TIMEOUT) {
  try {
    const handle = await target.waitForFunction(({ selector, source, flags }) => {
      const el = document.querySelector(selector);
      if (!el || el.closest("[hidden]")) return false;
      const text = el.textContent.trim();
      return new RegExp(source, flags).test(text) ? text : false;
    }, { selector: tid(id), source: pattern.source, flags: pattern.flags }, { timeout, polling: 100 });
    return await handle.jsonValue();
  } catch (error) {
    if (!/Timeout/i.test(error.message)) throw error;
    throw new Error(`"${id}" did not show ${pattern} within ${timeout} ms; the page shows:\n${await snapshot(target)}`);
  }
}

/** Waits until the element's `data-<name>` attribute equals `value`. */
export async function waitForData(target, id, name, value, timeout = DEFAULT_TIMEOUT) {
  try {
    await target.waitForFunction(({ selector, name, value }) => {
      const el = document.querySelector(selector);
      return Boolean(el && !el.closest("[hidden]") && el.dataset[name] === value);
    }, { selector: tid(id), name, value }, { timeout, polling: 100 });
  } catch (error) {
    if (!/Timeout/i.test(error.message)) throw error;
    throw new Error(`"${id}" did not get data-${name}="${value}" within ${timeout} ms; the page shows:\n${await snapshot(target)}`);
  }
}

/** Waits until the demo is connected and shows `context` ("proxy", "web3" or "xapp"). */
export async function waitForContext(target, context, timeout = DEFAULT_TIMEOUT) {
  await waitForData(target, "context", "context", context, timeout);
}

/** Whether the element is shown. */
export async function isShown(target, id) {
  return target.evaluate((selector) => {
    const el = document.querySelector(selector);
    return Boolean(el && !el.closest("[hidden]"));
  }, tid(id));
}

/**
 * Fills the request form and sends it. `type` is "SignIn" or "Payment". Resolves with
 * `{ uuid, route }` once the request is on screen, or `{ error: { code, message } }` when the
 * page showed an error instead.
 */
export async function sendRequest(target, { type = "SignIn", destination, amount, instruction } = {}) {
  const before = await textOf(target, "payload-uuid");
  await target.locator(tid(type === "Payment" ? "type-payment" : "type-signin")).check();
  if (type === "Payment") {
    await target.locator(tid("destination")).fill(destination ?? "");
    await target.locator(tid("amount")).fill(amount ?? "");
  }
  await target.locator(tid("instruction")).fill(instruction ?? "");
  await target.locator(tid("send-request")).click();
  try {
    await target.waitForFunction(({ before }) => {
      const shown = (id) => {
        const el = document.querySelector(`[data-testid="${id}"]`);
        return el && !el.closest("[hidden]") ? el : null;
      };
      const uuid = shown("payload-uuid")?.textContent.trim();
      return (uuid && uuid !== before) || shown("error") || shown("form-error");
    }, { before }, { timeout: DEFAULT_TIMEOUT, polling: 100 });
  } catch (error) {
    if (!/Timeout/i.test(error.message)) throw error;
    throw new Error(`the request did not appear; the page shows:\n${await snapshot(target)}`);
  }
  if (await isShown(target, "error")) {
    return { error: { code: await textOf(target, "error-code"), message: await textOf(target, "error-message") } };
  }
  if (await isShown(target, "form-error")) {
    return { error: { code: "form", message: await textOf(target, "form-error") } };
  }
  const uuid = await textOf(target, "payload-uuid");
  const route = await target.locator(tid("route")).getAttribute("data-route");
  return { uuid, route };
}

/** Waits for the verified outcome and returns `{ outcome, account, txid }` as shown. */
export async function waitForOutcome(target, outcome, timeout = DEFAULT_TIMEOUT) {
  await waitForData(target, "outcome", "outcome", outcome, timeout);
  return {
    outcome,
    text: await textOf(target, "outcome"),
    account: await textOf(target, "result-account"),
    txid: await textOf(target, "txid"),
  };
}

/** The timeline's event types, in order. */
export async function timelineEvents(target) {
  return target.evaluate(() => [...document.querySelectorAll('[data-testid="timeline"] li')].map((li) => li.dataset.event));
}
