//! Error bodies of the platform, the proxy and the OAuth2 server → [`XamanError`].

use crate::core::message::{joined, joined4};
use crate::core::text::Piece;
use crate::core::error::{ErrorCode, XamanError};
use crate::core::json::JsonValue;
use crate::prelude::*;

/// What a known platform error code means and what to do about it.
fn explain(code: i64) -> Option<&'static str> {
    Some(match code {
        400 => "bad request",
        401 | 403 | 813 => "the platform refused the credentials: check the API key (and, on your backend, the secret)",
        404 => "unknown payload (or one of another app)",
        409 => "custom_meta.identifier is already used by another payload of this app; choose a unique one",
        429 => "rate limit reached; slow down",
        602 => "the platform refused the payload; check the transaction fields",
        _ => return None,
    })
}

/// The numeric value of a code given as a number or a numeric string.
fn code_number(value: Option<&JsonValue>) -> Option<i64> {
    match value? {
        JsonValue::Number(_) => value?.as_i64(),
        JsonValue::String(s) => decimal(s),
        _ => None,
    }
}

/// A decimal integer with an optional sign, like `str::parse::<i64>` (without pulling its
/// generic code into the wasm); `None` for anything else or on overflow.
fn decimal(text: &str) -> Option<i64> {
    let (negative, digits) = match text.as_bytes() {
        [b'-', rest @ ..] => (true, rest),
        [b'+', rest @ ..] => (false, rest),
        all => (false, all),
    };
    if digits.is_empty() {
        return None;
    }
    let mut n: i64 = 0;
    for &b in digits {
        let d = i64::from(b.wrapping_sub(b'0'));
        if d > 9 {
            return None;
        }
        n = n.checked_mul(10)?;
        n = if negative { n.checked_sub(d)? } else { n.checked_add(d)? };
    }
    Some(n)
}

fn string_of(value: Option<&JsonValue>) -> Option<String> {
    match value? {
        JsonValue::String(s) if !s.is_empty() => Some(s.clone()),
        _ => None,
    }
}

/// Turn an error answer (any non-2xx, or a 2xx with an `error` member) into a `platform`
/// error. `what` names the call for the message (e.g. "creating the payload"); `body` is the
/// parsed JSON body if it was JSON. Understands the platform's `{"error":{"reference","code"}}`,
/// its fatal `{"error":true,"message","reference","code"}`, the proxy's refusals
/// `{"error":{"code":"<string>","message"}}` and the common shapes
/// `{"error":"…","message"|"error_description":"…"}`, `{"message":"…"}`.
/// A numeric code becomes `platform_code` (the message explains known ones); a non-numeric
/// string `error.code` becomes `proxy_code`. When the body has its own message and no numeric
/// code, that message replaces the guess from the HTTP status.
/// Status 408/504 → `timeout`; 0 (no answer) → `network`.
pub fn platform_error(what: &str, status: u16, body: Option<&JsonValue>) -> XamanError {
    let mut reference = None;
    let mut platform_code = None;
    let mut proxy_code = None;
    // The body's own explanation, and a bare error word shown only as a detail.
    let mut own_message: Option<String> = None;
    let mut detail: Option<String> = None;
    if let Some(body) = body {
        match body.get("error") {
            Some(inner @ JsonValue::Object(_)) => {
                reference = string_of(inner.get("reference"));
                platform_code = code_number(inner.get("code"));
                if platform_code.is_none() {
                    proxy_code = string_of(inner.get("code"));
                }
                own_message = string_of(inner.get("message")).or_else(|| string_of(inner.get("description")));
            }
            Some(JsonValue::String(s)) => {
                match string_of(body.get("message")).or_else(|| string_of(body.get("error_description"))) {
                    Some(m) => own_message = Some(joined4(s, ": ", &m, "")),
                    None => detail = Some(s.clone()),
                }
            }
            _ => {}
        }
        reference = reference.or_else(|| string_of(body.get("reference")));
        platform_code = platform_code.or_else(|| code_number(body.get("code")));
        own_message = own_message.or_else(|| string_of(body.get("message")));
    }
    let code = match status {
        0 => ErrorCode::Network,
        408 | 504 => ErrorCode::Timeout,
        _ => ErrorCode::Platform,
    };
    let mut message = joined(what, " failed");
    if status != 0 {
        message.push_str(" (HTTP ");
        status.push_to(&mut message);
        message.push(')');
    }
    if let Some(pc) = platform_code {
        message.push_str(": platform error ");
        pc.push_to(&mut message);
        if let Some(meaning) = explain(pc) {
            message.push_str(" — ");
            message.push_str(meaning);
        }
        detail = own_message.or(detail);
    } else if let Some(own) = own_message {
        message.push_str(": ");
        message.push_str(&own);
    } else if let Some(meaning) = explain(i64::from(status)) {
        message.push_str(": ");
        message.push_str(meaning);
    }
    if let Some(d) = detail {
        message.push_str(" (");
        message.push_str(&d);
        message.push(')');
    }
    if let Some(pc) = &proxy_code {
        message.push_str(" (proxy code ");
        message.push_str(pc);
        message.push(')');
    }
    if let Some(r) = &reference {
        message.push_str(". Quote reference ");
        message.push_str(r);
        message.push_str(" to Xaman support or look it up in the Developer Console");
    }
    XamanError { code, message, status: (status != 0).then_some(status), reference, platform_code, proxy_code }
}

/// `true` when a 2xx body is in fact an error body (`{"error": <anything but false/null>}`).
pub fn is_error_body(body: &JsonValue) -> bool {
    !matches!(body.get("error"), None | Some(JsonValue::Null) | Some(JsonValue::Bool(false)))
}

/// Turn an OAuth2 error answer (`{"error":"invalid_grant","error_description":"…"}`, or an
/// HTML page: pass `None`) into an `oauth_failed` error.
pub fn oauth_error(what: &str, status: u16, body: Option<&JsonValue>) -> XamanError {
    let error = body.and_then(|b| string_of(b.get("error")));
    let description = body.and_then(|b| string_of(b.get("error_description")).or_else(|| string_of(b.get("message"))));
    let mut message = joined(what, " failed");
    if status != 0 {
        message.push_str(" (HTTP ");
        status.push_to(&mut message);
        message.push(')');
    }
    // ": error: description", either alone after ": ", or nothing.
    if let Some(e) = &error {
        message.push_str(": ");
        message.push_str(e);
    }
    if let Some(d) = &description {
        message.push_str(": ");
        message.push_str(d);
    }
    message.push_str(". Sign in again; if it keeps failing check that the page URL is an allowed redirect URI of the app");
    let code = if status == 0 { ErrorCode::Network } else { ErrorCode::OauthFailed };
    XamanError { code, message, status: (status != 0).then_some(status), reference: None, platform_code: None, proxy_code: None }
}
