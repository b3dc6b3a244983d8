//! Payload answers: create, get, cancel.

use serde::Serialize;

use crate::core::json::JsonValue;

/// Answer of `POST …/payload`.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CreatedPayload {
    /// Payload UUID.
    pub uuid: String,
    /// Where to send the user.
    pub next: Next,
    /// QR and websocket URLs.
    pub refs: Refs,
    /// `true` when the payload was pushed to the user's phone.
    pub pushed: bool,
}

/// `next` of a created payload.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Next {
    /// The sign page URL (`https://xumm.app/sign/<uuid>`): QR content and deep link.
    pub always: String,
    /// The QR page to show when no push arrived.
    pub no_push_msg_received: Option<String>,
}

/// `refs` of a created payload.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Refs {
    /// Hosted QR PNG.
    pub qr_png: String,
    /// Hosted QR matrix JSON.
    pub qr_matrix: String,
    /// Available QR quality variants.
    pub qr_uri_quality_opts: Vec<String>,
    /// Status websocket URL (`wss://…/sign/<uuid>`).
    pub websocket_status: String,
}

/// `meta` of a payload (GET and DELETE answers).
#[derive(Clone, Debug, PartialEq, Default, Serialize)]
pub struct PayloadMeta {
    /// `true` when the payload exists.
    pub exists: bool,
    /// Payload UUID.
    pub uuid: String,
    /// Multisign requested.
    pub multisign: Option<bool>,
    /// Submit requested.
    pub submit: Option<bool>,
    /// Pathfinding allowed.
    pub pathfinding: Option<bool>,
    /// Pathfinding fallback allowed.
    pub pathfinding_fallback: Option<bool>,
    /// Forced network key, if any.
    pub force_network: Option<String>,
    /// Destination of the transaction.
    pub destination: Option<String>,
    /// Resolved destination name.
    pub resolved_destination: Option<String>,
    /// The user signed or rejected.
    pub resolved: bool,
    /// The user signed.
    pub signed: bool,
    /// The payload was cancelled.
    pub cancelled: bool,
    /// The payload expired.
    pub expired: bool,
    /// It was pushed.
    pub pushed: Option<bool>,
    /// Opened in the app.
    pub app_opened: Option<bool>,
    /// Opened through a deep link (null before opening).
    pub opened_by_deeplink: Option<bool>,
    /// Return URL for the app.
    pub return_url_app: Option<String>,
    /// Return URL for the web.
    pub return_url_web: Option<String>,
    /// Created from an xApp.
    pub is_xapp: Option<bool>,
    /// Forced signers.
    pub signers: Option<Vec<String>>,
}

/// `application` of a payload.
#[derive(Clone, Debug, PartialEq, Default, Serialize)]
pub struct Application {
    /// App name.
    pub name: Option<String>,
    /// App description.
    pub description: Option<String>,
    /// 0 or 1.
    pub disabled: Option<i64>,
    /// App UUID (the API key).
    pub uuidv4: Option<String>,
    /// App icon URL.
    pub icon_url: Option<String>,
    /// User token issued by this signature (never present through a proxy).
    pub issued_user_token: Option<String>,
}

/// `payload` part of a GET answer.
#[derive(Clone, Debug, PartialEq, Default, Serialize)]
pub struct PayloadInfo {
    /// Transaction type.
    pub tx_type: Option<String>,
    /// Destination.
    pub tx_destination: Option<String>,
    /// Destination tag.
    pub tx_destination_tag: Option<i64>,
    /// The stored request.
    pub request_json: JsonValue,
    /// How it was opened (QR, DEEP_LINK, ...).
    pub origintype: Option<String>,
    /// Signing method.
    pub signmethod: Option<String>,
    /// ISO-8601 creation time.
    pub created_at: Option<String>,
    /// ISO-8601 expiry time.
    pub expires_at: Option<String>,
    /// Seconds left (negative after expiry).
    pub expires_in_seconds: Option<i64>,
}

/// `response` part of a GET answer (all null until resolved).
#[derive(Clone, Debug, PartialEq, Default, Serialize)]
pub struct PayloadResponse {
    /// Signed transaction blob.
    pub hex: Option<String>,
    /// Transaction hash.
    pub txid: Option<String>,
    /// ISO-8601 time of resolution.
    pub resolved_at: Option<String>,
    /// Node the tx was submitted to.
    pub dispatched_to: Option<String>,
    /// Engine result of the submission.
    pub dispatched_result: Option<String>,
    /// Network of the submission.
    pub dispatched_nodetype: Option<String>,
    /// Submitted to a node.
    pub dispatched_to_node: Option<bool>,
    /// Node the wallet was connected to.
    pub environment_nodeuri: Option<String>,
    /// Network the wallet was connected to.
    pub environment_nodetype: Option<String>,
    /// Network id the wallet was connected to.
    pub environment_networkid: Option<i64>,
    /// Multisign account.
    pub multisign_account: Option<String>,
    /// Signing account.
    pub account: Option<String>,
    /// Signer.
    pub signer: Option<String>,
    /// Xaman user UUID.
    pub user: Option<String>,
    /// Signer public key.
    pub signer_pubkey: Option<String>,
    /// PIN, BIOMETRIC, ...
    pub approved_with: Option<String>,
}

/// `custom_meta` as the platform returns it.
#[derive(Clone, Debug, PartialEq, Default, Serialize)]
pub struct CustomMeta {
    /// Unique identifier.
    pub identifier: Option<String>,
    /// Any JSON.
    pub blob: JsonValue,
    /// Instruction shown to the user.
    pub instruction: Option<String>,
}

/// Answer of `GET …/payload/<uuid>`.
#[derive(Clone, Debug, PartialEq, Default, Serialize)]
pub struct PayloadDetails {
    /// State flags.
    pub meta: PayloadMeta,
    /// The app.
    pub application: Application,
    /// The request.
    pub payload: PayloadInfo,
    /// The signature result.
    pub response: PayloadResponse,
    /// Custom meta.
    pub custom_meta: Option<CustomMeta>,
}

/// `result` of a cancel answer.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CancelResult {
    /// `true` when the payload is now cancelled.
    pub cancelled: bool,
    /// `OK | ALREADY_CANCELLED | ALREADY_RESOLVED | ALREADY_OPENED | ALREADY_EXPIRED`.
    pub reason: String,
}

/// Answer of `DELETE …/payload/<uuid>`.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CancelResponse {
    /// Result.
    pub result: CancelResult,
    /// Payload state.
    pub meta: PayloadMeta,
    /// Custom meta.
    pub custom_meta: Option<CustomMeta>,
}


crate::core::json::deserialize_via_json!(
    CreatedPayload,
    Next,
    Refs,
    PayloadMeta,
    Application,
    PayloadInfo,
    PayloadResponse,
    CustomMeta,
    PayloadDetails,
    CancelResult,
    CancelResponse,
);

impl CreatedPayload {
    /// Read a create answer; `uuid`, `next.always` and `refs.websocket_status` are required.
    pub fn from_json(v: &JsonValue) -> Result<Self, String> {
        Ok(CreatedPayload {
            uuid: v.required_str("uuid", "payload")?,
            next: Next::from_json(v.required_object("next", "payload")?)?,
            refs: Refs::from_json(v.required_object("refs", "payload")?)?,
            pushed: v.bool_at("pushed").unwrap_or(false),
        })
    }
}

impl Next {
    /// Read `next`.
    pub fn from_json(v: &JsonValue) -> Result<Self, String> {
        Ok(Next { always: v.required_str("always", "next")?, no_push_msg_received: v.str_at("no_push_msg_received") })
    }
}

impl Refs {
    /// Read `refs`.
    pub fn from_json(v: &JsonValue) -> Result<Self, String> {
        Ok(Refs {
            qr_png: v.str_at("qr_png").unwrap_or_default(),
            qr_matrix: v.str_at("qr_matrix").unwrap_or_default(),
            qr_uri_quality_opts: v.strings_at("qr_uri_quality_opts").unwrap_or_default(),
            websocket_status: v.required_str("websocket_status", "refs")?,
        })
    }
}

impl PayloadMeta {
    /// Read `meta` (every flag defaults to false / absent).
    pub fn from_json(v: &JsonValue) -> Result<Self, String> {
        if v.as_object().is_none() {
            return Err("meta is not an object".to_owned());
        }
        let flag = |k: &str| v.bool_at(k).unwrap_or(false);
        Ok(PayloadMeta {
            exists: flag("exists"),
            uuid: v.str_at("uuid").unwrap_or_default(),
            multisign: v.bool_at("multisign"),
            submit: v.bool_at("submit"),
            pathfinding: v.bool_at("pathfinding"),
            pathfinding_fallback: v.bool_at("pathfinding_fallback"),
            force_network: v.str_at("force_network"),
            destination: v.str_at("destination"),
            resolved_destination: v.str_at("resolved_destination"),
            resolved: flag("resolved"),
            signed: flag("signed"),
            cancelled: flag("cancelled"),
            expired: flag("expired"),
            pushed: v.bool_at("pushed"),
            app_opened: v.bool_at("app_opened"),
            opened_by_deeplink: v.bool_at("opened_by_deeplink"),
            return_url_app: v.str_at("return_url_app"),
            return_url_web: v.str_at("return_url_web"),
            is_xapp: v.bool_at("is_xapp"),
            signers: v.strings_at("signers"),
        })
    }
}

impl Application {
    /// Read `application`.
    pub fn from_json(v: &JsonValue) -> Result<Self, String> {
        Ok(Application {
            name: v.str_at("name"),
            description: v.str_at("description"),
            disabled: v.i64_at("disabled"),
            uuidv4: v.str_at("uuidv4"),
            icon_url: v.str_at("icon_url"),
            issued_user_token: v.str_at("issued_user_token"),
        })
    }
}

impl PayloadInfo {
    /// Read `payload`.
    pub fn from_json(v: &JsonValue) -> Result<Self, String> {
        Ok(PayloadInfo {
            tx_type: v.str_at("tx_type"),
            tx_destination: v.str_at("tx_destination"),
            tx_destination_tag: v.i64_at("tx_destination_tag"),
            request_json: v.value_at("request_json"),
            origintype: v.str_at("origintype"),
            signmethod: v.str_at("signmethod"),
            created_at: v.str_at("created_at"),
            expires_at: v.str_at("expires_at"),
            expires_in_seconds: v.i64_at("expires_in_seconds"),
        })
    }
}

impl PayloadResponse {
    /// Read `response`.
    pub fn from_json(v: &JsonValue) -> Result<Self, String> {
        Ok(PayloadResponse {
            hex: v.str_at("hex"),
            txid: v.str_at("txid"),
            resolved_at: v.str_at("resolved_at"),
            dispatched_to: v.str_at("dispatched_to"),
            dispatched_result: v.str_at("dispatched_result"),
            dispatched_nodetype: v.str_at("dispatched_nodetype"),
            dispatched_to_node: v.bool_at("dispatched_to_node"),
            environment_nodeuri: v.str_at("environment_nodeuri"),
            environment_nodetype: v.str_at("environment_nodetype"),
            environment_networkid: v.i64_at("environment_networkid"),
            multisign_account: v.str_at("multisign_account"),
            account: v.str_at("account"),
            signer: v.str_at("signer"),
            user: v.str_at("user"),
            signer_pubkey: v.str_at("signer_pubkey"),
            approved_with: v.str_at("approved_with"),
        })
    }
}

impl CustomMeta {
    /// Read `custom_meta`.
    pub fn from_json(v: &JsonValue) -> Result<Self, String> {
        Ok(CustomMeta { identifier: v.str_at("identifier"), blob: v.value_at("blob"), instruction: v.str_at("instruction") })
    }
}

fn optional<T>(v: &JsonValue, key: &str, read: fn(&JsonValue) -> Result<T, String>) -> Result<Option<T>, String> {
    match v.get(key) {
        Some(member @ JsonValue::Object(_)) => read(member).map(Some),
        _ => Ok(None),
    }
}

impl PayloadDetails {
    /// Read a GET answer; `meta` is required, the other parts default to empty.
    pub fn from_json(v: &JsonValue) -> Result<Self, String> {
        Ok(PayloadDetails {
            meta: PayloadMeta::from_json(v.required_object("meta", "payload details")?)?,
            application: optional(v, "application", Application::from_json)?.unwrap_or_default(),
            payload: optional(v, "payload", PayloadInfo::from_json)?.unwrap_or_default(),
            response: optional(v, "response", PayloadResponse::from_json)?.unwrap_or_default(),
            custom_meta: optional(v, "custom_meta", CustomMeta::from_json)?,
        })
    }
}

impl CancelResult {
    /// Read `result` of a cancel answer.
    pub fn from_json(v: &JsonValue) -> Result<Self, String> {
        Ok(CancelResult {
            cancelled: v.bool_at("cancelled").ok_or("result.cancelled is missing or not a boolean")?,
            reason: v.required_str("reason", "result")?,
        })
    }
}

impl CancelResponse {
    /// Read a cancel answer; `result` is required.
    pub fn from_json(v: &JsonValue) -> Result<Self, String> {
        Ok(CancelResponse {
            result: CancelResult::from_json(v.required_object("result", "cancel answer")?)?,
            meta: optional(v, "meta", PayloadMeta::from_json)?.unwrap_or_default(),
            custom_meta: optional(v, "custom_meta", CustomMeta::from_json)?,
        })
    }
}
