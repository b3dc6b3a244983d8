#!/usr/bin/env bash
# `npm run bench`: size and speed numbers for the README, each against a baseline of the same run.
#   - package size (raw and gzip -9 of the wasm and of index.js, glue and loader) and what takes
#     the bytes;
#   - native core throughput vs. serde_json parsing the same text (examples/core_bench.rs);
#   - browser costs vs. plain fetch in the same page (scripts/bench.mjs).
set -euo pipefail
cd "$(dirname "$0")/.."
SETUP_QUIET=1 bash scripts/setup.sh
source scripts/env.sh

echo "== package size"
bash scripts/build.sh --report
echo
echo "== native core throughput (release build)"
cargo run --quiet --release -p xaman-wasm --example core_bench
echo
echo "== browser"
cargo build --quiet -p xaman-proxy
node scripts/bench.mjs
