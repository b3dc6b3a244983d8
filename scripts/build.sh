#!/usr/bin/env bash
# `npm run build`: compile the SDK to WebAssembly and assemble the npm package in pkg/.
#
#   cargo rustc (cdylib only, profile `wasm`: LTO; `--no-default-features`: no_std)
#   → wasm-bindgen --target web
#   → wasm-opt -Oz (binaryen from npm)
#   → pkg/ = optimised wasm + index.js (the loader of pkg-template/ and wasm-bindgen's glue,
#     with src/web/io.js put in, bundled and minified by esbuild, class names set back) + the
#     other hand-written files of pkg-template/; the wasm's import/export names shortened in
#     wasm and glue (scripts/short-wasm-names.mjs)
#
# The build is skipped when none of its inputs changed since the last one (a stamp of input
# hashes in pkg/.build-stamp), so a second `npm start` does not recompile. `--force` rebuilds.
# At the end it prints raw and gzip -9 sizes of the wasm and of index.js (glue and loader).
# `--report` also prints what takes the bytes (scripts/wasm-size-report.mjs on a copy of the
# optimised wasm that keeps its function names).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh

out=pkg
crate=xaman_wasm
force=
report=
for arg in "$@"; do
  case "$arg" in
    --force) force=1 ;;
    --report) force=1; report=1 ;;
    *) echo "build: unknown argument $arg (use --force or --report)" >&2; exit 2 ;;
  esac
done

# The npm binaryen only: Debian's /usr/bin/wasm-opt (version 108) breaks wasm-bindgen output.
wasm_opt="$PWD/node_modules/.bin/wasm-opt"
if [ ! -x "$wasm_opt" ]; then
  echo "build: $wasm_opt is missing; run 'npm run setup' first" >&2
  exit 1
fi

input_hash() {
  {
    find src pkg-template -type f -print0 | sort -z | xargs -0 sha256sum
    sha256sum Cargo.toml Cargo.lock scripts/build.sh scripts/short-wasm-names.mjs scripts/inline-snippets.mjs
    wasm-bindgen --version
    "$wasm_opt" --version
    esbuild --version
    rustc --version
  } | sha256sum | cut -d' ' -f1
}

gz_size() { gzip -9 -c "$1" | wc -c | tr -d ' '; }
raw_size() { wc -c < "$1" | tr -d ' '; }

print_sizes() {
  local total_raw=0 total_gz=0 f r g
  printf '%-28s %10s %10s\n' "pkg/ file" "raw B" "gzip -9 B"
  for f in "$out/${crate}_bg.wasm" "$out/index.js"; do
    r=$(raw_size "$f"); g=$(gz_size "$f")
    total_raw=$((total_raw + r)); total_gz=$((total_gz + g))
    printf '%-28s %10s %10s\n' "$(basename "$f")" "$r" "$g"
  done
  printf '%-28s %10s %10s\n' "total (wasm + glue/loader)" "$total_raw" "$total_gz"
}

stamp="$out/.build-stamp"
hash=$(input_hash)
if [ -z "$force" ] && [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$hash" ]; then
  echo "build: inputs unchanged, pkg/ is up to date"
  print_sizes
  exit 0
fi

echo "build: cargo rustc --crate-type cdylib --target wasm32-unknown-unknown --profile wasm --no-default-features (no_std, LTO)"
# Without the default `std` feature the crate is no_std on wasm32 (src/lib.rs): no std panic
# machinery or formatting in the wasm.
# Only the cdylib is built here (`cargo rustc --crate-type cdylib`): for a crate whose
# crate-type lists `rlib` too (the tests link the rlib), cargo silently leaves out `-C lto`,
# and the profile's `lto = true` does nothing (rust-lang/cargo#9672). With link-time
# optimisation LLVM sees that the panic handler reads no message or location, and the panic
# formatting, messages and source locations of the standard library and of this crate go:
# −5.9 KB gzip. tests/node/wasm-build.test.mjs fails if they come back.
# Were any left, the dependencies' file names would be cut to `crate-version/src/…` instead of
# this machine's registry path.
remap=
for dir in "${CARGO_HOME:-$HOME/.cargo}"/registry/src/*/; do
  [ -d "$dir" ] && remap="$remap --remap-path-prefix=$dir="
done
RUSTFLAGS="${RUSTFLAGS:-}$remap" \
  cargo rustc --quiet --lib --crate-type cdylib --target wasm32-unknown-unknown --profile wasm \
  -p xaman-wasm --no-default-features

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

echo "build: wasm-bindgen --target web"
# --omit-default-module-path: the loader always hands the glue the wasm (pkg-template/index.js
# names its URL), so the glue's own default URL is not needed. --encode-into always: every
# browser and Node version that runs this wasm has TextEncoder.encodeInto; no fallback code.
wasm-bindgen --target web --no-typescript --omit-default-module-path --encode-into always --out-dir "$tmp" --out-name "$crate" \
  "target/wasm32-unknown-unknown/wasm/$crate.wasm"

echo "build: wasm-opt -Oz ($wasm_opt)"
# The features Rust ≥ 1.82 emits by default (wasm-bindgen's externref table needs reference types).
# --flatten --rereloop first rebuilds the control flow from scratch (what rustc's structured
# loops leave is larger than binaryen's own after -Oz: 348 B gzip); --converge repeats -Oz while
# it still shrinks, and --merge-similar-functions folds the near-identical shims and closures.
# The producers and target-features custom sections are not needed by any runtime.
# -iit (--ignore-implicit-traps): Rust never relies on a load, store or division trapping, so
# unused loads may go. -lmu (--low-memory-unused): rustc links the stack first, from 1 MiB down
# to 0, so the lowest 1 KiB is touched only by a stack 1023 KiB deep; the optimizer may then fold
# constant offsets into loads and stores. Together −372 B gzip. Not -tnh (traps never happen):
# it would delete the bounds checks and the RefCell and out-of-memory traps that stop a bug.
# --gufa-optimizing after a first -Oz: a whole-module flow analysis (what the exports, imports
# and the function table can pass in counts as unknown) that turns values only one constant can
# reach into that constant; then coalescing locals once more and a last instruction pass:
# −114 B gzip on the package built without LTO, −88 B on the wasm with LTO, each measured
# against the pipeline without them.
"$wasm_opt" -iit -lmu -Oz --gufa-optimizing --flatten --rereloop -Oz -Oz --converge \
  --merge-similar-functions -Oz --coalesce-locals-learning --optimize-instructions -Oz \
  --strip-producers --strip-target-features \
  --enable-bulk-memory --enable-reference-types --enable-nontrapping-float-to-int \
  --enable-sign-ext --enable-mutable-globals --enable-multivalue \
  "$tmp/${crate}_bg.wasm" -o "$tmp/${crate}_bg.opt.wasm"

if [ -n "$report" ]; then
  "$wasm_opt" -Oz -g \
    --enable-bulk-memory --enable-reference-types --enable-nontrapping-float-to-int \
    --enable-sign-ext --enable-mutable-globals --enable-multivalue \
    "$tmp/${crate}_bg.wasm" -o "$tmp/named.wasm"
  node scripts/wasm-size-report.mjs "$tmp/named.wasm" 30
fi

rm -rf "$out"
mkdir -p "$out"
cp "$tmp/${crate}_bg.opt.wasm" "$out/${crate}_bg.wasm"
# The JS the Rust code imports (src/web/io.js, emitted by wasm-bindgen under snippets/) goes
# into the glue, so the package stays one glue file.
node scripts/inline-snippets.mjs "$tmp" "${crate}.js"
# Short import and export names in both files (wasm-bindgen's carry 16 hex digits).
node scripts/short-wasm-names.mjs "$out/${crate}_bg.wasm" "$tmp/${crate}.js"
# pkg/index.js = the loader (pkg-template/index.js) and the glue it imports, bundled and minified
# by esbuild (from npm): one file is one request, and gzip compresses the two better together
# than apart (each file's window starts empty); what the loader does not use of the glue
# (`initSync`) is left out. Minifying renames classes, so their names are set back: the page
# still sees Xaman, PayloadRequest and XappBridge (tests/node/import.test.mjs).
for class in Xaman PayloadRequest XappBridge; do
  if ! grep -q "^export class $class " "$tmp/${crate}.js"; then
    echo "build: the glue has no 'export class $class'" >&2
    exit 1
  fi
  printf 'Object.defineProperty(%s, "name", { value: "%s" });\n' "$class" "$class" >>"$tmp/${crate}.js"
done
if ! grep -q '^import init, \* as wasm from "./'"${crate}"'.js";$' pkg-template/index.js; then
  echo "build: pkg-template/index.js no longer imports ./${crate}.js as the build expects" >&2
  exit 1
fi
{ cat pkg-template/index.js; printf 'Object.defineProperty(Xaman, "name", { value: "Xaman" });\n'; } \
  >"$tmp/index.js"
# esbuild drops comments, so the one bundlers read (`/* @vite-ignore */` on the Node-only dynamic
# import, the file's only `import(` of a variable) is put back, and checked.
esbuild "$tmp/index.js" --bundle --minify --format=esm --target=esnext --log-level=warning \
  | sed -E 's#await import\(([A-Za-z_$][A-Za-z0-9_$]*)\)#await import(/* @vite-ignore */\1)#' \
  >"$out/index.js"
if [ "$(grep -o 'import(' "$out/index.js" | wc -l)" != 1 ] ||
  ! grep -q 'await import(/\* @vite-ignore \*/[A-Za-z_$]' "$out/index.js"; then
  echo "build: the bundled index.js lost its one @vite-ignore import; check pkg-template/index.js" >&2
  exit 1
fi
cp pkg-template/package.json pkg-template/README.md "$out/"
# index.d.ts: the TransactionType union comes from the list the SDK validates against.
tx_types=$(sed -n '/^pub const TRANSACTION_TYPES/,/^];/p' src/core/payload/tx_types.rs \
  | grep -o '"[A-Za-z0-9]*"' | paste -sd '|' | sed 's/|/ | /g')
if [ -z "$tx_types" ]; then
  echo "build: could not read TRANSACTION_TYPES from src/core/payload/tx_types.rs" >&2
  exit 1
fi
sed "s#/\*@TRANSACTION_TYPES@\*/ string#$tx_types#" pkg-template/index.d.ts > "$out/index.d.ts"
# The package version follows the crate version.
version=$(sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -n1)
sed -i "s/\"version\": \"[^\"]*\"/\"version\": \"$version\"/" "$out/package.json"

echo "$hash" > "$stamp"
echo "build: pkg/ assembled"
print_sizes
