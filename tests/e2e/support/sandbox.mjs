// A client for the sandbox's control API (the simulated phone, clock and faults), used by the
// tests to play the person holding the phone.

export class Sandbox {
  /** @param {string} platform the sandbox origin, e.g. http://127.0.0.1:8090 */
  constructor(platform, { apiKey, apiSecret } = {}) {
    this.base = platform.replace(/\/$/, "");
    this.apiKey = apiKey;
    this.apiSecret = apiSecret;
  }

  async call(method, path, body) {
    const response = await fetch(this.base + path, {
      method,
      headers: body === undefined ? {} : { "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`sandbox ${method} ${path} → ${response.status}: ${text}`);
    return text ? JSON.parse(text) : null;
  }

  /** The simulated users: `[{ account, ... }]`. */
  async users() {
    const answer = await this.call("GET", "/sandbox/users");
    return Array.isArray(answer) ? answer : answer.users;
  }

  /** The open payloads, newest first (`all: true`: every payload). */
  async payloads({ all = false } = {}) {
    const answer = await this.call("GET", `/sandbox/payloads${all ? "?all=true" : ""}`);
    return Array.isArray(answer) ? answer : answer.payloads;
  }

  /** The payloads pushed to that account. */
  async inbox(account) {
    const answer = await this.call("GET", `/sandbox/inbox/${account}`);
    return Array.isArray(answer) ? answer : answer.payloads ?? answer.inbox;
  }

  open(uuid, account) { return this.call("POST", `/sandbox/payloads/${uuid}/open`, account ? { account } : {}); }
  sign(uuid, account) { return this.call("POST", `/sandbox/payloads/${uuid}/sign`, account ? { account } : {}); }
  reject(uuid, account) { return this.call("POST", `/sandbox/payloads/${uuid}/reject`, account ? { account } : {}); }
  advanceClock(seconds) { return this.call("POST", "/sandbox/clock", { advance_seconds: seconds }); }
  faults(settings) { return this.call("POST", "/sandbox/faults", settings); }
  launchXapp(options = {}) { return this.call("POST", "/sandbox/xapp/launch", options); }

  /** The platform's own view of a payload (GET /api/v1/platform/payload/:uuid with the app credentials). */
  async platformPayload(uuid) {
    const response = await fetch(`${this.base}/api/v1/platform/payload/${uuid}`, {
      headers: { "x-api-key": this.apiKey, "x-api-secret": this.apiSecret },
    });
    if (!response.ok) throw new Error(`platform GET payload ${uuid} → ${response.status}: ${await response.text()}`);
    return response.json();
  }
}

/** The uuid of a payload entry from the control API, whatever the field is called. */
export function uuidOf(entry) {
  return typeof entry === "string" ? entry : entry.uuid ?? entry.uuidv4 ?? entry.payload_uuidv4;
}

/** Polls `probe` until it returns a truthy value; fails with `what` after `timeoutMs`. */
export async function eventually(probe, what, { timeoutMs = 10_000, intervalMs = 100 } = {}) {
  const deadline = Date.now() + timeoutMs;
  let last;
  for (;;) {
    try {
      const value = await probe();
      if (value) return value;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) {
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${last ? `: ${last.message}` : ""}`);
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
