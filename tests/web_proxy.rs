//! The proxy route end to end in a real browser: `xaman.payload()` through xaman-proxy (cookies,
//! CORS with credentials) to the sandbox platform, status over a real WebSocket, the outcome
//! verified by a GET, and the proxy session showing who signed.
#![cfg(target_arch = "wasm32")]

mod web_common;

use js_sys::{Array, Promise};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;
use web_common::*;
use xaman_wasm::Xaman;

wasm_bindgen_test_configure!(run_in_browser);

async fn connect() -> Xaman {
    clear_sdk_storage();
    Xaman::connect(options(&format!(r#"{{"proxy":"{PROXY}"}}"#)))
        .await
        .expect("connect to the proxy")
}

async fn sign_in_payload(xaman: &Xaman) -> JsValue {
    let request = json(
        r#"{"txjson":{"TransactionType":"SignIn"},"custom_meta":{"instruction":"browser test"}}"#,
    );
    wait(xaman.payload(request, JsValue::UNDEFINED))
        .await
        .expect("payload created")
}

fn resolved(req: &JsValue) -> Promise {
    get(req, "resolved").unchecked_into()
}

fn call(req: &JsValue, method: &str, args: &[JsValue]) -> JsValue {
    let f: js_sys::Function = get(req, method).unchecked_into();
    f.apply(req, &args.iter().collect::<Array>()).expect(method)
}

async fn payload_count() -> u32 {
    let (status, list) = control("GET", "/sandbox/payloads?all=true", None).await;
    assert_eq!(status, 200);
    Array::from(&list).length()
}

#[wasm_bindgen_test]
async fn signed_outcome_is_verified_and_the_session_shows_who_signed() {
    let xaman = connect().await;
    assert_eq!(xaman.context(), "proxy");
    let (signed_in, signed_in_calls) = recording_listener();
    let _off = xaman.on("signedIn".into(), signed_in).unwrap();
    let carol = sandbox_accounts().await[2].clone();

    let req = sign_in_payload(&xaman).await;
    let uuid = get_str(&req, "uuid");
    assert_eq!(uuid.len(), 36, "uuid {uuid}");
    let route = get_str(&req, "route");
    assert!(
        route == "qr" || route == "push",
        "desktop route without a known user: {route}"
    );
    let always = get_str(&get(&req, "next"), "always");
    assert!(
        always.starts_with(PLATFORM) && always.contains(&uuid),
        "next.always {always}"
    );
    assert_eq!(get_str(&req, "deeplink"), always);
    let svg = call(&req, "qrSvg", &[]).as_string().unwrap();
    assert!(
        svg.starts_with("<svg") && svg.contains("<path"),
        "QR SVG: {}",
        &svg[..svg.len().min(80)]
    );

    let (listener, events) = recording_listener();
    call(&req, "on", &["status".into(), listener.into()]);
    let (status, _) = control(
        "POST",
        &format!("/sandbox/payloads/{uuid}/sign"),
        Some(&format!(r#"{{"account":"{carol}"}}"#)),
    )
    .await;
    assert_eq!(status, 200);

    let result = settle(&resolved(&req), 15_000, "signed outcome")
        .await
        .expect("resolved");
    assert_eq!(get_str(&result, "outcome"), "signed");
    assert_eq!(get_str(&result, "uuid"), uuid);
    assert_eq!(get_str(&result, "account"), carol);
    assert!(!get_str(&result, "txid").is_empty() && !get_str(&result, "hex").is_empty());
    let meta = get(&get(&result, "payload"), "meta");
    assert_eq!(
        get(&meta, "signed"),
        JsValue::TRUE,
        "result.payload is the verified GET answer"
    );
    let types = event_types(&events);
    assert!(
        types.contains(&"opened".to_owned()) && types.last().map(String::as_str) == Some("signed"),
        "{types:?}"
    );

    // The proxy captured the user token: the user is known, and the next payload is pushed.
    assert_eq!(get_str(&xaman.user(), "account"), carol);
    assert_eq!(
        get_str(&signed_in_calls.get(0), "account"),
        carol,
        "signedIn event"
    );
    let next = sign_in_payload(&xaman).await;
    assert_eq!(get(&next, "pushed"), JsValue::TRUE);
    assert_eq!(get_str(&next, "route"), "push");
    let (_, summary) = control(
        "GET",
        &format!("/sandbox/payloads/{}", get_str(&next, "uuid")),
        None,
    )
    .await;
    assert_eq!(get_str(&summary, "pushed_to"), carol);
    let cancel: Promise = call(&next, "cancel", &[]).unchecked_into();
    settle(&cancel, 10_000, "cleanup cancel").await.unwrap();

    // signOut logs out of the proxy session.
    let (signed_out, signed_out_calls) = recording_listener();
    let _off = xaman.on("signedOut".into(), signed_out).unwrap();
    wait(xaman.sign_out()).await.unwrap();
    assert!(xaman.user().is_null());
    assert_eq!(xaman.context(), "proxy");
    assert_eq!(get_str(&signed_out_calls.get(0), "reason"), "signOut");
    let after = sign_in_payload(&xaman).await;
    assert_eq!(
        get(&after, "pushed"),
        JsValue::FALSE,
        "no user token after logout"
    );
    let cancel: Promise = call(&after, "cancel", &[]).unchecked_into();
    settle(&cancel, 10_000, "cleanup cancel").await.unwrap();
}

#[wasm_bindgen_test]
async fn rejected_and_cancelled_outcomes_resolve_the_promise() {
    let xaman = connect().await;

    let req = sign_in_payload(&xaman).await;
    let uuid = get_str(&req, "uuid");
    let (status, _) = control("POST", &format!("/sandbox/payloads/{uuid}/reject"), None).await;
    assert_eq!(status, 200);
    let result = settle(&resolved(&req), 15_000, "rejected outcome")
        .await
        .expect("resolves, not rejects");
    assert_eq!(get_str(&result, "outcome"), "rejected");
    assert_eq!(
        get(&get(&get(&result, "payload"), "meta"), "signed"),
        JsValue::FALSE
    );

    let req = sign_in_payload(&xaman).await;
    let (listener, events) = recording_listener();
    call(&req, "on", &["status".into(), listener.into()]);
    let cancel: Promise = call(&req, "cancel", &[]).unchecked_into();
    let answer = settle(&cancel, 10_000, "cancel")
        .await
        .expect("cancel answer");
    assert_eq!(get(&answer, "cancelled"), JsValue::TRUE);
    assert_eq!(get_str(&answer, "reason"), "OK");
    let result = settle(&resolved(&req), 15_000, "cancelled outcome")
        .await
        .unwrap();
    assert_eq!(get_str(&result, "outcome"), "cancelled");
    assert!(event_types(&events).contains(&"cancelled".to_owned()));
}

#[wasm_bindgen_test]
async fn expiry_resolves_as_expired() {
    let xaman = connect().await;
    let request = json(r#"{"txjson":{"TransactionType":"SignIn"},"options":{"expire":1}}"#);
    let req = wait(xaman.payload(request, JsValue::UNDEFINED))
        .await
        .unwrap();
    let (status, _) = control("POST", "/sandbox/clock", Some(r#"{"advance_seconds":90}"#)).await;
    assert_eq!(status, 200);
    let result = settle(&resolved(&req), 20_000, "expired outcome")
        .await
        .unwrap();
    assert_eq!(get_str(&result, "outcome"), "expired");
}

#[wasm_bindgen_test]
async fn bad_payloads_are_refused_before_anything_is_sent() {
    let xaman = connect().await;
    let before = payload_count().await;
    for (input, expected) in [
        (
            r#"{"txjson":{"TransactionType":"Paymnet"}}"#,
            "invalid_payload",
        ),
        (
            r#"{"txjson":{"TransactionType":"SignIn"},"txblob":"1200"}"#,
            "invalid_payload",
        ),
        (
            r#"{"txjson":{"TransactionType":"SignIn"},"options":{"expire":-5}}"#,
            "invalid_option",
        ),
        (
            r#"{"txjson":{"TransactionType":"SignIn"},"custom_meta":{"identifier":"0123456789012345678901234567890123456789X"}}"#,
            "invalid_option",
        ),
        (
            r#"{"txjson":{"TransactionType":"SignIn"},"user_token":"7ccc19cf-970a-4185-8bd3-49d507bf24ae"}"#,
            "secret_in_browser",
        ),
    ] {
        let error = wait(xaman.payload(json(input), JsValue::UNDEFINED))
            .await
            .unwrap_err();
        assert_eq!(
            code(&error),
            expected,
            "{input}: {}",
            get_str(&error, "message")
        );
    }
    let error = wait(xaman.payload(
        json(r#"{"txjson":{"TransactionType":"SignIn"}}"#),
        json(r#"{"opne":true}"#),
    ))
    .await
    .unwrap_err();
    assert_eq!(code(&error), "invalid_option");
    assert_eq!(
        get_str(&error, "message"),
        r#"unknown payload() option "opne": only open is supported"#
    );
    assert_eq!(
        payload_count().await,
        before,
        "nothing reached the platform"
    );
}

#[wasm_bindgen_test]
async fn a_refusal_of_the_proxy_is_a_platform_error_with_its_status() {
    let xaman = connect().await;
    // Without a policy file the proxy only creates SignIn payloads.
    let request = json(
        r#"{"txjson":{"TransactionType":"Payment","Destination":"rPEPPER7kfTD9w2To4CQk6UCfuHM9c6GDY","Amount":"1000"}}"#,
    );
    let error = wait(xaman.payload(request, JsValue::UNDEFINED))
        .await
        .unwrap_err();
    assert_eq!(code(&error), "platform", "{}", get_str(&error, "message"));
    assert_eq!(get(&error, "status").as_f64(), Some(403.0));
    assert_eq!(get_str(&error, "proxyCode"), "policy");
    assert!(
        get_str(&error, "message").contains("policy"),
        "the proxy's own message: {}",
        get_str(&error, "message")
    );
    assert!(error.is_instance_of::<js_sys::Error>());
}

#[wasm_bindgen_test]
async fn an_unsubscribed_listener_hears_nothing_more() {
    let xaman = connect().await;
    let req = sign_in_payload(&xaman).await;
    let (kept, kept_events) = recording_listener();
    let (dropped, dropped_events) = recording_listener();
    call(&req, "on", &["status".into(), kept.into()]);
    let off: js_sys::Function =
        call(&req, "on", &["status".into(), dropped.into()]).unchecked_into();
    off.call0(&JsValue::UNDEFINED).unwrap();
    let uuid = get_str(&req, "uuid");
    control("POST", &format!("/sandbox/payloads/{uuid}/reject"), None).await;
    settle(&resolved(&req), 15_000, "rejected").await.unwrap();
    assert!(kept_events.length() > 0);
    assert_eq!(dropped_events.length(), 0);
    let error = call_err(
        &req,
        "on",
        &["sttaus".into(), js_sys::Function::new_no_args("").into()],
    );
    assert_eq!(code(&error), "invalid_option");
}

fn call_err(req: &JsValue, method: &str, args: &[JsValue]) -> JsValue {
    let f: js_sys::Function = get(req, method).unchecked_into();
    f.apply(req, &args.iter().collect::<Array>())
        .expect_err(method)
}

#[wasm_bindgen_test]
async fn numbers_in_the_payload_reach_the_platform_as_json_writes_them() {
    let xaman = connect().await;
    let request = json(
        r#"{"txjson":{"TransactionType":"SignIn"},"custom_meta":{"blob":{"price":1.5,"tiny":1e-7,"big":1e21,"n":-0.25,"whole":42}}}"#,
    );
    let req = wait(xaman.payload(request, JsValue::UNDEFINED))
        .await
        .unwrap();
    control(
        "POST",
        &format!("/sandbox/payloads/{}/reject", get_str(&req, "uuid")),
        None,
    )
    .await;
    let result = settle(&resolved(&req), 15_000, "rejected").await.unwrap();
    let blob = get(&get(&get(&result, "payload"), "custom_meta"), "blob");
    assert_eq!(get(&blob, "price").as_f64(), Some(1.5));
    assert_eq!(get(&blob, "tiny").as_f64(), Some(1e-7));
    assert_eq!(get(&blob, "big").as_f64(), Some(1e21));
    assert_eq!(get(&blob, "n").as_f64(), Some(-0.25));
    assert_eq!(get(&blob, "whole").as_f64(), Some(42.0));
}
