//! The payload status websocket `/sign/:uuid` with a real websocket client: every message
//! sequence of reference §4, expiry by the clock, cancel, keepalive, unknown payloads and the
//! fault-injected drop.

mod sandbox_support;

use std::time::Duration;

use reqwest::Method;
use serde_json::{json, Value};
use xaman_proxy::sandbox::SandboxConfig;
use sandbox_support::*;

async fn created(s: &Running, body: Value) -> String {
    s.create(body).await["uuid"].as_str().unwrap().to_string()
}

#[tokio::test]
async fn sign_sends_opened_pre_signed_dispatched_then_the_resolve_object() {
    let s = start().await;
    let users = s.sandbox.users();
    let uuid = created(
        &s,
        json!({
            "txjson": { "TransactionType": "Payment", "Destination": users[1].account, "Amount": "10" },
            "options": { "return_url": { "web": "https://w.test/{id}" } },
            "custom_meta": { "identifier": "ws-1", "instruction": "Pay" },
        }),
    )
    .await;
    let mut ws = s.socket(&uuid).await;
    let first = ws.handshake(&uuid).await;
    let expires_in = first["expires_in_seconds"].as_i64().expect("expires_in_seconds at connect");
    assert!((239 * 60..=240 * 60).contains(&expires_in), "{expires_in}");

    let (status, signed) = s.phone("sign", &uuid, None).await;
    assert_eq!(status, 200);
    assert_eq!(ws.next_event().await, json!({ "opened": true }));
    assert_eq!(ws.next_event().await, json!({ "pre_signed": true }));
    assert_eq!(ws.next_event().await, json!({ "dispatched": true }));
    let resolve = ws.next_event().await;
    assert_eq!(resolve["payload_uuidv4"], uuid.as_str());
    assert!(uuid::Uuid::parse_str(resolve["reference_call_uuidv4"].as_str().unwrap()).is_ok());
    assert_eq!(resolve["signed"], true);
    assert_eq!(resolve["user_token"], true);
    assert_eq!(resolve["return_url"], json!({ "app": null, "web": format!("https://w.test/{uuid}") }));
    assert_eq!(resolve["opened_by_deeplink"], false);
    assert_eq!(resolve["custom_meta"], json!({ "identifier": "ws-1", "blob": null, "instruction": "Pay" }));
    assert_eq!(resolve["txid"], signed["txid"]);

    // A GET tells the socket devapp_fetched.
    s.get(&uuid).await;
    assert_eq!(ws.next_json().await, json!({ "devapp_fetched": true }));
}

#[tokio::test]
async fn reject_and_unsubmitted_sign_send_no_dispatched() {
    let s = start().await;
    let uuid = created(&s, json!({ "txjson": { "TransactionType": "SignIn" } })).await;
    let mut ws = s.socket(&uuid).await;
    ws.handshake(&uuid).await;
    s.phone("reject", &uuid, None).await;
    assert_eq!(ws.next_event().await, json!({ "opened": true }));
    let resolve = ws.next_event().await;
    assert_eq!(resolve["signed"], false);
    assert_eq!(resolve["user_token"], false);
    assert!(resolve.get("txid").is_none());

    // submit:false Payment: opened, pre_signed, resolve (no dispatched).
    let users = s.sandbox.users();
    let uuid = created(
        &s,
        json!({ "txjson": { "TransactionType": "Payment", "Destination": users[0].account, "Amount": "1" }, "options": { "submit": false } }),
    )
    .await;
    let mut ws = s.socket(&uuid).await;
    ws.handshake(&uuid).await;
    s.phone("sign", &uuid, Some(json!({ "account": users[1].account }))).await;
    assert_eq!(ws.next_event().await, json!({ "opened": true }));
    assert_eq!(ws.next_event().await, json!({ "pre_signed": true }));
    assert_eq!(ws.next_event().await["signed"], true);
    let p = s.get(&uuid).await;
    assert_eq!(p["meta"]["submit"], false);
    assert_eq!(p["response"]["dispatched_result"], Value::Null);
    assert!(p["response"]["txid"].is_string());
}

#[tokio::test]
async fn keepalive_ping_is_answered_and_expires_in_repeats() {
    let config = SandboxConfig { expires_in_interval: Duration::from_millis(300), ..test_config() };
    let s = start_with(config).await;
    let uuid = created(&s, json!({ "txjson": { "TransactionType": "SignIn" }, "options": { "expire": 2 } })).await;
    let mut ws = s.socket(&uuid).await;
    assert_eq!(ws.handshake(&uuid).await["expires_in_seconds"].as_i64().map(|n| n > 100), Some(true));
    ws.send(r#"{"ping":true}"#).await;
    assert_eq!(ws.next_json().await, json!({ "message": "Right back at you!" }));
    // The repetition arrives by itself.
    let repeated = ws.next_json().await;
    assert!(repeated["expires_in_seconds"].is_i64(), "{repeated}");
}

#[tokio::test]
async fn expiry_by_the_clock_reaches_connected_sockets_and_new_ones() {
    let s = start().await;
    let uuid = created(&s, json!({ "txjson": { "TransactionType": "SignIn" }, "options": { "expire": 1 } })).await;
    let mut ws = s.socket(&uuid).await;
    ws.handshake(&uuid).await;
    s.advance(61).await;
    assert_eq!(ws.next_event().await, json!({ "expired": true }));
    // Sent once, and the socket stays open (a ping is still answered).
    ws.send(r#"{"ping":true}"#).await;
    assert_eq!(ws.next_event().await, json!({ "message": "Right back at you!" }));

    // Connecting to an expired payload: welcome, then expired.
    let mut late = s.socket(&uuid).await;
    assert_eq!(late.handshake(&uuid).await, json!({ "expired": true }));
}

#[tokio::test]
async fn cancel_tells_the_socket_expired() {
    let s = start().await;
    let uuid = created(&s, json!({ "txjson": { "TransactionType": "SignIn" } })).await;
    let mut ws = s.socket(&uuid).await;
    ws.handshake(&uuid).await;
    let (_, body) = s.platform(Method::DELETE, &format!("payload/{uuid}"), None).await;
    assert_eq!(body["result"]["reason"], "OK");
    assert_eq!(ws.next_event().await, json!({ "expired": true }));
}

#[tokio::test]
async fn opened_then_signed_after_expiry() {
    let s = start().await;
    let uuid = created(&s, json!({ "txjson": { "TransactionType": "SignIn" }, "options": { "expire": 1 } })).await;
    let mut ws = s.socket(&uuid).await;
    ws.handshake(&uuid).await;
    s.phone("open", &uuid, None).await;
    assert_eq!(ws.next_event().await, json!({ "opened": true }));
    s.advance(90).await;
    assert_eq!(ws.next_event().await, json!({ "expired": true }));
    let (status, _) = s.phone("sign", &uuid, None).await;
    assert_eq!(status, 200);
    assert_eq!(ws.next_event().await, json!({ "pre_signed": true }));
    let resolve = ws.next_event().await;
    assert_eq!(resolve["signed"], true);
    let meta = &s.get(&uuid).await["meta"];
    assert_eq!((meta["resolved"].clone(), meta["signed"].clone(), meta["expired"].clone()), (json!(true), json!(true), json!(true)));
}

#[tokio::test]
async fn unknown_payload_gets_a_message_then_a_close() {
    let s = start().await;
    let mut ws = s.socket(&uuid::Uuid::new_v4().to_string()).await;
    let message = ws.next_json().await;
    assert!(message["message"].is_string(), "{message}");
    assert!(matches!(ws.read(Duration::from_secs(5)).await, Read::Closed(1000)));
}

#[tokio::test]
async fn fault_drop_cuts_open_sockets_uncleanly_once() {
    let s = start().await;
    let uuid = created(&s, json!({ "txjson": { "TransactionType": "SignIn" } })).await;
    let mut ws = s.socket(&uuid).await;
    ws.handshake(&uuid).await;
    let (status, faults) = s.control(Method::POST, "faults", Some(json!({ "ws_drop_after_ms": 100 }))).await;
    assert_eq!(status, 200);
    assert_eq!(faults["ws_drop_after_ms"], 100);
    match ws.read(Duration::from_secs(5)).await {
        Read::Aborted(_) => {}
        other => panic!("expected an unclean end, got {other:?}"),
    }
    let (_, faults) = s.control(Method::GET, "faults", None).await;
    assert_eq!(faults["ws_dropped_total"], 1);
    assert_eq!(faults["ws_drop_after_ms"], Value::Null);
    // A reconnect works and sees what happened meanwhile.
    s.phone("sign", &uuid, None).await;
    let mut again = s.socket(&uuid).await;
    assert!(again.handshake(&uuid).await["expires_in_seconds"].is_i64());
    assert_eq!(s.get(&uuid).await["meta"]["signed"], true);
}
