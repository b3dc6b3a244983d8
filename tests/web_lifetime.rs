//! When the status socket closes, in a real browser (the page's `WebSocket` is wrapped to watch
//! the sockets the SDK opens): on resolution; early when the request is freed with no listener
//! and `resolved` never read; not while `resolved` was read or a listener remains.
#![cfg(target_arch = "wasm32")]

mod web_common;

use js_sys::{Array, Function, Promise};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_common::*;
use xaman_wasm::Xaman;

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen(inline_js = r#"
const sockets = [];
export function watch_sockets() {
  if (!globalThis.__xamanWatched) {
    const Original = globalThis.WebSocket;
    globalThis.WebSocket = class extends Original {
      constructor(url, protocols) { super(url, protocols); sockets.push(this); }
    };
    globalThis.__xamanWatched = true;
  }
}
// readyState of every socket opened for this payload: 0 connecting, 1 open, 2 closing, 3 closed.
export function socket_states(uuid) {
  return sockets.filter((s) => s.url.endsWith("/" + uuid)).map((s) => s.readyState);
}
"#)]
extern "C" {
    fn watch_sockets();
    fn socket_states(uuid: &str) -> Array;
}

fn states(uuid: &str) -> Vec<u32> {
    socket_states(uuid)
        .iter()
        .map(|s| s.as_f64().unwrap() as u32)
        .collect()
}

/// Wait until every socket of the payload is closing/closed (`true`) or the time is up.
async fn all_closed(uuid: &str, ms: u32) -> bool {
    for _ in 0..ms / 50 {
        let s = states(uuid);
        if !s.is_empty() && s.iter().all(|&st| st >= 2) {
            return true;
        }
        sleep(50).await;
    }
    false
}

async fn open_payload(xaman: &Xaman) -> (JsValue, String) {
    let request = json(r#"{"txjson":{"TransactionType":"SignIn"}}"#);
    let req = wait(xaman.payload(request, JsValue::UNDEFINED))
        .await
        .unwrap();
    let uuid = get_str(&req, "uuid");
    for _ in 0..40 {
        if states(&uuid).contains(&1) {
            break;
        }
        sleep(50).await;
    }
    assert_eq!(states(&uuid), [1], "one open socket for {uuid}");
    (req, uuid)
}

fn method(req: &JsValue, name: &str) -> Function {
    get(req, name).unchecked_into()
}

async fn connect() -> Xaman {
    watch_sockets();
    clear_sdk_storage();
    Xaman::connect(options(&format!(r#"{{"proxy":"{PROXY}"}}"#)))
        .await
        .unwrap()
}

#[wasm_bindgen_test]
async fn the_socket_closes_when_the_payload_resolves() {
    let xaman = connect().await;
    let (req, uuid) = open_payload(&xaman).await;
    control("POST", &format!("/sandbox/payloads/{uuid}/reject"), None).await;
    let resolved: Promise = get(&req, "resolved").unchecked_into();
    settle(&resolved, 15_000, "rejected").await.unwrap();
    assert!(
        all_closed(&uuid, 3_000).await,
        "closed after resolution: {:?}",
        states(&uuid)
    );
}

#[wasm_bindgen_test]
async fn a_freed_request_nobody_listens_to_closes_its_socket() {
    let xaman = connect().await;
    let (req, uuid) = open_payload(&xaman).await;
    method(&req, "free").call0(&req).unwrap();
    assert!(
        all_closed(&uuid, 3_000).await,
        "closed after free(): {:?}",
        states(&uuid)
    );
    control("POST", &format!("/sandbox/payloads/{uuid}/reject"), None).await; // tidy up
}

#[wasm_bindgen_test]
async fn a_read_promise_keeps_the_socket_until_the_outcome() {
    let xaman = connect().await;
    let (req, uuid) = open_payload(&xaman).await;
    let resolved: Promise = get(&req, "resolved").unchecked_into();
    method(&req, "free").call0(&req).unwrap();
    sleep(500).await;
    assert_eq!(
        states(&uuid),
        [1],
        "still open: someone may await `resolved`"
    );
    control("POST", &format!("/sandbox/payloads/{uuid}/sign"), None).await;
    let result = settle(&resolved, 15_000, "signed after free")
        .await
        .unwrap();
    assert_eq!(get_str(&result, "outcome"), "signed");
    assert!(
        all_closed(&uuid, 3_000).await,
        "closed after the outcome: {:?}",
        states(&uuid)
    );
}

#[wasm_bindgen_test]
async fn a_listener_keeps_the_socket_until_it_unsubscribes() {
    let xaman = connect().await;
    let (req, uuid) = open_payload(&xaman).await;
    let (listener, _events) = recording_listener();
    let off: Function = method(&req, "on")
        .call2(&req, &"status".into(), &listener)
        .unwrap()
        .unchecked_into();
    method(&req, "free").call0(&req).unwrap();
    sleep(500).await;
    assert_eq!(states(&uuid), [1], "still open: a listener remains");
    off.call0(&JsValue::UNDEFINED).unwrap();
    assert!(
        all_closed(&uuid, 3_000).await,
        "closed after the last listener left: {:?}",
        states(&uuid)
    );
    control("POST", &format!("/sandbox/payloads/{uuid}/reject"), None).await;
}
