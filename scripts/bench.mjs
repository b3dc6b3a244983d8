// `npm run bench`: what the SDK costs in a real browser, each number next to a baseline measured
// in the same page and the same run, so the ratio means something on any machine.
//
//   1. Load: import the package and `Xaman.connect()` (wasm fetch + compile + instantiate +
//      session lookup) vs. one plain `fetch` of the proxy's `/session` (the network floor).
//   2. Create: `xaman.payload({txjson})` (validate in wasm, POST through the proxy, open the
//      status socket) vs. a plain `fetch` POST of the same body to the same proxy route.
//   3. Refuse: `xaman.payload()` with an invalid Destination (caught in wasm, nothing sent) vs.
//      the same plain `fetch` POST (the cost of finding out from the server instead).
//
// Runs headless Chromium against `xaman-proxy --sandbox` on 127.0.0.1 (both built first by
// scripts/bench.sh). Prints medians; nothing is asserted. The load is cold only once per browser
// context (fresh HTTP and code caches), so it is measured in LOAD_ROUNDS new contexts.
// BENCH_PKG=<dir> serves another build of the package (e.g. an older one, to compare).
import { launchBrowser } from "../tests/e2e/support/browser.mjs";
import { startProxy } from "../tests/e2e/support/server.mjs";

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 40);
const LOAD_ROUNDS = Number(process.env.BENCH_LOAD_ROUNDS ?? 9);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const server = await startProxy({
  ...(process.env.BENCH_PKG ? { pkg: process.env.BENCH_PKG } : {}),
  args: ["--rate-per-session", "100000", "--rate-per-ip", "100000"],
});
const browser = await launchBrowser();
try {
  // Cold loads: each in a new context, on a same-origin page that does not load the SDK itself.
  const sdkLoads = [], fetchLoads = [];
  for (let i = 0; i < LOAD_ROUNDS; i++) {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${server.app}api/xaman/config`, { waitUntil: "load" });
    const [sdk, plain] = await page.evaluate(async () => {
      const time = async (fn) => { const t = performance.now(); await fn(); return performance.now() - t; };
      const plain = await time(() => fetch("/api/xaman/session", { credentials: "include" }).then((r) => r.json()));
      const sdk = await time(async () => {
        const { Xaman } = await import("/pkg/index.js");
        await Xaman.connect({ proxy: "/api/xaman" });
      });
      return [sdk, plain];
    });
    sdkLoads.push(sdk);
    fetchLoads.push(plain);
    await context.close();
  }

  const page = await browser.newPage();
  await page.goto(`${server.app}api/xaman/config`, { waitUntil: "load" });
  const results = await page.evaluate(async (rounds) => {
    const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
    const time = async (fn) => { const t = performance.now(); await fn(); return performance.now() - t; };
    const post = (body) => fetch("/api/xaman/payload", {
      method: "POST", credentials: "include",
      headers: { "content-type": "application/json" }, body: JSON.stringify(body),
    }).then((r) => r.json());

    const { Xaman } = await import("/pkg/index.js");
    const xaman = await Xaman.connect({ proxy: "/api/xaman" });

    const good = { txjson: { TransactionType: "SignIn" }, custom_meta: { instruction: "bench" } };
    const bad = { txjson: { TransactionType: "Payment", Destination: "rNotAnAddress", Amount: "1" } };
    const sdkCreate = [], rawCreate = [], sdkRefuse = [], rawRefuse = [];
    for (let i = 0; i < rounds; i++) {
      rawCreate.push(await time(() => post(good)));
      sdkCreate.push(await time(async () => {
        const req = await xaman.payload(good);
        req.free();
      }));
      rawRefuse.push(await time(() => post(bad)));
      sdkRefuse.push(await time(() => xaman.payload(bad).then(() => { throw new Error("accepted"); }, () => {})));
    }
    return {
      create: [median(sdkCreate), median(rawCreate)],
      refuse: [median(sdkRefuse), median(rawRefuse)],
    };
  }, ROUNDS);

  const row = (label, [sdk, base], baseLabel) =>
    console.log(`${label.padEnd(44)} ${sdk.toFixed(2).padStart(8)} ms   baseline ${base.toFixed(2).padStart(7)} ms (${baseLabel})   ratio ${(sdk / base).toFixed(2)}`);
  console.log(`browser benchmark, headless Chromium, medians of ${LOAD_ROUNDS} cold loads and ${ROUNDS} rounds`);
  row("load: import + Xaman.connect (cold)", [median(sdkLoads), median(fetchLoads)], "fetch /session");
  row("create: xaman.payload(SignIn) via proxy", results.create, "raw fetch POST");
  row("refuse: invalid Destination", results.refuse, "server refusal");
} finally {
  await browser.close();
  await server.stop();
}
