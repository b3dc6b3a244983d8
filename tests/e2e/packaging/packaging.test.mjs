// Packaging: the tarball `npm pack` makes of pkg/ installs into a scratch project without a
// registry, bundles with esbuild and with Vite (the repository's devDependencies, used by path),
// the bundles run in headless Chromium against the sandbox, and Node can import the package.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { mkdtemp, mkdir, writeFile, copyFile, readdir, rm, readFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { ROOT, PKG_DIR } from "../support/server.mjs";
import { inFreshContext, proxyAndBrowserPerFile } from "../support/fixture.mjs";
import { serveStatic } from "../support/static-server.mjs";

const run = promisify(execFile);

let scratch; // the temp dir: tarball + project
let project; // the scratch project that depends on the tarball
let tarball;
let server;
let sandbox;
let browser;
proxyAndBrowserPerFile({}, (started) => ({ server, sandbox, browser } = started));

// The app a dApp developer would write: connect, create a SignIn, wait for the outcome.
const MAIN_JS = `import { Xaman, isXamanError } from "xaman-wasm";

const show = (state) => {
  window.__state = { ...window.__state, ...state };
  document.querySelector("#state").textContent = JSON.stringify(window.__state, null, 1);
};

async function main() {
  const config = await (await fetch("/api/xaman/config")).json();
  const xaman = await Xaman.connect({
    apiKey: config.apiKey, proxy: "/api/xaman",
    endpoint: config.endpoint, oauthEndpoint: config.oauthEndpoint,
  });
  const refused = await xaman.payload({ txjson: { TransactionType: "NoSuchType" } })
    .then(() => "accepted", (error) => (isXamanError(error) ? error.code : "not a XamanError"));
  const req = await xaman.payload({ txjson: { TransactionType: "SignIn" } });
  document.querySelector("#qr").innerHTML = req.qrSvg();
  show({ context: xaman.context, refused, uuid: req.uuid, route: req.route,
         qr: document.querySelector("#qr svg") !== null,
         classes: [xaman.constructor.name, req.constructor.name] });
  const result = await req.resolved;
  show({ outcome: result.outcome, account: result.account });
}
main().catch((error) => show({ error: { name: error.name, code: error.code, message: error.message } }));
`;

const indexHtml = (src) => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>scratch app</title><link rel="icon" href="data:,"></head>
<body><h1>xaman-wasm from npm pack</h1><div id="qr" style="width:12rem"></div><pre id="state"></pre>
<script type="module" src="${src}"></script></body></html>
`;

before(async () => {
  scratch = await mkdtemp(path.join(os.tmpdir(), "xaman-wasm-pack-"));
  const packed = await run("npm", ["pack", PKG_DIR, "--pack-destination", scratch, "--silent"], { cwd: ROOT });
  tarball = path.join(scratch, packed.stdout.trim().split("\n").pop());

  project = path.join(scratch, "app");
  await mkdir(path.join(project, "src"), { recursive: true });
  await writeFile(path.join(project, "package.json"), JSON.stringify({
    name: "scratch-app", private: true, type: "module",
    dependencies: { "xaman-wasm": `file:${tarball}` },
  }, null, 2));
  await writeFile(path.join(project, "src/main.js"), MAIN_JS);
  await writeFile(path.join(project, "index.html"), indexHtml("/src/main.js"));
  // No registry needed: the tarball has no dependencies.
  await run("npm", ["install", "--offline", "--no-audit", "--no-fund", "--ignore-scripts", "--loglevel=error"], {
    cwd: project,
    env: { ...process.env, npm_config_cache: path.join(scratch, "npm-cache") },
  });
});

after(async () => {
  if (scratch) await rm(scratch, { recursive: true, force: true });
});

test("npm pack ships only the package files", async () => {
  const { stdout } = await run("tar", ["-tzf", tarball]);
  const files = stdout.trim().split("\n").map((f) => f.replace(/^package\//, "")).sort();
  // index.js holds the loader and the glue; no build leftovers (.build-stamp).
  assert.deepEqual(files, ["README.md", "index.d.ts", "index.js", "package.json", "xaman_wasm_bg.wasm"]);
  const installed = JSON.parse(await readFile(path.join(project, "node_modules/xaman-wasm/package.json"), "utf8"));
  assert.equal(installed.name, "xaman-wasm");
  assert.equal(installed.type, "module");
});

test("Node imports the installed package without throwing", async () => {
  const script = `
    const m = await import("xaman-wasm");
    console.log(JSON.stringify({ Xaman: typeof m.Xaman, isXamanError: typeof m.isXamanError,
      connect: typeof m.Xaman.connect }));`;
  const { stdout, stderr } = await run(process.execPath, ["--input-type=module", "-e", script], { cwd: project });
  assert.deepEqual(JSON.parse(stdout), { Xaman: "function", isXamanError: "function", connect: "function" });
  assert.equal(stderr, "");
});

/** Loads a bundle in Chromium, signs its request with the sandbox phone and checks the outcome. */
async function runBundle(dir, name) {
  const site = await serveStatic(dir, { proxyOrigin: server.app });
  try {
    await inFreshContext(browser, { origin: site.url, screenshotAs: name }, async ({ page, consoleOutput }) => {
      await page.goto(site.url);
      const created = await page.waitForFunction(() => window.__state?.uuid || window.__state?.error, null, { timeout: 20_000 })
        .then(() => page.evaluate(() => window.__state));
      assert.equal(created.error, undefined, JSON.stringify(created.error));
      assert.equal(created.context, "proxy");
      assert.equal(created.refused, "invalid_payload");
      assert.equal(created.route, "qr");
      assert.equal(created.qr, true);
      // The package is minified (and bundled again here): the classes keep their names.
      assert.deepEqual(created.classes, ["Xaman", "PayloadRequest"]);
      await sandbox.sign(created.uuid);
      await page.waitForFunction(() => window.__state?.outcome || window.__state?.error, null, { timeout: 20_000 });
      const done = await page.evaluate(() => window.__state);
      assert.equal(done.outcome, "signed", JSON.stringify(done));
      assert.match(done.account, /^r[1-9A-HJ-NP-Za-km-z]{24,34}$/);
      assert.ok(site.requests.some((p) => p.endsWith(".wasm")), `the wasm was fetched: ${site.requests}`);
      assert.deepEqual(consoleOutput, []);
    });
  } finally {
    await site.close();
  }
}

test("esbuild bundles the package and the bundle runs in Chromium", { timeout: 90_000 }, async () => {
  const esbuild = await import(pathToFileURL(path.join(ROOT, "node_modules/esbuild/lib/main.js")).href);
  const out = path.join(project, "dist-esbuild");
  const result = await esbuild.build({
    absWorkingDir: project,
    entryPoints: ["src/main.js"],
    bundle: true,
    format: "esm",
    platform: "browser",
    outdir: out,
    logLevel: "silent",
  });
  assert.deepEqual(result.errors, []);
  // esbuild keeps `new URL("./xaman_wasm_bg.wasm", import.meta.url)`: the wasm goes next to the bundle.
  await copyFile(path.join(project, "node_modules/xaman-wasm/xaman_wasm_bg.wasm"), path.join(out, "xaman_wasm_bg.wasm"));
  await writeFile(path.join(out, "index.html"), indexHtml("/main.js"));
  await runBundle(out, "packaging-esbuild");
});

test("Vite bundles the package and the bundle runs in Chromium", { timeout: 120_000 }, async () => {
  const vite = await import(pathToFileURL(path.join(ROOT, "node_modules/vite/dist/node/index.js")).href);
  const out = path.join(project, "dist-vite");
  await vite.build({
    root: project,
    configFile: false,
    logLevel: "silent",
    build: { outDir: out, emptyOutDir: true },
  });
  const assets = await readdir(path.join(out, "assets"));
  assert.ok(assets.some((f) => f.endsWith(".wasm")), `Vite emitted the wasm as an asset: ${assets}`);
  await runBundle(out, "packaging-vite");
});
