//! Platform answers the browser SDK does not use but that the official fixtures contain
//! (ping, app storage, curated assets, KYC, xrpl-tx, push). Typed so the fixture test checks
//! their shape; unused types cost nothing in the wasm.

use serde::{Deserialize, Serialize};

use crate::core::json::JsonValue;
use crate::prelude::*;

/// `GET platform/ping`.
#[derive(Clone, Debug, PartialEq, Deserialize, Serialize)]
pub struct Pong {
    /// Always true.
    pub pong: bool,
    /// Auth details.
    pub auth: PongAuth,
}

/// `auth` of a pong.
#[derive(Clone, Debug, PartialEq, Deserialize, Serialize)]
pub struct PongAuth {
    /// Quota (opaque).
    #[serde(default)]
    pub quota: JsonValue,
    /// The app.
    pub application: PongApplication,
    /// This call.
    pub call: PongCall,
}

/// `auth.application` of a pong.
#[derive(Clone, Debug, PartialEq, Deserialize, Serialize)]
pub struct PongApplication {
    /// App UUID.
    pub uuidv4: String,
    /// App name.
    pub name: String,
    /// Webhook URL.
    #[serde(default)]
    pub webhookurl: Option<String>,
    /// 0 or 1.
    #[serde(default)]
    pub disabled: i64,
}

/// `auth.call` of a pong.
#[derive(Clone, Debug, PartialEq, Deserialize, Serialize)]
pub struct PongCall {
    /// Call UUID.
    pub uuidv4: String,
}

/// App storage answers (`GET`/`POST`/`DELETE platform/app-storage`).
#[derive(Clone, Debug, PartialEq, Deserialize, Serialize)]
pub struct AppStorage {
    /// The app.
    pub application: super::AppInfoWithUuid,
    /// Present on set/delete.
    #[serde(default)]
    pub stored: Option<bool>,
    /// Stored data (null after delete).
    #[serde(default)]
    pub data: JsonValue,
}

/// Curated assets.
#[derive(Clone, Debug, PartialEq, Deserialize, Serialize)]
pub struct CuratedAssets {
    /// Issuer names.
    pub issuers: Vec<String>,
    /// Currency codes.
    pub currencies: Vec<String>,
    /// Per issuer details (opaque).
    pub details: JsonValue,
}

/// `POST platform/kyc-status`.
#[derive(Clone, Debug, PartialEq, Deserialize, Serialize)]
pub struct KycStatus {
    /// NONE | IN_PROGRESS | REJECTED | SUCCESSFUL.
    #[serde(rename = "kycStatus")]
    pub kyc_status: String,
    /// Status descriptions.
    #[serde(rename = "possibleStatuses", default)]
    pub possible_statuses: JsonValue,
}

/// `GET xrpl-tx/<hash>`.
#[derive(Clone, Debug, PartialEq, Deserialize, Serialize)]
pub struct XrplTx {
    /// Hash.
    pub txid: String,
    /// Balance changes per account.
    #[serde(rename = "balanceChanges")]
    pub balance_changes: JsonValue,
    /// Node asked.
    pub node: String,
    /// The transaction.
    pub transaction: JsonValue,
}

/// Push answers (`xapp/push`, `xapp/event`).
#[derive(Clone, Debug, PartialEq, Deserialize, Serialize)]
pub struct PushResult {
    /// Pushed.
    pub pushed: bool,
    /// Event UUID (events only).
    #[serde(default)]
    pub uuid: Option<String>,
}
