// Shows one sign request: the route it took, its QR or deep link, a timeline of status events
// with times, and the verified outcome.
import { $, showIf, setText, clockTime } from "./dom.js";

const EVENT_LABELS = {
  created: "Created",
  opened: "Opened in Xaman",
  pre_signed: "Signed in Xaman, verifying",
  dispatched: "Submitted to the ledger",
  signed: "Signed",
  rejected: "Rejected",
  expired: "Expired",
  cancelled: "Cancelled",
};

const OUTCOME_TEXT = {
  signed: "Signed",
  rejected: "Rejected in Xaman",
  expired: "Expired before it was signed",
  cancelled: "Cancelled",
};

/** What the route line says while the request waits (`done` false) and once it resolved. */
function routeText(route, account, done = false) {
  if (done) {
    switch (route) {
      case "push": return `Was pushed to ${account || "your phone"}.`;
      case "qr": return "Was shown as a QR code.";
      case "deeplink": return "Was opened with a deep link.";
      case "xapp": return "Was opened in Xaman, in the xApp.";
      default: return `Was sent (${route}).`;
    }
  }
  switch (route) {
    case "push": return `Pushed to ${account || "your phone"}. Open Xaman to sign it.`;
    case "qr": return "Scan this QR code with Xaman.";
    case "deeplink": return "Open it in Xaman on this phone.";
    case "xapp": return "Opened in Xaman, right here.";
    default: return `Sent (${route}).`;
  }
}

/** Clears the panel and shows a freshly created request. */
export function showRequest(req, account) {
  const panel = $("request");
  panel.hidden = false;
  $("timeline").replaceChildren();
  showIf($("result"), false);
  setStatus("waiting", "waiting");
  setText("expires-in", "");
  setText("payload-uuid", req.uuid);

  const route = $("route");
  route.dataset.route = req.route;
  route.dataset.account = account || "";
  route.textContent = routeText(req.route, account);

  const link = $("deeplink");
  showIf(link, req.route === "deeplink");
  if (req.deeplink) link.href = req.deeplink;

  // The QR is the main way in for "qr", a fallback for "push" and "deeplink", and useless
  // inside the xApp (the request is already open on that phone).
  const svg = req.route === "xapp" ? "" : req.qrSvg();
  const main = $("qr");
  main.innerHTML = req.route === "qr" ? svg : "";
  showIf(main, req.route === "qr");
  const fallback = $("qr-fallback");
  $("qr-fallback-code").innerHTML = req.route === "push" || req.route === "deeplink" ? svg : "";
  fallback.open = false;
  showIf(fallback, req.route === "push" || req.route === "deeplink");

  showIf($("cancel"), true);
  $("cancel").disabled = false;
  addEvent("created");
  panel.scrollIntoView({ block: "nearest" });
}

/** Adds a timeline entry (each kind of event once) with the current time. */
export function addEvent(type) {
  const list = $("timeline");
  if (list.querySelector(`[data-event="${type}"]`)) return;
  const item = document.createElement("li");
  item.dataset.event = type;
  const time = document.createElement("time");
  time.dateTime = new Date().toISOString();
  time.textContent = clockTime();
  item.append(time, " ", EVENT_LABELS[type] || type);
  list.append(item);
}

/** Applies one status event from `req.on("status")`. */
export function applyStatus(ev) {
  if (ev.type === "expires_in") {
    const seconds = ev.seconds ?? ev.expiresInSeconds ?? ev.expires_in_seconds;
    if (typeof seconds === "number") setText("expires-in", `· expires in ${formatSeconds(seconds)}`);
    return;
  }
  addEvent(ev.type);
  if (ev.type === "opened") setStatus("opened", "opened");
  if (ev.type === "pre_signed" || ev.type === "dispatched") setStatus("verifying", "verifying");
}

/** Shows the verified outcome from `req.resolved`. */
export function showResult(result) {
  addEvent(result.outcome);
  setStatus(result.outcome, result.outcome);
  setText("expires-in", "");
  const outcome = $("outcome");
  outcome.dataset.outcome = result.outcome;
  outcome.textContent = OUTCOME_TEXT[result.outcome] || result.outcome;
  setText("result-account", result.account || "");
  showIf($("result-account-row"), Boolean(result.account));
  setText("txid", result.txid || "");
  showIf($("txid-row"), Boolean(result.txid));
  showIf($("result"), true);
  showIf($("cancel"), false);
  const route = $("route");
  route.textContent = routeText(route.dataset.route, route.dataset.account, true);
  // Nothing left to scan or open.
  showIf($("deeplink"), false);
  showIf($("qr"), false);
  showIf($("qr-fallback"), false);
}

/** Hides the request panel (a new request is on its way). */
export function hideRequest() {
  showIf($("request"), false);
}

/** Marks the request as failed (the error itself is shown by the page's alert). */
export function showFailed() {
  setStatus("error", "error");
  showIf($("cancel"), false);
}

function setStatus(status, text) {
  const pill = $("status");
  pill.dataset.status = status;
  pill.textContent = text;
}

function formatSeconds(total) {
  if (total < 0) return "0 s";
  if (total < 120) return `${total} s`;
  const minutes = Math.round(total / 60);
  return minutes < 120 ? `${minutes} min` : `${Math.round(minutes / 60)} h`;
}
