//! Payload answers: create, get, cancel.

use serde::{Deserialize, Serialize};

use crate::core::json::JsonValue;

/// Answer of `POST …/payload`.
#[derive(Clone, Debug, PartialEq, Deserialize, Serialize)]
pub struct CreatedPayload {
    /// Payload UUID.
    pub uuid: String,
    /// Where to send the user.
    pub next: Next,
    /// QR and websocket URLs.
    pub refs: Refs,
    /// `true` when the payload was pushed to the user's phone.
    #[serde(default)]
    pub pushed: bool,
}

/// `next` of a created payload.
#[derive(Clone, Debug, PartialEq, Deserialize, Serialize)]
pub struct Next {
    /// The sign page URL (`https://xumm.app/sign/<uuid>`): QR content and deep link.
    pub always: String,
    /// The QR page to show when no push arrived.
    #[serde(default)]
    pub no_push_msg_received: Option<String>,
}

/// `refs` of a created payload.
#[derive(Clone, Debug, PartialEq, Deserialize, Serialize)]
pub struct Refs {
    /// Hosted QR PNG.
    pub qr_png: String,
    /// Hosted QR matrix JSON.
    pub qr_matrix: String,
    /// Available QR quality variants.
    #[serde(default)]
    pub qr_uri_quality_opts: Vec<String>,
    /// Status websocket URL (`wss://…/sign/<uuid>`).
    pub websocket_status: String,
}

/// `meta` of a payload (GET and DELETE answers).
#[derive(Clone, Debug, PartialEq, Default, Deserialize, Serialize)]
pub struct PayloadMeta {
    /// `true` when the payload exists.
    #[serde(default)]
    pub exists: bool,
    /// Payload UUID.
    #[serde(default)]
    pub uuid: String,
    /// Multisign requested.
    #[serde(default)]
    pub multisign: Option<bool>,
    /// Submit requested.
    #[serde(default)]
    pub submit: Option<bool>,
    /// Pathfinding allowed.
    #[serde(default)]
    pub pathfinding: Option<bool>,
    /// Pathfinding fallback allowed.
    #[serde(default)]
    pub pathfinding_fallback: Option<bool>,
    /// Forced network key, if any.
    #[serde(default)]
    pub force_network: Option<String>,
    /// Destination of the transaction.
    #[serde(default)]
    pub destination: Option<String>,
    /// Resolved destination name.
    #[serde(default)]
    pub resolved_destination: Option<String>,
    /// The user signed or rejected.
    #[serde(default)]
    pub resolved: bool,
    /// The user signed.
    #[serde(default)]
    pub signed: bool,
    /// The payload was cancelled.
    #[serde(default)]
    pub cancelled: bool,
    /// The payload expired.
    #[serde(default)]
    pub expired: bool,
    /// It was pushed.
    #[serde(default)]
    pub pushed: Option<bool>,
    /// Opened in the app.
    #[serde(default)]
    pub app_opened: Option<bool>,
    /// Opened through a deep link (null before opening).
    #[serde(default)]
    pub opened_by_deeplink: Option<bool>,
    /// Return URL for the app.
    #[serde(default)]
    pub return_url_app: Option<String>,
    /// Return URL for the web.
    #[serde(default)]
    pub return_url_web: Option<String>,
    /// Created from an xApp.
    #[serde(default)]
    pub is_xapp: Option<bool>,
    /// Forced signers.
    #[serde(default)]
    pub signers: Option<Vec<String>>,
}

/// `application` of a payload.
#[derive(Clone, Debug, PartialEq, Default, Deserialize, Serialize)]
pub struct Application {
    /// App name.
    #[serde(default)]
    pub name: Option<String>,
    /// App description.
    #[serde(default)]
    pub description: Option<String>,
    /// 0 or 1.
    #[serde(default)]
    pub disabled: Option<i64>,
    /// App UUID (the API key).
    #[serde(default)]
    pub uuidv4: Option<String>,
    /// App icon URL.
    #[serde(default)]
    pub icon_url: Option<String>,
    /// User token issued by this signature (never present through a proxy).
    #[serde(default)]
    pub issued_user_token: Option<String>,
}

/// `payload` part of a GET answer.
#[derive(Clone, Debug, PartialEq, Default, Deserialize, Serialize)]
pub struct PayloadInfo {
    /// Transaction type.
    #[serde(default)]
    pub tx_type: Option<String>,
    /// Destination.
    #[serde(default)]
    pub tx_destination: Option<String>,
    /// Destination tag.
    #[serde(default)]
    pub tx_destination_tag: Option<i64>,
    /// The stored request.
    #[serde(default)]
    pub request_json: JsonValue,
    /// How it was opened (QR, DEEP_LINK, ...).
    #[serde(default)]
    pub origintype: Option<String>,
    /// Signing method.
    #[serde(default)]
    pub signmethod: Option<String>,
    /// ISO-8601 creation time.
    #[serde(default)]
    pub created_at: Option<String>,
    /// ISO-8601 expiry time.
    #[serde(default)]
    pub expires_at: Option<String>,
    /// Seconds left (negative after expiry).
    #[serde(default)]
    pub expires_in_seconds: Option<i64>,
}

/// `response` part of a GET answer (all null until resolved).
#[derive(Clone, Debug, PartialEq, Default, Deserialize, Serialize)]
pub struct PayloadResponse {
    /// Signed transaction blob.
    #[serde(default)]
    pub hex: Option<String>,
    /// Transaction hash.
    #[serde(default)]
    pub txid: Option<String>,
    /// ISO-8601 time of resolution.
    #[serde(default)]
    pub resolved_at: Option<String>,
    /// Node the tx was submitted to.
    #[serde(default)]
    pub dispatched_to: Option<String>,
    /// Engine result of the submission.
    #[serde(default)]
    pub dispatched_result: Option<String>,
    /// Network of the submission.
    #[serde(default)]
    pub dispatched_nodetype: Option<String>,
    /// Submitted to a node.
    #[serde(default)]
    pub dispatched_to_node: Option<bool>,
    /// Node the wallet was connected to.
    #[serde(default)]
    pub environment_nodeuri: Option<String>,
    /// Network the wallet was connected to.
    #[serde(default)]
    pub environment_nodetype: Option<String>,
    /// Network id the wallet was connected to.
    #[serde(default)]
    pub environment_networkid: Option<i64>,
    /// Multisign account.
    #[serde(default)]
    pub multisign_account: Option<String>,
    /// Signing account.
    #[serde(default)]
    pub account: Option<String>,
    /// Signer.
    #[serde(default)]
    pub signer: Option<String>,
    /// Xaman user UUID.
    #[serde(default)]
    pub user: Option<String>,
    /// Signer public key.
    #[serde(default)]
    pub signer_pubkey: Option<String>,
    /// PIN, BIOMETRIC, ...
    #[serde(default)]
    pub approved_with: Option<String>,
}

/// `custom_meta` as the platform returns it.
#[derive(Clone, Debug, PartialEq, Default, Deserialize, Serialize)]
pub struct CustomMeta {
    /// Unique identifier.
    #[serde(default)]
    pub identifier: Option<String>,
    /// Any JSON.
    #[serde(default)]
    pub blob: JsonValue,
    /// Instruction shown to the user.
    #[serde(default)]
    pub instruction: Option<String>,
}

/// Answer of `GET …/payload/<uuid>`.
#[derive(Clone, Debug, PartialEq, Default, Deserialize, Serialize)]
pub struct PayloadDetails {
    /// State flags.
    pub meta: PayloadMeta,
    /// The app.
    #[serde(default)]
    pub application: Application,
    /// The request.
    #[serde(default)]
    pub payload: PayloadInfo,
    /// The signature result.
    #[serde(default)]
    pub response: PayloadResponse,
    /// Custom meta.
    #[serde(default)]
    pub custom_meta: Option<CustomMeta>,
}

/// `result` of a cancel answer.
#[derive(Clone, Debug, PartialEq, Deserialize, Serialize)]
pub struct CancelResult {
    /// `true` when the payload is now cancelled.
    pub cancelled: bool,
    /// `OK | ALREADY_CANCELLED | ALREADY_RESOLVED | ALREADY_OPENED | ALREADY_EXPIRED`.
    pub reason: String,
}

/// Answer of `DELETE …/payload/<uuid>`.
#[derive(Clone, Debug, PartialEq, Deserialize, Serialize)]
pub struct CancelResponse {
    /// Result.
    pub result: CancelResult,
    /// Payload state.
    #[serde(default)]
    pub meta: PayloadMeta,
    /// Custom meta.
    #[serde(default)]
    pub custom_meta: Option<CustomMeta>,
}

