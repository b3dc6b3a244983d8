//! A status socket cut without a close frame (the sandbox's `ws_drop_after_ms` fault) while the
//! user signs: the SDK reconnects with backoff, GETs the payload once, and still resolves with
//! the signed outcome.
#![cfg(target_arch = "wasm32")]

mod web_common;

use js_sys::Promise;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;
use web_common::*;
use xaman_wasm::Xaman;

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
async fn a_resolution_while_disconnected_is_not_lost() {
    clear_sdk_storage();
    let xaman = Xaman::connect(options(&format!(r#"{{"proxy":"{PROXY}"}}"#)))
        .await
        .unwrap();
    let request = json(r#"{"txjson":{"TransactionType":"SignIn"}}"#);
    let req = wait(xaman.payload(request, JsValue::UNDEFINED))
        .await
        .unwrap();
    let uuid = get_str(&req, "uuid");
    let (listener, events) = recording_listener();
    let on: js_sys::Function = get(&req, "on").unchecked_into();
    on.call2(&req, &"status".into(), &listener).unwrap();

    // Wait until the socket is up (the platform sends expires_in right after connecting).
    for _ in 0..50 {
        if event_types(&events).iter().any(|t| t == "expires_in") {
            break;
        }
        sleep(100).await;
    }
    assert!(
        event_types(&events).iter().any(|t| t == "expires_in"),
        "socket connected: {:?}",
        event_types(&events)
    );

    let (status, _) = control(
        "POST",
        "/sandbox/faults",
        Some(r#"{"ws_drop_after_ms":30}"#),
    )
    .await;
    assert_eq!(status, 200);
    sleep(120).await;
    // Signed while the SDK's socket is down (its first reconnect waits 500 ms).
    let (status, _) = control("POST", &format!("/sandbox/payloads/{uuid}/sign"), None).await;
    assert_eq!(status, 200);

    let resolved: Promise = get(&req, "resolved").unchecked_into();
    let result = settle(&resolved, 20_000, "signed after reconnect").await;
    let (_, faults) = control("GET", "/sandbox/faults", None).await;
    control("POST", "/sandbox/faults", Some("{}")).await;
    let result = result.expect("resolves");
    assert_eq!(get_str(&result, "outcome"), "signed");
    assert_eq!(
        get(&get(&get(&result, "payload"), "meta"), "signed"),
        JsValue::TRUE
    );
    let dropped = get(&faults, "ws_dropped_total").as_f64().unwrap_or(0.0);
    assert!(
        dropped >= 1.0,
        "the socket was really cut: ws_dropped_total = {dropped}"
    );
    assert_eq!(
        event_types(&events).last().map(String::as_str),
        Some("signed"),
        "{:?}",
        event_types(&events)
    );
}
