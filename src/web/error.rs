//! Turning SDK errors into the JS `Error` objects the page sees (`name: "XamanError"`, `code`,
//! `message`, and `status`, `reference`, `platformCode`, `proxyCode` where known).

use js_sys::{Error, Reflect};
use wasm_bindgen::JsValue;

use crate::core::{ErrorCode, XamanError};
use crate::prelude::*;

/// Result type of the web layer: the error is already a core [`XamanError`].
pub type WebResult<T> = Result<T, XamanError>;

/// The JS `Error` for `error`.
pub fn to_js_error(error: &XamanError) -> JsValue {
    let js = Error::new(&error.message);
    js.set_name("XamanError");
    let obj: &JsValue = js.as_ref();
    set(obj, "code", &JsValue::from_str(error.code.as_str()));
    if let Some(status) = error.status {
        set(obj, "status", &JsValue::from(status));
    }
    if let Some(reference) = &error.reference {
        set(obj, "reference", &JsValue::from_str(reference));
    }
    if let Some(code) = error.platform_code {
        set(obj, "platformCode", &JsValue::from_f64(code as f64));
    }
    if let Some(code) = &error.proxy_code {
        set(obj, "proxyCode", &JsValue::from_str(code));
    }
    js.into()
}

/// Shorthand: a new core error converted to JS.
pub fn js_error(code: ErrorCode, message: &str) -> JsValue {
    to_js_error(&XamanError::new(code, message))
}

/// The `message` of a thrown JS value (an `Error` or anything else), for wrapping it.
pub fn message_of(value: &JsValue) -> String {
    if let Some(s) = value.as_string() {
        return s;
    }
    Reflect::get(value, &JsValue::from_str("message"))
        .ok()
        .and_then(|m| m.as_string())
        .unwrap_or_default()
}

/// `true` when `value` is a JS error made by this SDK (so it can be passed on unchanged).
pub fn is_xaman_error(value: &JsValue) -> bool {
    Reflect::get(value, &JsValue::from_str("name"))
        .ok()
        .and_then(|n| n.as_string())
        .is_some_and(|n| n == "XamanError")
}

fn set(target: &JsValue, key: &str, value: &JsValue) {
    let _ = Reflect::set(target, &JsValue::from_str(key), value);
}
