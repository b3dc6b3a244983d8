// What the sandbox's own pages (phone, xApp host) share: finding elements by data-testid, calling
// the control API (/sandbox/...), and the wallet-user picker that remembers its choice.
var sandboxPage = (function () {
  "use strict";

  function byTestId(id) { return document.querySelector("[data-testid=" + id + "]"); }

  /** Calls the control API; a non-2xx answer rejects with the platform's message. */
  function api(method, path, body) {
    return fetch("/sandbox/" + path, {
      method: method,
      headers: body ? { "content-type": "application/json" } : {},
      body: body ? JSON.stringify(body) : undefined,
    }).then(function (r) {
      return r.json().then(function (json) {
        if (!r.ok) throw new Error(json.message || json.error || ("HTTP " + r.status));
        return json;
      });
    });
  }

  /**
   * Fills `select` with the sandbox users (`label(user)` as the text) and picks the one named by
   * `?account=`, else the one last chosen on this page (localStorage `storageKey`). Remembers
   * every later choice. Resolves with the users.
   */
  function userPicker(select, storageKey, label) {
    select.addEventListener("change", function () {
      try { localStorage.setItem(storageKey, select.value); } catch (e) { /* private mode */ }
    });
    return api("GET", "users").then(function (list) {
      var wanted = new URLSearchParams(location.search).get("account");
      try { wanted = wanted || localStorage.getItem(storageKey); } catch (e) { /* private mode */ }
      list.forEach(function (u) {
        var option = document.createElement("option");
        option.value = u.account;
        option.textContent = label(u);
        select.appendChild(option);
      });
      if (wanted && list.some(function (u) { return u.account === wanted; })) select.value = wanted;
      return list;
    });
  }

  return { $: byTestId, api: api, userPicker: userPicker };
})();
