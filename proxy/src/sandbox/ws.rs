//! The payload status websocket `/sign/:uuid` (reference §4): welcome, `expires_in_seconds` at
//! connect and every 15 s, the lifecycle messages as they happen, `{"expired":true}` when the
//! expiry moment passes while connected, and the keepalive answer.

use std::sync::atomic::Ordering;
use std::time::Duration;

use axum::extract::ws::{CloseFrame, Message, WebSocket};
use serde_json::{json, Value};
use tokio::sync::broadcast::error::RecvError;

use super::Sandbox;

/// How often a socket checks the (movable) clock for the expiry moment.
const EXPIRY_CHECK_INTERVAL: Duration = Duration::from_millis(200);

fn text(value: &Value) -> Message {
    Message::Text(value.to_string().into())
}

/// What a socket needs to know about its payload, read under the lock.
struct Snapshot {
    expires_at: i64,
    /// Unresolved and past its expiry moment (or cancelled).
    expired_unresolved: bool,
}

fn snapshot(sandbox: &Sandbox, uuid: &str) -> Option<Snapshot> {
    let now = sandbox.now();
    let st = sandbox.lock();
    st.payloads.get(uuid).map(|p| Snapshot {
        expires_at: p.expires_at,
        expired_unresolved: !p.resolved() && p.expired(now),
    })
}

pub(crate) async fn serve(sandbox: Sandbox, uuid: String, mut socket: WebSocket) {
    // Subscribe before reading the state so no message falls between the two.
    let subscribed = {
        let mut st = sandbox.lock();
        if st.payloads.contains_key(&uuid) {
            Some((st.channel(&uuid).subscribe(), sandbox.inner.faults.drop_signal()))
        } else {
            None
        }
    };
    let Some((mut events, mut drops)) = subscribed else {
        let _ = socket.send(text(&json!({ "message": format!("No such payload: {uuid}") }))).await;
        let _ = socket
            .send(Message::Close(Some(CloseFrame { code: 1000, reason: "payload not found".into() })))
            .await;
        return;
    };
    let Some(first) = snapshot(&sandbox, &uuid) else { return };

    if socket.send(text(&json!({ "message": format!("Welcome {uuid}") }))).await.is_err() {
        return;
    }
    let mut expired_sent = first.expired_unresolved;
    let opening = if expired_sent {
        json!({ "expired": true })
    } else {
        json!({ "expires_in_seconds": first.expires_at - sandbox.now() })
    };
    if socket.send(text(&opening)).await.is_err() {
        return;
    }

    let every = sandbox.inner.config.expires_in_interval.max(Duration::from_millis(10));
    let mut keepalive = tokio::time::interval_at(tokio::time::Instant::now() + every, every);
    let mut expiry_check = tokio::time::interval(EXPIRY_CHECK_INTERVAL);
    loop {
        tokio::select! {
            _ = drops.recv() => {
                // Fault injection: end the connection without a close frame.
                sandbox.inner.faults.dropped.fetch_add(1, Ordering::SeqCst);
                return;
            }
            event = events.recv() => match event {
                Ok(message) => {
                    if message == r#"{"expired":true}"# {
                        if expired_sent { continue; }
                        expired_sent = true;
                    }
                    if socket.send(Message::Text(message.into())).await.is_err() { return; }
                }
                Err(RecvError::Lagged(_)) => continue,
                Err(RecvError::Closed) => return,
            },
            _ = keepalive.tick() => {
                let Some(s) = snapshot(&sandbox, &uuid) else { return };
                let message = json!({ "expires_in_seconds": s.expires_at - sandbox.now() });
                if socket.send(text(&message)).await.is_err() { return; }
            }
            _ = expiry_check.tick(), if !expired_sent => {
                let Some(s) = snapshot(&sandbox, &uuid) else { return };
                if s.expired_unresolved {
                    expired_sent = true;
                    if socket.send(text(&json!({ "expired": true }))).await.is_err() { return; }
                }
            }
            incoming = socket.recv() => match incoming {
                Some(Ok(Message::Text(t))) => {
                    let ping = serde_json::from_str::<Value>(t.as_str())
                        .ok()
                        .is_some_and(|v| v.get("ping").and_then(Value::as_bool) == Some(true));
                    if ping && socket.send(text(&json!({ "message": "Right back at you!" }))).await.is_err() {
                        return;
                    }
                }
                Some(Ok(Message::Close(_))) | None | Some(Err(_)) => return,
                Some(Ok(_)) => {}
            },
        }
    }
}
