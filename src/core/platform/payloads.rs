//! Payload answers: create, get, cancel. Only the members the SDK itself acts on are read here;
//! the page gets each answer whole, as the platform sent it (`req.created`, `req.next`,
//! `resolved.payload`), so nothing is lost by not typing the rest.

use serde::Serialize;

use crate::core::json::JsonValue;
use crate::prelude::*;

/// Answer of `POST …/payload` (what the SDK needs to follow and show it).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CreatedPayload {
    /// Payload UUID.
    pub uuid: String,
    /// Where to send the user.
    pub next: Next,
    /// The status websocket.
    pub refs: Refs,
    /// `true` when the payload was pushed to the user's phone.
    pub pushed: bool,
}

/// `next` of a created payload.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Next {
    /// The sign page URL (`https://xumm.app/sign/<uuid>`): QR content and deep link.
    pub always: String,
}

/// `refs` of a created payload.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Refs {
    /// Status websocket URL (`wss://…/sign/<uuid>`).
    pub websocket_status: String,
}

/// `meta` of a GET answer: the state flags the status follower decides on.
#[derive(Clone, Debug, PartialEq, Default, Serialize)]
pub struct PayloadMeta {
    /// Payload UUID.
    pub uuid: String,
    /// Resolved (signed or rejected).
    pub resolved: bool,
    /// Signed.
    pub signed: bool,
    /// Cancelled.
    pub cancelled: bool,
    /// Expired.
    pub expired: bool,
    /// Opened in the app.
    pub app_opened: Option<bool>,
}

/// `response` of a GET answer (all null until resolved): what a signed outcome carries.
#[derive(Clone, Debug, PartialEq, Default, Serialize)]
pub struct PayloadResponse {
    /// Signed transaction blob.
    pub hex: Option<String>,
    /// Transaction hash.
    pub txid: Option<String>,
    /// Signing account.
    pub account: Option<String>,
}

/// Answer of `GET …/payload/<uuid>` (the parts the outcome is read from).
#[derive(Clone, Debug, PartialEq, Default, Serialize)]
pub struct PayloadDetails {
    /// State flags.
    pub meta: PayloadMeta,
    /// The signature result.
    pub response: PayloadResponse,
}

/// `result` of a cancel answer.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CancelResult {
    /// `true` when the payload is now cancelled.
    pub cancelled: bool,
    /// `OK | ALREADY_CANCELLED | ALREADY_RESOLVED | ALREADY_OPENED | ALREADY_EXPIRED`.
    pub reason: String,
}

/// Answer of `DELETE …/payload/<uuid>` (its `result`).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CancelResponse {
    /// Result.
    pub result: CancelResult,
}

crate::core::json::deserialize_via_json!(
    CreatedPayload,
    PayloadMeta,
    PayloadResponse,
    PayloadDetails,
    CancelResult,
    CancelResponse,
);

impl CreatedPayload {
    /// Read a create answer; `uuid`, `next.always` and `refs.websocket_status` are required.
    pub fn from_json(v: &JsonValue) -> Result<Self, String> {
        Ok(CreatedPayload {
            uuid: v.required_str("uuid", "payload")?,
            next: Next { always: v.required_object("next", "payload")?.required_str("always", "next")? },
            refs: Refs {
                websocket_status: v.required_object("refs", "payload")?.required_str("websocket_status", "refs")?,
            },
            pushed: v.bool_at("pushed").unwrap_or(false),
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
            uuid: v.str_at("uuid").unwrap_or_default(),
            resolved: flag("resolved"),
            signed: flag("signed"),
            cancelled: flag("cancelled"),
            expired: flag("expired"),
            app_opened: v.bool_at("app_opened"),
        })
    }
}

impl PayloadResponse {
    /// Read `response` (a missing or non-object one reads as all null).
    pub fn from_json(v: &JsonValue) -> Result<Self, String> {
        Ok(PayloadResponse { hex: v.str_at("hex"), txid: v.str_at("txid"), account: v.str_at("account") })
    }
}

impl PayloadDetails {
    /// Read a GET answer; `meta` is required.
    pub fn from_json(v: &JsonValue) -> Result<Self, String> {
        Ok(PayloadDetails {
            meta: PayloadMeta::from_json(v.required_object("meta", "payload details")?)?,
            response: PayloadResponse::from_json(&v.value_at("response"))?,
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
        Ok(CancelResponse { result: CancelResult::from_json(v.required_object("result", "cancel answer")?)? })
    }
}
