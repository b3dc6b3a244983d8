// The sandbox's sign-in page: waits for the SignIn payload to resolve (websocket, with polling as
// a fallback), then hands the result to the window that opened it (popup) or redirects.
(function () {
  "use strict";
  var cfg = JSON.parse(document.getElementById("oauth-config").textContent);
  var statusEl = document.querySelector("[data-testid=oauth-status]");
  var finished = false;
  var busy = false;

  function show(text, kind) {
    statusEl.textContent = text;
    statusEl.className = "status" + (kind ? " " + kind : "");
  }

  function finish(result) {
    finished = true;
    var signed = result.status === "signed";
    show(signed ? "Signed in. Returning to the app…" : "Sign in refused.", signed ? "ok" : "bad");
    document.body.setAttribute("data-result", result.status);
    var opener = null;
    try { opener = window.opener && !window.opener.closed ? window.opener : null; } catch (e) { opener = null; }
    if (opener) {
      opener.postMessage(JSON.stringify(result.message), result.target_origin);
      setTimeout(function () { window.close(); }, 300);
    } else {
      window.location.replace(result.redirect);
    }
  }

  function check() {
    if (finished || busy) return;
    busy = true;
    fetch(cfg.resultUrl, { method: "POST" })
      .then(function (r) { return r.json(); })
      .then(function (result) {
        busy = false;
        if (!finished && result.status && result.status !== "pending") finish(result);
      })
      .catch(function () { busy = false; });
  }

  function connect() {
    var ws;
    try { ws = new WebSocket(cfg.websocket); } catch (e) { return; }
    ws.onmessage = function (event) {
      var m;
      try { m = JSON.parse(event.data); } catch (e) { return; }
      if (m.opened) show("Opened on the phone…");
      if (m.pre_signed) show("Signing…");
      if ("signed" in m || m.expired) check();
    };
    ws.onclose = function () { if (!finished) setTimeout(connect, 2000); };
  }

  connect();
  setInterval(check, 1500);
})();
