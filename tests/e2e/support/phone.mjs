// Drives the sandbox's simulated phone page (/sandbox/phone): a person signing or rejecting
// a payload from their inbox or from the "scan a QR" list.
import { tid } from "./demo.mjs";

/** Opens the phone page of `account` in a new tab of `context`. */
export async function openPhone(context, phoneUrl, account) {
  const page = await context.newPage();
  await page.goto(`${phoneUrl}?account=${encodeURIComponent(account)}`);
  await page.locator(tid("phone-account")).filter({ hasText: account }).waitFor({ timeout: 10_000 });
  return page;
}

/** The entry of payload `uuid` in the phone's inbox (pushed to this user). */
export function inboxEntry(page, uuid) {
  return page.locator(`${tid("phone-inbox")} li${tid("phone-payload")}[data-uuid="${uuid}"]`);
}

/** Waits for the pushed payload to arrive in the inbox, then taps Sign. */
export async function signFromInbox(page, uuid, timeout = 10_000) {
  const entry = inboxEntry(page, uuid);
  await entry.waitFor({ state: "visible", timeout });
  await entry.locator(tid("phone-sign")).click();
  await page.locator(tid("phone-message")).filter({ hasText: /Signed/ }).waitFor({ timeout });
}
