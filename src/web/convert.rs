//! Core values → the plain JS objects the page sees. Built by hand (no serde-wasm-bindgen), so
//! the field names here are the JS contract: `{outcome, uuid, txid?, account?, hex?}`,
//! `{type, uuid, expiresInSeconds?, txid?, account?}`, `{cancelled, reason}`, and
//! `User::to_json()` for `xaman.user`.

use wasm_bindgen::JsValue;

use crate::core::platform::CancelResult;
use crate::core::status::{Outcome, StatusEvent};
use crate::core::user::User;
use crate::core::JsonValue;
use crate::web::js;

/// A core [`JsonValue`] as a JS value (objects are plain objects): written as text by core,
/// read by one `JSON.parse`.
pub fn json_to_js(value: &JsonValue) -> JsValue {
    js::parse_json(&value.to_json_string()).unwrap_or(JsValue::NULL)
}

/// `xaman.user`.
pub fn user(user: &User) -> JsValue {
    json_to_js(&user.to_json())
}

/// What `req.resolved` resolves with (the caller adds `payload`).
pub fn outcome(outcome: &Outcome) -> JsValue {
    let object = js::object();
    js::set(&object, "outcome", outcome.outcome.as_str());
    js::set(&object, "uuid", outcome.uuid.as_str());
    set_some(&object, "txid", outcome.txid.as_deref());
    set_some(&object, "account", outcome.account.as_deref());
    set_some(&object, "hex", outcome.hex.as_deref());
    object
}

/// A `req.on("status", …)` event.
pub fn status_event(event: &StatusEvent) -> JsValue {
    let object = js::object();
    js::set(&object, "type", event.kind.as_str());
    js::set(&object, "uuid", event.uuid.as_str());
    if let Some(seconds) = event.expires_in_seconds {
        js::set(&object, "expiresInSeconds", seconds as f64);
    }
    set_some(&object, "txid", event.txid.as_deref());
    set_some(&object, "account", event.account.as_deref());
    object
}

/// What `req.cancel()` resolves with.
pub fn cancel_result(result: &CancelResult) -> JsValue {
    let object = js::object();
    js::set(&object, "cancelled", result.cancelled);
    js::set(&object, "reason", result.reason.as_str());
    object
}

fn set_some(object: &JsValue, key: &str, value: Option<&str>) {
    if let Some(value) = value {
        js::set(object, key, value);
    }
}
