// Drives the sandbox's xApp host emulator page (/sandbox/xapp?url=…): the sign request it shows
// when the xApp sends `openSignRequest`, and its sign / reject buttons.

/** Waits until the host shows the sign request for `uuid`. */
export async function waitForSignRequest(page, uuid, timeout = 15_000) {
  await page.getByText(uuid).first().waitFor({ state: "visible", timeout });
}

export async function sign(page) {
  await page.getByRole("button", { name: /^sign/i }).click();
}

export async function reject(page) {
  await page.getByRole("button", { name: /^reject/i }).click();
}
