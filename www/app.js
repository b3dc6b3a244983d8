// The xaman-wasm demo dApp: connects the SDK with the public settings of the app's backend,
// shows which route sign requests take (xApp, Web3 or the backend proxy) and walks one
// request from creation to its verified outcome.
import { $, showIf, setText, dateTime } from "./dom.js";
import { readRequest } from "./request-form.js";
import * as view from "./request-view.js";

/** Where the app's backend (xaman-proxy) answers, on this page's own origin. */
const PROXY = "/api/xaman";

const CONTEXT_LABELS = { xapp: "xApp", web3: "Web3", proxy: "Proxy" };

/** The package's exports, loaded from /pkg/ (served by xaman-proxy --pkg). */
let sdk = null;
/** The connected SDK instance, once `Xaman.connect` has answered. */
let xaman = null;
/** The request on screen: `{ req, offs }`, replaced when a new one is sent. */
let current = null;

wireForm();
connect();

async function connect() {
  try {
    sdk = await loadPackage();
    const config = await loadConfig();
    showSandboxLinks(config);
    xaman = await sdk.Xaman.connect({
      apiKey: config.apiKey,
      proxy: PROXY,
      endpoint: config.endpoint,
      oauthEndpoint: config.oauthEndpoint,
      debug: new URLSearchParams(location.search).has("debug"),
    });
  } catch (error) {
    setText("context", "not connected");
    setText("context-hint", "The SDK could not start; see the message above.");
    showError(error);
    return;
  }
  xaman.on("signedIn", renderAccount);
  xaman.on("signedOut", renderAccount);
  xaman.on("error", showError);
  wireAccountButtons();
  renderAccount();
  $("send-request").disabled = false;
  if (xaman.context === "xapp") {
    $("sandbox-links").hidden = true;
    // Tells the host the page is ready (removes Xaman's loader); failures are not interesting here.
    xaman.xapp.ready().catch(() => {});
  }
}

/** Loads the built npm package (`npm run build` writes it to pkg/). */
async function loadPackage() {
  try {
    return await import("/pkg/index.js");
  } catch {
    throw Object.assign(new Error("The xaman-wasm package is not at /pkg/index.js: run `npm run build`."), { code: "not_built" });
  }
}

/** The public settings (API key, platform and OAuth2 endpoints) from the backend. */
async function loadConfig() {
  let response;
  try {
    response = await fetch(`${PROXY}/config`, { headers: { accept: "application/json" } });
  } catch {
    throw Object.assign(new Error(`Cannot reach the app's backend at ${PROXY}/config.`), { code: "network" });
  }
  if (!response.ok) {
    throw Object.assign(new Error(`The app's backend answered ${response.status} for ${PROXY}/config.`), {
      code: "network", status: response.status,
    });
  }
  return response.json();
}

function renderAccount() {
  const context = xaman.context;
  const user = xaman.user;
  const badge = $("context");
  badge.dataset.context = context;
  badge.textContent = CONTEXT_LABELS[context] || context;

  setText("context-hint", hintFor(context, user));
  setText("account", user ? user.account : "not known yet");
  $("account").classList.toggle("mono", Boolean(user));
  setText("user-name", user?.name || "");
  showIf($("user-name-row"), Boolean(user?.name));
  setText("network", user?.networkType || "");
  showIf($("network-row"), Boolean(user?.networkType));
  const expires = context === "proxy" && user?.tokenExpiresAt;
  setText("token-expires", expires ? dateTime(user.tokenExpiresAt) : "");
  showIf($("token-expires-row"), Boolean(expires));

  const signedIn = context === "web3" && Boolean(user);
  showIf($("account-actions"), context !== "xapp");
  showIf($("sign-in"), !signedIn);
  showIf($("sign-in-redirect"), !signedIn);
  showIf($("sign-out"), signedIn);
}

function hintFor(context, user) {
  if (context === "xapp") return "Running inside Xaman as an xApp: requests open right here.";
  if (context === "web3") {
    return user
      ? "Signed in with Xaman: every request is pushed to your phone."
      : "Sign in with Xaman to send requests.";
  }
  if (user?.tokenExpiresAt && user.tokenExpiresAt * 1000 < Date.now()) {
    return "Your last signature was too long ago: the next request is a QR code to scan again.";
  }
  return user
    ? "The app's backend knows you from your last signature: requests are pushed to your phone until the date below."
    : "Requests go through the app's backend. Scan the first one with Xaman; after that they are pushed to your phone. Or sign in.";
}

function wireAccountButtons() {
  $("sign-in").addEventListener("click", () => startSignIn(undefined));
  $("sign-in-redirect").addEventListener("click", () => startSignIn({ redirect: true }));
  $("sign-out").addEventListener("click", async () => {
    clearError();
    try {
      await xaman.signOut();
    } catch (error) {
      showError(error, $("account-card"));
    }
    renderAccount();
  });
}

/** Starts the Web3 sign-in. `signIn()` is called before any await so the popup may open. */
function startSignIn(options) {
  clearError();
  let pending;
  try {
    pending = options ? xaman.signIn(options) : xaman.signIn();
  } catch (error) {
    showError(error, $("account-card"));
    return;
  }
  const buttons = [$("sign-in"), $("sign-in-redirect")];
  buttons.forEach((b) => { b.disabled = true; });
  pending.then(renderAccount, (error) => showError(error, $("account-card"))).finally(() => {
    buttons.forEach((b) => { b.disabled = false; });
  });
}

function wireForm() {
  const form = $("request-form");
  const syncType = () => showIf($("payment-fields"), form.elements.type.value === "Payment");
  form.addEventListener("change", syncType);
  syncType();
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    clearError();
    const { request, problem } = readRequest(form);
    setText("form-error", problem || "");
    showIf($("form-error"), Boolean(problem));
    if (problem) return;
    const button = $("send-request");
    button.disabled = true;
    forget(current);
    current = null;
    view.hideRequest();
    try {
      track(await xaman.payload(request));
    } catch (error) {
      showError(error, $("request-form"));
    } finally {
      button.disabled = false;
    }
  });
  $("cancel").addEventListener("click", cancelCurrent);
}

/** Puts a created request on screen and follows it to its outcome. */
function track(req) {
  forget(current);
  const entry = { req, offs: [] };
  current = entry;
  view.showRequest(req, xaman.user?.account);
  entry.offs.push(req.on("status", (ev) => {
    if (current === entry) view.applyStatus(ev);
  }));
  req.resolved.then(
    (result) => {
      if (current !== entry) return;
      view.showResult(result);
      renderAccount(); // in proxy mode a signature teaches the backend who the user is
      forget(entry);
    },
    (error) => {
      if (current !== entry) return;
      view.showFailed();
      showError(error, $("request"));
      forget(entry);
    },
  );
}

function forget(entry) {
  if (!entry) return;
  entry.offs.splice(0).forEach((off) => off());
}

async function cancelCurrent() {
  const entry = current;
  if (!entry) return;
  clearError();
  const button = $("cancel");
  button.disabled = true;
  try {
    await entry.req.cancel();
  } catch (error) {
    if (current === entry) button.disabled = false;
    showError(error, $("request"));
  }
}

function showSandboxLinks(config) {
  let host;
  try {
    host = new URL(config.endpoint).hostname;
  } catch {
    return;
  }
  if (!["127.0.0.1", "localhost", "[::1]"].includes(host)) return;
  const base = config.endpoint.replace(/\/$/, "");
  $("phone-link").href = `${base}/sandbox/phone`;
  $("xapp-link").href = `${base}/sandbox/xapp?url=${encodeURIComponent(location.origin + location.pathname)}`;
  $("sandbox-links").hidden = false;
  offerSandboxUsers(base);
}

/** On the sandbox, offers its simulated users as Payment destinations. */
async function offerSandboxUsers(base) {
  try {
    const users = await (await fetch(`${base}/sandbox/users`)).json();
    $("known-accounts").replaceChildren(...users.map((user) => {
      const option = document.createElement("option");
      option.value = user.account;
      option.label = `${user.name} (sandbox)`;
      return option;
    }));
  } catch {
    // Only a convenience: the field still takes any address.
  }
}

/**
 * Shows an error with its code. `near` is the card it belongs to (the alert moves to its end);
 * without one the alert goes to the top of the page.
 */
function showError(error, near) {
  const code = sdk?.isXamanError(error) ? error.code : error?.code || "unexpected";
  const extra = [
    error?.status && !String(error.message).includes(`HTTP ${error.status}`) ? `HTTP ${error.status}` : "",
    error?.reference ? `reference ${error.reference}` : "",
  ].filter(Boolean).join(", ");
  setText("error-code", code);
  setText("error-message", `${error?.message || String(error)}${extra ? ` (${extra})` : ""}`);
  const alert = $("error");
  alert.dataset.code = code;
  if (near) near.append(alert);
  else document.querySelector("main").prepend(alert);
  showIf(alert, true);
}

function clearError() {
  showIf($("error"), false);
  $("error").dataset.code = "";
}
