#!/usr/bin/env bash
# `npm test`: every test of the project, from a clean clone. Installs what it needs first.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
source scripts/env.sh

step() { echo; echo "== $*"; }

step "native tests: SDK core and proxy/sandbox (cargo test --workspace)"
cargo test --workspace --quiet

step "build the proxy binary and the npm package"
cargo build -p xaman-proxy --quiet
bash scripts/build.sh

step "SDK browser tests in headless Chromium (wasm-bindgen-test)"
bash scripts/test-wasm.sh

step "TypeScript consumer type-check"
tsc --noEmit -p tests/types

step "node tests: official xumm-sdk against the sandbox, package, end-to-end in Chromium"
# Files named explicitly (shell globs): Node 21+ reads a directory argument as a glob pattern.
node --test --test-concurrency=1 tests/node/*.test.mjs tests/e2e/*.test.mjs tests/e2e/*/*.test.mjs
