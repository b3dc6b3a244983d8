//! The xApp bridge in a real browser: an emulator frame (the SDK runs in an iframe whose parent
//! answers the `XAPP_PROXY_INIT` handshake), the Xaman webview (`window.ReactNativeWebView`),
//! command spacing ≥ 1.5 s without drops, host events from `document`, argument errors, and
//! `bridge_unavailable` with no host at all.
#![cfg(target_arch = "wasm32")]

mod web_common;

use js_sys::Array;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_common::*;
use xaman_wasm::web::bridge::Bridge;

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen(inline_js = r#"
// A same-origin iframe plays the xApp; this (top) window plays the emulator that hosts it.
export function make_frame(ack) {
  const frame = document.createElement("iframe");
  document.body.appendChild(frame);
  const child = frame.contentWindow;
  const received = [];
  // The SDK's code runs in this realm even when it acts for the frame, so `event.source` is this
  // window, not the frame: accept the string messages the bridge sends.
  const listener = (event) => {
    if (typeof event.data !== "string") return;
    received.push({ data: event.data, at: Date.now() });
    if (ack && event.data === "XAPP_PROXY_INIT") child.postMessage("XAPP_PROXY_INIT_ACK", "*");
  };
  window.addEventListener("message", listener);
  return { frame, child, received, remove() { window.removeEventListener("message", listener); frame.remove(); } };
}
export function host_event_on_document(win, data) {
  win.document.dispatchEvent(new win.MessageEvent("message", { data: JSON.stringify(data) }));
}
export function install_react_native() {
  const sent = [];
  window.ReactNativeWebView = { postMessage(text) { sent.push({ data: text, at: Date.now(), args: arguments.length }); } };
  return sent;
}
export function remove_react_native() { delete window.ReactNativeWebView; }
"#)]
extern "C" {
    fn make_frame(ack: bool) -> JsValue;
    fn host_event_on_document(window: &JsValue, data: &JsValue);
    fn install_react_native() -> Array;
    fn remove_react_native();
}

fn remove(frame: &JsValue) {
    let f: js_sys::Function = get(frame, "remove").unchecked_into();
    f.call0(frame).unwrap();
}

/// Strings the parent received, in order, with their arrival times.
fn received(list: &JsValue) -> Vec<(String, f64)> {
    Array::from(list)
        .iter()
        .map(|m| {
            (
                get(&m, "data").as_string().unwrap_or_default(),
                get(&m, "at").as_f64().unwrap(),
            )
        })
        .collect()
}

fn gaps(times: &[f64]) -> Vec<f64> {
    times.windows(2).map(|w| w[1] - w[0]).collect()
}

#[wasm_bindgen_test]
async fn an_emulator_frame_gets_the_handshake_then_spaced_commands() {
    let frame = make_frame(true);
    let child: web_sys::Window = get(&frame, "child").unchecked_into();
    let bridge = Bridge::new(child.clone().unchecked_into(), false);

    let uuid = "9b4a3f4e-1c2d-4e5f-8a9b-0c1d2e3f4a5b";
    let first = bridge.command("openSignRequest", &json(&format!(r#"{{"uuid":"{uuid}"}}"#)));
    let second = bridge.command("share", &json(r#"{"text":"hello"}"#));
    let third = bridge.command("ready", &JsValue::UNDEFINED);
    for (promise, label) in [
        (&first, "openSignRequest"),
        (&second, "share"),
        (&third, "ready"),
    ] {
        settle(promise, 10_000, label)
            .await
            .unwrap_or_else(|e| panic!("{label}: {}", get_str(&e, "message")));
    }
    sleep(100).await; // postMessage delivers asynchronously
    let messages = received(&get(&frame, "received"));
    remove(&frame);

    assert_eq!(
        messages[0].0, "XAPP_PROXY_INIT",
        "handshake first: {messages:?}"
    );
    let commands: Vec<JsValue> = messages[1..].iter().map(|(text, _)| json(text)).collect();
    let names: Vec<String> = commands.iter().map(|c| get_str(c, "command")).collect();
    assert_eq!(
        names,
        ["openSignRequest", "share", "ready"],
        "in order, none dropped"
    );
    assert_eq!(get_str(&commands[0], "uuid"), uuid);
    assert_eq!(get_str(&commands[1], "text"), "hello");
    let times: Vec<f64> = messages[1..].iter().map(|(_, at)| *at).collect();
    for gap in gaps(&times) {
        assert!(
            gap >= 1_500.0,
            "commands at least 1.5 s apart: {:?}",
            gaps(&times)
        );
    }
}

#[wasm_bindgen_test]
async fn host_events_reach_listeners_and_unknown_names_are_refused() {
    let frame = make_frame(true);
    let child: JsValue = get(&frame, "child");
    let bridge = Bridge::new(child.clone().unchecked_into(), false);
    let (listener, calls) = recording_listener();
    let _off = bridge.add_listener(&"qr".into(), listener).unwrap();
    let (other, other_calls) = recording_listener();
    let _off2 = bridge.add_listener(&"destination".into(), other).unwrap();

    host_event_on_document(
        &child,
        &json(
            r#"{"method":"scanQr","qrContents":"rPEPPER7kfTD9w2To4CQk6UCfuHM9c6GDY","reason":"SCANNED"}"#,
        ),
    );
    host_event_on_document(&child, &json(r#"{"method":"notAThing","x":1}"#));
    sleep(50).await;
    remove(&frame);

    assert_eq!(calls.length(), 1, "one qr event");
    let event = calls.get(0);
    assert_eq!(
        get_str(&event, "qrContents"),
        "rPEPPER7kfTD9w2To4CQk6UCfuHM9c6GDY"
    );
    assert_eq!(get_str(&event, "reason"), "SCANNED");
    assert!(get(&event, "method").is_undefined(), "method is stripped");
    assert_eq!(other_calls.length(), 0);

    let error = bridge
        .add_listener(
            &"qrcode".into(),
            js_sys::Function::new_no_args("").unchecked_into(),
        )
        .expect_err("unknown event");
    assert_eq!(code(&error), "invalid_option");
}

#[wasm_bindgen_test]
async fn the_xaman_webview_gets_one_string_argument_per_command() {
    let sent = install_react_native();
    let window = web_sys::window().unwrap();
    let bridge = Bridge::new(window.unchecked_into(), false);
    let a = bridge.command("openBrowser", &json(r#"{"url":"https://xrpl.org/"}"#));
    let b = bridge.command("close", &json(r#"{"refreshEvents":true}"#));
    settle(&a, 10_000, "openBrowser").await.unwrap();
    settle(&b, 10_000, "close").await.unwrap();
    remove_react_native();

    let list: Vec<JsValue> = sent.iter().collect();
    assert_eq!(list.len(), 2);
    assert!(
        list.iter().all(|m| get(m, "args").as_f64() == Some(1.0)),
        "exactly one argument"
    );
    let first = json(&get_str(&list[0], "data"));
    assert_eq!(get_str(&first, "command"), "openBrowser");
    assert_eq!(get_str(&first, "url"), "https://xrpl.org/");
    let second = json(&get_str(&list[1], "data"));
    assert_eq!(get_str(&second, "command"), "close");
    assert_eq!(get(&second, "refreshEvents"), JsValue::TRUE);
    let gap = get(&list[1], "at").as_f64().unwrap() - get(&list[0], "at").as_f64().unwrap();
    assert!(gap >= 1_500.0, "spaced: {gap} ms");
}

#[wasm_bindgen_test]
async fn bad_arguments_are_refused_before_anything_is_posted() {
    let sent = install_react_native();
    let bridge = Bridge::new(web_sys::window().unwrap().unchecked_into(), false);
    let cases: [(&str, &str); 4] = [
        ("openSignRequest", r#"{"uuid":"not-a-uuid"}"#),
        ("openBrowser", r#"{"url":"http://insecure.example/"}"#),
        ("share", r#"{}"#),
        (
            "tx",
            r#"{"tx":"abc","account":"rPEPPER7kfTD9w2To4CQk6UCfuHM9c6GDY"}"#,
        ),
    ];
    for (method, args) in cases {
        let promise = bridge.command(method, &json(args));
        let error = settle(&promise, 5_000, method).await.expect_err(method);
        assert_eq!(
            code(&error),
            "invalid_option",
            "{method} {args}: {}",
            get_str(&error, "message")
        );
    }
    remove_react_native();
    assert_eq!(sent.length(), 0);
}

#[wasm_bindgen_test]
async fn without_any_host_commands_reject_with_bridge_unavailable() {
    remove_react_native();
    // The test page is the top window: no ReactNativeWebView, no parent frame.
    let bridge = Bridge::new(web_sys::window().unwrap().unchecked_into(), false);
    let started = js_sys::Date::now();
    let first = bridge.command("ready", &JsValue::UNDEFINED);
    let second = bridge.command("scanQr", &JsValue::UNDEFINED);
    let error = settle(&first, 10_000, "ready").await.expect_err("no host");
    assert_eq!(code(&error), "bridge_unavailable");
    let error = settle(&second, 10_000, "scanQr")
        .await
        .expect_err("queued ones too");
    assert_eq!(code(&error), "bridge_unavailable");
    let waited = js_sys::Date::now() - started;
    assert!(
        (1_900.0..6_000.0).contains(&waited),
        "waited for a late host first: {waited} ms"
    );

    // A frame whose parent never answers the handshake has no host either.
    let frame = make_frame(false);
    let bridge = Bridge::new(get(&frame, "child").unchecked_into(), false);
    let error = settle(
        &bridge.command("ready", &JsValue::UNDEFINED),
        10_000,
        "ready in a frame",
    )
    .await
    .expect_err("no ack");
    remove(&frame);
    assert_eq!(code(&error), "bridge_unavailable");
}
