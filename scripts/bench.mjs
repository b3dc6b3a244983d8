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
// scripts/bench.sh). Prints medians; nothing is asserted.
import { launchBrowser } from "../tests/e2e/support/browser.mjs";
import { startProxy } from "../tests/e2e/support/server.mjs";

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 40);

const server = await startProxy({ args: ["--rate-per-session", "100000", "--rate-per-ip", "100000"] });
const browser = await launchBrowser();
try {
  const page = await browser.newPage();
  // A same-origin page that does not load the SDK itself, so the load below is cold.
  await page.goto(`${server.app}api/xaman/config`, { waitUntil: "load" });
  const results = await page.evaluate(async (rounds) => {
    const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
    const time = async (fn) => { const t = performance.now(); await fn(); return performance.now() - t; };
    const post = (body) => fetch("/api/xaman/payload", {
      method: "POST", credentials: "include",
      headers: { "content-type": "application/json" }, body: JSON.stringify(body),
    }).then((r) => r.json());

    const sessionFetch = await time(() => fetch("/api/xaman/session", { credentials: "include" }).then((r) => r.json()));
    let xaman;
    const load = await time(async () => {
      const { Xaman } = await import("/pkg/index.js");
      xaman = await Xaman.connect({ proxy: "/api/xaman" });
    });

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
      load: [load, sessionFetch],
      create: [median(sdkCreate), median(rawCreate)],
      refuse: [median(sdkRefuse), median(rawRefuse)],
    };
  }, ROUNDS);

  const row = (label, [sdk, base], baseLabel) =>
    console.log(`${label.padEnd(44)} ${sdk.toFixed(2).padStart(8)} ms   baseline ${base.toFixed(2).padStart(7)} ms (${baseLabel})   ratio ${(sdk / base).toFixed(2)}`);
  console.log(`browser benchmark, headless Chromium, ${ROUNDS} rounds, medians`);
  row("load: import + Xaman.connect (first)", results.load, "fetch /session");
  row("create: xaman.payload(SignIn) via proxy", results.create, "raw fetch POST");
  row("refuse: invalid Destination", results.refuse, "server refusal");
} finally {
  await browser.close();
  await server.stop();
}
