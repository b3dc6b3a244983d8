// The package's wasm as scripts/build.sh makes it: built without std (no_std, see src/lib.rs),
// so none of std's own code is in it, and the source-file names its panic locations still carry
// are not paths of the machine that built it.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";

const wasm = readFileSync(new URL("../../pkg/xaman_wasm_bg.wasm", import.meta.url)).toString("latin1");

test("the wasm holds no code of Rust's std library", () => {
  // Sanity: the Rust library's panic locations are named `library/<crate>/…` (alloc's remain;
  // the wasm no longer holds any of core's).
  assert.ok(/library\/(core|alloc)\//.test(wasm), "sanity: core's and alloc's panic locations are named like this");
  assert.ok(!wasm.includes("library/std/"), "a location in std's sources: std code was linked");
});

test("the wasm names no path of the build machine", () => {
  const cargoHome = process.env.CARGO_HOME ?? join(homedir(), ".cargo");
  // Sanity: the wasm carries source locations (the SDK's own files, relative). No dependency
  // crate's location is left in it since it stopped linking js-sys; any that comes back is
  // named `crate-version/src/…` by scripts/build.sh, which the checks below hold it to.
  assert.ok(/src\/(core|web)\/[a-z_]+\.rs/.test(wasm), "sanity: the SDK's source locations are in the wasm");
  assert.ok(!wasm.includes(cargoHome), `the cargo home ${cargoHome} is in the wasm`);
  assert.ok(!wasm.includes("registry/src/"), "a cargo registry path is in the wasm");
  assert.ok(!wasm.includes(process.cwd()), "the project directory is in the wasm");
});
