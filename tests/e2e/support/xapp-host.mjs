// Drives the sandbox's xApp host emulator page (/sandbox/xapp?url=…): the sign request sheet it
// shows when the xApp sends `openSignRequest`, and its Sign / Reject buttons.
import { tid } from "./demo.mjs";

/** Waits until the host's sign request sheet shows the payload `uuid`. */
export async function waitForSignRequest(page, uuid, timeout = 15_000) {
  await page.locator(`${tid("xapp-sign-request")} ${tid("xapp-sign-uuid")}`, { hasText: uuid })
    .waitFor({ state: "visible", timeout });
}

export async function sign(page) {
  await page.locator(tid("xapp-sign")).click();
}

export async function reject(page) {
  await page.locator(tid("xapp-reject")).click();
}

/** The bridge commands the host logged as `accepted` or `dropped`, in order. */
export async function bridgeLog(page) {
  return page.locator(`${tid("xapp-log")} li`).evaluateAll((items) =>
    items.map((li) => ({ kind: li.dataset.kind, command: li.dataset.command })));
}
