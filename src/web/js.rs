//! Small helpers over the JS built-ins of [`crate::web::bindings`]: property access, JSON
//! crossing, globals that may be missing (Node, SSR, workers), timers and logging.

use core::future::Future;
use core::pin::Pin;
use core::task::{ready, Context, Poll};

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::core::JsonValue;
use crate::prelude::*;
use crate::web::bindings::{self, Array, Function, Object, Promise, Reflect, Window};
use crate::web::error::{to_js_error, WebResult};
pub use crate::web::executor::{spawn, Task};

#[wasm_bindgen(module = "/src/web/io.js")]
extern "C" {
    #[wasm_bindgen(js_name = pageWindow)]
    fn page_window() -> JsValue;
    /// `[promise, resolve, reject]` of a new pending promise.
    #[wasm_bindgen(js_name = deferred)]
    fn new_deferred() -> Array;
}

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_name = setTimeout)]
    fn set_timeout(callback: &Function, ms: i32) -> JsValue;
    #[wasm_bindgen(js_name = clearTimeout)]
    fn clear_timeout(id: &JsValue);
    #[wasm_bindgen(js_namespace = console, js_name = log)]
    fn console_log(label: &str, value: &JsValue);
}

/// Let core write non-integer JSON numbers the way `JSON.stringify` does (JS `String(n)`), so
/// the wasm carries no float formatting of its own. Idempotent; called before any JSON is
/// written (`Xaman.connect`, a new bridge).
pub fn install_number_writer() {
    crate::core::json::set_number_writer(write_js_number);
}

fn write_js_number(n: f64, out: &mut String) {
    out.push_str(&bindings::number_to_string(n));
}

/// The page's `window`, or `None` outside a browser window (Node, SSR, a worker).
pub fn window() -> Option<Window> {
    let window = page_window();
    window.is_object().then(|| window.unchecked_into())
}

/// `window.location[part]` (`"href"`, `"search"`).
pub fn location(window: &JsValue, part: &str) -> Option<String> {
    get_string(&get(window, "location"), part)
}

/// `target[method](a, b, c)`: what it returns, or what it threw (`Err(undefined)` when
/// `target[method]` is not a function). Extra `undefined` arguments are ignored by the
/// browser's methods, so one binding serves calls of up to three arguments.
#[inline(never)]
pub fn call(
    target: &JsValue,
    method: &str,
    a: &JsValue,
    b: &JsValue,
    c: &JsValue,
) -> Result<JsValue, JsValue> {
    match get(target, method).dyn_ref::<Function>() {
        Some(function) => function.call3(target, a, b, c),
        None => Err(JsValue::UNDEFINED),
    }
}

/// `target[method](a, b)` with string arguments.
pub fn call_str(target: &JsValue, method: &str, a: &str, b: &str) -> Result<JsValue, JsValue> {
    let undefined = JsValue::UNDEFINED;
    call(target, method, &a.into(), &b.into(), &undefined)
}

/// `target.addEventListener("message", listener)` (`add`), or `removeEventListener`. Works
/// on a window or document of another frame too (no `instanceof`).
pub fn listen_messages(target: &JsValue, listener: &JsValue, add: bool) {
    let method = if add {
        "addEventListener"
    } else {
        "removeEventListener"
    };
    let undefined = JsValue::UNDEFINED;
    let _ = call(target, method, &"message".into(), listener, &undefined);
}

/// `target[key]` (undefined when missing or when `target` is not an object).
pub fn get(target: &JsValue, key: &str) -> JsValue {
    if !target.is_object() && !target.is_function() {
        return JsValue::UNDEFINED;
    }
    Reflect::get(target, key).unwrap_or(JsValue::UNDEFINED)
}

/// `target[key]` as a string, if it is one.
pub fn get_string(target: &JsValue, key: &str) -> Option<String> {
    get(target, key).as_string()
}

/// `target[key] = value` (ignored if `target` is frozen or not an object).
pub fn set(target: &JsValue, key: &str, value: impl Into<JsValue>) {
    let _ = Reflect::set(target, key, &value.into());
}

/// A new empty plain object.
pub fn object() -> JsValue {
    Object::new().into()
}

/// Parse JSON text into a JS value; `None` when it is not JSON.
pub fn parse_json(text: &str) -> Option<JsValue> {
    bindings::json_parse(text).ok()
}

/// A JS value (plain data) as a core [`JsonValue`], the way `JSON.stringify` sees it
/// (`undefined` members are left out). `None` for what JSON cannot hold (functions, symbols,
/// BigInt, cycles deeper than 64 levels). Written by hand: serde-wasm-bindgen's deserializer
/// pulls float formatting into the wasm for its error messages.
pub fn to_json_value(value: &JsValue) -> Option<JsonValue> {
    json_of(value, 0)
}

fn json_of(value: &JsValue, depth: u32) -> Option<JsonValue> {
    if value.is_null() || value.is_undefined() {
        return Some(JsonValue::Null);
    }
    if let Some(b) = value.as_bool() {
        return Some(JsonValue::Bool(b));
    }
    if let Some(n) = value.as_f64() {
        return Some(JsonValue::Number(n));
    }
    if let Some(s) = value.as_string() {
        return Some(JsonValue::String(s));
    }
    if depth >= 64 || !value.is_object() {
        return None;
    }
    if Array::is_array(value) {
        let array: &Array = value.unchecked_ref();
        let length = array.length();
        let mut items = Vec::with_capacity(length as usize);
        for index in 0..length {
            items.push(json_of(&array.get(index), depth + 1)?);
        }
        return Some(JsonValue::Array(items));
    }
    let keys = Object::keys(value);
    let length = keys.length();
    let mut members = Vec::with_capacity(length as usize);
    for index in 0..length {
        let key = keys.get(index).as_string()?;
        let member = Reflect::get(value, &key).ok()?;
        if member.is_undefined() {
            continue;
        }
        members.push((key, json_of(&member, depth + 1)?));
    }
    Some(JsonValue::Object(members))
}

/// A typed core answer read from JSON (`T::from_json` of core).
pub trait FromJson: Sized {
    /// Read it; `None` when the JSON does not have the expected shape.
    fn read(value: &JsonValue) -> Option<Self>;
}

macro_rules! from_json_types {
    ($($t:ty),* $(,)?) => {
        $(impl FromJson for $t {
            fn read(value: &JsonValue) -> Option<Self> {
                <$t>::from_json(value).ok()
            }
        })*
    };
}

from_json_types!(
    crate::core::platform::CreatedPayload,
    crate::core::platform::PayloadDetails,
    crate::core::platform::CancelResponse,
    crate::core::platform::JwtAuthorizeResponse,
    crate::core::platform::TokenResponse,
    crate::core::platform::UserInfo,
    crate::core::platform::ProxySession,
    crate::core::jwt::JwtClaims,
);

/// A JS value (plain data) as a typed core structure.
pub fn from_js<T: FromJson>(value: &JsValue) -> Option<T> {
    T::read(&to_json_value(value)?)
}

/// Milliseconds since the epoch (`Date.now()`).
pub fn now_ms() -> f64 {
    bindings::date_now()
}

/// A future that resolves `ms` milliseconds after this call (the timer starts right away).
pub fn sleep(ms: u32) -> crate::web::executor::Settled {
    let (promise, resolve, _) = deferred();
    set_timeout(&resolve, ms.min(i32::MAX as u32) as i32);
    crate::web::executor::settled(&promise)
}

/// A new pending promise with its `resolve` and `reject` functions (the one place the SDK
/// makes a promise: `deferred` of src/web/io.js).
#[inline(never)]
pub fn deferred() -> (Promise, Function, Function) {
    let parts = new_deferred();
    (
        parts.get(0).unchecked_into(),
        parts.get(1).unchecked_into(),
        parts.get(2).unchecked_into(),
    )
}

/// A promise that settles with `task`: its value, or its error as the JS `XamanError`.
#[inline(never)]
pub fn promise(task: Task<WebResult<JsValue>>) -> Promise {
    let (promise, resolve, reject) = deferred();
    spawn(Box::pin(Settle {
        task,
        resolve,
        reject,
    }));
    promise
}

/// The task of [`promise`]: runs `task`, then resolves or rejects with what it gave.
struct Settle {
    task: Task<WebResult<JsValue>>,
    resolve: Function,
    reject: Function,
}

impl Future for Settle {
    type Output = ();

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        let result = ready!(self.task.as_mut().poll(cx));
        let _ = match result {
            Ok(value) => self.resolve.call1(&JsValue::UNDEFINED, &value),
            Err(error) => self.reject.call1(&JsValue::UNDEFINED, &to_js_error(&error)),
        };
        Poll::Ready(())
    }
}

/// Drop `value` on a later microtask: for closures that may be running right now (a timer,
/// socket or message handler that is dropped from inside its own call). One boxed type, so the
/// wasm carries one task type for all of them.
pub fn drop_later(value: Box<dyn Droppable>) {
    spawn(Box::pin(async move { drop(value) }));
}

/// Anything [`drop_later`] can hold: a trait without methods, so its vtable is only the drop
/// (`dyn Any` would also keep a `type_id` function that nothing calls).
pub trait Droppable {}

impl<T> Droppable for T {}

/// Call a user callback with one argument; an exception it throws is swallowed (and logged
/// when `debug` is on) so one bad listener cannot break the SDK or the other listeners.
pub fn call_listener(callback: &Function, argument: &JsValue, debug: bool) {
    if let Err(error) = callback.call1(&JsValue::UNDEFINED, argument) {
        debug_log(debug, "listener threw", &error);
    }
}

/// `console.log("[xaman] " + label, value)` when `debug` is on; silent otherwise.
pub fn debug_log(debug: bool, label: &str, value: &JsValue) {
    if debug {
        let mut text = String::from("[xaman] ");
        text.push_str(label);
        console_log(&text, value);
    }
}

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_name = setInterval)]
    fn set_interval(callback: &Function, ms: i32) -> JsValue;
}

/// A pending `setTimeout` (or repeating `setInterval`) that is cleared when dropped. One type
/// for both, so the wasm carries one drop and one start. Its closure takes the (unused)
/// argument every other closure of the SDK takes, so the wasm carries one closure shape.
pub struct Timer {
    id: JsValue,
    callback: Option<Closure<dyn FnMut(JsValue)>>,
}

/// A one-shot [`Timer`] ([`Timer::new`]).
pub type Timeout = Timer;
/// A repeating [`Timer`] ([`Timer::every`]).
pub type Interval = Timer;

impl Timer {
    /// Call `f` once after `ms` milliseconds, unless the returned value is dropped first.
    pub fn new(ms: u32, f: impl FnOnce() + 'static) -> Timer {
        let mut f = Some(f);
        let callback = Closure::<dyn FnMut(JsValue)>::new(move |_: JsValue| {
            if let Some(f) = f.take() {
                f();
            }
        });
        Timer::start(ms, false, callback)
    }

    /// Call `f` every `ms` milliseconds until dropped.
    pub fn every(ms: u32, mut f: impl FnMut() + 'static) -> Timer {
        Timer::start(ms, true, Closure::<dyn FnMut(JsValue)>::new(move |_: JsValue| f()))
    }

    #[inline(never)]
    fn start(ms: u32, repeat: bool, callback: Closure<dyn FnMut(JsValue)>) -> Timer {
        let function: &Function = callback.as_ref().unchecked_ref();
        let ms = ms.min(i32::MAX as u32) as i32;
        let id = if repeat {
            set_interval(function, ms)
        } else {
            set_timeout(function, ms)
        };
        Timer {
            id,
            callback: Some(callback),
        }
    }
}

impl Drop for Timer {
    fn drop(&mut self) {
        // Timeouts and intervals share one list of timers: `clearTimeout` clears both.
        clear_timeout(&self.id);
        if let Some(callback) = self.callback.take() {
            // It may be dropped from inside its own callback: free the closure later.
            drop_later(Box::new(callback));
        }
    }
}
