// Types of the xaman-wasm package (hand-written; the public contract of the SDK).

// ---------------------------------------------------------------------------------------------
// Errors

/** The stable `code` of every error the SDK throws or rejects with. */
export type XamanErrorCode =
  | "invalid_config"
  | "invalid_payload"
  | "invalid_option"
  | "secret_in_browser"
  | "not_signed_in"
  | "no_route"
  | "network"
  | "timeout"
  | "platform"
  | "bridge_unavailable"
  | "oauth_failed"
  | "popup_closed"
  | "storage";

/** An `Error` with `name: "XamanError"` and a stable `code`. */
export interface XamanError extends Error {
  readonly name: "XamanError";
  readonly code: XamanErrorCode;
  readonly message: string;
  /** HTTP status of the answer that failed, when there was one. */
  readonly status?: number;
  /** The platform's reference id (quote it to Xaman support). */
  readonly reference?: string;
  /** The platform's numeric error code (e.g. 602, 813). */
  readonly platformCode?: number;
  /** The proxy's own error code for its refusals (e.g. `"policy"`, `"origin"`, `"rate_limited"`). */
  readonly proxyCode?: string;
}

/** `true` for errors thrown by this SDK. */
export function isXamanError(value: unknown): value is XamanError;

// ---------------------------------------------------------------------------------------------
// Connect

/** Where the SDK keeps the session between page loads. */
export type StorageOption = "local" | "session" | "memory";

export interface ConnectOptions {
  /** The app's public API key (a UUID from apps.xumm.dev). Needed for xApps and Web3 sign-in. */
  apiKey?: string;
  /** The developer's backend proxy: an absolute URL or a path such as `"/api/xaman"`. */
  proxy?: string;
  /** Platform endpoint. Default `"https://xumm.app"`. */
  endpoint?: string;
  /** OAuth2 endpoint. Default `"https://oauth2.xumm.app"`. */
  oauthEndpoint?: string;
  /** Default `"local"`. */
  storage?: StorageOption;
  /** Log what the SDK does to the console. Default `false` (silent). */
  debug?: boolean;
  /**
   * How long a request may take before it fails with `timeout`, in milliseconds
   * (a whole number from 100 to 600000). Default 20000.
   */
  timeoutMs?: number;
}

/** `xaman.context`: the route new payloads take now. */
export type XamanContext = "xapp" | "web3" | "proxy";

/** The signed-in user. */
export interface XamanUser {
  /** XRPL classic address (`r…`). */
  account: string;
  name?: string;
  /** Network key, e.g. `"MAINNET"`, `"TESTNET"`. */
  networkType?: string;
  /** Node websocket URL. */
  networkEndpoint?: string;
  /** Unix seconds when the session / user token ends. */
  tokenExpiresAt?: number;
}

export interface SignInOptions {
  /** Use a full-page redirect instead of a popup; the next `Xaman.connect` finishes it. */
  redirect?: boolean;
}

export interface SignedOutEvent {
  /** `"signOut"`: `signOut()` was called; `"expired"`: the session's token expired. */
  reason: "signOut" | "expired";
}

export interface XamanEventMap {
  signedIn: XamanUser;
  signedOut: SignedOutEvent;
  /** Failures with no promise to reject (a redirect sign-in, opening a payload in the xApp). */
  error: XamanError;
}

/** Removes the listener it was returned for. */
export type Unsubscribe = () => void;

// ---------------------------------------------------------------------------------------------
// Payloads

/**
 * The `TransactionType`s accepted in `txjson`: the XRPL and Xahau types and the Xaman pseudo
 * types `SignIn` and `PaymentChannelAuthorize`. Any other name is refused with
 * `invalid_payload` before anything is sent. (`npm run build` fills in the list from the
 * SDK's Rust source, `src/core/payload/tx_types.rs`.)
 */
export type TransactionType = /*@TRANSACTION_TYPES@*/ string;

/** A transaction template. `Account`, `Sequence` and `Fee` are filled in by the wallet. */
export interface TxJson {
  TransactionType: TransactionType;
  [field: string]: unknown;
}

export interface PayloadOptions {
  /** Submit after signing (default true). */
  submit?: boolean;
  multisign?: boolean;
  /** Minutes the user has to open it (a positive whole number). */
  expire?: number;
  /** Only these accounts may sign (classic addresses, checksum checked). */
  signers?: string[];
  /** e.g. `"MAINNET"`, `"TESTNET"`, `"XAHAU"`. */
  force_network?: string;
  /** Where to send the user after signing (absolute http(s) URLs). */
  return_url?: { app?: string; web?: string };
  pathfinding?: boolean;
}

export interface CustomMeta {
  /** Your own unique id (≤ 40 characters). */
  identifier?: string;
  /** Any JSON (≤ 1500 characters as JSON). */
  blob?: unknown;
  /** Shown to the user (≤ 280 characters). */
  instruction?: string;
}

interface PayloadBase {
  options?: PayloadOptions;
  custom_meta?: CustomMeta;
}

/** What `xaman.payload()` takes: a `txjson` template or a hex `txblob`, not both. */
export type PayloadInput =
  | (PayloadBase & { txjson: TxJson; txblob?: never })
  | (PayloadBase & { txblob: string; txjson?: never });

export interface PayloadCallOptions {
  /** In an xApp: open it in Xaman with `openSignRequest` (default true). */
  open?: boolean;
}

/** How the payload reaches the user. */
export type PayloadRoute = "xapp" | "push" | "qr" | "deeplink";

export interface PayloadNext {
  /** The sign page: QR content and deep link. */
  always: string;
  no_push_msg_received?: string;
}

/** The platform's answer to creating a payload. */
export interface CreatedPayload {
  uuid: string;
  next: PayloadNext;
  refs: {
    qr_png: string;
    qr_matrix: string;
    qr_uri_quality_opts: string[];
    websocket_status: string;
  };
  pushed: boolean;
}

export type PayloadStatusType =
  | "opened"
  | "expires_in"
  | "pre_signed"
  | "dispatched"
  | "signed"
  | "rejected"
  | "expired"
  | "cancelled";

export interface PayloadStatusEvent {
  type: PayloadStatusType;
  uuid: string;
  /** `expires_in` only: seconds left to open it (negative: expired that long ago). */
  expiresInSeconds?: number;
  /** `signed` only. */
  txid?: string;
  /** `signed` only. */
  account?: string;
}

export type PayloadOutcome = "signed" | "rejected" | "expired" | "cancelled";

/** The platform's GET answer for a payload (fields as on the wire). */
export interface PayloadDetails {
  meta: {
    exists: boolean;
    uuid: string;
    resolved: boolean;
    signed: boolean;
    cancelled: boolean;
    expired: boolean;
    pushed?: boolean;
    app_opened?: boolean;
    opened_by_deeplink?: boolean | null;
    [field: string]: unknown;
  };
  application?: { name?: string; uuidv4?: string; icon_url?: string; [field: string]: unknown };
  payload?: {
    tx_type?: string;
    request_json?: unknown;
    created_at?: string;
    expires_at?: string;
    expires_in_seconds?: number;
    [field: string]: unknown;
  };
  response?: {
    hex?: string | null;
    txid?: string | null;
    account?: string | null;
    resolved_at?: string | null;
    dispatched_result?: string | null;
    [field: string]: unknown;
  };
  custom_meta?: CustomMeta | null;
  [field: string]: unknown;
}

/** What `req.resolved` resolves with, verified by a GET of the payload. */
export interface PayloadResult {
  outcome: PayloadOutcome;
  uuid: string;
  /** Signed only. */
  txid?: string;
  /** Signed only: the signing account. */
  account?: string;
  /** Signed only: the signed transaction blob. */
  hex?: string;
  /** The GET answer the outcome was read from. */
  payload: PayloadDetails;
}

export interface CancelResult {
  cancelled: boolean;
  reason: "OK" | "ALREADY_CANCELLED" | "ALREADY_RESOLVED" | "ALREADY_OPENED" | "ALREADY_EXPIRED" | (string & {});
}

/** A created sign request. */
export interface PayloadRequest {
  readonly uuid: string;
  /** `true` when the platform pushed it to the user's phone. */
  readonly pushed: boolean;
  readonly route: PayloadRoute;
  readonly next: PayloadNext;
  /** `next.always`: a link that opens Xaman on a phone. */
  readonly deeplink: string;
  /** The platform's whole create answer. */
  readonly created: CreatedPayload;
  /** The QR code of `next.always` as a standalone SVG string (rendered locally). */
  qrSvg(): string;
  on(event: "status", listener: (event: PayloadStatusEvent) => void): Unsubscribe;
  /** Resolves for every user outcome; rejects only on errors (network, platform). */
  readonly resolved: Promise<PayloadResult>;
  /** Cancel it; `resolved` then settles with the verified outcome. */
  cancel(): Promise<CancelResult>;
  /**
   * Release the request object. Its status socket closes when the payload resolves; it closes
   * earlier on `free()` (or garbage collection) only when no status listener is left and
   * `resolved` was never read.
   */
  free(): void;
  [Symbol.dispose](): void;
}

// ---------------------------------------------------------------------------------------------
// xApp bridge

export interface XappPayloadEvent {
  reason: "SIGNED" | "DECLINED";
  uuid?: string;
}

export interface XappQrEvent {
  qrContents?: string | null;
  reason: "SCANNED" | "USER_CLOSE" | "INVALID_QR";
}

export interface XappDestinationEvent {
  destination?: { address: string; tag?: number | null; name?: string | null };
  info?: {
    blackHole?: boolean;
    disallowIncomingXRP?: boolean;
    exist?: boolean;
    possibleExchange?: boolean;
    requireDestinationTag?: boolean;
    risk?: string;
  };
  reason: "SELECTED" | "USER_CLOSE";
}

export interface XappNetworkSwitchEvent {
  network: string;
}

export interface XappEventMap {
  payload: XappPayloadEvent;
  qr: XappQrEvent;
  destination: XappDestinationEvent;
  networkswitch: XappNetworkSwitchEvent;
}

/**
 * Commands to the Xaman host. Each resolves once the command was handed to the host (commands
 * leave at least 1.5 s apart, in order) and rejects with `invalid_option` or
 * `bridge_unavailable`.
 */
export interface XappBridge {
  openSignRequest(args: { uuid: string }): Promise<void>;
  close(args?: { refreshEvents?: boolean }): Promise<void>;
  share(args: { text: string }): Promise<void>;
  scanQr(): Promise<void>;
  /** https URLs only. */
  openBrowser(args: { url: string }): Promise<void>;
  selectDestination(args?: { ignoreDestinationTag?: boolean }): Promise<void>;
  navigate(args: { xApp: string; title?: string; [extra: string]: unknown }): Promise<void>;
  tx(args: { tx: string; account: string }): Promise<void>;
  ready(): Promise<void>;
  on<E extends keyof XappEventMap>(event: E, listener: (data: XappEventMap[E]) => void): Unsubscribe;
}

// ---------------------------------------------------------------------------------------------
// The SDK

export class Xaman {
  /** Use `Xaman.connect()`; the constructor throws. */
  private constructor();
  /**
   * Validate the options, detect the context and restore any session. Initialises the
   * WebAssembly module on first use. Rejects with `invalid_config`, `secret_in_browser`,
   * `no_route`, or the error of the xApp token exchange.
   */
  static connect(options: ConnectOptions): Promise<Xaman>;
  readonly context: XamanContext;
  readonly user: XamanUser | null;
  /** Inside Xaman (or an xApp emulator frame); `null` elsewhere. */
  readonly xapp: XappBridge | null;
  /** Web3 sign-in; call it from a click handler. Resolves with the user. */
  signIn(options?: SignInOptions): Promise<XamanUser>;
  signOut(): Promise<void>;
  on<E extends keyof XamanEventMap>(event: E, listener: (data: XamanEventMap[E]) => void): Unsubscribe;
  payload(payload: PayloadInput, options?: PayloadCallOptions): Promise<PayloadRequest>;
}
