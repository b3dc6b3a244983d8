//! Shared helpers of the browser tests (tests/web_*.rs): the sandbox URLs given by
//! scripts/test-wasm.sh, JSON and promise helpers, and calls to the sandbox control API
//! (the simulated phone).
#![allow(dead_code)]

use js_sys::{Promise, Reflect, JSON};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// A compile-time setting from scripts/test-wasm.sh.
macro_rules! setting {
    ($name:literal) => {
        match option_env!($name) {
            Some(value) => value,
            None => "run these tests with scripts/test-wasm.sh (it starts the sandbox)",
        }
    };
}

/// The proxy API (`{app}/api/xaman`).
pub const PROXY: &str = setting!("XAMAN_TEST_PROXY");
/// The sandbox platform origin.
pub const PLATFORM: &str = setting!("XAMAN_TEST_PLATFORM");
/// The sandbox OAuth2 endpoint.
pub const OAUTH: &str = setting!("XAMAN_TEST_OAUTH");
/// The app origin with a trailing slash.
pub const APP: &str = setting!("XAMAN_TEST_APP");
/// The sandbox app's API key.
pub const API_KEY: &str = setting!("XAMAN_TEST_API_KEY");

#[wasm_bindgen(inline_js = r#"
export function sleep_ms(ms) { return new Promise((r) => setTimeout(r, ms)); }
export function with_deadline(promise, ms, label) {
  let timer;
  const deadline = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error("no settlement within " + ms + " ms: " + label)), ms);
  });
  return Promise.race([promise, deadline]).finally(() => clearTimeout(timer));
}
export async function fetch_json(method, url, body) {
  const init = { method, headers: {} };
  if (body !== undefined) { init.body = JSON.stringify(body); init.headers["content-type"] = "application/json"; }
  const response = await fetch(url, init);
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : null };
}
export function recorder() {
  const calls = [];
  const fn = (value) => { calls.push(value); };
  return { fn, calls };
}
export function set_query(query) {
  history.replaceState(null, "", location.pathname + query);
}
export function jwt_with(claims) {
  const b64 = (o) => btoa(JSON.stringify(o)).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
  return b64({ alg: "HS256", typ: "JWT" }) + "." + b64(claims) + ".c2lnbmF0dXJl";
}
"#)]
extern "C" {
    fn sleep_ms(ms: u32) -> Promise;
    fn with_deadline(promise: &JsValue, ms: u32, label: &str) -> Promise;
    fn fetch_json(method: &str, url: &str, body: JsValue) -> Promise;
    fn recorder() -> JsValue;
    /// `history.replaceState` to this page's path + `query` (e.g. `"?xAppToken=…"` or `""`).
    pub fn set_query(query: &str);
    /// An unsigned-looking JWT with these claims (the SDK decodes, never verifies).
    pub fn jwt_with(claims: &JsValue) -> String;
}

/// Parse JSON text (test input).
pub fn json(text: &str) -> JsValue {
    JSON::parse(text).expect("test JSON")
}

/// `value[key]`.
pub fn get(value: &JsValue, key: &str) -> JsValue {
    Reflect::get(value, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
}

/// `value[key]` as a string ("" when missing).
pub fn get_str(value: &JsValue, key: &str) -> String {
    get(value, key).as_string().unwrap_or_default()
}

/// The `code` of an error value.
pub fn code(error: &JsValue) -> String {
    get_str(error, "code")
}

/// Sleep.
pub async fn sleep(ms: u32) {
    JsFuture::from(sleep_ms(ms)).await.unwrap();
}

/// Await a promise (the SDK's or a JS one), failing the test if it does not settle within `ms`.
pub async fn settle(promise: &JsValue, ms: u32, label: &str) -> Result<JsValue, JsValue> {
    let result = JsFuture::from(with_deadline(promise, ms, label)).await;
    if let Err(error) = &result {
        let message = get_str(error, "message");
        assert!(!message.starts_with("no settlement within"), "{message}");
    }
    result
}

/// Await a promise the SDK returned: its value or its rejection.
pub async fn wait(promise: xaman_wasm::web::bindings::Promise) -> Result<JsValue, JsValue> {
    JsFuture::from(promise.unchecked_into::<Promise>()).await
}

/// A JS function that records its arguments (typed for the SDK's `on`), and the array of
/// recorded calls.
pub fn recording_listener() -> (xaman_wasm::web::bindings::Function, js_sys::Array) {
    let pair = recorder();
    (
        get(&pair, "fn").unchecked_into(),
        get(&pair, "calls").unchecked_into(),
    )
}

/// The `type` of each recorded status event.
pub fn event_types(calls: &js_sys::Array) -> Vec<String> {
    calls.iter().map(|event| get_str(&event, "type")).collect()
}

/// A call to the sandbox control API; returns `(status, body)`.
pub async fn control(method: &str, path: &str, body: Option<&str>) -> (u16, JsValue) {
    let url = format!("{PLATFORM}{path}");
    let body = body.map(json).unwrap_or(JsValue::UNDEFINED);
    let answer = JsFuture::from(fetch_json(method, &url, body))
        .await
        .expect("sandbox control API reachable");
    (
        get(&answer, "status").as_f64().unwrap_or(0.0) as u16,
        get(&answer, "body"),
    )
}

/// The sandbox users' accounts (Alice first).
pub async fn sandbox_accounts() -> Vec<String> {
    let (status, users) = control("GET", "/sandbox/users", None).await;
    assert_eq!(status, 200);
    js_sys::Array::from(&users)
        .iter()
        .map(|u| get_str(&u, "account"))
        .collect()
}

/// Options object for `Xaman.connect`.
pub fn options(text: &str) -> JsValue {
    json(text)
}

/// Remove every `xaman-wasm:` entry from localStorage and sessionStorage.
pub fn clear_sdk_storage() {
    let window = web_sys::window().unwrap();
    for storage in [window.local_storage(), window.session_storage()] {
        let storage = storage.unwrap().unwrap();
        let keys: Vec<String> = (0..storage.length().unwrap())
            .filter_map(|i| storage.key(i).unwrap())
            .collect();
        for key in keys.into_iter().filter(|k| k.starts_with("xaman-wasm:")) {
            storage.remove_item(&key).unwrap();
        }
    }
}
