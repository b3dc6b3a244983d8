// Browser IO for the wasm (imported by src/web/http.rs). It only moves bytes: which request to
// send, and what an answer or a failure means, is decided in Rust.

/**
 * `fetch` with a timeout (the request is aborted when it runs out). `headers` is a flat list
 * `[name, value, name, value, …]`; `body` a string or null; `credentials` true for
 * `credentials: "include"`. Resolves with `[status, bodyText]`; rejects with
 * `["header", name]` (a header value fetch refuses), `["timeout"]` or `["network", message]`.
 */
export async function fetchText(method, url, headers, body, credentials, timeoutMs) {
  const init = { method, headers: new Headers() };
  for (let i = 0; i < headers.length; i += 2) {
    try {
      init.headers.set(headers[i], headers[i + 1]);
    } catch {
      throw ["header", headers[i]];
    }
  }
  if (body != null) init.body = body;
  if (credentials) init.credentials = "include";
  let timedOut = false;
  let timer;
  if (typeof AbortController == "function") {
    const controller = new AbortController();
    init.signal = controller.signal;
    timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, timeoutMs);
  }
  try {
    const response = await fetch(url, init);
    return [response.status, await response.text()];
  } catch (error) {
    throw timedOut ? ["timeout"] : ["network", messageOf(error)];
  } finally {
    clearTimeout(timer);
  }
}

function messageOf(error) {
  if (typeof error == "string") return error;
  return error != null && typeof error.message == "string" ? error.message : "";
}

/** A new pending promise with its settle functions: `[promise, resolve, reject]`. */
export function deferred() {
  let resolve, reject;
  const promise = new Promise((yes, no) => {
    resolve = yes;
    reject = no;
  });
  return [promise, resolve, reject];
}

/** `callback([true, value])` or `callback([false, reason])` once `promise` settles. */
export function whenSettled(promise, callback) {
  promise.then(
    (value) => callback([true, value]),
    (reason) => callback([false, reason]),
  );
}

/**
 * A WebSocket that reports to `callback`: `null` once open, the text of each text frame
 * (binary frames are not part of the protocol), then `true` or `false` when it closed (`true`:
 * a clean close with code 1000). Throws when the browser refuses the URL.
 */
export function openSocket(url, callback) {
  const ws = new WebSocket(url);
  ws.onopen = () => callback(null);
  ws.onmessage = (event) => {
    if (typeof event.data == "string") callback(event.data);
  };
  ws.onclose = (event) => callback(event.wasClean && event.code == 1000);
  return ws;
}

/** Close a socket of `openSocket` (code 1000); it reports nothing more. */
export function closeSocket(ws) {
  ws.onopen = ws.onmessage = ws.onclose = null;
  ws.close(1000);
}

/**
 * The page's `window` (the global object when it is a `Window`), or `undefined` outside a
 * browser window (Node, SSR, a worker).
 */
export function pageWindow() {
  return typeof Window == "function" && globalThis instanceof Window ? globalThis : undefined;
}

/**
 * The SDK's error: an `Error` named "XamanError" with `code`, and `status`, `reference`,
 * `platformCode`, `proxyCode` when they are not `undefined`.
 */
export function xamanError(message, code, status, reference, platformCode, proxyCode) {
  const error = new Error(message);
  error.name = "XamanError";
  error.code = code;
  if (status !== undefined) error.status = status;
  if (reference !== undefined) error.reference = reference;
  if (platformCode !== undefined) error.platformCode = platformCode;
  if (proxyCode !== undefined) error.proxyCode = proxyCode;
  return error;
}
