// The built package (pkg/) in Node: importing it has no side effects and does not throw, the
// loader initialises the wasm on the first Xaman.connect() (reading the file, as Node's fetch
// cannot load file: URLs), and the SDK's checks run the same as in a browser.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";

const API_KEY = "c0ffee00-5a4d-4b0b-8a11-000000000001";

test("importing the package defines the exports and touches nothing else", async () => {
  const globalsBefore = Object.keys(globalThis).sort();
  const pkg = await import("../../pkg/index.js");
  assert.equal(typeof pkg.Xaman, "function");
  assert.equal(typeof pkg.Xaman.connect, "function");
  assert.equal(typeof pkg.isXamanError, "function");
  assert.deepEqual(Object.keys(globalThis).sort(), globalsBefore, "no new globals");
  assert.throws(() => new pkg.Xaman(), TypeError);
});

test("connect without apiKey or proxy rejects with no_route", async () => {
  const { Xaman, isXamanError } = await import("../../pkg/index.js");
  for (const options of [undefined, {}]) {
    await assert.rejects(Xaman.connect(options), (error) => {
      assert.ok(error instanceof Error);
      assert.ok(isXamanError(error));
      assert.equal(error.name, "XamanError");
      assert.equal(error.code, "no_route");
      assert.match(error.message, /apiKey/);
      assert.match(error.message, /proxy/);
      return true;
    });
  }
});

test("option errors have their stable codes", async () => {
  const { Xaman } = await import("../../pkg/index.js");
  await assert.rejects(Xaman.connect({ apiKey: API_KEY, apiSecret: "5ec7e700-0000-4000-8000-000000000002" }), {
    code: "secret_in_browser",
  });
  await assert.rejects(Xaman.connect({ apiKey: "nope" }), { code: "invalid_config" });
  await assert.rejects(Xaman.connect({ proxy: "http://127.0.0.1:9/api", storage: "disk" }), { code: "invalid_config" });
});

test("outside a browser the proxy route still validates and reports network errors", async () => {
  const { Xaman, isXamanError } = await import("../../pkg/index.js");
  // Nothing listens on port 9: the session lookup fails quietly, payloads fail with `network`.
  const xaman = await Xaman.connect({ proxy: "http://127.0.0.1:9/api" });
  assert.ok(xaman instanceof Xaman);
  // The build minifies the glue; the classes the page sees keep their names.
  assert.equal(xaman.constructor.name, "Xaman");
  assert.equal(xaman.context, "proxy");
  assert.equal(xaman.user, null);
  assert.equal(xaman.xapp, null);
  await assert.rejects(xaman.payload({ txjson: { TransactionType: "Paymnet" } }), { code: "invalid_payload" });
  await assert.rejects(xaman.payload({ txjson: { TransactionType: "SignIn" } }), (error) => {
    assert.ok(isXamanError(error));
    assert.equal(error.code, "network");
    return true;
  });
  // signIn needs a browser window.
  await assert.rejects(xaman.signIn(), { code: "oauth_failed" });
});

test("isXamanError tells SDK errors apart", async () => {
  const { isXamanError } = await import("../../pkg/index.js");
  assert.equal(isXamanError(new Error("x")), false);
  assert.equal(isXamanError(null), false);
  assert.equal(isXamanError({ name: "XamanError", code: "network" }), false, "must be an Error");
  const error = Object.assign(new Error("m"), { name: "XamanError", code: "timeout" });
  assert.equal(isXamanError(error), true);
});

test("index.js is one self-contained module: the loader with the glue bundled in", async () => {
  const source = await readFile(new URL("../../pkg/index.js", import.meta.url), "utf8");
  // No static import; the one dynamic import (node:fs, in Node only) is marked for bundlers.
  assert.doesNotMatch(source, /\bimport\s*[\w*{]|\bfrom\s*["']/);
  assert.deepEqual(source.match(/\bimport\(/g), ["import("]);
  assert.match(source, /await import\(\/\* @vite-ignore \*\/\w+\)/);
  // The minified classes get their names back (instances are checked in a browser by
  // tests/e2e/packaging; XappBridge exists only inside an xApp).
  for (const name of ["Xaman", "PayloadRequest", "XappBridge"]) {
    assert.match(source, new RegExp(`defineProperty\\(\\w+,"name",\\{value:"${name}"\\}\\)`));
  }
});
