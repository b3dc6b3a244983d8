// End-to-end: the outcomes other than "signed", and the faults. Rejected on the phone, expired
// (the sandbox clock moves past the expiry), cancelled from the demo, a bad Payment refused by
// the SDK before anything is sent, and a websocket that drops mid-flow.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { startProxy } from "./support/server.mjs";
import { launchBrowser, newContext, screenshot, watchConsole } from "./support/browser.mjs";
import { Sandbox, uuidOf } from "./support/sandbox.mjs";
import * as demo from "./support/demo.mjs";

let server;
let browser;
let sandbox;

before(async () => {
  server = await startProxy();
  sandbox = new Sandbox(server.platform, server);
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

/** Runs `body(page, consoleOutput)` in a fresh desktop context; screenshots its last screen. */
async function withDemo(name, body) {
  const context = await newContext(browser);
  const consoleOutput = watchConsole(context, server.app);
  const page = await context.newPage();
  try {
    await page.goto(server.app);
    await demo.waitForContext(page, "proxy");
    await body(page, consoleOutput);
    assert.deepEqual(consoleOutput, [], "the demo and the SDK write nothing to the console");
  } finally {
    await screenshot(page, name);
    await context.close();
  }
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
    const before = (await sandbox.payloads()).map(uuidOf);
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
    assert.deepEqual((await sandbox.payloads()).map(uuidOf), before, "the sandbox got no new payload");
  });
});

test("the websocket drops mid-flow: the demo reconnects and still shows the right result", { timeout: 90_000 }, async () => {
  await withDemo("websocket-dropped", async (page) => {
    const sockets = [];
    page.on("websocket", (ws) => sockets.push(ws.url()));
    await sandbox.faults({ ws_drop_after_ms: 400 });
    try {
      const request = await demo.sendRequest(page, { type: "SignIn", instruction: "Through a bad connection" });
      // Let the first socket be dropped, then sign while the SDK is reconnecting.
      await page.waitForTimeout(700);
      await sandbox.sign(request.uuid);
      const shown = await demo.waitForOutcome(page, "signed", 45_000);
      assert.match(shown.txid, /^[0-9A-F]{64}$/i);
      const forThis = sockets.filter((url) => url.includes(request.uuid));
      assert.ok(forThis.length >= 2, `the SDK reconnected after the drop: ${forThis.length} socket(s)`);
    } finally {
      await sandbox.faults({ ws_drop_after_ms: 0 });
    }
  });
});
