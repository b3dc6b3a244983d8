// Headless Chromium (Debian's) driven by playwright-core, with a fresh profile per launch, plus
// screenshots and a console watcher that holds the demo and the SDK to "quiet by default".
import { mkdirSync } from "node:fs";
import path from "node:path";
import { chromium } from "playwright-core";
import { ROOT } from "./server.mjs";

export const ARTIFACTS = path.join(ROOT, "tests/e2e/artifacts");

export const CHROMIUM_ARGS = [
  "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
  "--disable-background-networking", "--disable-component-update", "--disable-sync",
  "--disable-dev-shm-usage",
];

/** A fresh headless Chromium (playwright gives every launch a new temporary profile). */
export function launchBrowser() {
  return chromium.launch({ executablePath: "/usr/bin/chromium", headless: true, args: CHROMIUM_ARGS });
}

/** A desktop-sized context; `phone: true` gives a phone-sized, touch, mobile one. */
export function newContext(browser, { phone = false } = {}) {
  if (phone) {
    return browser.newContext({
      viewport: { width: 390, height: 844 },
      deviceScaleFactor: 2,
      isMobile: true,
      hasTouch: true,
      userAgent: "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Mobile Safari/537.36",
    });
  }
  return browser.newContext({ viewport: { width: 1100, height: 900 } });
}

/** Saves a full-page screenshot as tests/e2e/artifacts/<name>.png. */
export async function screenshot(page, name) {
  mkdirSync(ARTIFACTS, { recursive: true });
  const file = path.join(ARTIFACTS, `${name}.png`);
  try {
    await page.screenshot({ path: file, fullPage: true });
  } catch {
    // A closed page has no last screen; the test's own failure says why.
  }
  return file;
}

/**
 * Records console messages and uncaught errors of scripts served from `origin` (the demo and
 * the package), in every page and frame of the context. Messages the browser itself writes
 * about failed network requests are not the page's output and are left out.
 */
export function watchConsole(context, origin) {
  const seen = [];
  const attach = (page) => {
    page.on("console", (message) => {
      const where = message.location()?.url || "";
      if (!where.startsWith(origin)) return;
      const text = message.text();
      if (/^Failed to load resource|^WebSocket connection to .* failed/.test(text)) return;
      seen.push(`${message.type()}: ${text} (${where})`);
    });
    page.on("pageerror", (error) => {
      if (page.url().startsWith(origin) || String(error.stack || "").includes(origin)) {
        seen.push(`uncaught: ${error.message}`);
      }
    });
  };
  context.pages().forEach(attach);
  context.on("page", attach);
  return seen;
}
