//! `fetch` and the SDK's error mapping in a real browser, against the sandbox: JSON answers,
//! platform error bodies (status, reference, platformCode), non-JSON answers, a refused
//! connection (`network`), a slow answer (`timeout`, the request is aborted), and a failing
//! platform (`platform` with the 503 status).
#![cfg(target_arch = "wasm32")]

mod web_common;

use wasm_bindgen_test::*;
use web_common::*;
use xaman_wasm::core::ErrorCode;
use xaman_wasm::web::http::HttpRequest;
use xaman_wasm::Xaman;

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
async fn a_json_answer_is_returned_parsed() {
    let url = format!("{PROXY}/config");
    let body = HttpRequest::new("GET", &url, "reading the config")
        .send(5_000)
        .await
        .expect("config");
    assert_eq!(get_str(&body, "apiKey"), API_KEY);
    assert_eq!(get_str(&body, "endpoint"), PLATFORM);
}

#[wasm_bindgen_test]
async fn a_platform_error_body_keeps_status_reference_and_code() {
    let url = format!("{PLATFORM}/api/v1/jwt/ping");
    let error = HttpRequest::new("GET", &url, "pinging")
        .header("authorization", "Bearer not.a.jwt")
        .send(5_000)
        .await
        .expect_err("a bad JWT is refused");
    assert_eq!(error.code, ErrorCode::Platform);
    assert_eq!(error.status, Some(401));
    assert_eq!(error.platform_code, Some(813));
    assert!(
        error.reference.as_deref().is_some_and(|r| !r.is_empty()),
        "reference: {:?}",
        error.reference
    );
    assert!(
        error.message.contains("pinging"),
        "says what failed: {}",
        error.message
    );
}

#[wasm_bindgen_test]
async fn an_html_answer_is_a_platform_error() {
    let url = format!("{PLATFORM}/sandbox/phone");
    let error = HttpRequest::new("GET", &url, "reading a page")
        .send(5_000)
        .await
        .expect_err("not JSON");
    assert_eq!(error.code, ErrorCode::Platform);
    assert_eq!(error.status, Some(200));
}

#[wasm_bindgen_test]
async fn a_refused_connection_is_a_network_error() {
    let error = HttpRequest::new(
        "GET",
        "http://127.0.0.1:9/nothing",
        "reaching a closed port",
    )
    .send(5_000)
    .await
    .expect_err("nothing listens on port 9");
    assert_eq!(error.code, ErrorCode::Network, "{}", error.message);
    assert_eq!(error.status, None);
}

#[wasm_bindgen_test]
async fn a_slow_answer_is_a_timeout() {
    let (status, _) = control("POST", "/sandbox/faults", Some(r#"{"latency_ms":3000}"#)).await;
    assert_eq!(status, 200);
    let url = format!("{PLATFORM}/api/v1/jwt/ping");
    let started = js_sys::Date::now();
    let result = HttpRequest::new("GET", &url, "pinging slowly")
        .send(300)
        .await;
    let waited = js_sys::Date::now() - started;
    control("POST", "/sandbox/faults", Some("{}")).await;
    let error = result.expect_err("answer comes after the timeout");
    assert_eq!(error.code, ErrorCode::Timeout, "{}", error.message);
    assert!(
        (250.0..2500.0).contains(&waited),
        "aborted at the timeout, not when the answer came: {waited} ms"
    );
}

#[wasm_bindgen_test]
async fn a_failing_platform_is_a_platform_error_with_503() {
    let (status, _) = control("POST", "/sandbox/faults", Some(r#"{"http_error_rate":1}"#)).await;
    assert_eq!(status, 200);
    let url = format!("{PLATFORM}/api/v1/jwt/ping");
    let result = HttpRequest::new("GET", &url, "pinging").send(5_000).await;
    control("POST", "/sandbox/faults", Some("{}")).await;
    let error = result.expect_err("fault injected");
    assert_eq!(error.code, ErrorCode::Platform);
    assert_eq!(error.status, Some(503));
}

#[wasm_bindgen_test]
async fn the_timeout_ms_option_bounds_every_request_of_the_sdk() {
    clear_sdk_storage();
    let config = format!(r#"{{"proxy":"{PROXY}","timeoutMs":400}}"#);
    let xaman = Xaman::connect(options(&config)).await.unwrap();
    // The proxy waits for the (slowed) platform: the SDK gives up after 400 ms.
    let (status, _) = control("POST", "/sandbox/faults", Some(r#"{"latency_ms":2500}"#)).await;
    assert_eq!(status, 200);
    let started = js_sys::Date::now();
    let request = json(r#"{"txjson":{"TransactionType":"SignIn"}}"#);
    let result = wait(xaman.payload(request, wasm_bindgen::JsValue::UNDEFINED)).await;
    let waited = js_sys::Date::now() - started;
    control("POST", "/sandbox/faults", Some("{}")).await;
    let error = result.expect_err("slower than timeoutMs");
    assert_eq!(code(&error), "timeout", "{}", get_str(&error, "message"));
    assert!(waited < 2_000.0, "gave up at the timeout: {waited} ms");

    let bad = format!(r#"{{"proxy":"{PROXY}","timeoutMs":5}}"#);
    let error = Xaman::connect(options(&bad))
        .await
        .err()
        .expect("below 100 ms");
    assert_eq!(code(&error), "invalid_config");
}
