// The package as scripts/build.sh makes it: the wasm is built without std (no_std, see
// src/lib.rs) and with link-time optimisation, so it holds no panic message, no source location
// and no path of the machine that built it; the package fits its size budget.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";

const wasmBytes = readFileSync(new URL("../../pkg/xaman_wasm_bg.wasm", import.meta.url));
const wasm = wasmBytes.toString("latin1");

test("sanity: the wasm's text is readable here", () => {
  // A refusal message of the SDK's own (src/core/payload): the checks below read real data.
  assert.ok(wasm.includes("is not a payload option; known options: "));
});

test("no panic machinery is left: link-time optimisation ran and the panic handler reads nothing", () => {
  // Without LTO (cargo drops it silently for a cdylib+rlib build, see scripts/build.sh) these
  // stay: the standard library's source locations, its panic messages and number formatting.
  assert.ok(!/library\/(core|alloc|std)\//.test(wasm), "a location in the Rust library's sources");
  assert.ok(!/src\/(core|web|lib)[a-z_/]*\.rs/.test(wasm), "a source location of the SDK");
  for (const message of ["capacity overflow", "memory allocation of", "resumed after completion"]) {
    assert.ok(!wasm.includes(message), `the panic message "${message}"`);
  }
  // The two-digit table of core's integer formatting.
  assert.ok(!wasm.includes("0001020304050607080910"), "core::fmt's integer formatting");
});

test("the wasm names no path of the build machine", () => {
  const cargoHome = process.env.CARGO_HOME ?? join(homedir(), ".cargo");
  assert.ok(!wasm.includes(cargoHome), `the cargo home ${cargoHome} is in the wasm`);
  assert.ok(!wasm.includes("registry/src/"), "a cargo registry path is in the wasm");
  assert.ok(!wasm.includes(process.cwd()), "the project directory is in the wasm");
});

test("the package fits its size budget: 60,000 B gzip -9 for the wasm and index.js", () => {
  const index = readFileSync(new URL("../../pkg/index.js", import.meta.url));
  const gz = (bytes) => gzipSync(bytes, { level: 9 }).length;
  const total = gz(wasmBytes) + gz(index);
  assert.ok(total <= 60_000, `${total} B gzip`);
});
