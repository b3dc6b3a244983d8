// Put the JS files the Rust code imports (`#[wasm_bindgen(module = "/src/web/io.js")]`, which
// wasm-bindgen copies under snippets/ and imports from the glue) into the glue itself, so the
// package keeps one glue file. Only plain snippets are supported: top-level
// `export function` / `export async function` and no imports; anything else fails (exit 1).
// wasm-bindgen imports a snippet as `import { a, b } from '…'` (functions the glue wraps) and,
// for functions the wasm calls directly, as `import * as importN from "…"` (the namespace goes
// into the wasm's imports object); each file is put in once, a namespace becomes an object of
// its functions.
// (esbuild --bundle would do this too, but it renames the glue's classes to _Xaman & co.)
//
//   node scripts/inline-snippets.mjs <dir with the glue> <glue file name>
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

const [dir, glueName] = process.argv.slice(2);
const gluePath = path.join(dir, glueName);
let glue = readFileSync(gluePath, "utf8");
const importLine = /^import \{([^}]*)\} from '(\.\/snippets\/[^']+)';\n/gm;
const namespaceLine = /^import \* as (\w+) from "(\.\/snippets\/[^"]+)";?\n/gm;

const sources = new Map();
const exported = new Map();
// The file's source without `export`, the first time it is asked for; "" after that.
function inline(file) {
  if (sources.has(file)) return "";
  let source = readFileSync(path.join(dir, file), "utf8");
  if (/^\s*import\b|^\s*export\s+(default|\{|const|let|var|class)\b/m.test(source)) {
    console.error(`inline-snippets: ${file} has imports or exports other than functions`);
    process.exit(1);
  }
  exported.set(file, [...source.matchAll(/^export (?:async )?function (\w+)\(/gm)].map((m) => m[1]));
  source = source.replace(/^export (async function|function) /gm, "$1 ");
  sources.set(file, source);
  return source + "\n";
}

glue = glue.replace(importLine, (_, names, file) => {
  const text = inline(file);
  for (const name of names.split(",").map((n) => n.trim()).filter(Boolean)) {
    if (!new RegExp(`^(async )?function ${name}\\(`, "m").test(sources.get(file))) {
      console.error(`inline-snippets: ${file} does not define function ${name}`);
      process.exit(1);
    }
  }
  return text;
});
glue = glue.replace(namespaceLine, (_, alias, file) => {
  const text = inline(file);
  return text + `const ${alias} = { ${exported.get(file).join(", ")} };\n`;
});
if (/from ['"]\.\/snippets\//.test(glue)) {
  console.error("inline-snippets: a snippet import is left in the glue");
  process.exit(1);
}
writeFileSync(gluePath, glue);
