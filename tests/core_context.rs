#![cfg(not(target_arch = "wasm32"))]
//! xApp detection, user agents, `Xaman.connect` options, the context rule and route choice.

use xaman_wasm::core::context::{
    choose_context, choose_route, detect_xapp, is_mobile_user_agent, is_xapp_user_agent, parse_xapp_user_agent, Config,
    ConnectOptions, Context, Route, StorageKind, TIMEOUT_MS_RANGE,
};
use xaman_wasm::core::{ErrorCode, XamanError};

const OTT: &str = "4a7c0f0e-9d1b-4c2a-8e3f-5b6a7c8d9e0f";
const KEY: &str = "c0ffee00-5a4d-4b0b-8a11-000000000001";
const XAPP_UA: &str =
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 xumm/xapp:2.7.0 (ott:4a7c0f0e-9d1b-4c2a-8e3f-5b6a7c8d9e0f)";
const DESKTOP_UA: &str = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";
const ANDROID_UA: &str = "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36";

#[test]
fn xapp_user_agents() {
    assert!(is_xapp_user_agent(XAPP_UA));
    assert!(is_xapp_user_agent("XUMM/XAPP:1.0.0"));
    assert!(is_xapp_user_agent("Mozilla/5.0 xAppBuilder/1.2"));
    assert!(is_xapp_user_agent("mozilla xappbuilder"));
    assert!(!is_xapp_user_agent(DESKTOP_UA));
    assert!(!is_xapp_user_agent("xumm/xap"));
    assert_eq!(parse_xapp_user_agent(XAPP_UA), (Some("2.7.0".into()), Some(OTT.into())));
    assert_eq!(parse_xapp_user_agent("xumm/xapp:1.5.3"), (Some("1.5.3".into()), None));
    assert_eq!(parse_xapp_user_agent("xumm/xapp:2.0.0 (ott:not-a-uuid)"), (Some("2.0.0".into()), None));
    assert_eq!(parse_xapp_user_agent(DESKTOP_UA), (None, None));
}

#[test]
fn xapp_detection_from_ua_or_query() {
    let env = detect_xapp(XAPP_UA, "").unwrap();
    assert_eq!(env.ott.as_deref(), Some(OTT));
    assert_eq!(env.version.as_deref(), Some("2.7.0"));
    assert_eq!(env.style, None);
    // Query token (and style), desktop browser (OTT replay / emulator).
    let other = "11111111-2222-4333-8444-555555555555";
    let env = detect_xapp(DESKTOP_UA, &format!("?load=true&xAppToken={other}&xAppStyle=DARK")).unwrap();
    assert_eq!(env.ott.as_deref(), Some(other));
    assert_eq!(env.style.as_deref(), Some("DARK"));
    assert_eq!(env.version, None);
    // The query's token wins over the UA's.
    assert_eq!(detect_xapp(XAPP_UA, &format!("xAppToken={other}")).unwrap().ott.as_deref(), Some(other));
    // xAppBuilder without any token: an xApp, OTT unknown.
    assert_eq!(detect_xapp("xAppBuilder", "").unwrap().ott, None);
    assert_eq!(detect_xapp(DESKTOP_UA, ""), None);
    assert_eq!(detect_xapp(DESKTOP_UA, "?xAppToken="), None, "an empty token is no token");
    assert_eq!(detect_xapp(DESKTOP_UA, "?code=1&state=2"), None);
}

#[test]
fn mobile_user_agents() {
    assert!(is_mobile_user_agent(ANDROID_UA));
    assert!(is_mobile_user_agent(XAPP_UA));
    assert!(is_mobile_user_agent("Mozilla/5.0 (iPad; CPU OS 16_0 like Mac OS X)"));
    assert!(!is_mobile_user_agent(DESKTOP_UA));
    assert!(!is_mobile_user_agent("Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 Safari/605.1.15"));
    assert!(!is_mobile_user_agent("Mozilla/5.0 (Windows NT 10.0; Win64; x64) HeadlessChrome/131.0.0.0"));
}

fn options(text: &str) -> ConnectOptions {
    serde_json::from_str(text).unwrap()
}

fn config(text: &str, page: Option<&str>) -> Result<Config, XamanError> {
    options(text).validate(page)
}

fn refused(text: &str, code: ErrorCode, needle: &str) {
    let e = config(text, Some("http://127.0.0.1:8080/app/")).expect_err(text);
    assert_eq!(e.code, code, "{text}: {}", e.message);
    assert!(e.message.contains(needle), "{text}: {:?} lacks {needle:?}", e.message);
}

#[test]
fn connect_options_defaults_and_values() {
    let c = config(&format!(r#"{{"apiKey":"{KEY}"}}"#), None).unwrap();
    assert_eq!(
        c,
        Config {
            api_key: Some(KEY.into()),
            proxy: None,
            endpoint: "https://xumm.app".into(),
            oauth_endpoint: "https://oauth2.xumm.app".into(),
            storage: StorageKind::Local,
            debug: false,
            timeout_ms: None,
        }
    );
    let c = config(
        &format!(
            r#"{{"apiKey":"{}","proxy":"/api/xaman/","endpoint":"http://127.0.0.1:8090/","oauthEndpoint":"http://127.0.0.1:8090/oauth2","storage":"session","debug":true}}"#,
            KEY.to_uppercase()
        ),
        Some("http://127.0.0.1:8080/app/index.html?x=1#top"),
    )
    .unwrap();
    assert_eq!(c.api_key.as_deref(), Some(KEY), "keys are compared lower-case");
    assert_eq!(c.proxy.as_deref(), Some("http://127.0.0.1:8080/api/xaman"));
    assert_eq!(c.endpoint, "http://127.0.0.1:8090");
    assert_eq!(c.oauth_endpoint, "http://127.0.0.1:8090/oauth2");
    assert_eq!(c.storage, StorageKind::Session);
    assert!(c.debug);
    // A path without a page URL stays a path; an absolute proxy stays as given.
    assert_eq!(config(r#"{"proxy":"/api/xaman"}"#, None).unwrap().proxy.as_deref(), Some("/api/xaman"));
    assert_eq!(
        config(r#"{"proxy":"https://backend.example/xaman/"}"#, Some("https://site.example/")).unwrap().proxy.as_deref(),
        Some("https://backend.example/xaman")
    );
    assert_eq!(config(r#"{"storage":"memory"}"#, None).unwrap().storage, StorageKind::Memory);
    assert_eq!(config(r#"{"apiKey":null,"proxy":"/p","debug":null}"#, None).unwrap().api_key, None);
    // No options at all: valid config, but no route (see choose_context).
    let empty = config("null", None).unwrap();
    assert_eq!((empty.api_key, empty.proxy), (None, None));
    assert_eq!(StorageKind::Session.as_str(), "session");
}

#[test]
fn connect_options_timeout() {
    let timeout = |text: &str| config(text, None).map(|c| c.timeout_ms);
    assert_eq!(timeout(r#"{"proxy":"/p"}"#).unwrap(), None, "absent: the web layer's default");
    assert_eq!(timeout(r#"{"proxy":"/p","timeoutMs":null}"#).unwrap(), None);
    assert_eq!(timeout(r#"{"proxy":"/p","timeoutMs":2500}"#).unwrap(), Some(2500));
    assert_eq!(timeout(r#"{"proxy":"/p","timeoutMs":100}"#).unwrap(), Some(100), "lowest");
    assert_eq!(timeout(r#"{"proxy":"/p","timeoutMs":600000}"#).unwrap(), Some(600_000), "highest");
    assert_eq!(timeout(r#"{"proxy":"/p","timeoutMs":5000.0}"#).unwrap(), Some(5000), "a whole double is whole");
    for bad in ["99", "600001", "0", "-1000", "1500.5", "\"5000\"", "true", "[5000]", "1e300"] {
        refused(
            &format!(r#"{{"proxy":"/p","timeoutMs":{bad}}}"#),
            ErrorCode::InvalidConfig,
            "timeoutMs: ",
        );
    }
    // The message says what is accepted and shows the value given.
    refused(r#"{"timeoutMs":1500.5}"#, ErrorCode::InvalidConfig, "timeoutMs: 1500.5 must be whole milliseconds from 100 to 600000");
    refused(r#"{"timeoutMs":"20s"}"#, ErrorCode::InvalidConfig, "timeoutMs: '20s'");
    // The refusal names the bounds of the accepted range.
    let bounds = format!("from {} to {}", TIMEOUT_MS_RANGE.start(), TIMEOUT_MS_RANGE.end());
    refused(r#"{"timeoutMs":0}"#, ErrorCode::InvalidConfig, &bounds);
    refused(r#"{"timeout":5000}"#, ErrorCode::InvalidConfig, "known options: apiKey, proxy, endpoint, oauthEndpoint, storage, timeoutMs, debug");
}

#[test]
fn connect_options_refusals() {
    for key in ["apiSecret", "secret", "api_secret"] {
        refused(
            &format!(r#"{{"apiKey":"{KEY}","{key}":"5ec7e700-0000-4000-8000-000000000002"}}"#),
            ErrorCode::SecretInBrowser,
            key,
        );
    }
    refused(r#"{"apiKey":"not-a-key"}"#, ErrorCode::InvalidConfig, "apiKey: 'not-a-key' is not an API key");
    refused(r#"{"apiKey":42}"#, ErrorCode::InvalidConfig, "apiKey: 42");
    refused(r#"{"endpoint":"xumm.app"}"#, ErrorCode::InvalidConfig, "endpoint: 'xumm.app' must be an absolute http(s) URL");
    refused(r#"{"oauthEndpoint":"ftp://x"}"#, ErrorCode::InvalidConfig, "oauthEndpoint");
    refused(r#"{"proxy":"api/xaman"}"#, ErrorCode::InvalidConfig, "proxy: 'api/xaman' must be your backend proxy's http(s) URL");
    refused(r#"{"proxy":"//evil.example/x"}"#, ErrorCode::InvalidConfig, "proxy");
    refused(r#"{"proxy":"/api?x=1"}"#, ErrorCode::InvalidConfig, "proxy");
    refused(r#"{"proxy":true}"#, ErrorCode::InvalidConfig, "proxy");
    refused(r#"{"storage":"cookie"}"#, ErrorCode::InvalidConfig, "storage: 'cookie' must be");
    refused(r#"{"debug":"yes"}"#, ErrorCode::InvalidConfig, "debug must be true or false");
    refused(r#"{"apikey":"x"}"#, ErrorCode::InvalidConfig, "`apikey` is not a Xaman.connect() option");
    refused(r#""c0ffee00-5a4d-4b0b-8a11-000000000001""#, ErrorCode::InvalidConfig, "takes an options object, got a string");
}

#[test]
fn the_context_rule() {
    let only_key = config(&format!(r#"{{"apiKey":"{KEY}"}}"#), None).unwrap();
    let only_proxy = config(r#"{"proxy":"/api/xaman"}"#, None).unwrap();
    let both = config(&format!(r#"{{"apiKey":"{KEY}","proxy":"/api/xaman"}}"#), None).unwrap();
    let none = config("{}", None).unwrap();
    assert_eq!(choose_context(true, false, &none).unwrap(), Context::Xapp);
    assert_eq!(choose_context(true, true, &both).unwrap(), Context::Xapp);
    assert_eq!(choose_context(false, true, &both).unwrap(), Context::Web3);
    assert_eq!(choose_context(false, false, &both).unwrap(), Context::Proxy, "signed out with a proxy → proxy");
    assert_eq!(choose_context(false, false, &only_proxy).unwrap(), Context::Proxy);
    assert_eq!(choose_context(false, false, &only_key).unwrap(), Context::Web3, "apiKey only → web3, user null");
    let e = choose_context(false, false, &none).unwrap_err();
    assert_eq!(e.code, ErrorCode::NoRoute);
    assert!(e.message.contains("apiKey") && e.message.contains("proxy"), "{}", e.message);
    assert_eq!(
        [Context::Xapp, Context::Web3, Context::Proxy].map(Context::as_str),
        ["xapp", "web3", "proxy"]
    );
}

#[test]
fn route_choice() {
    assert_eq!(choose_route(Context::Xapp, true, true), Route::Xapp);
    assert_eq!(choose_route(Context::Xapp, false, false), Route::Xapp);
    assert_eq!(choose_route(Context::Web3, false, false), Route::Push);
    assert_eq!(choose_route(Context::Web3, true, true), Route::Push);
    assert_eq!(choose_route(Context::Proxy, true, false), Route::Push);
    assert_eq!(choose_route(Context::Proxy, true, true), Route::Push);
    assert_eq!(choose_route(Context::Proxy, false, false), Route::Qr);
    assert_eq!(choose_route(Context::Proxy, false, true), Route::Deeplink);
    assert_eq!([Route::Xapp, Route::Push, Route::Qr, Route::Deeplink].map(Route::as_str), ["xapp", "push", "qr", "deeplink"]);
}

/// Whole messages of the connect refusals built from pieces (shown value, key, kind).
#[test]
fn connect_refusal_messages_are_exact() {
    for (text, code, message) in [
        (
            r#"{"apiKey":"nope"}"#,
            ErrorCode::InvalidConfig,
            "apiKey: 'nope' is not an API key (the app's UUID from the Xaman Developer Console)",
        ),
        (
            r#"{"oauthEndpoint":5}"#,
            ErrorCode::InvalidConfig,
            "oauthEndpoint: 5 must be an absolute http(s) URL",
        ),
        (r#"{"storage":"Local"}"#, ErrorCode::InvalidConfig, r#"storage: 'Local' must be "local", "session" or "memory""#),
        (r#"{"debug":1}"#, ErrorCode::InvalidConfig, "debug must be true or false, got 1"),
        (
            r#"{"timeoutMs":99}"#,
            ErrorCode::InvalidConfig,
            "timeoutMs: 99 must be whole milliseconds from 100 to 600000",
        ),
        (
            r#"{"endpoint":"https://"}"#,
            ErrorCode::InvalidConfig,
            "endpoint: 'https://' must be an absolute http(s) URL",
        ),
        (
            r#"{"proxy":"/a b"}"#,
            ErrorCode::InvalidConfig,
            r#"proxy: '/a b' must be your backend proxy's http(s) URL or absolute path, e.g. "/api/xaman""#,
        ),
        (
            r#"{"apikey":"x"}"#,
            ErrorCode::InvalidConfig,
            "`apikey` is not a Xaman.connect() option; known options: apiKey, proxy, endpoint, oauthEndpoint, \
             storage, timeoutMs, debug",
        ),
        (
            r#"{"api_secret":"x"}"#,
            ErrorCode::SecretInBrowser,
            "Xaman.connect(): `api_secret` must stay on your backend (the `proxy`); the browser gets only the apiKey",
        ),
        ("[]", ErrorCode::InvalidConfig, "Xaman.connect() takes an options object, got an array"),
    ] {
        let e = config(text, None).unwrap_err();
        assert_eq!((e.code, e.message.as_str()), (code, message), "{text}");
    }
}
