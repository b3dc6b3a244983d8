// What takes the bytes in a .wasm: function body sizes from the code section, named from the
// name section, grouped by crate. `twiggy` is not available here, so this reads the binary.
//
//   node scripts/wasm-size-report.mjs <file.wasm> [top N]
//
// Use it on a build that still has its name section: wasm-bindgen's output before wasm-opt
// (scripts/build.sh keeps it as target/xaman-wasm-size/named.wasm) or any `wasm-opt -g` output.
import { readFileSync } from "node:fs";

const file = process.argv[2];
const top = Number(process.argv[3] ?? 40);
if (!file) {
  console.error("usage: node scripts/wasm-size-report.mjs <file.wasm> [top N]");
  process.exit(2);
}
const bytes = readFileSync(file);
let pos = 8;

function leb() {
  let result = 0;
  let shift = 0;
  for (;;) {
    const byte = bytes[pos++];
    result += (byte & 0x7f) * 2 ** shift;
    shift += 7;
    if ((byte & 0x80) === 0) return result;
  }
}
function name() {
  const len = leb();
  const text = bytes.subarray(pos, pos + len).toString("utf8");
  pos += len;
  return text;
}

const sections = [];
let importedFunctions = 0;
let bodies = [];
const names = new Map();
let dataBytes = 0;

while (pos < bytes.length) {
  const id = bytes[pos++];
  const size = leb();
  const start = pos;
  const end = pos + size;
  let label = ["custom", "type", "import", "function", "table", "memory", "global", "export", "start", "element", "code", "data", "datacount"][id] ?? `id${id}`;
  if (id === 0) {
    const custom = name();
    label = `custom:${custom}`;
    if (custom === "name") {
      while (pos < end) {
        const sub = bytes[pos++];
        const subSize = leb();
        const subEnd = pos + subSize;
        if (sub === 1) {
          const count = leb();
          for (let i = 0; i < count; i++) {
            const index = leb();
            names.set(index, name());
          }
        }
        pos = subEnd;
      }
    }
  } else if (id === 2) {
    const count = leb();
    for (let i = 0; i < count; i++) {
      name();
      name();
      const kind = bytes[pos++];
      if (kind === 0) {
        leb();
        importedFunctions++;
      } else if (kind === 1) {
        pos++;
        const flags = leb();
        leb();
        if (flags & 1) leb();
      } else if (kind === 2) {
        const flags = leb();
        leb();
        if (flags & 1) leb();
      } else if (kind === 3) {
        pos += 2;
      } else {
        leb();
      }
    }
  } else if (id === 10) {
    const count = leb();
    for (let i = 0; i < count; i++) {
      const bodySize = leb();
      bodies.push({ index: importedFunctions + i, size: bodySize });
      pos += bodySize;
    }
  } else if (id === 11) {
    dataBytes = size;
  }
  sections.push({ label, size: end - start });
  pos = end;
}

const demangle = (n) => n.replace(/::h[0-9a-f]{16}$/, "");
// Where a function belongs: this crate by module (xaman_wasm::core::status, …), the async
// exports (`Xaman.connect` and `xaman.payload`: their tasks, with what is inlined into them),
// the #[wasm_bindgen] export shims, or the first path segment (the crate) otherwise.
const crateOf = (n) => {
  const clean = n.replace(/^<+/, "").replace(/^_?ZN?\d*/, "");
  if (/^xaman_wasm::surface::Xaman::(connect_js|payload)::/.test(clean)) return "async exports (connect, payload; inlined)";
  const own = clean.match(/^xaman_wasm::(core|web)::([a-z_]+)/);
  if (own) return `xaman_wasm::${own[1]}::${own[2]}`;
  if (/^(xaman|payloadrequest|xappbridge)_[A-Za-z]+ /.test(clean)) return "exported methods (shims + inlined bodies)";
  if (/^core::ptr::drop_in_place/.test(clean)) return "drop glue (core::ptr::drop_in_place<…>)";
  if (/^(core|alloc|std)(\[|::)/.test(clean) || /^<(f64|char|&str|str|u\d+|i\d+)/.test(n)) return "Rust std (core/alloc/std: fmt, str, panics)";
  const m = clean.match(/^([A-Za-z_][A-Za-z0-9_]*)/);
  return m ? m[1] : "?";
};

console.log(`${file}: ${bytes.length} B`);
console.log("\nsections:");
for (const s of sections.sort((a, b) => b.size - a.size)) console.log(`  ${String(s.size).padStart(8)}  ${s.label}`);

const named = bodies.map((b) => ({ ...b, name: demangle(names.get(b.index) ?? `func${b.index}`) }));
const byCrate = new Map();
for (const f of named) byCrate.set(crateOf(f.name), (byCrate.get(crateOf(f.name)) ?? 0) + f.size);
console.log("\ncode by origin (raw bytes of function bodies):");
for (const [crate, size] of [...byCrate].sort((a, b) => b[1] - a[1]).slice(0, 40)) {
  console.log(`  ${String(size).padStart(8)}  ${crate}`);
}
console.log(`\nlargest ${top} functions:`);
for (const f of named.sort((a, b) => b.size - a.size).slice(0, top)) {
  console.log(`  ${String(f.size).padStart(8)}  ${f.name.slice(0, 150)}`);
}
console.log(`\ndata section: ${dataBytes} B`);
