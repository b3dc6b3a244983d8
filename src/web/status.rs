//! Following one payload's status: a real WebSocket on `refs.websocket_status`, driven by the
//! sans-IO [`Subscription`] of `core::status`. This file only performs the effects the state
//! machine asks for (emit, GET, reconnect, close, resolve) and feeds it what happened.
//!
//! Lifetime: the socket is closed when the payload is resolved (signed, rejected, expired,
//! cancelled) or failed. Before that it is also closed when nobody can observe the outcome any
//! more: no status listener left, `resolved` never read, and the request object freed
//! (`req.free()`, or garbage-collected through wasm-bindgen's FinalizationRegistry). Once
//! `resolved` has been read the socket stays until the payload resolves or expires, because a
//! pending `await` cannot be detected.

use crate::web::cell::RefCell;
use alloc::rc::{Rc, Weak};

use wasm_bindgen::prelude::*;

use crate::core::platform::{CancelResponse, PayloadDetails};
use crate::core::status::{
    Effect, Outcome, OutcomeKind, ResolvedMessage, Subscription, SubscriptionConfig, WsMessage,
};
use crate::core::{ErrorCode, XamanError};
use crate::prelude::*;
use crate::web::api::PayloadApi;
use crate::web::bindings::{Function, Promise};
use crate::web::convert;
use crate::web::error::{to_js_error, WebResult};
use crate::web::js::{self, Interval, Task};
use crate::web::listeners::Listeners;
use crate::web::socket::{Socket, SocketEvent};

/// Settles `req.resolved` in place of the follower, on a task: called with `true` when the
/// verified outcome is `signed`, the promise's `resolve` function and the value, it does its
/// work and then resolves (the proxy route refreshes the session first, so `xaman.user`
/// already shows who signed when the promise resolves).
pub type ResolvedHook = Box<dyn FnOnce(bool, Function, JsValue) -> Task<()>>;

/// How often the state machine gets a tick.
const TICK_MS: u32 = 5_000;

/// A running status subscription. Clone = another handle to the same subscription.
#[derive(Clone)]
pub struct Follower {
    state: Rc<RefCell<State>>,
}

struct State {
    sub: Subscription,
    ws_url: String,
    api: PayloadApi,
    socket: Option<Socket>,
    /// Bumped on every reconnect, so a delayed reconnect of an older round is ignored.
    generation: u32,
    tick: Option<Interval>,
    listeners: Listeners,
    promise: Promise,
    settle: Option<(Function, Function)>,
    last_details: JsValue,
    promise_taken: bool,
    handle_alive: bool,
    on_resolved: Option<ResolvedHook>,
    debug: bool,
    /// Keeps the subscription alive (sockets and timers only hold weak references) until it is
    /// finished or closed, whatever happens to the JS request object.
    keep_alive: Option<Follower>,
}

/// A handle that does not keep the subscription alive.
#[derive(Clone)]
pub struct WeakFollower(Weak<RefCell<State>>);

impl WeakFollower {
    /// The subscription, if it is still running.
    pub fn upgrade(&self) -> Option<Follower> {
        self.0.upgrade().map(|state| Follower { state })
    }
}

impl Follower {
    /// A weak handle (for registries that must not keep it alive).
    pub fn downgrade(&self) -> WeakFollower {
        WeakFollower(Rc::downgrade(&self.state))
    }

    /// `true` once resolved, failed or closed.
    pub fn is_finished(&self) -> bool {
        self.state.borrow().sub.is_finished()
    }

    /// Start following payload `uuid` on `ws_url`; GETs and cancels go through `api`.
    pub fn start(
        uuid: &str,
        ws_url: &str,
        api: PayloadApi,
        debug: bool,
        on_resolved: Option<ResolvedHook>,
    ) -> Follower {
        let (promise, resolve, reject) = js::deferred();
        let settle = Some((resolve, reject));
        // A rejection nobody awaits must not show up as "Uncaught (in promise)" in the console:
        // a settle handler that nobody polls marks it handled.
        drop(crate::web::executor::settled(&promise));
        let sub = Subscription::new(uuid, SubscriptionConfig::default(), now());
        let follower = Follower {
            state: Rc::new_cyclic(|weak: &Weak<RefCell<State>>| {
                // A listener removed: the socket may no longer be needed.
                let weak = weak.clone();
                let removed: Rc<dyn Fn()> = Rc::new(move || {
                    if let Some(state) = weak.upgrade() {
                        let effects = state.borrow_mut().interest();
                        Follower { state }.run(effects);
                    }
                });
                RefCell::new(State {
                    sub,
                    ws_url: ws_url.to_owned(),
                    api,
                    socket: None,
                    generation: 0,
                    tick: None,
                    listeners: Listeners::new(Some(removed)),
                    promise,
                    settle,
                    last_details: JsValue::NULL,
                    promise_taken: false,
                    handle_alive: true,
                    on_resolved,
                    debug,
                    keep_alive: None,
                })
            }),
        };
        follower.state.borrow_mut().keep_alive = Some(follower.clone());
        follower.connect(0);
        let weak = Rc::downgrade(&follower.state);
        let tick = Interval::every(TICK_MS, move || {
            if let Some(state) = weak.upgrade() {
                let effects = state.borrow_mut().sub.on_tick(now());
                Follower { state }.run(effects);
            }
        });
        follower.state.borrow_mut().tick = Some(tick);
        follower
    }

    /// Payload UUID.
    pub fn uuid(&self) -> String {
        self.state.borrow().sub.uuid().to_owned()
    }

    /// `true` when it follows payload `uuid`.
    pub fn has_uuid(&self, uuid: &str) -> bool {
        self.state.borrow().sub.uuid() == uuid
    }

    /// `req.resolved`: the same promise every time.
    pub fn resolved(&self) -> Promise {
        let effects = {
            let mut state = self.state.borrow_mut();
            state.promise_taken = true;
            state.interest()
        };
        self.run(effects);
        self.state.borrow().promise.clone()
    }

    /// `req.on(event, callback)`: `event` must be `"status"`. Returns the function that
    /// removes the listener.
    pub fn add_listener(&self, event: &JsValue, callback: Function) -> Result<Function, JsValue> {
        let listeners = self.state.borrow().listeners.clone();
        let (_, off) = listeners.add(&["status"], "payload ", "status", event, callback)?;
        Ok(off)
    }

    /// The JS request object is gone (freed or garbage-collected).
    pub fn handle_dropped(&self) {
        let effects = {
            let mut state = self.state.borrow_mut();
            state.handle_alive = false;
            state.interest()
        };
        self.run(effects);
    }

    /// `req.cancel()`: DELETE, then let the state machine verify and settle. Resolves with
    /// `{cancelled, reason}`.
    pub fn cancel(&self) -> Promise {
        let follower = self.clone();
        js::promise(Box::pin(async move {
            let answer = {
                let state = follower.state.borrow();
                state.api.cancel(state.sub.uuid())
            };
            let answer = answer.await;
            follower.cancelled(answer)
        }))
    }

    /// The DELETE's answer: tell the state machine; `{cancelled, reason}`.
    #[inline(never)]
    fn cancelled(&self, answer: WebResult<JsValue>) -> WebResult<JsValue> {
        let answer = answer?;
        let response: CancelResponse =
            js::from_js(&answer).ok_or_else(|| unexpected("cancelling the payload"))?;
        let effects = {
            let mut state = self.state.borrow_mut();
            if state.sub.is_finished() {
                Vec::new()
            } else {
                state.sub.on_cancelled(&response, now())
            }
        };
        self.run(effects);
        Ok(convert::cancel_result(&response.result))
    }

    /// The xApp host said this payload was resolved: verify it like a websocket resolve.
    pub fn host_resolved(&self, signed: bool) {
        let message = WsMessage::Resolved(ResolvedMessage { signed });
        self.feed_message(message);
    }

    fn feed_message(&self, message: WsMessage) {
        let effects = {
            let mut state = self.state.borrow_mut();
            if state.sub.is_finished() {
                return;
            }
            state.sub.on_message(message, now())
        };
        self.run(effects);
    }

    /// Open a socket for the current generation (after `after_ms`).
    fn connect(&self, after_ms: u64) {
        let generation = {
            let mut state = self.state.borrow_mut();
            state.generation = state.generation.wrapping_add(1);
            state.socket = None;
            state.generation
        };
        if after_ms == 0 {
            self.open(generation);
        } else {
            self.later(after_ms, Some(generation));
        }
    }

    /// Open the socket of `generation`, unless a newer round started or it finished.
    fn open(&self, generation: u32) {
        let url = {
            let s = self.state.borrow();
            if s.generation != generation || s.sub.is_finished() {
                return;
            }
            s.ws_url.clone()
        };
        let events = Rc::downgrade(&self.state);
        let socket = Socket::open(&url, move |event| {
            if let Some(state) = events.upgrade() {
                Follower { state }.on_socket(generation, event);
            }
        });
        match socket {
            Ok(socket) => self.state.borrow_mut().socket = Some(socket),
            Err(_) => self.on_socket(generation, SocketEvent::Close { clean: false }),
        }
    }

    fn on_socket(&self, generation: u32, event: SocketEvent) {
        let effects = {
            let mut state = self.state.borrow_mut();
            if state.generation != generation || state.sub.is_finished() {
                return;
            }
            match event {
                SocketEvent::Open => state.sub.on_open(now()),
                SocketEvent::Message(text) => {
                    let message = js::parse_json(&text)
                        .and_then(|value| js::to_json_value(&value))
                        .map(|value| WsMessage::parse(&value))
                        .unwrap_or(WsMessage::Unknown);
                    state.sub.on_message(message, now())
                }
                SocketEvent::Close { clean } => {
                    state.socket = None;
                    state.sub.on_close(clean, now())
                }
            }
        };
        self.run(effects);
    }

    fn fetch(&self, after_ms: u64) {
        self.later(after_ms, None);
    }

    /// On a task, after `after_ms` (0: on a microtask): open the socket of `Some(generation)`,
    /// or GET the payload (`None`). One task type for both; it holds only a weak handle while
    /// it waits, and does nothing once the subscription is gone or finished.
    fn later(&self, after_ms: u64, socket: Option<u32>) {
        let weak = Rc::downgrade(&self.state);
        js::spawn(Box::pin(async move {
            if after_ms > 0 {
                let _ = js::sleep(after_ms as u32).await;
            }
            let Some(state) = weak.upgrade() else { return };
            let follower = Follower { state };
            if let Some(generation) = socket {
                return follower.open(generation);
            }
            let answer = {
                let state = follower.state.borrow();
                if state.sub.is_finished() {
                    return;
                }
                state.api.get(state.sub.uuid())
            };
            let answer = answer.await;
            follower.fetched(answer);
        }));
    }

    /// The GET's answer (or failure) for the state machine.
    #[inline(never)]
    fn fetched(&self, answer: WebResult<JsValue>) {
        let effects = {
            let mut state = self.state.borrow_mut();
            if state.sub.is_finished() {
                return;
            }
            match answer {
                Ok(raw) => match js::from_js::<PayloadDetails>(&raw) {
                    Some(details) => {
                        state.last_details = raw;
                        state.sub.on_details(&details, now())
                    }
                    None => state
                        .sub
                        .on_fetch_failed(unexpected("reading the payload"), now()),
                },
                Err(error) => state.sub.on_fetch_failed(error, now()),
            }
        };
        self.run(effects);
    }

    /// Perform the state machine's effects in order. No borrow is held while user code runs.
    fn run(&self, effects: Vec<Effect>) {
        let mut close = false;
        for effect in effects {
            match effect {
                Effect::Emit(event) => {
                    let (listeners, debug) = {
                        let state = self.state.borrow();
                        (state.listeners.clone(), state.debug)
                    };
                    let value = convert::status_event(&event);
                    listeners.emit(0, "status", &value, debug);
                }
                Effect::FetchPayload { after_ms } => self.fetch(after_ms),
                Effect::Reconnect { after_ms } => self.connect(after_ms),
                // Performed after the other effects, so listeners still hear the last events.
                Effect::Close => close = true,
                Effect::Resolve(outcome) => self.settle_ok(outcome),
                Effect::Fail(error) => {
                    let settle = self.state.borrow_mut().settle.take();
                    if let Some((_, reject)) = settle {
                        let _ = reject.call1(&JsValue::UNDEFINED, &to_js_error(&error));
                    }
                }
            }
        }
        let finished = self.state.borrow().sub.is_finished();
        if close || finished {
            self.shut_down();
        }
    }

    /// Close the socket, stop the timers, drop the listeners and the self-reference.
    fn shut_down(&self) {
        let leftovers = {
            let mut state = self.state.borrow_mut();
            state.generation = state.generation.wrapping_add(1);
            state.listeners.clear();
            (
                state.socket.take(),
                state.tick.take(),
                state.keep_alive.take(),
            )
        };
        drop(leftovers);
    }

    fn settle_ok(&self, outcome: Outcome) {
        let (settle, hook, details) = {
            let mut state = self.state.borrow_mut();
            (
                state.settle.take(),
                state.on_resolved.take(),
                state.last_details.clone(),
            )
        };
        let Some((resolve, _)) = settle else { return };
        let result = convert::outcome(&outcome);
        js::set(&result, "payload", details);
        match hook {
            Some(hook) => js::spawn(hook(
                outcome.outcome == OutcomeKind::Signed,
                resolve,
                result,
            )),
            None => {
                let _ = resolve.call1(&JsValue::UNDEFINED, &result);
            }
        }
    }
}

impl State {
    fn interest(&mut self) -> Vec<Effect> {
        if self.sub.is_finished() {
            return Vec::new();
        }
        let wanted = self.promise_taken || self.handle_alive;
        self.sub.set_interest(self.listeners.len(), wanted)
    }
}

fn now() -> u64 {
    js::now_ms() as u64
}

fn unexpected(what: &str) -> XamanError {
    let mut message = String::from("unexpected answer while ");
    message.push_str(what);
    XamanError::new(ErrorCode::Platform, message)
}
