//! Sans-IO status subscription: the web layer feeds it socket events, messages, GET results
//! and timer ticks; it answers with [`Effect`]s to perform.

use crate::core::message::{joined, joined4};
use crate::core::text::decimal;
use serde::Serialize;

use crate::core::error::{ErrorCode, XamanError};
use crate::core::platform::{CancelResponse, PayloadDetails};
use crate::core::status::message::WsMessage;
use crate::core::status::outcome::{outcome_from_details, Outcome, OutcomeKind};
use crate::prelude::*;

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

/// Timing of a subscription. `Default` suits the real platform.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SubscriptionConfig {
    /// First reconnect delay; doubles on each failed attempt.
    pub backoff_initial_ms: u64,
    /// Reconnect delay cap.
    pub backoff_max_ms: u64,
    /// Failed reconnects (or GET retries) in a row before giving up with `network`.
    pub max_attempts: u32,
    /// No message for this long on an open socket → assume it is dead and reconnect (the
    /// platform sends `expires_in_seconds` every 15 s).
    pub silence_timeout_ms: u64,
    /// A payload that expired after the user opened it can still be signed: wait this long
    /// for the user before resolving it as expired.
    pub opened_expiry_grace_ms: u64,
}

impl Default for SubscriptionConfig {
    fn default() -> Self {
        SubscriptionConfig {
            backoff_initial_ms: 500,
            backoff_max_ms: 10_000,
            max_attempts: 12,
            silence_timeout_ms: 45_000,
            opened_expiry_grace_ms: 300_000,
        }
    }
}

impl SubscriptionConfig {
    /// Delay before retry number `attempt` (1-based): initial × 2^(attempt-1), capped.
    pub fn delay(&self, attempt: u32) -> u64 {
        let shift = attempt.saturating_sub(1).min(30);
        self.backoff_initial_ms.saturating_mul(1u64 << shift).min(self.backoff_max_ms)
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Socket {
    /// Opening (first connection or a reconnect under way).
    Connecting,
    /// Open and healthy.
    Open,
    /// Closed; a `Reconnect` was requested (or none will be: giving up / not found).
    Down,
}

/// The state machine of one payload's status subscription.
#[derive(Clone, Debug)]
pub struct Subscription {
    uuid: String,
    config: SubscriptionConfig,
    socket: Socket,
    finished: bool,
    /// Failed connection attempts in a row (reset by the first message on an open socket).
    attempts: u32,
    /// A connection was lost at least once: GET after the next open.
    was_down: bool,
    /// Healthy since the last open (a message arrived).
    healthy: bool,
    last_message_ms: u64,
    fetch_pending: bool,
    refetch_needed: bool,
    fetch_failures: u32,
    /// The socket said resolved/expired: the GET should confirm it.
    announced: bool,
    announced_retries: u32,
    cancel_confirmed: bool,
    opened_emitted: bool,
    not_found: bool,
    giving_up: bool,
    /// Expired after being opened: wait until this time for the user to finish.
    expired_hold_until: Option<u64>,
    final_expiry_check: bool,
}

impl Subscription {
    /// A subscription for payload `uuid`; the web layer opens the socket right away and
    /// reports it with `on_open` or `on_close(false)`.
    pub fn new(uuid: impl Into<String>, config: SubscriptionConfig, now_ms: u64) -> Subscription {
        Subscription {
            uuid: uuid.into(),
            config,
            socket: Socket::Connecting,
            finished: false,
            attempts: 0,
            was_down: false,
            healthy: false,
            last_message_ms: now_ms,
            fetch_pending: false,
            refetch_needed: false,
            fetch_failures: 0,
            announced: false,
            announced_retries: 0,
            cancel_confirmed: false,
            opened_emitted: false,
            not_found: false,
            giving_up: false,
            expired_hold_until: None,
            final_expiry_check: false,
        }
    }

    /// Payload UUID.
    pub fn uuid(&self) -> &str {
        &self.uuid
    }

    /// `true` once resolved, failed or closed: ignore everything afterwards.
    pub fn is_finished(&self) -> bool {
        self.finished
    }

    fn event(&self, kind: StatusEventType) -> StatusEvent {
        StatusEvent { kind, uuid: self.uuid.clone(), expires_in_seconds: None, txid: None, account: None }
    }

    fn fetch(&mut self, after_ms: u64, effects: &mut Vec<Effect>) {
        if self.fetch_pending {
            self.refetch_needed = true;
        } else {
            self.fetch_pending = true;
            effects.push(Effect::FetchPayload { after_ms });
        }
    }

    fn finish(&mut self, effects: &mut Vec<Effect>) {
        self.finished = true;
        effects.push(Effect::Close);
    }

    fn fail(&mut self, error: XamanError) -> Vec<Effect> {
        let mut effects = vec![Effect::Fail(error)];
        self.finish(&mut effects);
        effects
    }

    /// The socket opened.
    pub fn on_open(&mut self, now_ms: u64) -> Vec<Effect> {
        let mut effects = Vec::new();
        if self.finished {
            return effects;
        }
        self.socket = Socket::Open;
        self.healthy = false;
        self.last_message_ms = now_ms;
        if self.was_down {
            self.fetch(0, &mut effects);
        }
        effects
    }

    /// A message arrived (parse it with [`WsMessage::parse`]; unparseable text → `Unknown`).
    pub fn on_message(&mut self, message: WsMessage, now_ms: u64) -> Vec<Effect> {
        let mut effects = Vec::new();
        if self.finished {
            return effects;
        }
        self.last_message_ms = now_ms;
        if self.socket == Socket::Open && !self.healthy {
            self.healthy = true;
            self.attempts = 0;
        }
        match message {
            WsMessage::Welcome | WsMessage::DevappFetched | WsMessage::KeepaliveReply | WsMessage::Unknown => {}
            WsMessage::ExpiresIn(seconds) => {
                let mut ev = self.event(StatusEventType::ExpiresIn);
                ev.expires_in_seconds = Some(seconds);
                effects.push(Effect::Emit(ev));
            }
            WsMessage::Opened => {
                self.opened_emitted = true;
                effects.push(Effect::Emit(self.event(StatusEventType::Opened)));
            }
            WsMessage::PreSigned => effects.push(Effect::Emit(self.event(StatusEventType::PreSigned))),
            WsMessage::Dispatched => effects.push(Effect::Emit(self.event(StatusEventType::Dispatched))),
            WsMessage::Resolved(_) | WsMessage::Expired => {
                self.announced = true;
                self.fetch(0, &mut effects);
            }
            WsMessage::NotFound(_) => {
                self.not_found = true;
                self.fetch(0, &mut effects);
            }
        }
        effects
    }

    /// The socket closed, or failed to open (`clean = false`). Closes of a socket the web
    /// layer dropped itself (after `Reconnect`/`Close`) must not be reported.
    pub fn on_close(&mut self, clean: bool, now_ms: u64) -> Vec<Effect> {
        let _ = (clean, now_ms);
        let mut effects = Vec::new();
        if self.finished || self.socket == Socket::Down {
            return effects;
        }
        self.socket = Socket::Down;
        self.was_down = true;
        if self.not_found {
            // The server closes after "payload not found": the pending GET decides.
            return effects;
        }
        self.schedule_reconnect(&mut effects);
        effects
    }

    fn schedule_reconnect(&mut self, effects: &mut Vec<Effect>) {
        self.attempts += 1;
        if self.attempts > self.config.max_attempts {
            // Last chance: a GET tells whether the payload resolved meanwhile.
            self.giving_up = true;
            self.fetch(0, effects);
        } else {
            self.socket = Socket::Connecting;
            effects.push(Effect::Reconnect { after_ms: self.config.delay(self.attempts) });
        }
    }

    /// A GET answer arrived (after [`Effect::FetchPayload`], or any GET the page made).
    pub fn on_details(&mut self, details: &PayloadDetails, now_ms: u64) -> Vec<Effect> {
        let mut effects = Vec::new();
        if self.finished {
            return effects;
        }
        self.fetch_pending = false;
        self.fetch_failures = 0;
        let mut outcome = outcome_from_details(details);
        if outcome.is_some() {
            if let Some(o) = outcome.as_mut() {
                if o.uuid.is_empty() {
                    o.uuid = self.uuid.clone();
                }
                if self.cancel_confirmed && o.outcome == OutcomeKind::Expired {
                    o.outcome = OutcomeKind::Cancelled;
                }
            }
        } else if self.cancel_confirmed {
            outcome = Some(Outcome { outcome: OutcomeKind::Cancelled, uuid: self.uuid.clone(), txid: None, account: None, hex: None });
        }
        if let Some(o) = &outcome {
            let opened = details.meta.app_opened == Some(true);
            if o.outcome == OutcomeKind::Expired && opened && !self.final_expiry_check {
                // Opened before expiry: the user may still sign. Wait (see on_tick).
                if self.expired_hold_until.is_none() {
                    self.expired_hold_until = Some(now_ms + self.config.opened_expiry_grace_ms);
                }
                outcome = None;
            }
        }
        if let Some(o) = outcome {
            let kind = match o.outcome {
                OutcomeKind::Signed => StatusEventType::Signed,
                OutcomeKind::Rejected => StatusEventType::Rejected,
                OutcomeKind::Expired => StatusEventType::Expired,
                OutcomeKind::Cancelled => StatusEventType::Cancelled,
            };
            let mut ev = self.event(kind);
            ev.txid = o.txid.clone();
            ev.account = o.account.clone();
            effects.push(Effect::Emit(ev));
            effects.push(Effect::Resolve(o));
            self.finish(&mut effects);
            return effects;
        }
        // Still open.
        self.not_found = false;
        if details.meta.app_opened == Some(true) && !self.opened_emitted {
            self.opened_emitted = true;
            effects.push(Effect::Emit(self.event(StatusEventType::Opened)));
        }
        if self.giving_up {
            let n = self.config.max_attempts;
            return self.fail(XamanError::new(
                ErrorCode::Network,
                joined(
                    &joined4("lost the status connection of payload ", &self.uuid, " after ", &decimal(n)),
                    " reconnect attempts; it is still open",
                ),
            ));
        }
        if self.socket == Socket::Down {
            // Came back from "not found" (or a dropped socket without a pending reconnect).
            self.schedule_reconnect(&mut effects);
        }
        if self.refetch_needed {
            self.refetch_needed = false;
            self.fetch(0, &mut effects);
        } else if self.announced && self.expired_hold_until.is_none() {
            // The socket said resolved but the GET does not show it yet: ask again shortly.
            self.announced_retries += 1;
            if self.announced_retries <= self.config.max_attempts.min(5) {
                self.fetch(self.config.delay(self.announced_retries), &mut effects);
            } else {
                self.announced = false;
                self.announced_retries = 0;
            }
        }
        effects
    }

    /// The GET failed (`platform`, `network` or `timeout` error).
    pub fn on_fetch_failed(&mut self, error: XamanError, now_ms: u64) -> Vec<Effect> {
        let _ = now_ms;
        if self.finished {
            return Vec::new();
        }
        self.fetch_pending = false;
        let gone = error.status == Some(404) || error.platform_code == Some(404);
        self.fetch_failures += 1;
        if gone || self.giving_up || self.fetch_failures > self.config.max_attempts {
            return self.fail(error);
        }
        let mut effects = Vec::new();
        self.refetch_needed = false;
        self.fetch(self.config.delay(self.fetch_failures), &mut effects);
        effects
    }

    /// `req.cancel()` got this answer. Cancelled (or already cancelled / resolved / expired)
    /// → a GET to resolve from the verified state.
    pub fn on_cancelled(&mut self, response: &CancelResponse, now_ms: u64) -> Vec<Effect> {
        let _ = now_ms;
        let mut effects = Vec::new();
        if self.finished {
            return effects;
        }
        let reason = response.result.reason.as_str();
        if response.result.cancelled || reason == "ALREADY_CANCELLED" {
            self.cancel_confirmed = true;
        }
        if self.cancel_confirmed || matches!(reason, "ALREADY_RESOLVED" | "ALREADY_EXPIRED") {
            self.fetch(0, &mut effects);
        }
        effects
    }

    /// Timer tick (every few seconds while not finished): detects a silent dead socket and
    /// ends the wait for a payload that expired after being opened.
    pub fn on_tick(&mut self, now_ms: u64) -> Vec<Effect> {
        let mut effects = Vec::new();
        if self.finished {
            return effects;
        }
        if self.socket == Socket::Open && now_ms.saturating_sub(self.last_message_ms) >= self.config.silence_timeout_ms {
            self.socket = Socket::Down;
            self.was_down = true;
            self.schedule_reconnect(&mut effects);
        }
        if let Some(until) = self.expired_hold_until {
            if now_ms >= until && !self.final_expiry_check {
                self.final_expiry_check = true;
                self.fetch(0, &mut effects);
            }
        }
        effects
    }

    /// Listener count / promise interest changed. No listeners and nobody waiting on
    /// `req.resolved` → `Close` (the subscription ends without resolving).
    pub fn set_interest(&mut self, listeners: usize, promise_wanted: bool) -> Vec<Effect> {
        let mut effects = Vec::new();
        if !self.finished && listeners == 0 && !promise_wanted {
            self.finish(&mut effects);
        }
        effects
    }
}
