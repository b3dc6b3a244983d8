// Starts `xaman-proxy --sandbox` for a test file on free ports with an in-memory database, reads
// its start lines, and stops it again. One server per test file keeps state from leaking.
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

/** The repository root. */
export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");
export const PROXY_BINARY = path.join(ROOT, "target/debug/xaman-proxy");
export const PKG_DIR = path.join(ROOT, "pkg");
export const WWW_DIR = path.join(ROOT, "www");

const LABELS = {
  app: "app",
  proxyApi: "proxy api",
  platform: "platform",
  oauth: "oauth",
  phone: "phone",
  xappHost: "xapp host",
  apiKey: "api key",
  apiSecret: "api secret",
  policy: "policy",
};

/**
 * Fails with a clear message when the binary or (unless `pkg` is false: a test of the sandbox
 * alone) the package has not been built.
 */
export function assertBuilt({ pkg = true } = {}) {
  if (!existsSync(PROXY_BINARY)) {
    throw new Error(`${PROXY_BINARY} is missing: run \`cargo build -p xaman-proxy\` first`);
  }
  if (pkg && !existsSync(path.join(PKG_DIR, "index.js"))) {
    throw new Error(`${PKG_DIR}/index.js is missing: run \`npm run build\` first`);
  }
}

/**
 * Starts the proxy in sandbox mode and resolves once it printed `ready`, with the URLs from its
 * start lines (`app`, `proxyApi`, `platform`, `oauth`, `phone`, `xappHost`, `apiKey`, ...) and
 * `stop()`. `www: null, pkg: null`: for tests of the sandbox alone, which need no demo and no
 * built package.
 */
export async function startProxy({ www = WWW_DIR, pkg = PKG_DIR, args = [], timeoutMs = 30_000 } = {}) {
  assertBuilt({ pkg: pkg !== null });
  const env = { ...process.env };
  delete env.XAMAN_API_KEY;
  delete env.XAMAN_API_SECRET;
  const argv = [
    "--sandbox", "--port", "0", "--sandbox-port", "0",
    ...(www === null ? [] : ["--www", www]), ...(pkg === null ? [] : ["--pkg", pkg]),
    "--db", ":memory:", ...args,
  ];
  const child = spawn(PROXY_BINARY, argv, { cwd: ROOT, env, stdio: ["ignore", "pipe", "pipe"] });
  const killOnExit = () => child.kill("SIGKILL");
  process.on("exit", killOnExit);

  let stdout = "";
  let stderr = "";
  child.stdout.setEncoding("utf8").on("data", (chunk) => { stdout += chunk; });
  child.stderr.setEncoding("utf8").on("data", (chunk) => { stderr += chunk; });
  const exited = new Promise((resolve) => child.once("exit", (code, signal) => resolve({ code, signal })));

  const ready = new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(
      `xaman-proxy did not print "ready" within ${timeoutMs} ms\nstdout:\n${stdout}\nstderr:\n${stderr}`)), timeoutMs);
    const check = () => {
      if (/^ready\s*$/m.test(stdout)) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout.on("data", check);
    exited.then(({ code, signal }) => {
      clearTimeout(timer);
      reject(new Error(`xaman-proxy exited (${code ?? signal}) before "ready"\nstdout:\n${stdout}\nstderr:\n${stderr}`));
    });
  });
  await ready;

  const server = { argv, output: () => ({ stdout, stderr }) };
  for (const [key, label] of Object.entries(LABELS)) {
    const match = new RegExp(`^${label}: (\\S+)`, "m").exec(stdout);
    server[key] = match ? match[1] : undefined;
  }
  for (const key of ["app", "proxyApi", "platform", "phone", "xappHost"]) {
    if (!server[key]) throw new Error(`xaman-proxy printed no "${LABELS[key]}:" line\n${stdout}`);
  }
  server.stop = async () => {
    process.off("exit", killOnExit);
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill("SIGTERM");
    const timer = setTimeout(() => child.kill("SIGKILL"), 5_000);
    await exited;
    clearTimeout(timer);
  };
  return server;
}
