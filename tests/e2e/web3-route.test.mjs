// End-to-end: the Web3 route in the demo. Sign in with Xaman (OAuth2 PKCE) through the popup,
// the sandbox's sign-in page and the phone; requests are then pushed to that user; the session
// survives a reload; signing out returns to the proxy route. Also the full-page redirect
// variant: asked for with its button, and as the fallback when the popup is blocked.
import { test } from "node:test";
import assert from "node:assert/strict";
import { screenshot } from "./support/browser.mjs";
import { inFreshContext, proxyAndBrowserPerFile } from "./support/fixture.mjs";
import { eventually, uuidOf } from "./support/sandbox.mjs";
import * as demo from "./support/demo.mjs";

let server;
let browser;
let sandbox;
let users;
proxyAndBrowserPerFile({}, async (started) => {
  ({ server, sandbox, browser } = started);
  users = await sandbox.users();
  assert.ok(users.length >= 3, "the sandbox has a few users");
});

/** The payload that appeared in the sandbox since `known` (a set of uuids): the sign-in request. */
async function newPayload(known) {
  return eventually(async () => {
    const fresh = (await sandbox.payloads()).map(uuidOf).filter((uuid) => !known.has(uuid));
    return fresh[0];
  }, "the sign-in request to appear in the sandbox");
}

async function openUuids() {
  return new Set((await sandbox.payloads()).map(uuidOf));
}

test("web3 route: popup sign-in, pushed request, reload keeps the session, sign-out", { timeout: 120_000 }, async () => {
  const user = users[2];
  await inFreshContext(browser, { origin: server.app, screenshotAs: "web3-route" }, async ({ page, consoleOutput }) => {
    await page.goto(server.app);
    await demo.waitForContext(page, "proxy");
    assert.equal(await demo.isShown(page, "sign-in"), true);
    assert.equal(await demo.isShown(page, "sign-out"), false);

    // Sign in: the popup opens on the sandbox's OAuth2 page, the phone signs the SignIn there.
    const known = await openUuids();
    const popupOpened = page.waitForEvent("popup");
    await page.locator(demo.tid("sign-in")).click();
    const popup = await popupOpened;
    await popup.waitForLoadState("domcontentloaded");
    assert.ok(popup.url().startsWith(server.platform), `the popup shows the sandbox: ${popup.url()}`);
    const signIn = await newPayload(known);
    await screenshot(popup, "web3-signin-popup");
    const popupClosed = popup.waitForEvent("close", { timeout: 15_000 }).catch(() => null);
    await sandbox.sign(signIn, user.account);

    await demo.waitForContext(page, "web3");
    await demo.waitForText(page, "account", new RegExp(`^${user.account}$`));
    assert.equal(await demo.isShown(page, "sign-out"), true);
    assert.equal(await demo.isShown(page, "sign-in"), false);
    await popupClosed;

    // A request is pushed to the signed-in user.
    const request = await demo.sendRequest(page, { type: "SignIn", instruction: "Signed in already" });
    assert.equal(request.route, "push");
    const inbox = (await sandbox.inbox(user.account)).map(uuidOf);
    assert.ok(inbox.includes(request.uuid), `inbox of ${user.account} holds ${request.uuid}: ${inbox}`);
    await sandbox.sign(request.uuid);
    const signed = await demo.waitForOutcome(page, "signed");
    assert.equal(signed.account, user.account);
    await screenshot(page, "web3-route-signed-in");

    // Reload: still signed in.
    await page.reload();
    await demo.waitForContext(page, "web3");
    await demo.waitForText(page, "account", new RegExp(`^${user.account}$`));

    // Sign out: back to the proxy route, which does not know this user: a QR again.
    await page.locator(demo.tid("sign-out")).click();
    await demo.waitForContext(page, "proxy");
    assert.equal(await demo.textOf(page, "account"), "not known yet");
    const after = await demo.sendRequest(page, { type: "SignIn" });
    assert.equal(after.route, "qr");

    // And a reload after signing out stays signed out.
    await page.reload();
    await demo.waitForContext(page, "proxy");
    assert.deepEqual(consoleOutput, [], "the demo and the SDK write nothing to the console");
  });
});

/** Signs in with a full-page redirect started by `start(page)` and checks the way back. */
async function redirectSignIn(page, start, user) {
  await page.goto(server.app);
  await demo.waitForContext(page, "proxy");
  const known = await openUuids();
  await Promise.all([
    page.waitForURL((url) => url.href.startsWith(server.platform), { timeout: 15_000 }),
    start(page),
  ]);
  const signIn = await newPayload(known);
  await sandbox.sign(signIn, user.account);

  // Back on the demo with ?code&state, which the SDK exchanges and strips from the address.
  await page.waitForURL((url) => url.href.startsWith(server.app), { timeout: 15_000 });
  await demo.waitForContext(page, "web3");
  await demo.waitForText(page, "account", new RegExp(`^${user.account}$`));
  const url = new URL(page.url());
  assert.equal(url.searchParams.has("code"), false, `code stripped from ${url}`);
  assert.equal(url.searchParams.has("state"), false, `state stripped from ${url}`);

  const request = await demo.sendRequest(page, { type: "SignIn" });
  assert.equal(request.route, "push");
  await sandbox.sign(request.uuid);
  assert.equal((await demo.waitForOutcome(page, "signed")).account, user.account);
}

test("web3 route, redirect variant: the 'without a popup' button", { timeout: 90_000 }, async () => {
  await inFreshContext(browser, { origin: server.app, screenshotAs: "web3-redirect" }, async ({ page, consoleOutput }) => {
    await redirectSignIn(page, (p) => p.locator(demo.tid("sign-in-redirect")).click(), users[3] ?? users[0]);
    assert.deepEqual(consoleOutput, []);
  });
});

test("web3 route, redirect variant: a blocked popup falls back to the redirect", { timeout: 90_000 }, async () => {
  await inFreshContext(browser, {
    origin: server.app,
    screenshotAs: "web3-popup-blocked",
    // What a popup blocker does to the page: window.open answers null.
    prepare: (context) => context.addInitScript(() => { window.open = () => null; }),
  }, async ({ page, consoleOutput }) => {
    let popups = 0;
    page.on("popup", () => { popups += 1; });
    await redirectSignIn(page, (p) => p.locator(demo.tid("sign-in")).click(), users[4] ?? users[1]);
    assert.equal(popups, 0, "no popup was opened");
    assert.deepEqual(consoleOutput, []);
  });
});

/** Clicks "Sign in with Xaman" and returns the popup and the uuid of its SignIn payload. */
async function openSignInPopup(page) {
  const known = await openUuids();
  const popupOpened = page.waitForEvent("popup");
  await page.locator(demo.tid("sign-in")).click();
  const popup = await popupOpened;
  await popup.waitForLoadState("domcontentloaded");
  return { popup, uuid: await newPayload(known) };
}

test("web3 route: a sign-in rejected on the phone, and a closed popup, show their errors", { timeout: 90_000 }, async () => {
  await inFreshContext(browser, { origin: server.app, screenshotAs: "web3-signin-closed" }, async ({ page, consoleOutput }) => {
    await page.goto(server.app);
    await demo.waitForContext(page, "proxy");

    // Rejected on the phone.
    const first = await openSignInPopup(page);
    await sandbox.reject(first.uuid, users[0].account);
    await demo.waitForData(page, "error", "code", "oauth_failed");
    assert.match(await demo.textOf(page, "error-message"), /reject|denied/i);
    await demo.waitForContext(page, "proxy");
    assert.equal(await demo.textOf(page, "account"), "not known yet");
    await screenshot(page, "web3-signin-rejected");
    // The sandbox's page says "rejected" and stays open; the person closes it.
    if (!first.popup.isClosed()) await first.popup.close();
    await page.waitForTimeout(1_500); // the SDK notices a closed popup within ~1 s
    assert.equal(await page.locator(demo.tid("error")).getAttribute("data-code"), "oauth_failed",
      "closing the popup after the flow ended changes nothing");

    // The person closes the popup instead of signing.
    const second = await openSignInPopup(page);
    await second.popup.close();
    await demo.waitForData(page, "error", "code", "popup_closed");
    await demo.waitForContext(page, "proxy");
    assert.equal(await demo.isShown(page, "sign-in"), true, "sign-in can be tried again");
    assert.equal(await page.locator(demo.tid("sign-in")).isEnabled(), true);
    assert.deepEqual(consoleOutput, []);
  });
});

test("web3 route: a sign-in whose JWT has expired is signed out on the next visit", { timeout: 90_000 }, async () => {
  const user = users[1];
  await inFreshContext(browser, {
    origin: server.app,
    screenshotAs: "web3-jwt-expired",
    // The page's clock (Date.now, timers) is Playwright's, so the test can move it a day on.
    prepare: (context) => context.clock.install(),
  }, async ({ context, page, consoleOutput }) => {
    await page.goto(server.app);
    await demo.waitForContext(page, "proxy");
    const { uuid } = await openSignInPopup(page);
    await sandbox.sign(uuid, user.account);
    await demo.waitForContext(page, "web3");
    await demo.waitForText(page, "account", new RegExp(`^${user.account}$`));

    // The sandbox's OAuth2 JWTs live 24 h.
    await context.clock.fastForward("25:00:00");
    await page.reload();
    await demo.waitForContext(page, "proxy");
    assert.equal(await demo.textOf(page, "account"), "not known yet");
    assert.equal(await demo.isShown(page, "sign-in"), true);
    assert.deepEqual(consoleOutput, []);
  });
});
