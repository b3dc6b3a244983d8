// The sandbox phone: a thin page over the control API (/sandbox/...). Polls once a second.
(function () {
  "use strict";
  var $ = sandboxPage.$, api = sandboxPage.api;
  var params = new URLSearchParams(location.search);
  var highlight = params.get("payload");
  var userSelect = document.querySelector("[data-testid=phone-user]");
  var message = document.querySelector("[data-testid=phone-message]");
  var users = [];
  var busy = {};

  function say(text, kind) {
    message.textContent = text;
    message.className = "status" + (kind ? " " + kind : "");
  }

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (text !== undefined && text !== null) node.textContent = text;
    return node;
  }

  function account() { return userSelect.value; }

  function nameOf(acct) {
    var u = users.filter(function (x) { return x.account === acct; })[0];
    return u ? u.name : acct;
  }

  function drops(amount) {
    if (typeof amount !== "string" || !/^\d+$/.test(amount)) return null;
    return (Number(amount) / 1e6).toLocaleString("en", { maximumFractionDigits: 6 }) + " XRP";
  }

  function act(uuid, action) {
    busy[uuid] = true;
    render.lastKey = "";
    say(action.charAt(0).toUpperCase() + action.slice(1) + "ing…");
    var body = { account: account() };
    return api("POST", "payloads/" + uuid + "/" + action, body)
      .then(function (r) {
        var done = action === "sign" ? "Signed" + (r.txid ? " (" + r.txid.slice(0, 12) + "…)" : "")
          : action === "reject" ? "Rejected" : "Opened";
        say(done, action === "reject" ? "bad" : "ok");
      })
      .catch(function (e) { say(e.message, "bad"); })
      .then(function () { delete busy[uuid]; refresh(); });
  }

  function item(p) {
    var li = el("li", { "class": "item" + (p.uuid === highlight ? " highlight" : ""), "data-testid": "phone-payload", "data-uuid": p.uuid, "data-status": p.status });
    li.appendChild(el("div", { "class": "title" }, p.tx_type + " · " + p.app_name));
    if (p.instruction) li.appendChild(el("p", { "class": "instruction" }, p.instruction));
    var details = [];
    if (p.destination) details.push("to " + nameOf(p.destination));
    var xrp = drops(p.amount);
    if (xrp) details.push(xrp);
    if (p.pushed_to) details.push("pushed");
    if (details.length) li.appendChild(el("div", { "class": "muted small" }, details.join(" · ")));
    li.appendChild(el("div", { "class": "muted small" }, p.uuid));
    var row = el("div", { "class": "row", style: "margin-top:8px" });
    row.appendChild(el("span", { "class": "badge" + (p.pushed_to ? " pushed" : ""), "data-testid": "phone-status" }, p.status));
    var actionable = p.status === "open" || p.status === "opened";
    if (actionable) {
      [["open", "Open", "secondary"], ["sign", "Sign", "ok"], ["reject", "Reject", "bad"]].forEach(function (a) {
        if (a[0] === "open" && p.status === "opened") return;
        var b = el("button", { "class": a[2], "data-testid": "phone-" + a[0], type: "button" }, a[1]);
        b.disabled = !!busy[p.uuid];
        b.addEventListener("click", function () { act(p.uuid, a[0]); });
        row.appendChild(b);
      });
    }
    li.appendChild(row);
    return li;
  }

  function fill(listId, emptyId, payloads) {
    var list = $(listId);
    list.textContent = "";
    payloads.forEach(function (p) { list.appendChild(item(p)); });
    $(emptyId).hidden = payloads.length > 0;
  }

  function render(inbox, open) {
    var key = JSON.stringify([account(), inbox, open, busy]);
    if (key === render.lastKey) return;
    render.lastKey = key;
    fill("phone-inbox", "phone-inbox-empty", inbox.slice(0, 20));
    fill("phone-scan", "phone-scan-empty", open.filter(function (p) { return !p.pushed_to; }));
    var target = highlight && document.querySelector("[data-uuid='" + highlight + "']");
    if (target && !render.scrolled) { render.scrolled = true; target.scrollIntoView({ block: "center" }); }
  }

  function refresh() {
    if (!account()) return;
    Promise.all([api("GET", "inbox/" + account()), api("GET", "payloads"), api("GET", "users"), api("GET", "clock")])
      .then(function (r) {
        users = r[2];
        var me = users.filter(function (u) { return u.account === account(); })[0];
        $("phone-account").textContent = account();
        $("phone-token").textContent = me && me.user_token
          ? "Push enabled for the app until " + new Date(me.user_token.expires * 1000).toISOString().slice(0, 10)
          : "No live push token for the app yet (sign a request to get one).";
        $("phone-clock").textContent = r[3].now_iso.replace("T", " ").replace("Z", " UTC");
        render(r[0], r[1]);
      })
      .catch(function (e) { say(e.message, "bad"); });
  }

  userSelect.addEventListener("change", function () {
    render.lastKey = "";
    refresh();
  });

  Array.prototype.forEach.call(document.querySelectorAll("[data-advance]"), function (b) {
    b.addEventListener("click", function () {
      api("POST", "clock", { advance_seconds: Number(b.getAttribute("data-advance")) })
        .then(function () { say("Clock moved forward.", "ok"); refresh(); })
        .catch(function (e) { say(e.message, "bad"); });
    });
  });

  sandboxPage.userPicker(userSelect, "sandbox-phone-account", function (u) {
    return u.name + " — " + u.account.slice(0, 8) + "…";
  }).then(function (list) {
    users = list;
    // A payload pushed to someone is opened on that user's phone.
    var pick = highlight
      ? api("GET", "payloads/" + highlight).then(function (p) { if (p.pushed_to) userSelect.value = p.pushed_to; }, function () {})
      : Promise.resolve();
    pick.then(function () {
      refresh();
      setInterval(refresh, 1000);
    });
  });
})();
