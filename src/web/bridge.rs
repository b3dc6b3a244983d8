//! The xApp bridge: commands to the Xaman host and events from it.
//!
//! Commands are JSON strings posted to `window.ReactNativeWebView.postMessage` (the Xaman app),
//! or, inside an emulator frame, to `window.parent` once it answered the `XAPP_PROXY_INIT`
//! handshake with `XAPP_PROXY_INIT_ACK`. They leave at least 1.5 s + [`SPACING_MARGIN_MS`]
//! apart (`core::bridge`'s queue: the host silently drops faster ones), in order, never dropped. With no host at all
//! after [`HOST_WAIT_MS`] the waiting commands reject with `bridge_unavailable`.
//! Host events arrive as `message` events on `window` (iOS, frames) or `document` (Android);
//! both are listened to and an event seen on both counts once.

use crate::web::cell::RefCell;
use alloc::rc::Rc;

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::core::bridge::{
    BridgeCommand, CommandQueue, HostEvent, COMMAND_SPACING_MS, PROXY_INIT, PROXY_INIT_ACK,
};
use crate::core::{ErrorCode, XamanError};
use crate::prelude::*;
use crate::web::bindings::{Function, Object, Promise, Window};
use crate::web::error::to_js_error;
use crate::web::js::{self, Timeout};
use crate::web::listeners::Listeners;

/// Added to the host's 1.5 s rule: the host times commands on arrival, and postMessage delivery
/// jitter made 1500 ms sent arrive as 1489 ms (dropped silently by the host).
pub const SPACING_MARGIN_MS: u64 = 250;

/// How long a command waits for a host to appear before `bridge_unavailable`.
pub const HOST_WAIT_MS: f64 = 2_000.0;
/// How often to look for `window.ReactNativeWebView` while waiting.
const HOST_POLL_MS: u32 = 250;

/// The event names of `xaman.xapp.on(name, cb)`.
pub const EVENT_NAMES: [&str; 4] = ["payload", "qr", "destination", "networkswitch"];

/// Called for every host event (the client uses `payload` events to verify payloads).
pub type HostHook = Rc<dyn Fn(&HostEvent)>;

/// The bridge of one page (or frame). Clone = same bridge.
#[derive(Clone)]
pub struct Bridge {
    state: Rc<RefCell<State>>,
}

enum Transport {
    /// `window.ReactNativeWebView` (the Xaman app's webview).
    ReactNative(JsValue),
    /// `window.parent` after the handshake (an emulator frame).
    Parent(JsValue),
}

/// A command waiting in the queue (the queue itself holds only its id).
struct Queued {
    id: u32,
    json: String,
    resolve: Function,
    reject: Function,
}

struct State {
    window: Window,
    transport: Option<Transport>,
    queue: CommandQueue<u32>,
    waiting: Vec<Queued>,
    next_command_id: u32,
    waiting_since: Option<f64>,
    pump_timer: Option<Timeout>,
    listeners: Listeners,
    last_event: JsValue,
    handler: Option<Closure<dyn FnMut(JsValue)>>,
    hook: Option<HostHook>,
    debug: bool,
}

impl Bridge {
    /// Set up the bridge for `window` (the page's own window in production; a test may pass a
    /// frame's window). Starts listening for host events and, inside a frame, sends the
    /// `XAPP_PROXY_INIT` handshake to the parent.
    pub fn new(window: Window, debug: bool) -> Bridge {
        js::install_number_writer();
        let bridge = Bridge {
            state: Rc::new(RefCell::new(State {
                window: window.clone(),
                transport: None,
                queue: CommandQueue::new(COMMAND_SPACING_MS + SPACING_MARGIN_MS),
                waiting: Vec::new(),
                next_command_id: 0,
                waiting_since: None,
                pump_timer: None,
                listeners: Listeners::new(None),
                last_event: JsValue::UNDEFINED,
                handler: None,
                hook: None,
                debug,
            })),
        };
        let weak = Rc::downgrade(&bridge.state);
        let handler = Closure::<dyn FnMut(JsValue)>::new(move |event: JsValue| {
            if let Some(state) = weak.upgrade() {
                Bridge { state }.on_message(event);
            }
        });
        // Structural: a frame's document fails `instanceof EventTarget` of this realm.
        js::listen_messages(&window, handler.as_ref(), true);
        js::listen_messages(&js::get(&window, "document"), handler.as_ref(), true);
        bridge.state.borrow_mut().handler = Some(handler);

        if let Some(host) = react_native_host(&window) {
            bridge.state.borrow_mut().transport = Some(Transport::ReactNative(host));
        } else if let Some(parent) = parent_frame(&window) {
            post(&parent, PROXY_INIT);
        }
        bridge
    }

    /// Get every host event first (before the page's listeners).
    pub fn set_hook(&self, hook: HostHook) {
        self.state.borrow_mut().hook = Some(hook);
    }

    /// Validate and queue a command (`xaman.xapp.<method>(args)`). Resolves when it was handed
    /// to the host; rejects with `invalid_option` or `bridge_unavailable`.
    pub fn command(&self, method: &str, args: &JsValue) -> Promise {
        let args = if args.is_undefined() {
            JsValue::NULL
        } else {
            args.clone()
        };
        let command = js::to_json_value(&args)
            .ok_or_else(|| {
                XamanError::new(
                    ErrorCode::InvalidOption,
                    "xApp command arguments must be plain data",
                )
            })
            .and_then(|args| BridgeCommand::from_js(method, &args));
        match command {
            Ok(command) => self.send(&command),
            Err(error) => Promise::reject(&to_js_error(&error)),
        }
    }

    /// Queue an already validated command.
    pub fn send(&self, command: &BridgeCommand) -> Promise {
        let json = command.to_json_string();
        let (promise, resolve, reject) = js::deferred();
        {
            let mut state = self.state.borrow_mut();
            let id = state.next_command_id;
            state.next_command_id = id.wrapping_add(1);
            state.waiting.push(Queued {
                id,
                json,
                resolve,
                reject,
            });
            state.queue.push(id, now());
        }
        self.pump();
        promise
    }

    /// `xaman.xapp.on(name, cb)`; returns the function that removes the listener.
    pub fn add_listener(&self, event: &JsValue, callback: Function) -> Result<Function, JsValue> {
        let listeners = self.state.borrow().listeners.clone();
        let (_, off) = listeners.add(
            &EVENT_NAMES,
            "xApp ",
            "payload, qr, destination or networkswitch",
            event,
            callback,
        )?;
        Ok(off)
    }

    /// Send what is due, wait for what is not; give up waiting for a host after
    /// [`HOST_WAIT_MS`].
    fn pump(&self) {
        let mut state = self.state.borrow_mut();
        state.pump_timer = None;
        if state.queue.is_empty() {
            state.waiting_since = None;
            return;
        }
        if state.transport.is_none() {
            if let Some(host) = react_native_host(&state.window) {
                state.transport = Some(Transport::ReactNative(host));
            }
        }
        let Some(transport) = &state.transport else {
            let started = *state.waiting_since.get_or_insert_with(js::now_ms);
            if js::now_ms() - started >= HOST_WAIT_MS {
                state.waiting_since = None;
                let error = to_js_error(&XamanError::new(
                    ErrorCode::BridgeUnavailable,
                    "no xApp host answered: the page is not inside Xaman",
                ));
                state.queue = CommandQueue::new(COMMAND_SPACING_MS + SPACING_MARGIN_MS);
                let rejected = core::mem::take(&mut state.waiting);
                drop(state);
                for item in rejected {
                    let _ = item.reject.call1(&JsValue::UNDEFINED, &error);
                }
                return;
            }
            drop(state);
            self.schedule(HOST_POLL_MS);
            return;
        };
        let target = match transport {
            Transport::ReactNative(host) | Transport::Parent(host) => host.clone(),
        };
        let via_parent = matches!(transport, Transport::Parent(_));
        state.waiting_since = None;
        let mut sent = Vec::new();
        let mut wait = None;
        loop {
            match state.queue.next_due(now()) {
                None => break,
                Some(0) => match state.queue.pop_due(now()) {
                    Some(id) => {
                        // Moved over rather than `remove`d: no panic path.
                        for queued in core::mem::take(&mut state.waiting) {
                            if queued.id == id {
                                sent.push(queued);
                            } else {
                                state.waiting.push(queued);
                            }
                        }
                    }
                    None => break,
                },
                Some(ms) => {
                    wait = Some(ms);
                    break;
                }
            }
        }
        let debug = state.debug;
        drop(state);
        for item in sent {
            js::debug_log(debug, "bridge command", &JsValue::from_str(&item.json));
            let delivered = if via_parent {
                post(&target, &item.json)
            } else {
                post_react_native(&target, &item.json)
            };
            if delivered {
                let _ = item.resolve.call1(&JsValue::UNDEFINED, &JsValue::UNDEFINED);
            } else {
                let error = XamanError::new(
                    ErrorCode::BridgeUnavailable,
                    "the xApp host refused the command",
                );
                let _ = item.reject.call1(&JsValue::UNDEFINED, &to_js_error(&error));
            }
        }
        if let Some(ms) = wait {
            self.schedule(ms.min(u32::MAX as u64) as u32);
        }
    }

    fn schedule(&self, ms: u32) {
        let weak = Rc::downgrade(&self.state);
        let timer = Timeout::new(ms, move || {
            if let Some(state) = weak.upgrade() {
                Bridge { state }.pump();
            }
        });
        self.state.borrow_mut().pump_timer = Some(timer);
    }

    fn on_message(&self, event: JsValue) {
        let data = {
            let mut state = self.state.borrow_mut();
            // The same event can reach both the document and the window listener.
            if Object::is(&event, &state.last_event) {
                return;
            }
            state.last_event = event.clone();
            // Read `data` structurally: events from a frame's realm fail `instanceof`.
            let data = js::get(&event, "data");
            if data.as_string().as_deref() == Some(PROXY_INIT_ACK) && state.transport.is_none() {
                if let Some(parent) = parent_frame(&state.window) {
                    state.transport = Some(Transport::Parent(parent));
                    drop(state);
                    self.pump();
                }
                return;
            }
            data
        };
        let Some(text) = data.as_string() else { return };
        let Some(event) = js::parse_json(&text)
            .and_then(|v| js::to_json_value(&v))
            .and_then(|v| HostEvent::parse(&v))
        else {
            return;
        };
        let (hook, listeners, debug) = {
            let state = self.state.borrow();
            (state.hook.clone(), state.listeners.clone(), state.debug)
        };
        let name = event.js_name();
        let index = EVENT_NAMES.iter().position(|n| *n == name);
        if let Some(hook) = hook {
            hook(&event);
        }
        let value = crate::web::convert::json_to_js(&event.data());
        listeners.emit(index.unwrap_or(usize::MAX), "host event", &value, debug);
    }
}

impl Drop for State {
    fn drop(&mut self) {
        if let Some(handler) = self.handler.take() {
            js::listen_messages(&self.window, handler.as_ref(), false);
            js::listen_messages(&js::get(&self.window, "document"), handler.as_ref(), false);
            js::drop_later(Box::new(handler));
        }
    }
}

/// `window.ReactNativeWebView` when it has a `postMessage` function.
fn react_native_host(window: &Window) -> Option<JsValue> {
    let host = js::get(window, "ReactNativeWebView");
    js::get(&host, "postMessage").is_function().then_some(host)
}

/// `window.parent` when the page runs in a frame.
fn parent_frame(window: &Window) -> Option<JsValue> {
    let parent = js::get(window, "parent");
    let framed = parent.is_object() && !Object::is(&parent, window);
    framed.then_some(parent)
}

/// `target.postMessage(text, "*")`.
fn post(target: &JsValue, text: &str) -> bool {
    js::call_str(target, "postMessage", text, "*").is_ok()
}

/// `ReactNativeWebView.postMessage(text)` (one argument: Android rejects a second one).
fn post_react_native(host: &JsValue, text: &str) -> bool {
    let post = js::get(host, "postMessage");
    match post.dyn_ref::<Function>() {
        Some(post) => post.call1(host, &JsValue::from_str(text)).is_ok(),
        None => false,
    }
}

fn now() -> u64 {
    js::now_ms() as u64
}
