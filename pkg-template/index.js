// xaman-wasm entry point. Importing this file does nothing but define two exports: it touches
// no `window`, `document` or network, so it is safe in Node and during server-side rendering.
// The WebAssembly module is fetched and instantiated on the first `Xaman.connect()` call.
import init, * as wasm from "./xaman_wasm.js";

let loading;

/** Loads the wasm once; a failed load is retried on the next call. */
function load() {
  if (!loading) {
    const url = new URL("./xaman_wasm_bg.wasm", import.meta.url);
    loading = source(url)
      .then((module_or_path) => init({ module_or_path }))
      .then(
        () => wasm,
        (cause) => {
          loading = undefined;
          throw loadError(cause);
        },
      );
  }
  return loading;
}

/**
 * The module's bytes: fetched in browsers (streamed when the server sends `application/wasm`,
 * else read whole, so a wrong MIME type costs speed but logs nothing), read from disk in Node
 * (file: URL; Node's fetch cannot load those).
 */
async function source(url) {
  if (url.protocol === "file:") {
    const fsModule = "node:fs/promises"; // a variable, so bundlers leave it alone
    const { readFile } = await import(/* @vite-ignore */ fsModule);
    return readFile(url);
  }
  const response = await fetch(url);
  if (!response.ok) throw new Error("HTTP " + response.status + " for " + url);
  const type = response.headers.get("content-type") || "";
  return type.startsWith("application/wasm") ? response : response.arrayBuffer();
}

function loadError(cause) {
  const detail = cause && cause.message ? ": " + cause.message : "";
  const error = new Error("could not load the xaman-wasm WebAssembly module" + detail, { cause });
  error.name = "XamanError";
  error.code = "network";
  return error;
}

/**
 * The SDK. Create one with `await Xaman.connect(options)`; `new Xaman()` throws.
 * `x instanceof Xaman` is true for connected instances.
 */
export class Xaman {
  constructor() {
    throw new TypeError("use `await Xaman.connect(options)` to create a Xaman instance");
  }

  static async connect(options) {
    const module = await load();
    return module.Xaman.connect(options);
  }

  static [Symbol.hasInstance](value) {
    return value instanceof wasm.Xaman;
  }
}

/** True for the errors this SDK throws and rejects with (`name === "XamanError"`, a `code`). */
export function isXamanError(value) {
  return (
    value instanceof Error && value.name === "XamanError" && typeof value.code === "string"
  );
}
