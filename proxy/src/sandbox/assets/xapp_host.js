// The sandbox's xApp host: what the Xaman app does around an xApp's webview, in a browser page.
// Bridge (reference §9): the xApp posts "XAPP_PROXY_INIT", we answer "XAPP_PROXY_INIT_ACK"; then
// it posts JSON command strings to window.parent; we answer with JSON event strings posted into
// the frame 250 ms after the action. Commands less than 1.5 s after the previously accepted one
// are dropped, as the real host does (and logged here as "dropped").
(function () {
  "use strict";
  var $ = sandboxPage.$, api = sandboxPage.api;
  var THROTTLE_MS = 1500;
  var EVENT_DELAY_MS = 250;
  var KNOWN = ["openSignRequest", "close", "share", "scanQr", "openBrowser", "selectDestination",
    "txDetails", "xAppNavigate", "ready", "networkSwitch", "kycVeriff", "getLogs", "requestInAppPurchase"];
  var UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;

  var params = new URLSearchParams(location.search);
  var xappUrl = params.get("url") || "";
  var frame = document.getElementById("xapp-frame");
  var userSelect = $("xapp-user");
  var users = [];
  var lastAccepted = 0;
  var signing = null; // uuid shown in the sign sheet

  function log(kind, text, command) {
    var li = document.createElement("li");
    li.className = kind;
    li.setAttribute("data-kind", kind);
    if (command) li.setAttribute("data-command", command);
    li.textContent = new Date().toISOString().slice(11, 23) + " " + kind + ": " + text;
    $("xapp-log").appendChild(li);
    li.scrollIntoView({ block: "nearest" });
  }

  function toast(text) {
    var div = document.createElement("div");
    div.className = "toast";
    div.setAttribute("data-testid", "xapp-toast");
    div.textContent = text;
    $("xapp-toasts").appendChild(div);
    setTimeout(function () { div.remove(); }, 6000);
  }

  /** Posts a host event into the xApp, as the app does 250 ms after the action. */
  function emit(event) {
    setTimeout(function () {
      if (!frame.contentWindow) return;
      frame.contentWindow.postMessage(JSON.stringify(event), "*");
      log("event", JSON.stringify(event), event.method);
    }, EVENT_DELAY_MS);
  }

  function show(id, visible) { $(id).hidden = !visible; }

  // --- launching -----------------------------------------------------------------------------

  function launch(navigateData) {
    if (!xappUrl) { show("xapp-url-form", true); return; }
    show("xapp-closed", false);
    show("xapp-loader", true);
    frame.hidden = false;
    var body = { account: userSelect.value, url: xappUrl, style: "LIGHT" };
    if (navigateData) body.navigate_data = navigateData;
    api("POST", "xapp/launch", body).then(function (launched) {
      lastAccepted = 0;
      frame.setAttribute("data-ott", launched.ott);
      frame.src = launched.url;
      log("host", "launched for " + launched.account + " with xAppToken " + launched.ott);
    }).catch(function (e) {
      show("xapp-loader", false);
      log("host", "launch failed: " + e.message);
      toast("Launch failed: " + e.message);
    });
  }

  frame.addEventListener("load", function () {
    // Without a `ready` command the app removes its loader after a few seconds anyway.
    setTimeout(function () { show("xapp-loader", false); }, 1000);
  });

  // --- commands ------------------------------------------------------------------------------

  function openSignRequest(cmd) {
    if (!UUID_V4.test(String(cmd.uuid || ""))) { log("host", "openSignRequest: uuid is not a v4 UUID"); return; }
    api("GET", "payloads/" + cmd.uuid).then(function (p) {
      signing = p.uuid;
      $("xapp-sign-app").textContent = p.app_name;
      $("xapp-sign-type").textContent = p.tx_type;
      $("xapp-sign-instruction").textContent = p.instruction || "";
      $("xapp-sign-instruction").hidden = !p.instruction;
      $("xapp-sign-json").textContent = JSON.stringify(p.request_json, null, 2);
      $("xapp-sign-uuid").textContent = p.uuid;
      var done = p.status !== "open" && p.status !== "opened";
      $("xapp-sign-error").textContent = done ? "This sign request is " + p.status + "." : "";
      $("xapp-sign-error").hidden = !done;
      $("xapp-sign").disabled = done;
      $("xapp-reject").disabled = done;
      show("xapp-sign-request", true);
      if (!done) api("POST", "payloads/" + p.uuid + "/open", { account: userSelect.value, origin: "XAPP" }).catch(function () {});
    }).catch(function (e) {
      log("host", "openSignRequest " + cmd.uuid + ": " + e.message);
      toast("Sign request not found");
    });
  }

  function resolveSignRequest(action) {
    var uuid = signing;
    if (!uuid) return;
    $("xapp-sign").disabled = true;
    $("xapp-reject").disabled = true;
    api("POST", "payloads/" + uuid + "/" + action, { account: userSelect.value, origin: "XAPP" }).then(function () {
      signing = null;
      show("xapp-sign-request", false);
      emit({ method: "payloadResolved", reason: action === "sign" ? "SIGNED" : "DECLINED", uuid: uuid });
    }).catch(function (e) {
      $("xapp-sign-error").textContent = e.message;
      $("xapp-sign-error").hidden = false;
      $("xapp-sign-close").disabled = false;
    });
  }

  $("xapp-sign").addEventListener("click", function () { resolveSignRequest("sign"); });
  $("xapp-reject").addEventListener("click", function () { resolveSignRequest("reject"); });
  $("xapp-sign-close").addEventListener("click", function () { signing = null; show("xapp-sign-request", false); });

  $("xapp-scan-submit").addEventListener("click", function () {
    show("xapp-scan", false);
    emit({ method: "scanQr", qrContents: $("xapp-scan-input").value, reason: "SCANNED" });
  });
  $("xapp-scan-cancel").addEventListener("click", function () {
    show("xapp-scan", false);
    emit({ method: "scanQr", qrContents: null, reason: "USER_CLOSE" });
  });

  function selectDestination() {
    var list = $("xapp-destination-list");
    list.textContent = "";
    users.forEach(function (u) {
      var li = document.createElement("li");
      var b = document.createElement("button");
      b.type = "button";
      b.className = "secondary";
      b.setAttribute("data-testid", "xapp-destination-option");
      b.setAttribute("data-account", u.account);
      b.textContent = u.name + " — " + u.account;
      b.addEventListener("click", function () {
        show("xapp-destination", false);
        emit({
          method: "selectDestination",
          destination: { address: u.account, tag: null, name: u.name },
          info: { blackHole: false, disallowIncomingXRP: false, exist: true, possibleExchange: false,
            requireDestinationTag: false, risk: "UNKNOWN" },
          reason: "SELECTED",
        });
      });
      li.appendChild(b);
      list.appendChild(li);
    });
    show("xapp-destination", true);
  }
  $("xapp-destination-cancel").addEventListener("click", function () {
    show("xapp-destination", false);
    emit({ method: "selectDestination", reason: "USER_CLOSE" });
  });

  var browserUrl = null;
  $("xapp-browser-open").addEventListener("click", function () {
    show("xapp-browser", false);
    if (browserUrl) window.open(browserUrl, "_blank", "noopener");
  });
  $("xapp-browser-cancel").addEventListener("click", function () { show("xapp-browser", false); });

  function handle(cmd) {
    switch (cmd.command) {
      case "ready": show("xapp-loader", false); break;
      case "openSignRequest": openSignRequest(cmd); break;
      case "close":
        frame.src = "about:blank";
        frame.hidden = true;
        show("xapp-closed", true);
        break;
      case "share": toast("Share: " + (cmd.text || "")); break;
      case "scanQr": $("xapp-scan-input").value = ""; show("xapp-scan", true); break;
      case "openBrowser":
        if (!/^https:\/\//i.test(String(cmd.url || ""))) { log("host", "openBrowser: only https URLs are opened"); break; }
        browserUrl = cmd.url;
        $("xapp-browser-url").textContent = cmd.url;
        show("xapp-browser", true);
        break;
      case "selectDestination": selectDestination(); break;
      case "txDetails": toast("Transaction details: " + (cmd.tx || "") + (cmd.account ? " (" + cmd.account + ")" : "")); break;
      case "xAppNavigate": {
        var data = {};
        Object.keys(cmd).forEach(function (k) { if (k !== "command") data[k] = cmd[k]; });
        launch(data);
        break;
      }
      default: log("host", cmd.command + " is not simulated by the sandbox host");
    }
  }

  window.addEventListener("message", function (event) {
    if (event.source !== frame.contentWindow) return;
    if (event.data === "XAPP_PROXY_INIT") {
      event.source.postMessage("XAPP_PROXY_INIT_ACK", "*");
      log("host", "XAPP_PROXY_INIT → XAPP_PROXY_INIT_ACK");
      return;
    }
    var cmd;
    try { cmd = typeof event.data === "string" ? JSON.parse(event.data) : null; } catch (e) { cmd = null; }
    if (!cmd || typeof cmd.command !== "string" || KNOWN.indexOf(cmd.command) < 0) {
      log("host", "ignored a message that is not a known command: " + String(event.data).slice(0, 120));
      return;
    }
    var now = Date.now();
    if (now - lastAccepted < THROTTLE_MS) {
      log("dropped", event.data + " (" + (now - lastAccepted) + " ms after the previous command)", cmd.command);
      return;
    }
    lastAccepted = now;
    log("accepted", event.data, cmd.command);
    handle(cmd);
  });

  // --- start ---------------------------------------------------------------------------------

  $("xapp-relaunch").addEventListener("click", function () { launch(); });
  $("xapp-reopen").addEventListener("click", function () { launch(); });
  userSelect.addEventListener("change", function () { launch(); });
  $("xapp-url-form").addEventListener("submit", function (e) {
    e.preventDefault();
    xappUrl = $("xapp-url-input").value.trim();
    if (!xappUrl) return;
    params.set("url", xappUrl);
    history.replaceState(null, "", "?" + params.toString());
    show("xapp-url-form", false);
    launch();
  });

  sandboxPage.userPicker(userSelect, "sandbox-xapp-account", function (u) { return u.name; }).then(function (list) {
    users = list;
    launch();
  });
})();
