// End-to-end: the proxy route in the demo, in headless Chromium against the sandbox.
// First request → QR; the phone signs → the backend learns the user and the next request is
// pushed to them; 31 days later the user token has expired and requests are QR codes again.
import { test } from "node:test";
import assert from "node:assert/strict";
import { screenshot } from "./support/browser.mjs";
import { inFreshContext, proxyAndBrowserPerFile } from "./support/fixture.mjs";
import { uuidOf } from "./support/sandbox.mjs";
import * as demo from "./support/demo.mjs";
import * as phone from "./support/phone.mjs";

const THIRTY_ONE_DAYS = 31 * 24 * 3600;

let server;
let browser;
let sandbox;
proxyAndBrowserPerFile({}, (started) => ({ server, sandbox, browser } = started));

test("proxy route: QR first, then pushed to the user who signed, QR again after 31 days", { timeout: 120_000 }, async () => {
  await inFreshContext(browser, { origin: server.app, screenshotAs: "proxy-route" }, async ({ context, page, consoleOutput }) => {
    await page.goto(server.app);
    await demo.waitForContext(page, "proxy");
    assert.equal(await demo.textOf(page, "account"), "not known yet");
    assert.equal(await demo.isShown(page, "token-expires-row"), false);
    const users = await sandbox.users();
    const user = users[1] ?? users[0];

    // 1. Nobody known yet: the request is a QR code to scan.
    const first = await demo.sendRequest(page, { type: "SignIn", instruction: "First visit" });
    assert.ok(first.uuid, `no payload on screen: ${JSON.stringify(first)}`);
    assert.equal(first.route, "qr");
    assert.equal(await page.locator(`${demo.tid("qr")} svg`).isVisible(), true, "the QR code is shown");
    assert.equal(await demo.isShown(page, "deeplink"), false);
    assert.equal(await demo.textOf(page, "status"), "waiting");

    // The phone scans it, opens it and signs it.
    await sandbox.open(first.uuid, user.account);
    await demo.waitForText(page, "status", /opened/);
    await sandbox.sign(first.uuid, user.account);
    const signed = await demo.waitForOutcome(page, "signed");
    assert.equal(signed.account, user.account);
    assert.match(signed.txid, /^[0-9A-F]{64}$/i);
    assert.deepEqual(await demo.timelineEvents(page), ["created", "opened", "pre_signed", "signed"]);

    // The backend now knows the user and how long their token lasts.
    await demo.waitForText(page, "account", new RegExp(`^${user.account}$`));
    assert.equal(await demo.isShown(page, "token-expires-row"), true, "the token expiry is shown");
    assert.notEqual(await demo.textOf(page, "token-expires"), "");

    // 2. The second request is pushed to that user: it is in their inbox.
    const second = await demo.sendRequest(page, { type: "SignIn", instruction: "Welcome back" });
    assert.equal(second.route, "push");
    await demo.waitForText(page, "route", new RegExp(`Pushed to ${user.account}`));
    const inbox = (await sandbox.inbox(user.account)).map(uuidOf);
    assert.ok(inbox.includes(second.uuid), `inbox of ${user.account} holds ${second.uuid}: ${inbox}`);
    // This time the person signs it on the simulated phone's page.
    const phonePage = await phone.openPhone(context, server.phone, user.account);
    await phone.signFromInbox(phonePage, second.uuid);
    await screenshot(phonePage, "proxy-route-phone-page");
    await phonePage.close();
    const signedAgain = await demo.waitForOutcome(page, "signed");
    assert.equal(signedAgain.account, user.account);

    // 3. 31 days without signing: the user token has expired, back to a QR code.
    await sandbox.advanceClock(THIRTY_ONE_DAYS);
    const third = await demo.sendRequest(page, { type: "SignIn", instruction: "Long time no see" });
    assert.equal(third.route, "qr");
    assert.equal(await page.locator(`${demo.tid("qr")} svg`).isVisible(), true);
    const inboxAfter = (await sandbox.inbox(user.account)).map(uuidOf);
    assert.equal(inboxAfter.includes(third.uuid), false, "an expired token pushes nothing");

    assert.deepEqual(consoleOutput, [], "the demo and the SDK write nothing to the console");
  });
});

test("proxy route on a phone: a deep link to open Xaman, the QR as a fallback", { timeout: 60_000 }, async () => {
  await inFreshContext(browser, { origin: server.app, screenshotAs: "proxy-route-phone", phone: true }, async ({ page, consoleOutput }) => {
    await page.goto(server.app);
    await demo.waitForContext(page, "proxy");
    const request = await demo.sendRequest(page, { type: "SignIn" });
    assert.equal(request.route, "deeplink");
    const href = await page.locator(demo.tid("deeplink")).getAttribute("href");
    assert.ok(href && href.includes(request.uuid), `the deep link points at the payload: ${href}`);
    assert.equal(await demo.isShown(page, "qr"), false);
    assert.equal(await demo.isShown(page, "qr-fallback"), true);

    await sandbox.sign(request.uuid);
    await demo.waitForOutcome(page, "signed");
    // Nothing overflows the phone's width.
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `the page is ${overflow}px wider than the phone`);
    assert.deepEqual(consoleOutput, []);
  });
});
