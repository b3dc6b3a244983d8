//! `Xaman.connect` in a real browser: option errors, and the context it detects (proxy, web3
//! without a session, xApp from an `xAppToken`, with the OTT → JWT exchange on the sandbox).
#![cfg(target_arch = "wasm32")]

mod web_common;

use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;
use web_common::*;
use xaman_wasm::Xaman;

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen::prelude::wasm_bindgen(inline_js = r#"
export function install_webview() {
  const sent = [];
  window.ReactNativeWebView = { postMessage(text) { sent.push(text); } };
  return sent;
}
export function remove_webview() { delete window.ReactNativeWebView; }
"#)]
extern "C" {
    fn install_webview() -> js_sys::Array;
    fn remove_webview();
}

async fn connect_err(options: JsValue) -> JsValue {
    match Xaman::connect(options).await {
        Ok(_) => panic!("connect should have failed"),
        Err(error) => error,
    }
}

#[wasm_bindgen_test]
async fn without_api_key_or_proxy_connect_fails_with_no_route() {
    let error = connect_err(JsValue::UNDEFINED).await;
    assert_eq!(code(&error), "no_route");
    assert_eq!(get_str(&error, "name"), "XamanError");
    assert!(
        error.is_instance_of::<js_sys::Error>(),
        "a real Error object"
    );
    let message = get_str(&error, "message");
    assert!(
        message.contains("apiKey") && message.contains("proxy"),
        "says what to configure: {message}"
    );

    let error = connect_err(options("{}")).await;
    assert_eq!(code(&error), "no_route");
}

#[wasm_bindgen_test]
async fn bad_options_are_refused_before_anything_runs() {
    let secret =
        format!(r#"{{"apiKey":"{API_KEY}","apiSecret":"5ec7e700-0000-4000-8000-000000000002"}}"#);
    assert_eq!(
        code(&connect_err(options(&secret)).await),
        "secret_in_browser"
    );
    assert_eq!(
        code(&connect_err(options(r#"{"apiKey":"not-a-uuid"}"#)).await),
        "invalid_config"
    );
    assert_eq!(
        code(&connect_err(options(r#"{"proxy":"/api/xaman","storage":"disk"}"#)).await),
        "invalid_config"
    );
    assert_eq!(
        code(&connect_err(JsValue::from_str("apiKey")).await),
        "invalid_config"
    );
}

#[wasm_bindgen_test]
async fn a_proxy_gives_the_proxy_context() {
    clear_sdk_storage();
    let xaman = Xaman::connect(options(&format!(r#"{{"proxy":"{PROXY}"}}"#)))
        .await
        .unwrap();
    assert_eq!(xaman.context(), "proxy");
    assert!(xaman.xapp().is_null(), "no xApp bridge outside Xaman");
}

/// Connect options with the sandbox app's API key and platform, and no proxy (the web3 context).
fn api_key_only() -> JsValue {
    options(&format!(
        r#"{{"apiKey":"{API_KEY}","endpoint":"{PLATFORM}","oauthEndpoint":"{OAUTH}"}}"#
    ))
}

#[wasm_bindgen_test]
async fn only_an_api_key_is_web3_signed_out_and_payloads_need_sign_in() {
    clear_sdk_storage();
    let xaman = Xaman::connect(api_key_only()).await.unwrap();
    assert_eq!(xaman.context(), "web3");
    assert!(xaman.user().is_null());
    let request = json(r#"{"txjson":{"TransactionType":"SignIn"}}"#);
    let error = wait(xaman.payload(request, JsValue::UNDEFINED))
        .await
        .unwrap_err();
    assert_eq!(code(&error), "not_signed_in");
}

#[wasm_bindgen_test]
async fn an_event_name_that_is_not_a_string_is_an_invalid_option() {
    clear_sdk_storage();
    let xaman = Xaman::connect(api_key_only()).await.unwrap();
    let listener = js_sys::Function::new_no_args("");
    let error = xaman
        .on(JsValue::from_f64(42.0), listener.clone().unchecked_into())
        .expect_err("xaman.on(42, cb)");
    assert_eq!(code(&error), "invalid_option");
    assert_eq!(get_str(&error, "name"), "XamanError");
    assert!(error.is_instance_of::<js_sys::Error>());
    // The same through the JS object the page holds (the glue passes the value as it is).
    let page_xaman = JsValue::from(xaman);
    let on: js_sys::Function = get(&page_xaman, "on").unchecked_into();
    let error = on
        .call2(&page_xaman, &JsValue::from_f64(42.0), &listener)
        .expect_err("xaman.on(42, cb) from JS");
    assert_eq!(code(&error), "invalid_option");
}

#[wasm_bindgen_test]
async fn an_xapp_token_gives_the_xapp_context_and_the_jwt_is_kept_per_ott() {
    clear_sdk_storage();
    let accounts = sandbox_accounts().await;
    let bob = &accounts[1];
    let (status, launch) = control(
        "POST",
        "/sandbox/xapp/launch",
        Some(&format!(r#"{{"account":"{bob}"}}"#)),
    )
    .await;
    assert_eq!(
        status,
        200,
        "launch: {:?}",
        js_sys::JSON::stringify(&launch)
    );
    let ott = get_str(&launch, "ott");

    set_query(&format!("?xAppToken={ott}&xAppStyle=DARK"));
    let config = format!(r#"{{"apiKey":"{API_KEY}","endpoint":"{PLATFORM}","proxy":"{PROXY}"}}"#);
    let first = Xaman::connect(options(&config)).await;
    let xaman = match first {
        Ok(xaman) => xaman,
        Err(error) => {
            set_query("");
            panic!("xApp connect failed: {}", get_str(&error, "message"));
        }
    };
    assert_eq!(xaman.context(), "xapp");
    assert_eq!(get_str(&xaman.user(), "account"), *bob);
    assert!(!xaman.xapp().is_null(), "xaman.xapp exists inside an xApp");

    // The OTT is single-use: a reload with the same URL must use the stored JWT.
    let again = Xaman::connect(options(&config)).await;
    set_query("");
    let again =
        again.unwrap_or_else(|e| panic!("reconnect with a used OTT: {}", get_str(&e, "message")));
    assert_eq!(again.context(), "xapp");
    assert_eq!(get_str(&again.user(), "account"), *bob);

    // Payloads go to the JWT endpoint (pushed to the xApp user); {open:false} skips the bridge.
    let request = json(r#"{"txjson":{"TransactionType":"SignIn"}}"#);
    let req = wait(again.payload(request, json(r#"{"open":false}"#)))
        .await
        .unwrap();
    assert_eq!(get_str(&req, "route"), "xapp");
    assert_eq!(get(&req, "pushed"), JsValue::TRUE);
    let (status, summary) = control(
        "GET",
        &format!("/sandbox/payloads/{}", get_str(&req, "uuid")),
        None,
    )
    .await;
    assert_eq!(status, 200);
    assert_eq!(get_str(&summary, "pushed_to"), *bob);
}
