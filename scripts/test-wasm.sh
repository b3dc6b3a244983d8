#!/usr/bin/env bash
# SDK browser tests: tests/web_*.rs (wasm-bindgen-test) in headless Chromium, against the
# sandbox platform and proxy of `xaman-proxy --sandbox`, which this script starts on free ports
# and stops at the end. Extra arguments go to `cargo test` (e.g. a test name filter).
#
# The page of the test runner is served from a fixed origin (WASM_BINDGEN_TEST_ADDRESS) so the
# proxy can allow it for CORS with credentials; the sandbox URLs reach the test build as
# compile-time environment variables (XAMAN_TEST_*), read with option_env!.
# XAMAN_WEB_TESTS picks the test files (default `web_*`), e.g. XAMAN_WEB_TESTS=web_proxy.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh

cargo build --quiet -p xaman-proxy

free_port() {
  node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'
}
runner_port=${XAMAN_TEST_RUNNER_PORT:-$(free_port)}
runner_origin="http://127.0.0.1:$runner_port"

# Headless Chromiums that chromedriver started for this run and left behind when it ended
# (seen: orphans with a --user-data-dir=/tmp/org.chromium.Chromium.scoped_dir.* profile) are
# ended at exit. Only browsers started after this script whose parent is no longer a
# chromedriver are touched, so a browser another run's chromedriver still drives is left alone.
run_started=$(date +%s)
kill_orphan_browsers() {
  local pid ppid age parent
  for pid in $(pgrep -f 'org\.chromium\.Chromium\.scoped_dir' || true); do
    ppid=$(ps -o ppid= -p "$pid" | tr -d ' ') || continue
    age=$(ps -o etimes= -p "$pid" | tr -d ' ') || continue
    parent=$(ps -o comm= -p "$ppid" 2>/dev/null || true)
    case "$parent" in chromedriver | chromium | chrome) continue ;; esac
    if [ $(($(date +%s) - age)) -ge "$run_started" ]; then
      kill "$pid" 2>/dev/null || true
    fi
  done
}

log=$(mktemp)
target/debug/xaman-proxy --sandbox --port 0 --sandbox-port 0 --allow-origin "$runner_origin" >"$log" 2>&1 &
proxy_pid=$!
cleanup() {
  kill "$proxy_pid" 2>/dev/null || true
  wait "$proxy_pid" 2>/dev/null || true
  rm -f "$log"
  kill_orphan_browsers
}
trap cleanup EXIT

for _ in $(seq 1 300); do
  grep -qx ready "$log" && break
  if ! kill -0 "$proxy_pid" 2>/dev/null; then
    echo "test-wasm: xaman-proxy exited:" >&2
    cat "$log" >&2
    exit 1
  fi
  sleep 0.1
done
grep -qx ready "$log" || { echo "test-wasm: xaman-proxy did not get ready" >&2; cat "$log" >&2; exit 1; }

line() { sed -n "s/^$1: \([^ ]*\).*/\1/p" "$log" | head -n1; }
export XAMAN_TEST_APP=$(line app)
export XAMAN_TEST_PROXY=$(line "proxy api")
export XAMAN_TEST_PLATFORM=$(line platform)
export XAMAN_TEST_OAUTH=$(line oauth)
export XAMAN_TEST_API_KEY=$(line "api key")
echo "test-wasm: sandbox platform $XAMAN_TEST_PLATFORM, proxy $XAMAN_TEST_PROXY, test page $runner_origin"

export WASM_BINDGEN_TEST_ADDRESS="127.0.0.1:$runner_port"
# The runner's default COOP/COEP headers would cut the sign-in popup off from its opener.
export WASM_BINDGEN_TEST_NO_ORIGIN_ISOLATION=1
export WASM_BINDGEN_TEST_TIMEOUT=${WASM_BINDGEN_TEST_TIMEOUT:-240}
export CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner

cargo test --target wasm32-unknown-unknown -p xaman-wasm --test "${XAMAN_WEB_TESTS:-web_*}" "$@"
