//! The payload request (`xaman.payload({txjson | txblob, options?, custom_meta?})`) and its
//! validation, done before anything is sent.

use serde::{Deserialize, Deserializer};

use crate::core::error::Result;
use crate::core::json::JsonValue;

/// What the page passed to `xaman.payload(...)`, kept as JSON so the body sent is exactly
/// what was validated. Deserializes from any JS object (unknown or forbidden top-level keys are
/// kept in `other` and refused by [`validate`]).
#[derive(Clone, Debug, PartialEq, Default)]
pub struct PayloadRequest {
    /// `txjson`, if given.
    pub txjson: Option<JsonValue>,
    /// `txblob`, if given.
    pub txblob: Option<JsonValue>,
    /// `options`, if given.
    pub options: Option<JsonValue>,
    /// `custom_meta`, if given.
    pub custom_meta: Option<JsonValue>,
    /// Any other top-level key (always an error; e.g. `user_token`, `apiSecret`).
    pub other: Vec<(String, JsonValue)>,
}

impl PayloadRequest {
    /// Build from a parsed JSON value (must be an object).
    pub fn from_json(value: JsonValue) -> Result<PayloadRequest> {
        todo!()
    }

    /// The request body to POST (`{"txjson":…,"options":…,"custom_meta":…}`), compact JSON.
    pub fn to_json_string(&self) -> String {
        todo!()
    }

    /// The `TransactionType` of `txjson` (None for a `txblob`).
    pub fn transaction_type(&self) -> Option<&str> {
        todo!()
    }
}

impl<'de> Deserialize<'de> for PayloadRequest {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> core::result::Result<Self, D::Error> {
        let value = JsonValue::deserialize(deserializer)?;
        PayloadRequest::from_json(value).map_err(|e| serde::de::Error::custom(e.message))
    }
}

/// Every `TransactionType` the SDK accepts in `txjson`.
pub const TRANSACTION_TYPES: &[&str] = &[];

/// Check every payload rule. Codes: `invalid_payload` (txjson/txblob), `invalid_option`
/// (options, custom_meta), `secret_in_browser` (user_token / API secret given).
pub fn validate(request: &PayloadRequest) -> Result<()> {
    todo!()
}
