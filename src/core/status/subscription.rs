//! Sans-IO status subscription: the web layer feeds it socket events, messages, GET results
//! and timer ticks; it answers with [`Effect`]s to perform.

use serde::Serialize;

use crate::core::error::XamanError;
use crate::core::platform::{CancelResponse, PayloadDetails};
use crate::core::status::message::WsMessage;
use crate::core::status::outcome::Outcome;

/// `ev.type` of a `req.on("status", ev => …)` event.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum StatusEventType {
    /// The user opened the payload.
    Opened,
    /// Seconds left to open it (repeats every 15 s).
    ExpiresIn,
    /// The user started signing.
    PreSigned,
    /// The transaction is being submitted.
    Dispatched,
    /// Verified: signed.
    Signed,
    /// Verified: rejected.
    Rejected,
    /// Verified: expired.
    Expired,
    /// Verified: cancelled.
    Cancelled,
}

impl StatusEventType {
    /// The JS string.
    pub fn as_str(self) -> &'static str {
        match self {
            StatusEventType::Opened => "opened",
            StatusEventType::ExpiresIn => "expires_in",
            StatusEventType::PreSigned => "pre_signed",
            StatusEventType::Dispatched => "dispatched",
            StatusEventType::Signed => "signed",
            StatusEventType::Rejected => "rejected",
            StatusEventType::Expired => "expired",
            StatusEventType::Cancelled => "cancelled",
        }
    }
}

/// A status event as JS sees it: `{type, uuid, expiresInSeconds?, txid?, account?}`.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct StatusEvent {
    /// Event type.
    #[serde(rename = "type")]
    pub kind: StatusEventType,
    /// Payload UUID.
    pub uuid: String,
    /// `expires_in` only.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub expires_in_seconds: Option<i64>,
    /// `signed` only.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub txid: Option<String>,
    /// `signed` only.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub account: Option<String>,
}

/// What the web layer must do next. Perform effects in order.
#[derive(Clone, Debug, PartialEq)]
pub enum Effect {
    /// Call the status listeners with this event.
    Emit(StatusEvent),
    /// GET the payload after `after_ms` (0 = now) and feed the answer to
    /// [`Subscription::on_details`] or the failure to [`Subscription::on_fetch_failed`].
    FetchPayload {
        /// Delay before the GET.
        after_ms: u64,
    },
    /// Drop the current socket (if any, without reporting its close) and open a new one
    /// after `after_ms`; report it with [`Subscription::on_open`] / [`Subscription::on_close`].
    Reconnect {
        /// Delay before reconnecting.
        after_ms: u64,
    },
    /// Close the socket and stop all timers: the subscription is over.
    Close,
    /// Resolve `req.resolved` with this outcome (plus the last GET answer as `payload`).
    Resolve(Outcome),
    /// Reject `req.resolved` with this error.
    Fail(XamanError),
}

/// Reconnect backoff: `initial_ms` doubling up to `max_ms`, at most `max_attempts` in a row.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Backoff {
    /// First delay.
    pub initial_ms: u64,
    /// Delay cap.
    pub max_ms: u64,
    /// Attempts before giving up.
    pub max_attempts: u32,
}

impl Default for Backoff {
    fn default() -> Self {
        Backoff { initial_ms: 500, max_ms: 10_000, max_attempts: 12 }
    }
}

/// The state machine of one payload's status subscription.
#[derive(Clone, Debug)]
pub struct Subscription {
    uuid: String,
}

impl Subscription {
    /// A subscription for payload `uuid`; the web layer opens the socket right away.
    pub fn new(uuid: impl Into<String>, backoff: Backoff, now_ms: u64) -> Subscription {
        todo!()
    }

    /// Payload UUID.
    pub fn uuid(&self) -> &str {
        &self.uuid
    }

    /// `true` once resolved, failed or closed: ignore everything afterwards.
    pub fn is_finished(&self) -> bool {
        todo!()
    }

    /// The socket opened.
    pub fn on_open(&mut self, now_ms: u64) -> Vec<Effect> {
        todo!()
    }

    /// A message arrived (parse it with [`WsMessage::parse`]; unparseable text → `Unknown`).
    pub fn on_message(&mut self, message: WsMessage, now_ms: u64) -> Vec<Effect> {
        todo!()
    }

    /// The socket closed (or failed to open: `clean = false`).
    pub fn on_close(&mut self, clean: bool, now_ms: u64) -> Vec<Effect> {
        todo!()
    }

    /// A GET answer arrived (after [`Effect::FetchPayload`], or any GET the page made).
    pub fn on_details(&mut self, details: &PayloadDetails, now_ms: u64) -> Vec<Effect> {
        todo!()
    }

    /// The GET failed.
    pub fn on_fetch_failed(&mut self, error: XamanError, now_ms: u64) -> Vec<Effect> {
        todo!()
    }

    /// `req.cancel()` got this answer.
    pub fn on_cancelled(&mut self, response: &CancelResponse, now_ms: u64) -> Vec<Effect> {
        todo!()
    }

    /// Timer tick (call every few seconds while not finished).
    pub fn on_tick(&mut self, now_ms: u64) -> Vec<Effect> {
        todo!()
    }

    /// Listener count / promise interest changed. No listeners and nobody waiting on
    /// `req.resolved` → `Close`.
    pub fn set_interest(&mut self, listeners: usize, promise_wanted: bool) -> Vec<Effect> {
        todo!()
    }
}
