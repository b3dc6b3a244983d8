// End-to-end: the outcomes other than "signed", and the faults. Rejected on the phone, expired
// (the sandbox clock moves past the expiry), cancelled from the demo, a bad Payment refused by
// the SDK before anything is sent, a Payment outside the backend's policy refused by the proxy,
// and a websocket that drops mid-flow. The server runs with the example policy (SignIn, and
// Payments of at most 100 XRP to the sandbox users).
import { test } from "node:test";
import assert from "node:assert/strict";
import path from "node:path";
import { ROOT } from "./support/server.mjs";
import { inFreshContext, proxyAndBrowserPerFile } from "./support/fixture.mjs";
import { eventually, uuidOf } from "./support/sandbox.mjs";
import * as demo from "./support/demo.mjs";

let server;
let browser;
let sandbox;
proxyAndBrowserPerFile({ args: ["--policy", path.join(ROOT, "proxy/policy.example.toml")] }, (started) => ({ server, sandbox, browser } = started));

/** Runs `body(page, consoleOutput)` in a fresh desktop context; screenshots its last screen. */
async function withDemo(name, body) {
  await inFreshContext(browser, { origin: server.app, screenshotAs: name }, async ({ page, consoleOutput }) => {
    await page.goto(server.app);
    await demo.waitForContext(page, "proxy");
    await body(page, consoleOutput);
    assert.deepEqual(consoleOutput, [], "the demo and the SDK write nothing to the console");
  });
}

test("rejected on the phone: the demo shows the rejection", { timeout: 60_000 }, async () => {
  await withDemo("outcome-rejected", async (page) => {
    const request = await demo.sendRequest(page, { type: "SignIn", instruction: "Please reject me" });
    await sandbox.open(request.uuid);
    await sandbox.reject(request.uuid);
    const shown = await demo.waitForOutcome(page, "rejected");
    assert.match(shown.text, /rejected/i);
    assert.equal(shown.txid, "");
    assert.deepEqual(await demo.timelineEvents(page), ["created", "opened", "rejected"]);
    assert.equal(await demo.isShown(page, "cancel"), false);
    assert.equal((await sandbox.platformPayload(request.uuid)).meta.signed, false);
  });
});

test("expired: the sandbox clock passes the expiry and the demo shows it", { timeout: 90_000 }, async () => {
  await withDemo("outcome-expired", async (page) => {
    const request = await demo.sendRequest(page, { type: "SignIn" });
    // More than any default expiry: two days.
    await sandbox.advanceClock(2 * 24 * 3600);
    const shown = await demo.waitForOutcome(page, "expired", 45_000);
    assert.match(shown.text, /expired/i);
    assert.equal((await sandbox.platformPayload(request.uuid)).meta.expired, true);
  });
});

test("cancelled from the demo: the platform cancels it and the demo shows it", { timeout: 60_000 }, async () => {
  await withDemo("outcome-cancelled", async (page) => {
    const request = await demo.sendRequest(page, { type: "SignIn" });
    await page.locator(demo.tid("cancel")).click();
    const shown = await demo.waitForOutcome(page, "cancelled");
    assert.match(shown.text, /cancelled/i);
    assert.equal((await sandbox.platformPayload(request.uuid)).meta.cancelled, true);
    assert.equal(await demo.isShown(page, "error"), false);
  });
});

test("a Payment to a malformed address is refused by the SDK before anything is sent", { timeout: 60_000 }, async () => {
  await withDemo("invalid-payment", async (page) => {
    const before = (await sandbox.payloads({ all: true })).map(uuidOf);
    const posted = [];
    page.on("request", (request) => {
      if (request.method() === "POST" && request.url().includes("/payload")) posted.push(request.url());
    });

    // One character of a valid address changed: the checksum no longer matches.
    const [user] = await sandbox.users();
    const broken = user.account.slice(0, -1) + (user.account.endsWith("a") ? "b" : "a");
    const answer = await demo.sendRequest(page, { type: "Payment", destination: broken, amount: "2" });
    assert.equal(answer.error?.code, "invalid_payload", JSON.stringify(answer));
    assert.match(answer.error.message, /destination|address/i);
    assert.equal(await demo.isShown(page, "request"), false, "no request panel");

    // An amount the page cannot read is caught by the form itself.
    const badAmount = await demo.sendRequest(page, { type: "Payment", destination: user.account, amount: "two" });
    assert.equal(badAmount.error?.code, "form");

    assert.deepEqual(posted, [], "nothing was posted");
    assert.deepEqual((await sandbox.payloads({ all: true })).map(uuidOf), before, "the sandbox got no new payload");
  });
});

test("Payments through the proxy: within the policy signed, above it refused by the backend", { timeout: 60_000 }, async () => {
  await withDemo("proxy-policy", async (page) => {
    const [alice, bob] = await sandbox.users();
    const allowed = await demo.sendRequest(page, { type: "Payment", destination: bob.account, amount: "2.5" });
    assert.equal(allowed.route, "qr", JSON.stringify(allowed));
    const details = await sandbox.platformPayload(allowed.uuid);
    assert.equal(details.payload.request_json.Amount, "2500000");
    assert.equal(details.payload.request_json.Destination, bob.account);
    await sandbox.sign(allowed.uuid, alice.account);
    const signed = await demo.waitForOutcome(page, "signed");
    assert.equal(signed.account, alice.account);

    // 500 XRP is over the policy's 100 XRP: the proxy refuses to create it, the demo says so.
    const before = (await sandbox.payloads({ all: true })).map(uuidOf);
    const refused = await demo.sendRequest(page, { type: "Payment", destination: bob.account, amount: "500" });
    assert.equal(refused.error?.code, "platform", JSON.stringify(refused));
    assert.match(refused.error.message, /policy|HTTP 403/i);
    assert.deepEqual((await sandbox.payloads({ all: true })).map(uuidOf), before, "the sandbox got no new payload");
  });
});

test("the websocket drops mid-flow: the demo reconnects and still shows the right result", { timeout: 90_000 }, async () => {
  await withDemo("websocket-dropped", async (page) => {
    const sockets = [];
    page.on("websocket", (ws) => sockets.push(ws.url()));
    const request = await demo.sendRequest(page, { type: "SignIn", instruction: "Through a bad connection" });
    try {
      // Every payload socket open 200 ms from now is cut without a close frame (one shot).
      const droppedBefore = (await sandbox.call("GET", "/sandbox/faults")).ws_dropped_total;
      await sandbox.faults({ ws_drop_after_ms: 200 });
      await eventually(
        async () => (await sandbox.call("GET", "/sandbox/faults")).ws_dropped_total > droppedBefore,
        "the sandbox to drop the socket",
      );
      // Signed while the SDK is reconnecting: the resolution must not be lost.
      await sandbox.sign(request.uuid);
      const shown = await demo.waitForOutcome(page, "signed", 45_000);
      assert.match(shown.txid, /^[0-9A-F]{64}$/i);
      const forThis = sockets.filter((url) => url.includes(request.uuid));
      assert.ok(forThis.length >= 2, `the SDK reconnected after the drop: ${forThis.length} socket(s)`);
    } finally {
      await sandbox.faults({});
    }
  });
});
