// The setup every browser test file shares: one sandbox proxy, a client for its control API and
// one headless Chromium per file, and a fresh browser context per test whose console is watched
// and whose last screen is kept as a screenshot.
import { before, after } from "node:test";
import { startProxy } from "./server.mjs";
import { launchBrowser, newContext, screenshot, watchConsole } from "./browser.mjs";
import { Sandbox } from "./sandbox.mjs";

/**
 * Registers this file's `before`/`after` hooks: starts the proxy (`startProxy(proxyOptions)`), a
 * `Sandbox` client for it and Chromium, hands them to `ready({ server, sandbox, browser })` (awaited,
 * so it can finish the file's setup), and closes the browser and stops the proxy after the file's
 * tests.
 */
export function proxyAndBrowserPerFile(proxyOptions, ready) {
  let server;
  let browser;
  before(async () => {
    server = await startProxy(proxyOptions);
    const sandbox = new Sandbox(server.platform, server);
    browser = await launchBrowser();
    await ready({ server, sandbox, browser });
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
  });
}

/**
 * Runs `body({ context, page, consoleOutput })` in a fresh context of `browser` (`phone: true`: a
 * phone-sized one) with a first page and the console output of scripts served from `origin`.
 * `prepare(context)` runs before the page opens (init scripts, a fake clock). Whatever happens,
 * the page's last screen is saved as `<screenshotAs>.png` and the context closed.
 */
export async function inFreshContext(browser, { origin, screenshotAs, phone = false, prepare }, body) {
  const context = await newContext(browser, { phone });
  let page;
  try {
    if (prepare) await prepare(context);
    const consoleOutput = watchConsole(context, origin);
    page = await context.newPage();
    return await body({ context, page, consoleOutput });
  } finally {
    if (page) await screenshot(page, screenshotAs);
    await context.close();
  }
}
