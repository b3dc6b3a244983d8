// The official npm client `xumm-sdk@1.11.2`, unchanged, pointed at the sandbox with
// `setEndpoint`: the sandbox must be wire-compatible enough for it to create, get, cancel,
// subscribe (signed and rejected through the phone control API), verify user tokens, ping, and
// run the xApp OTT → JWT flow.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { startProxy } from "../e2e/support/server.mjs";

const require = createRequire(import.meta.url);
const { XummSdk, XummSdkJwt } = require("xumm-sdk");

let server;
let platform;
let apiKey;
let apiSecret;

/** A control API call (the simulated phone). */
async function control(method, route, body) {
  const response = await fetch(`${platform}/sandbox/${route}`, {
    method,
    headers: body ? { "content-type": "application/json" } : {},
    body: body ? JSON.stringify(body) : undefined,
  });
  const json = await response.json();
  assert.ok(response.ok, `${method} /sandbox/${route} → ${response.status} ${JSON.stringify(json)}`);
  return json;
}

function sdk() {
  const client = new XummSdk(apiKey, apiSecret);
  assert.equal(client.setEndpoint(platform), true);
  return client;
}

// The SDK logs a line whenever a subscription opens; keep the test output to the results.
const log = console.log;
console.log = (...args) => {
  if (typeof args[0] === "string" && /^Payload .*: subscription active/.test(args[0])) return;
  log(...args);
};

/** A promise and its resolve function (to wait for the subscription's welcome message). */
function deferred() {
  let resolve;
  const promise = new Promise((r) => { resolve = r; });
  return { promise, resolve };
}

before(async () => {
  server = await startProxy({ www: null, pkg: null });
  ({ platform, apiKey, apiSecret } = server);
});
after(() => server?.stop());

test("ping answers the sandbox application", async () => {
  const auth = await sdk().ping();
  assert.equal(auth.application.uuidv4, apiKey);
  assert.equal(typeof auth.application.name, "string");
  assert.match(auth.call.uuidv4, /^[0-9a-f-]{36}$/);
});

test("wrong credentials fail the way the SDK expects", async () => {
  const client = new XummSdk(apiKey, "00000000-0000-4000-8000-000000000000");
  client.setEndpoint(platform);
  await assert.rejects(client.ping(), /Error code 813/);
});

test("create, get and cancel", async () => {
  const client = sdk();
  const created = await client.payload.create({ txjson: { TransactionType: "SignIn" }, custom_meta: { instruction: "Hi" } }, true);
  assert.match(created.uuid, /^[0-9a-f-]{36}$/);
  assert.equal(created.pushed, false);
  assert.equal(created.next.always, `${platform}/sign/${created.uuid}`);
  assert.equal(created.refs.websocket_status, `${platform.replace(/^http/, "ws")}/sign/${created.uuid}`);

  const got = await client.payload.get(created.uuid, true);
  assert.equal(got.meta.uuid, created.uuid);
  assert.equal(got.payload.tx_type, "SignIn");
  assert.deepEqual(got.payload.request_json, { TransactionType: "SignIn", SignIn: true });
  assert.equal(got.custom_meta.instruction, "Hi");
  assert.ok(got.payload.expires_in_seconds > 0);

  const cancelled = await client.payload.cancel(created.uuid, true);
  assert.deepEqual(cancelled.result, { cancelled: true, reason: "OK" });
  assert.equal((await client.payload.get(created.uuid)).meta.cancelled, true);
  // Cancelling again: the platform's reason, not an error.
  assert.equal((await client.payload.cancel(created.uuid)).result.reason, "ALREADY_CANCELLED");

  // An invalid payload: create with returnErrors throws the platform's code.
  await assert.rejects(client.payload.create({ txjson: { TransactionType: "NoSuchType" } }, true), /Error code 602/);
  assert.equal(await client.payload.get("00000000-0000-4000-8000-000000000000"), null);
});

test("createAndSubscribe resolves when the phone signs; the token then verifies and pushes", async () => {
  const client = sdk();
  const users = await control("GET", "users");
  const seen = [];
  const welcomed = deferred();
  const subscription = await client.payload.createAndSubscribe(
    { txjson: { TransactionType: "Payment", Destination: users[1].account, Amount: "1000000" } },
    (event) => {
      seen.push("signed" in event.data ? "resolve" : Object.keys(event.data)[0]);
      if (event.data.message) welcomed.resolve();
      if ("signed" in event.data) return event.data;
    },
  );
  await welcomed.promise;
  const signed = await control("POST", `payloads/${subscription.created.uuid}/sign`, { account: users[0].account });
  const resolved = await subscription.resolved;
  assert.equal(resolved.signed, true);
  assert.equal(resolved.payload_uuidv4, subscription.created.uuid);
  assert.equal(resolved.txid, signed.txid);
  for (const step of ["message", "expires_in_seconds", "opened", "pre_signed", "dispatched", "resolve"]) {
    assert.ok(seen.includes(step), `saw ${step} in ${seen.join(", ")}`);
  }
  // The SDK re-fetched the payload on the signed message.
  assert.equal(subscription.payload.meta.signed, true);
  assert.equal(subscription.payload.response.account, users[0].account);
  assert.equal(subscription.payload.response.dispatched_result, "tesSUCCESS");

  const token = subscription.payload.application.issued_user_token;
  assert.match(token, /^[0-9a-f-]{36}$/);
  const verified = await client.verifyUserTokens([token, "00000000-0000-4000-8000-000000000000"]);
  assert.equal(verified.length, 2);
  assert.equal(verified[0].user_token, token);
  assert.equal(verified[0].active, true);
  assert.equal(verified[1].active, false);
  const single = await client.verifyUserToken(token);
  assert.equal(single.active, true);

  const pushed = await client.payload.create({ txjson: { TransactionType: "SignIn" }, user_token: token }, true);
  assert.equal(pushed.pushed, true);
  const inbox = await control("GET", `inbox/${users[0].account}`);
  assert.equal(inbox[0].uuid, pushed.uuid);
});

test("createAndSubscribe resolves when the phone rejects", async () => {
  const client = sdk();
  const welcomed = deferred();
  const subscription = await client.payload.createAndSubscribe({ txjson: { TransactionType: "SignIn" } }, (event) => {
    if (event.data.message) welcomed.resolve();
    if ("signed" in event.data) return event.data;
  });
  await welcomed.promise;
  await control("POST", `payloads/${subscription.created.uuid}/reject`);
  const resolved = await subscription.resolved;
  assert.equal(resolved.signed, false);
  const after = await client.payload.get(subscription.created.uuid);
  assert.equal(after.meta.resolved, true);
  assert.equal(after.meta.signed, false);
});

test("xApp: OTT → JWT with XummSdkJwt, then payloads pushed to the xApp user", async () => {
  const users = await control("GET", "users");
  const launched = await control("POST", "xapp/launch", { account: users[2].account, url: "http://127.0.0.1:1/xapp" });
  assert.ok(launched.url.includes(`xAppToken=${launched.ott}`));

  const jwtClient = new XummSdkJwt(apiKey, launched.ott);
  jwtClient.setEndpoint(platform); // before the constructor's deferred authorize call runs
  const ott = await jwtClient.getOttData();
  assert.equal(ott.account, users[2].account);
  assert.equal(ott.account_info.name, users[2].name);
  const jwt = await jwtClient.getJwt();
  assert.equal(jwt.split(".").length, 3);

  const pong = await jwtClient.ping();
  assert.equal(pong.application.uuidv4, apiKey);
  assert.equal(pong.jwtData.ott_uuidv4, launched.ott);
  assert.equal(pong.jwtData.sub, users[2].account);

  const created = await jwtClient.payload.create({ txjson: { TransactionType: "SignIn" } }, true);
  assert.equal(created.pushed, true);
  const got = await jwtClient.payload.get(created.uuid, true);
  assert.equal(got.meta.is_xapp, true);
  const inbox = await control("GET", `inbox/${users[2].account}`);
  assert.equal(inbox[0].uuid, created.uuid);

  // A used OTT cannot be exchanged again.
  const replay = new XummSdkJwt(apiKey, launched.ott);
  replay.setEndpoint(platform);
  await assert.rejects(replay.getOttData());

  // A raw JWT (as an OAuth2 or stored session would give) works too.
  const raw = new XummSdkJwt(jwt);
  raw.setEndpoint(platform);
  assert.equal((await raw.ping()).jwtData.sub, users[2].account);
});
