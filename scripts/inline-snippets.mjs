// Put the JS files the Rust code imports (`#[wasm_bindgen(module = "/src/web/io.js")]`, which
// wasm-bindgen copies under snippets/ and imports from the glue) into the glue itself, so the
// package keeps one glue file. Only plain snippets are supported: top-level
// `export function` / `export async function` and no imports; anything else fails (exit 1).
// (esbuild --bundle would do this too, but it renames the glue's classes to _Xaman & co.)
//
//   node scripts/inline-snippets.mjs <dir with the glue> <glue file name>
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

const [dir, glueName] = process.argv.slice(2);
const gluePath = path.join(dir, glueName);
let glue = readFileSync(gluePath, "utf8");
const importLine = /^import \{([^}]*)\} from '(\.\/snippets\/[^']+)';\n/gm;

glue = glue.replace(importLine, (_, names, file) => {
  let source = readFileSync(path.join(dir, file), "utf8");
  if (/^\s*import\b|^\s*export\s+(default|\{|const|let|var|class)\b/m.test(source)) {
    console.error(`inline-snippets: ${file} has imports or exports other than functions`);
    process.exit(1);
  }
  source = source.replace(/^export (async function|function) /gm, "$1 ");
  for (const name of names.split(",").map((n) => n.trim()).filter(Boolean)) {
    if (!new RegExp(`^(async )?function ${name}\\(`, "m").test(source)) {
      console.error(`inline-snippets: ${file} does not define function ${name}`);
      process.exit(1);
    }
  }
  return source + "\n";
});
if (/from '\.\/snippets\//.test(glue)) {
  console.error("inline-snippets: a snippet import is left in the glue");
  process.exit(1);
}
writeFileSync(gluePath, glue);
