//! The messages of the status websocket `wss://…/sign/<uuid>` (reference §4).

use crate::core::json::JsonValue;
use crate::prelude::*;

/// The resolve message (`{"payload_uuidv4", "signed", "txid", …}`). Only a trigger: the
/// subscription always GETs the payload to verify it, so only `signed` is read.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct ResolvedMessage {
    /// `true` signed, `false` rejected.
    pub signed: bool,
}

/// One parsed websocket message. Anything unrecognised is `Unknown` and ignored.
#[derive(Clone, Debug, PartialEq)]
pub enum WsMessage {
    /// `{"message":"Welcome <uuid>"}`.
    Welcome,
    /// `{"expires_in_seconds": n}` (negative = expired n seconds ago).
    ExpiresIn(i64),
    /// `{"opened":true}`.
    Opened,
    /// `{"devapp_fetched":true}`.
    DevappFetched,
    /// `{"pre_signed":true}`.
    PreSigned,
    /// `{"dispatched":true}`.
    Dispatched,
    /// The resolve object.
    Resolved(ResolvedMessage),
    /// `{"expired":true}`.
    Expired,
    /// `{"message":"Right back at you!"}` (answer to `{"ping":true}`).
    KeepaliveReply,
    /// Any other `{"message": …}` (the payload does not exist; the server then closes).
    NotFound(String),
    /// Anything else.
    Unknown,
}

/// The keepalive the client may send: `{"ping":true}`.
pub const PING: &str = "{\"ping\":true}";

impl WsMessage {
    /// Classify a parsed message. Never fails.
    pub fn parse(value: &JsonValue) -> WsMessage {
        if value.as_object().is_none() {
            return WsMessage::Unknown;
        }
        let flag = |key: &str| value.get(key).and_then(JsonValue::as_bool) == Some(true);
        let text = |key: &str| value.get(key).and_then(JsonValue::as_str).map(str::to_owned);
        if let Some(signed) = value.get("signed").and_then(JsonValue::as_bool) {
            return WsMessage::Resolved(ResolvedMessage { signed });
        }
        if flag("expired") {
            return WsMessage::Expired;
        }
        if let Some(n) = value.get("expires_in_seconds").and_then(JsonValue::as_f64) {
            // `as` cuts the fraction off (toward zero), as `f64::trunc` would (std-only).
            return WsMessage::ExpiresIn(n as i64);
        }
        if flag("opened") {
            return WsMessage::Opened;
        }
        if flag("devapp_fetched") {
            return WsMessage::DevappFetched;
        }
        if flag("pre_signed") {
            return WsMessage::PreSigned;
        }
        if flag("dispatched") {
            return WsMessage::Dispatched;
        }
        match text("message") {
            Some(m) if m.starts_with("Welcome") => WsMessage::Welcome,
            Some(m) if m.starts_with("Right back at you") => WsMessage::KeepaliveReply,
            Some(m) => WsMessage::NotFound(m),
            None => WsMessage::Unknown,
        }
    }
}
