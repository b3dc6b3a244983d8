#!/usr/bin/env bash
# `npm start`: the demo dApp on the local sandbox. Installs what is missing, rebuilds what
# changed (the npm package into pkg/, the proxy binary), starts `xaman-proxy --sandbox` serving
# www/ and pkg/, and prints where to open things. Ctrl-C stops everything it started.
# Extra arguments go to xaman-proxy, e.g. `npm start -- --port 9000 --sandbox-port 9001`.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/setup.sh
source scripts/env.sh

echo "start: building the npm package (pkg/)"
bash scripts/build.sh
echo "start: building xaman-proxy"
cargo build -p xaman-proxy --quiet

proxy_pid=""
stop() {
  if [ -n "$proxy_pid" ] && kill -0 "$proxy_pid" 2>/dev/null; then
    kill "$proxy_pid" 2>/dev/null || true
    wait "$proxy_pid" 2>/dev/null || true
  fi
}
trap stop EXIT
trap 'echo; echo "start: stopping"; exit 130' INT TERM

# The example policy lets the demo's Payments to the sandbox users through the proxy route
# (without a policy the proxy creates SignIn payloads only); `--policy FILE` replaces it.
policy=(--policy proxy/policy.example.toml)
for arg in "$@"; do
  case "$arg" in --policy|--policy=*) policy=() ;; esac
done

# The proxy's own output is passed through; its start lines tell us the URLs it bound.
exec {proxy_out}< <(exec target/debug/xaman-proxy --sandbox --www www --pkg pkg "${policy[@]}" "$@" 2>&1)
proxy_pid=$!

app="" phone="" xapp_host=""
while IFS= read -r line <&"$proxy_out"; do
  echo "  $line"
  case "$line" in
    "app: "*) app=${line#app: } ;;
    "phone: "*) phone=${line#phone: } ;;
    "xapp host: "*) xapp_host=${line#xapp host: } ;;
    ready)
      demo_url=$(node -e 'process.stdout.write(encodeURIComponent(process.argv[1]))' "$app")
      echo
      echo "  Demo dApp:         $app"
      echo "  Phone simulator:   $phone"
      echo "  Demo as an xApp:   $xapp_host$demo_url"
      echo
      echo "  Press Ctrl-C to stop."
      ;;
  esac
done
wait "$proxy_pid"
