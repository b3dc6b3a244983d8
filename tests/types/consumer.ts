// A TypeScript consumer of the package: uses every part of the API and checks, with
// `@ts-expect-error`, that wrong uses do not compile. Type-checked by `tsc --noEmit -p tests/types`
// against pkg/index.d.ts (run `npm run build` first). Never executed.
import {
  Xaman,
  isXamanError,
  type CancelResult,
  type PayloadRequest,
  type PayloadResult,
  type PayloadStatusEvent,
  type XamanContext,
  type XamanError,
  type XamanErrorCode,
  type XamanUser,
  type XappBridge,
} from "xaman-wasm";

type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
function assertType<T extends true>(): void {}

export async function usesEverything(button: HTMLButtonElement, box: HTMLElement): Promise<void> {
  const xaman: Xaman = await Xaman.connect({
    apiKey: "c0ffee00-5a4d-4b0b-8a11-000000000001",
    proxy: "/api/xaman",
    endpoint: "https://xumm.app",
    oauthEndpoint: "https://oauth2.xumm.app",
    storage: "session",
    debug: false,
    timeoutMs: 15000,
  });
  const context: XamanContext = xaman.context;
  assertType<Equal<typeof context, "xapp" | "web3" | "proxy">>();
  const user: XamanUser | null = xaman.user;
  if (user) {
    const account: string = user.account;
    const expires: number | undefined = user.tokenExpiresAt;
    const network: string | undefined = user.networkType;
    void [account, expires, network, user.name, user.networkEndpoint];
  }

  button.onclick = async () => {
    const signedIn: XamanUser = await xaman.signIn();
    await xaman.signIn({ redirect: true });
    void signedIn;
  };
  await xaman.signOut();

  const offs: Array<() => void> = [
    xaman.on("signedIn", (u) => void u.account),
    xaman.on("signedOut", (e) => {
      assertType<Equal<typeof e.reason, "signOut" | "expired">>();
    }),
    xaman.on("error", (e) => void e.code),
  ];
  offs.forEach((off) => off());

  const req: PayloadRequest = await xaman.payload(
    {
      txjson: { TransactionType: "Payment", Destination: "rPEPPER7kfTD9w2To4CQk6UCfuHM9c6GDY", Amount: "1000000" },
      options: {
        submit: true,
        multisign: false,
        expire: 5,
        signers: ["rPEPPER7kfTD9w2To4CQk6UCfuHM9c6GDY"],
        force_network: "TESTNET",
        return_url: { app: "https://example.com/?id={id}", web: "https://example.com/?id={id}" },
        pathfinding: false,
      },
      custom_meta: { identifier: "order-1", blob: { cart: [1, 2] }, instruction: "Pay for order 1" },
    },
    { open: false },
  );
  await xaman.payload({ txblob: "12000022800000002400000001" });
  await xaman.payload({ txjson: { TransactionType: "SignIn" } });

  const uuid: string = req.uuid;
  const pushed: boolean = req.pushed;
  assertType<Equal<typeof req.route, "xapp" | "push" | "qr" | "deeplink">>();
  const always: string = req.next.always;
  const qrPage: string | undefined = req.next.no_push_msg_received;
  const deeplink: string = req.deeplink;
  const websocket: string = req.created.refs.websocket_status;
  if (req.route === "qr") box.innerHTML = req.qrSvg();
  void [uuid, pushed, always, qrPage, deeplink, websocket];

  const off = req.on("status", (ev: PayloadStatusEvent) => {
    assertType<
      Equal<typeof ev.type, "opened" | "expires_in" | "pre_signed" | "dispatched" | "signed" | "rejected" | "expired" | "cancelled">
    >();
    if (ev.type === "expires_in") void (ev.expiresInSeconds ?? 0).toFixed(0);
  });
  off();

  const result: PayloadResult = await req.resolved;
  assertType<Equal<typeof result.outcome, "signed" | "rejected" | "expired" | "cancelled">>();
  if (result.outcome === "signed") {
    const txid: string | undefined = result.txid;
    const signer: string | undefined = result.account;
    const hex: string | undefined = result.hex;
    const signedFlag: boolean = result.payload.meta.signed;
    void [txid, signer, hex, signedFlag];
  }
  const cancelled: CancelResult = await req.cancel();
  void cancelled.cancelled;
  req.free();
  {
    using disposable = await xaman.payload({ txjson: { TransactionType: "SignIn" } });
    void disposable.uuid;
  }

  const xapp: XappBridge | null = xaman.xapp;
  if (xapp) {
    await xapp.openSignRequest({ uuid });
    await xapp.close({ refreshEvents: true });
    await xapp.close();
    await xapp.share({ text: "hello" });
    await xapp.scanQr();
    await xapp.openBrowser({ url: "https://xrpl.org" });
    await xapp.selectDestination({ ignoreDestinationTag: true });
    await xapp.navigate({ xApp: "some.xapp", title: "Other", extra: 1 });
    await xapp.tx({ tx: "A".repeat(64), account: "rPEPPER7kfTD9w2To4CQk6UCfuHM9c6GDY" });
    await xapp.ready();
    xapp.on("payload", (e) => void e.reason);
    xapp.on("qr", (e) => void e.qrContents);
    xapp.on("destination", (e) => void e.destination?.address);
    xapp.on("networkswitch", (e) => void e.network);
  }

  try {
    await xaman.payload({ txjson: { TransactionType: "SignIn" } });
  } catch (e) {
    if (isXamanError(e)) {
      const code: XamanErrorCode = e.code;
      const error: XamanError = e;
      const status: number | undefined = error.status;
      const reference: string | undefined = error.reference;
      const platformCode: number | undefined = error.platformCode;
      const proxyCode: string | undefined = error.proxyCode;
      void [code, status, reference, platformCode, proxyCode];
    }
  }
}

export async function wrongUses(xaman: Xaman): Promise<void> {
  // @ts-expect-error the constructor is private: use Xaman.connect
  new Xaman();
  // @ts-expect-error storage is "local" | "session" | "memory"
  await Xaman.connect({ storage: "disk" });
  // @ts-expect-error unknown option
  await Xaman.connect({ apiSecret: "x" });
  // @ts-expect-error timeoutMs is a number of milliseconds
  await Xaman.connect({ proxy: "/api/xaman", timeoutMs: "20s" });
  // @ts-expect-error a TransactionType that does not exist
  await xaman.payload({ txjson: { TransactionType: "Paymnet" } });
  // @ts-expect-error txjson and txblob together
  await xaman.payload({ txjson: { TransactionType: "SignIn" }, txblob: "1200" });
  // @ts-expect-error neither txjson nor txblob
  await xaman.payload({ options: { submit: false } });
  // @ts-expect-error expire is a number of minutes
  await xaman.payload({ txjson: { TransactionType: "SignIn" }, options: { expire: "5" } });
  // @ts-expect-error unknown event
  xaman.on("signedin", () => {});
  // @ts-expect-error the open option is a boolean
  await xaman.payload({ txjson: { TransactionType: "SignIn" } }, { open: "no" });
  const req = await xaman.payload({ txjson: { TransactionType: "SignIn" } });
  // @ts-expect-error only "status" events on a payload
  req.on("opened", () => {});
  // @ts-expect-error uuid is read-only
  req.uuid = "x";
  // @ts-expect-error route is a known union
  const route: "qr" | "push" = req.route;
  void route;
  const error: unknown = new Error();
  // @ts-expect-error unknown must be narrowed with isXamanError first
  void error.code;
  // @ts-expect-error not an error code
  const code: XamanErrorCode = "not_a_code";
  void code;
  const xapp = xaman.xapp;
  // @ts-expect-error xapp may be null outside an xApp
  await xapp.ready();
  // @ts-expect-error openSignRequest needs a uuid
  await xapp?.openSignRequest({});
  // @ts-expect-error unknown xApp event
  xapp?.on("qrcode", () => {});
}
