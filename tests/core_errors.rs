#![cfg(not(target_arch = "wasm32"))]
//! `platform_error` on the bodies the proxy and other backends send (the platform's own bodies
//! are covered with the official fixtures in core_fixtures.rs).

use xaman_wasm::core::platform::platform_error;
use xaman_wasm::core::{ErrorCode, JsonValue, XamanError};

fn j(text: &str) -> JsonValue {
    serde_json::from_str(text).unwrap()
}

fn failed(status: u16, body: &str) -> XamanError {
    platform_error("creating the payload", status, Some(&j(body)))
}

#[test]
fn a_proxy_refusal_says_its_own_message_and_keeps_its_code() {
    // The body xaman-proxy sends when its policy refuses a transaction type.
    let e = failed(403, r#"{"error":{"code":"policy","message":"TransactionType Payment is not allowed by the policy"}}"#);
    assert_eq!(e.code, ErrorCode::Platform);
    assert_eq!(e.status, Some(403));
    assert_eq!(e.proxy_code.as_deref(), Some("policy"));
    assert_eq!(e.platform_code, None);
    assert_eq!(e.reference, None);
    assert_eq!(
        e.message,
        "creating the payload failed (HTTP 403): TransactionType Payment is not allowed by the policy (proxy code policy)"
    );
    assert!(!e.message.contains("credentials"), "no guess from the status when the body explains itself");

    for (status, code, text) in [
        (400, "invalid_request", "txjson must be an object"),
        (403, "origin", "this origin is not allowed"),
        (429, "rate_limited", "too many requests from this session; retry after 5 s"),
        (502, "upstream", "the platform did not answer"),
    ] {
        let body = JsonValue::object([(
            "error",
            JsonValue::object([("code", JsonValue::str(code)), ("message", JsonValue::str(text))]),
        )]);
        let e = platform_error("reading the payload", status, Some(&body));
        assert_eq!(e.proxy_code.as_deref(), Some(code));
        assert_eq!(e.status, Some(status));
        assert_eq!(e.message, format!("reading the payload failed (HTTP {status}): {text} (proxy code {code})"));
    }
}

#[test]
fn a_proxy_code_without_a_message_keeps_the_status_hint() {
    let e = failed(403, r#"{"error":{"code":"origin"}}"#);
    assert_eq!(e.proxy_code.as_deref(), Some("origin"));
    assert!(e.message.starts_with("creating the payload failed (HTTP 403): the platform refused the credentials"), "{}", e.message);
    assert!(e.message.ends_with("(proxy code origin)"), "{}", e.message);
    // An empty message is no message.
    let e = failed(429, r#"{"error":{"code":"rate_limited","message":""}}"#);
    assert!(e.message.contains("rate limit reached"), "{}", e.message);
}

#[test]
fn numeric_codes_stay_platform_codes() {
    // A numeric code, also as a numeric string, is the platform's: explained, never a proxy code.
    for body in [
        r#"{"error":{"reference":"r-1","code":602,"message":"Invalid payload"}}"#,
        r#"{"error":{"reference":"r-1","code":"602","message":"Invalid payload"}}"#,
    ] {
        let e = failed(400, body);
        assert_eq!(e.platform_code, Some(602), "{body}");
        assert_eq!(e.proxy_code, None, "{body}");
        assert_eq!(e.reference.as_deref(), Some("r-1"));
        assert!(
            e.message.starts_with(
                "creating the payload failed (HTTP 400): platform error 602 — the platform refused the payload; check the transaction fields (Invalid payload). Quote reference r-1"
            ),
            "{}",
            e.message
        );
    }
    // Numeric strings read like Rust's `i64` parsing: a sign is allowed; anything else, or a
    // number beyond i64, stays a proxy code.
    let code = |c: &str| {
        let e = failed(400, &format!(r#"{{"error":{{"code":"{c}"}}}}"#));
        (e.platform_code, e.proxy_code)
    };
    assert_eq!(code("+602"), (Some(602), None));
    assert_eq!(code("-1"), (Some(-1), None));
    assert_eq!(code("-9223372036854775808"), (Some(i64::MIN), None));
    for not_numeric in ["9223372036854775808", "6o2", "-", "+", "60 2", "٦٠٢"] {
        assert_eq!(code(not_numeric), (None, Some(not_numeric.to_owned())), "{not_numeric}");
    }
    // The platform's fatal shape: code and message at the top level.
    let e = failed(500, r#"{"error":true,"message":"Some error has occured","reference":"r-2","code":500}"#);
    assert_eq!((e.platform_code, e.proxy_code.as_deref(), e.reference.as_deref()), (Some(500), None, Some("r-2")));
    assert!(e.message.starts_with("creating the payload failed (HTTP 500): platform error 500 (Some error has occured)"), "{}", e.message);
}

#[test]
fn other_backends_messages_replace_the_status_hint() {
    let e = failed(401, r#"{"error":"unauthorized","message":"session expired"}"#);
    assert_eq!(e.message, "creating the payload failed (HTTP 401): unauthorized: session expired");
    assert_eq!((e.platform_code, e.proxy_code.as_deref()), (None, None));
    let e = failed(401, r#"{"message":"Unauthorized"}"#);
    assert_eq!(e.message, "creating the payload failed (HTTP 401): Unauthorized");
    // A bare error word is only a detail next to the hint.
    let e = failed(401, r#"{"error":"unauthorized"}"#);
    assert_eq!(
        e.message,
        "creating the payload failed (HTTP 401): the platform refused the credentials: check the API key (and, on your backend, the secret) (unauthorized)"
    );
    // No JSON body at all: the status hint alone.
    let e = platform_error("creating the payload", 429, None);
    assert_eq!(e.message, "creating the payload failed (HTTP 429): rate limit reached; slow down");
    assert_eq!(e.proxy_code, None);
}

#[test]
fn status_decides_timeout_and_network() {
    let body = r#"{"error":{"code":"upstream","message":"the platform took too long"}}"#;
    let e = failed(504, body);
    assert_eq!(e.code, ErrorCode::Timeout);
    assert_eq!(e.proxy_code.as_deref(), Some("upstream"));
    let e = failed(0, body);
    assert_eq!(e.code, ErrorCode::Network);
    assert_eq!(e.status, None);
    assert_eq!(e.message, "creating the payload failed: the platform took too long (proxy code upstream)");
}
