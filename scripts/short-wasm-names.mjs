// Shorten the names between the wasm and its JS glue. wasm-bindgen names every import
// `__wbg_<name>_<16 hex digits>` under the module "./xaman_wasm_bg.js", and some exports
// carry hashes too; each name is stored twice (wasm, glue) and the hex does not compress.
// Imports become a, b, … (the glue must have each name exactly once, as the key of its imports
// object, else this fails with exit 1 and leaves both files untouched). Exports become $a, $b, …
// when the glue uses them only as `wasm.<name>` (others, and `memory`, keep their names).
//
//   node scripts/short-wasm-names.mjs <module.wasm> <glue.js>
import { readFileSync, writeFileSync } from "node:fs";

const [wasmPath, gluePath] = process.argv.slice(2);
if (!wasmPath || !gluePath) {
  console.error("usage: short-wasm-names.mjs <module.wasm> <glue.js>");
  process.exit(2);
}
const wasm = readFileSync(wasmPath);
let glue = readFileSync(gluePath, "utf8");

function fail(message) {
  console.error("short-wasm-names: " + message);
  process.exit(1);
}

// --- reading the wasm ---
let pos = 8;
function uleb() {
  let result = 0;
  let shift = 0;
  let byte;
  do {
    byte = wasm[pos++];
    result += (byte & 0x7f) * 2 ** shift;
    shift += 7;
  } while (byte & 0x80);
  return result;
}
function name() {
  const length = uleb();
  const text = wasm.subarray(pos, pos + length).toString("utf8");
  pos += length;
  return text;
}
function limits() {
  const flags = wasm[pos++];
  uleb();
  if (flags & 1) uleb();
}

function encodeUleb(n) {
  const out = [];
  do {
    let byte = n % 128;
    n = Math.floor(n / 128);
    if (n > 0) byte |= 0x80;
    out.push(byte);
  } while (n > 0);
  return Buffer.from(out);
}
function encodeName(text) {
  const bytes = Buffer.from(text, "utf8");
  return Buffer.concat([encodeUleb(bytes.length), bytes]);
}

if (wasm.readUInt32LE(0) !== 0x6d736100) fail(wasmPath + " is not a wasm module");
let importSection = null;
let exportSection = null;
while (pos < wasm.length) {
  const start = pos;
  const id = wasm[pos++];
  const size = uleb();
  const bodyStart = pos;
  if (id === 2) importSection = { start, end: bodyStart + size, bodyStart };
  if (id === 7) exportSection = { start, end: bodyStart + size, bodyStart };
  pos = bodyStart + size;
}
if (!importSection || !exportSection) fail("no import or export section");

pos = importSection.bodyStart;
const count = uleb();
const imports = [];
for (let i = 0; i < count; i++) {
  const module = name();
  const field = name();
  const descStart = pos;
  const kind = wasm[pos++];
  if (kind === 0) uleb();
  else if (kind === 1) {
    pos++; // reference type
    limits();
  } else if (kind === 2) limits();
  else if (kind === 3) pos += 2; // value type, mutability
  else if (kind === 4) {
    pos++;
    uleb();
  } else fail("unknown import kind " + kind);
  imports.push({ module, field, desc: wasm.subarray(descStart, pos) });
}
if (pos !== importSection.end) fail("import section not read to its end");

// --- the glue: module key and one object key per import ---
const glueModule = "./xaman_wasm_bg.js";
const moduleKey = JSON.stringify(glueModule) + ":";
if (glue.split(moduleKey).length !== 2) fail("the glue does not have the import module key once");
const newModule = "w";

const escape = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
const renamed = new Map();
let next = 0;
const shortName = () => {
  let n = next++;
  let s = "";
  do {
    s = "abcdefghijklmnopqrstuvwxyz"[n % 26] + s;
    n = Math.floor(n / 26);
  } while (n > 0);
  return s;
};
for (const entry of imports) {
  if (entry.module !== glueModule) continue;
  if (renamed.has(entry.field)) continue;
  const pattern = new RegExp("(?<![\\w$])" + escape(entry.field) + "(?![\\w$])", "g");
  const hits = glue.match(pattern) || [];
  if (hits.length !== 1) fail(`${entry.field} occurs ${hits.length} times in the glue (expected once)`);
  // The keys of the imports object are all import names, so short ones cannot collide.
  const short = shortName();
  renamed.set(entry.field, short);
  glue = glue.replace(pattern, short);
}
glue = glue.replace(moduleKey, JSON.stringify(newModule) + ":");

// The JS snippets' modules (src/web/io.js, put into the glue by scripts/inline-snippets.mjs as
// `const importN = { f, g };` under the key `"./snippets/…/io.js": importN`; wasm-bindgen
// writes one such key per \`extern\` block, all for the same module): each module gets a
// one-letter name and its imported functions short keys.
const snippetModules = new Map();
for (const entry of imports) {
  if (entry.module === glueModule || snippetModules.has(entry.module)) continue;
  const keyPattern = new RegExp(escape(JSON.stringify(entry.module)) + ":\\s*(\\w+)", "g");
  const keys = [...glue.matchAll(keyPattern)];
  if (keys.length === 0) fail(`the glue does not have the import module ${entry.module}`);
  const fields = new Map();
  for (const other of imports) {
    if (other.module === entry.module && !fields.has(other.field)) fields.set(other.field, shortName());
  }
  const members = [...fields].map(([field, short]) => `${short}: ${field}`).join(", ");
  // "x", "y", …: module names apart from the glue's "w" (the keys of one object).
  if (snippetModules.size > 1) fail("more than two snippet modules");
  const name = String.fromCharCode(120 + snippetModules.size);
  // One key and one object are kept, the others (same module, same functions) removed.
  for (const [index, [key, alias]] of keys.entries()) {
    const objectPattern = new RegExp("const " + alias + " = \\{[^}]*\\};\\n?", "g");
    if ((glue.match(objectPattern) || []).length !== 1) {
      fail(`the glue does not define ${alias} once as an object of functions`);
    }
    const first = index === 0;
    glue = glue.replace(objectPattern, first ? `const ${alias} = { ${members} };\n` : "");
    const keyPattern = new RegExp(escape(key) + (first ? "" : ",?"));
    glue = glue.replace(keyPattern, first ? JSON.stringify(name) + ": " + alias : "");
  }
  snippetModules.set(entry.module, { name, fields });
}

pos = exportSection.bodyStart;
const exportCount = uleb();
const exports = [];
for (let i = 0; i < exportCount; i++) {
  const field = name();
  const descStart = pos;
  pos++; // kind
  uleb(); // index
  exports.push({ field, desc: wasm.subarray(descStart, pos) });
}
if (pos !== exportSection.end) fail("export section not read to its end");
let exportsRenamed = 0;
for (const entry of exports) {
  if (entry.field === "memory") continue;
  const bare = glue.match(new RegExp("(?<![\\w$])" + escape(entry.field) + "(?![\\w$])", "g")) || [];
  const member = new RegExp("(?<![\\w$])wasm\\." + escape(entry.field) + "(?![\\w$])", "g");
  const uses = glue.match(member) || [];
  // Other mentions must be plain identifiers (the glue's wrapper functions of the same name,
  // which esbuild renames anyway), not property names or strings. An export the glue never
  // mentions is renamed too: nothing else reads the wasm's exports.
  const other = new RegExp(
    "[.\"'`]" + escape(entry.field) + "(?![\\w$])|(?<![\\w$])" + escape(entry.field) + "[\"'`]",
    "g",
  );
  if ((glue.match(other) || []).length !== uses.length) continue;
  if (uses.length === 0 && bare.length !== 0) continue;
  entry.short = "$" + shortName();
  glue = glue.replace(member, () => "wasm." + entry.short);
  exportsRenamed++;
}

// --- writing the wasm with the new names ---
const parts = [encodeUleb(imports.length)];
for (const entry of imports) {
  const ours = entry.module === glueModule;
  const snippet = snippetModules.get(entry.module);
  parts.push(encodeName(ours ? newModule : snippet ? snippet.name : entry.module));
  parts.push(encodeName(ours ? renamed.get(entry.field) : snippet ? snippet.fields.get(entry.field) : entry.field));
  parts.push(entry.desc);
}
const body = Buffer.concat(parts);
const section = Buffer.concat([Buffer.from([2]), encodeUleb(body.length), body]);
const exportParts = [encodeUleb(exports.length)];
for (const entry of exports) {
  exportParts.push(encodeName(entry.short || entry.field));
  exportParts.push(entry.desc);
}
const exportBody = Buffer.concat(exportParts);
const newExportSection = Buffer.concat([Buffer.from([7]), encodeUleb(exportBody.length), exportBody]);
if (importSection.end > exportSection.start) fail("export section before the import section");
const out = Buffer.concat([
  wasm.subarray(0, importSection.start),
  section,
  wasm.subarray(importSection.end, exportSection.start),
  newExportSection,
  wasm.subarray(exportSection.end),
]);
await WebAssembly.compile(out); // still a valid module
writeFileSync(wasmPath, out);
writeFileSync(gluePath, glue);
console.log(`short-wasm-names: ${renamed.size} imports and ${exportsRenamed} exports renamed`);
