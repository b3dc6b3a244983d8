// The sandbox's browser pages in headless Chromium: the xApp host emulator (bridge handshake,
// commands, events, the 1.5 s throttle), the phone page, and the OAuth2 sign-in page's popup and
// redirect completion. A tiny local server plays the dApp / xApp.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import http from "node:http";
import { startProxy } from "../e2e/support/server.mjs";
import { launchBrowser } from "../e2e/support/browser.mjs";

const tid = (id) => `[data-testid="${id}"]`;

let server;
let platform;
let apiKey;
let apiSecret;
let app; // the local dApp / xApp server
let appOrigin;
let browser;

// A test xApp: handshake with the host, exchange the OTT for a JWT, then run commands that the
// test asks for through window.run(...). Host events are appended to #events.
const XAPP_PAGE = `<!doctype html><html><body><h1>Test xApp</h1><ol id="events"></ol><script>
  const events = document.getElementById("events");
  window.acked = false;
  window.received = [];
  window.addEventListener("message", (e) => {
    if (e.data === "XAPP_PROXY_INIT_ACK") { window.acked = true; return; }
    window.received.push(JSON.parse(e.data));
    const li = document.createElement("li"); li.textContent = e.data; events.appendChild(li);
  });
  window.parent.postMessage("XAPP_PROXY_INIT", "*");
  window.send = (command) => window.parent.postMessage(JSON.stringify(command), "*");
  window.jwtFlow = async (platform, apiKey) => {
    const ott = new URLSearchParams(location.search).get("xAppToken");
    const auth = await (await fetch(platform + "/api/v1/jwt/authorize", { headers: { "x-api-key": apiKey, "x-api-ott": ott } })).json();
    const created = await (await fetch(platform + "/api/v1/jwt/payload", {
      method: "POST", headers: { authorization: "Bearer " + auth.jwt, "content-type": "application/json" },
      body: JSON.stringify({ txjson: { TransactionType: "SignIn" } }) })).json();
    return { account: auth.ott.account, uuid: created.uuid, pushed: created.pushed };
  };
</script></body></html>`;

// An opener page for the OAuth2 popup: records the messages it receives.
const OPENER_PAGE = `<!doctype html><html><body><script>
  window.messages = [];
  window.addEventListener("message", (e) => window.messages.push({ origin: e.origin, data: e.data }));
</script></body></html>`;

function startApp() {
  app = http.createServer((req, res) => {
    const page = req.url.startsWith("/xapp") ? XAPP_PAGE : req.url.startsWith("/opener") ? OPENER_PAGE : `<p>callback ${req.url}</p>`;
    res.writeHead(200, { "content-type": "text/html" });
    res.end(page);
  });
  return new Promise((resolve) => app.listen(0, "127.0.0.1", () => {
    appOrigin = `http://127.0.0.1:${app.address().port}`;
    resolve();
  }));
}

async function control(method, route, body) {
  const response = await fetch(`${platform}/sandbox/${route}`, {
    method, headers: body ? { "content-type": "application/json" } : {}, body: body ? JSON.stringify(body) : undefined,
  });
  assert.ok(response.ok, `${method} ${route} → ${response.status}`);
  return response.json();
}

async function platformGet(uuid) {
  const r = await fetch(`${platform}/api/v1/platform/payload/${uuid}`, { headers: { "x-api-key": apiKey, "x-api-secret": apiSecret } });
  return r.json();
}

async function createPayload(body) {
  const r = await fetch(`${platform}/api/v1/platform/payload`, {
    method: "POST", headers: { "x-api-key": apiKey, "x-api-secret": apiSecret, "content-type": "application/json" }, body: JSON.stringify(body),
  });
  return r.json();
}

before(async () => {
  server = await startProxy({ www: null, pkg: null });
  ({ platform, apiKey, apiSecret } = server);
  await startApp();
  browser = await launchBrowser();
});

after(async () => {
  if (browser) await browser.close();
  if (app) app.close();
  await server?.stop();
});

test("xApp host: token in the URL, handshake, sign request, events, throttle, close", async () => {
  const users = await control("GET", "users");
  const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const page = await context.newPage();
  await page.goto(`${platform}/sandbox/xapp?url=${encodeURIComponent(appOrigin + "/xapp?x=1")}&account=${users[1].account}`);
  const frameEl = page.locator(tid("xapp-frame"));
  await page.waitForFunction(() => document.querySelector("#xapp-frame").src.includes("xAppToken="));
  const src = new URL(await frameEl.getAttribute("src"));
  assert.match(src.searchParams.get("xAppToken"), /^[0-9a-f-]{36}$/);
  assert.equal(src.searchParams.get("xAppStyle"), "LIGHT");
  assert.equal(src.searchParams.get("x"), "1");

  const frame = page.frameLocator(tid("xapp-frame"));
  await frame.locator("h1").waitFor();
  const xapp = page.frames().find((f) => f.url().startsWith(appOrigin));
  await xapp.waitForFunction(() => window.acked === true);

  // OTT → JWT → payload pushed to the launched user; openSignRequest shows it in the host.
  const flow = await xapp.evaluate(([p, k]) => window.jwtFlow(p, k), [platform, apiKey]);
  assert.equal(flow.account, users[1].account);
  assert.equal(flow.pushed, true);
  await xapp.evaluate((uuid) => window.send({ command: "openSignRequest", uuid }), flow.uuid);
  await page.locator(tid("xapp-sign-request")).waitFor({ state: "visible" });
  assert.equal(await page.locator(tid("xapp-sign-uuid")).textContent(), flow.uuid);
  assert.equal(await page.locator(tid("xapp-sign-type")).textContent(), "SignIn");
  await page.getByRole("button", { name: /^sign/i }).click();
  await xapp.waitForFunction(() => window.received.some((e) => e.method === "payloadResolved"));
  const resolved = await xapp.evaluate(() => window.received.find((e) => e.method === "payloadResolved"));
  assert.deepEqual(resolved, { method: "payloadResolved", reason: "SIGNED", uuid: flow.uuid });
  const signed = await platformGet(flow.uuid);
  assert.equal(signed.meta.signed, true);
  assert.equal(signed.response.account, users[1].account);
  assert.equal(signed.payload.origintype, "XAPP");

  // Two commands 100 ms apart: the second is dropped and logged as such.
  await page.waitForTimeout(1600);
  await xapp.evaluate(() => { window.send({ command: "share", text: "hello" }); });
  await page.waitForTimeout(100);
  await xapp.evaluate(() => { window.send({ command: "txDetails", tx: "AB".repeat(32), account: "r1" }); });
  await page.locator(`${tid("xapp-log")} li[data-kind="dropped"][data-command="txDetails"]`).waitFor();
  await page.locator(tid("xapp-toast"), { hasText: "Share: hello" }).first().waitFor();
  assert.equal(await page.locator(`${tid("xapp-log")} li[data-kind="accepted"][data-command="share"]`).count(), 1);

  // scanQr → the typed contents come back as a scanQr event.
  await page.waitForTimeout(1600);
  await xapp.evaluate(() => window.send({ command: "scanQr" }));
  await page.locator(tid("xapp-scan-input")).fill("r-scanned-text");
  await page.locator(tid("xapp-scan-submit")).click();
  await xapp.waitForFunction(() => window.received.some((e) => e.method === "scanQr"));
  assert.deepEqual(await xapp.evaluate(() => window.received.find((e) => e.method === "scanQr")),
    { method: "scanQr", qrContents: "r-scanned-text", reason: "SCANNED" });

  // selectDestination → a sandbox user.
  await page.waitForTimeout(1600);
  await xapp.evaluate(() => window.send({ command: "selectDestination" }));
  await page.locator(`${tid("xapp-destination-option")}[data-account="${users[3].account}"]`).click();
  await xapp.waitForFunction(() => window.received.some((e) => e.method === "selectDestination"));
  const destination = await xapp.evaluate(() => window.received.find((e) => e.method === "selectDestination"));
  assert.equal(destination.reason, "SELECTED");
  assert.equal(destination.destination.address, users[3].account);

  // A rejected sign request answers DECLINED.
  const second = await createPayload({ txjson: { TransactionType: "SignIn" } });
  await page.waitForTimeout(1600);
  await xapp.evaluate((uuid) => window.send({ command: "openSignRequest", uuid }), second.uuid);
  await page.getByRole("button", { name: /^reject/i }).click();
  await xapp.waitForFunction((uuid) => window.received.some((e) => e.method === "payloadResolved" && e.uuid === uuid), second.uuid);
  assert.equal((await xapp.evaluate((uuid) => window.received.find((e) => e.uuid === uuid), second.uuid)).reason, "DECLINED");

  // close → the xApp is gone.
  await page.waitForTimeout(1600);
  await xapp.evaluate(() => window.send({ command: "close" }));
  await page.locator(tid("xapp-closed")).waitFor({ state: "visible" });
  await context.close();
});

test("phone page: pick the user, see the request, sign it", async () => {
  const users = await control("GET", "users");
  const created = await createPayload({ txjson: { TransactionType: "Payment", Destination: users[0].account, Amount: "2500000" }, custom_meta: { instruction: "Coffee" } });
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  const page = await context.newPage();
  await page.goto(`${platform}/sandbox/phone?payload=${created.uuid}&account=${users[2].account}`);
  const item = page.locator(`${tid("phone-scan")} [data-uuid="${created.uuid}"]`);
  await item.waitFor();
  assert.match(await item.textContent(), /Coffee/);
  assert.match(await item.textContent(), /2\.5 XRP/);
  const horizontalOverflow = await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);
  assert.equal(horizontalOverflow, false, "fits a phone-sized viewport");
  await item.locator(tid("phone-sign")).click();
  await page.locator(tid("phone-message"), { hasText: "Signed" }).waitFor();
  const signed = await platformGet(created.uuid);
  assert.equal(signed.meta.signed, true);
  assert.equal(signed.response.account, users[2].account);
  // Now it is gone from the scan list and the user has a push token.
  await page.locator(`${tid("phone-scan")} [data-uuid="${created.uuid}"]`).waitFor({ state: "detached" });
  await page.locator(tid("phone-token"), { hasText: "Push enabled" }).waitFor();
  await context.close();
});

function oauthUrl(redirectUri, state) {
  const u = new URL(`${platform}/oauth2/auth`);
  u.searchParams.set("response_type", "code");
  u.searchParams.set("client_id", apiKey);
  u.searchParams.set("redirect_uri", redirectUri);
  u.searchParams.set("state", state);
  u.searchParams.set("scope", "XummPkce");
  u.searchParams.set("code_challenge", "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM");
  u.searchParams.set("code_challenge_method", "S256");
  return u.toString();
}

test("OAuth2 page: the popup posts the code to its opener; without an opener it redirects", async () => {
  const context = await browser.newContext();
  const opener = await context.newPage();
  await opener.goto(`${appOrigin}/opener`);
  const redirectUri = `${appOrigin}/callback`;
  const [popup] = await Promise.all([
    context.waitForEvent("page"),
    opener.evaluate((url) => { window.open(url, "XummPkceLogin", "width=600,height=790"); }, oauthUrl(redirectUri, "s-popup")),
  ]);
  await popup.locator(tid("oauth-signin")).waitFor();
  const uuid = await popup.locator(tid("oauth-signin")).getAttribute("data-uuid");
  await control("POST", `payloads/${uuid}/sign`);
  await opener.waitForFunction(() => window.messages.length > 0, null, { timeout: 10_000 });
  const [message] = await opener.evaluate(() => window.messages);
  assert.equal(message.origin, platform);
  const data = JSON.parse(message.data);
  assert.equal(data.source, "xumm_sign_request_resolved");
  assert.equal(data.options.state, "s-popup");
  assert.equal(data.options.redirect_uri, redirectUri);
  assert.match(data.options.code, /^[A-Za-z0-9_-]{20,}$/);
  await popup.waitForEvent("close", { timeout: 5_000 });

  // Redirect variant (no opener), and a rejection.
  const page = await context.newPage();
  await page.goto(oauthUrl(redirectUri, "s-redirect"));
  const uuid2 = await page.locator(tid("oauth-signin")).getAttribute("data-uuid");
  await control("POST", `payloads/${uuid2}/reject`);
  await page.waitForURL((url) => url.toString().startsWith(redirectUri), { timeout: 10_000 });
  const back = new URL(page.url());
  assert.equal(back.searchParams.get("error"), "access_denied");
  assert.equal(back.searchParams.get("state"), "s-redirect");
  await context.close();
});
