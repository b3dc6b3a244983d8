// End-to-end: the demo opened as an xApp inside the sandbox's xApp host emulator
// (/sandbox/xapp?url=…). The demo detects the xApp, its requests are created with the xApp's
// JWT, opened in the host through the bridge, and signing (or rejecting) there resolves them.
import { test } from "node:test";
import assert from "node:assert/strict";
import { screenshot } from "./support/browser.mjs";
import { inFreshContext, proxyAndBrowserPerFile } from "./support/fixture.mjs";
import { eventually, uuidOf } from "./support/sandbox.mjs";
import * as demo from "./support/demo.mjs";
import * as host from "./support/xapp-host.mjs";

let server;
let browser;
let sandbox;
proxyAndBrowserPerFile({}, (started) => ({ server, sandbox, browser } = started));

/** Opens the demo in the xApp host emulator on `page`; returns the demo's frame. */
async function openAsXapp(page) {
  await page.goto(server.xappHost + encodeURIComponent(server.app));
  const frame = await eventually(
    () => page.frames().find((f) => f !== page.mainFrame() && f.url().startsWith(server.app)),
    "the demo to load in the xApp host's frame",
  );
  const url = new URL(frame.url());
  assert.ok(url.searchParams.get("xAppToken"), `the host launched the demo with an xAppToken: ${url}`);
  return frame;
}

test("xApp route: detected inside the host, request opened there, signed there, resolved in the demo", { timeout: 120_000 }, async () => {
  await inFreshContext(browser, { origin: server.app, screenshotAs: "xapp-route" }, async ({ page, consoleOutput }) => {
    const frame = await openAsXapp(page);
    await demo.waitForContext(frame, "xapp");
    const users = (await sandbox.users()).map((u) => u.account);
    const account = await demo.waitForText(frame, "account", /^r/);
    assert.ok(users.includes(account), `the xApp user ${account} is a sandbox user`);
    // No sign-in buttons inside the xApp: the user is already known.
    assert.equal(await demo.isShown(frame, "account-actions"), false);

    // A SignIn request: opened in the host, signed there.
    const request = await demo.sendRequest(frame, { type: "SignIn", instruction: "Inside the xApp" });
    assert.ok(request.uuid, `no request on screen: ${JSON.stringify(request)}`);
    assert.equal(request.route, "xapp");
    const inbox = (await sandbox.inbox(account)).map(uuidOf);
    assert.ok(inbox.includes(request.uuid), "an xApp's payload is pushed to its user");
    await host.waitForSignRequest(page, request.uuid);
    await screenshot(page, "xapp-host-sign-request");
    await host.sign(page);
    const signed = await demo.waitForOutcome(frame, "signed", 20_000);
    assert.equal(signed.account, account);
    assert.match(signed.txid, /^[0-9A-F]{64}$/i);

    // A Payment (the JWT route is not limited by the backend's policy): amount converted to
    // drops, rejected in the host.
    const destination = users.find((u) => u !== account);
    const payment = await demo.sendRequest(frame, { type: "Payment", destination, amount: "1.5" });
    assert.equal(payment.route, "xapp", JSON.stringify(payment));
    const details = await sandbox.platformPayload(payment.uuid);
    assert.equal(details.payload.request_json.Amount, "1500000");
    assert.equal(details.payload.request_json.Destination, destination);
    await host.waitForSignRequest(page, payment.uuid);
    await host.reject(page);
    await demo.waitForOutcome(frame, "rejected", 20_000);

    // The host drops commands sent less than 1.5 s apart; the SDK must space them, not lose them.
    const log = await host.bridgeLog(page);
    const accepted = log.filter((e) => e.kind === "accepted").map((e) => e.command);
    assert.deepEqual(log.filter((e) => e.kind === "dropped"), [], "no bridge command was dropped");
    assert.deepEqual(accepted, ["ready", "openSignRequest", "openSignRequest"]);

    assert.deepEqual(consoleOutput, [], "the demo and the SDK write nothing to the console");
  });
});
