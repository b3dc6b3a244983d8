#!/usr/bin/env bash
# Idempotent toolchain install for a fresh machine (Debian, root). Safe to run every time:
# each step checks first and does nothing when it is already done.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh

say() { [ -n "${SETUP_QUIET:-}" ] || echo "setup: $*"; }

# 1. Rust target for the SDK.
if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

# 2. Debian's Chromium and its driver (never Debian's binaryen: its wasm-opt breaks the output).
if [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/chromedriver ]; then
  say "installing chromium and chromium-driver"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends chromium chromium-driver >/dev/null
fi

# 3. wasm-bindgen CLI at exactly the version Cargo.toml pins.
want=$(sed -n 's/^wasm-bindgen = .*"=\([0-9.]*\)".*/\1/p' Cargo.toml)
have=$(wasm-bindgen --version 2>/dev/null | awk '{print $2}' || true)
if [ "$have" != "$want" ]; then
  say "installing wasm-bindgen-cli $want (have: ${have:-none}); takes about 2 minutes"
  cargo install wasm-bindgen-cli --version "$want" --locked \
    || cargo install wasm-bindgen-cli --version "$want"
fi

# 4. npm devDependencies (binaryen's wasm-opt, playwright-core, typescript, bundlers, xumm-sdk).
# The lockfile alone decides (scripts in package.json may change without a reinstall).
stamp=node_modules/.setup-stamp
lock_sum=$(cat package-lock.json 2>/dev/null | sha256sum | cut -d' ' -f1)
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$lock_sum" ]; then
  say "installing npm devDependencies"
  if [ -f package-lock.json ]; then npm ci --no-audit --no-fund --loglevel=error
  else npm install --no-audit --no-fund --loglevel=error; fi
  lock_sum=$(cat package-lock.json | sha256sum | cut -d' ' -f1)
  echo "$lock_sum" > "$stamp"
fi

# 5. Guard against the broken wasm-opt.
if [ "$(command -v wasm-opt)" = "/usr/bin/wasm-opt" ]; then
  echo "setup: /usr/bin/wasm-opt (Debian's binaryen) is first on PATH; it breaks wasm-bindgen output" >&2
  exit 1
fi
say "toolchain ready"
