//! Turning SDK errors into the JS `Error` objects the page sees (`name: "XamanError"`, `code`,
//! `message`, and `status`, `reference`, `platformCode`, `proxyCode` where known).

use wasm_bindgen::prelude::*;

use crate::core::XamanError;
use crate::prelude::*;
use crate::web::bindings::Reflect;

/// Result type of the web layer: the error is already a core [`XamanError`].
pub type WebResult<T> = Result<T, XamanError>;

#[wasm_bindgen(module = "/src/web/io.js")]
extern "C" {
    /// `new Error(message)` named "XamanError" with `code` and the optional fields that are
    /// not `undefined`.
    #[wasm_bindgen(js_name = xamanError)]
    fn xaman_error(
        message: &str,
        code: &str,
        status: JsValue,
        reference: JsValue,
        platform_code: JsValue,
        proxy_code: JsValue,
    ) -> JsValue;
}

/// The JS `Error` for `error`.
pub fn to_js_error(error: &XamanError) -> JsValue {
    let text = |value: &Option<String>| match value {
        Some(text) => JsValue::from_str(text),
        None => JsValue::UNDEFINED,
    };
    let number = |value: Option<f64>| match value {
        Some(n) => JsValue::from_f64(n),
        None => JsValue::UNDEFINED,
    };
    xaman_error(
        &error.message,
        error.code.as_str(),
        number(error.status.map(f64::from)),
        text(&error.reference),
        number(error.platform_code.map(|code| code as f64)),
        text(&error.proxy_code),
    )
}

/// The `message` of a thrown JS value (an `Error` or anything else), for wrapping it.
pub fn message_of(value: &JsValue) -> String {
    if let Some(s) = value.as_string() {
        return s;
    }
    Reflect::get(value, "message")
        .ok()
        .and_then(|m| m.as_string())
        .unwrap_or_default()
}
