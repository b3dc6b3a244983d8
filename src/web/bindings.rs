//! The few JavaScript built-ins the SDK calls, declared here instead of taken from `js-sys` and
//! `web-sys`: linking `js-sys` exports its JSPI task hook, which keeps its waker (and a panic
//! message with its formatting code) in the wasm even though nothing calls it.
//!
//! Every declaration is the JS built-in of the same name; nothing here adds behaviour.

use wasm_bindgen::prelude::*;

use crate::prelude::*;

#[wasm_bindgen]
extern "C" {
    /// A JS function (`typeof value == "function"`).
    #[wasm_bindgen(is_type_of = JsValue::is_function)]
    #[derive(Clone, Debug)]
    pub type Function;

    /// `function.call(this, a)`: what it returns, or what it threw.
    #[wasm_bindgen(method, catch, js_name = call)]
    pub fn call1(this: &Function, context: &JsValue, a: &JsValue) -> Result<JsValue, JsValue>;

    /// `function.call(this, a, b, c)`: what it returns, or what it threw.
    #[wasm_bindgen(method, catch, js_name = call)]
    pub fn call3(
        this: &Function,
        context: &JsValue,
        a: &JsValue,
        b: &JsValue,
        c: &JsValue,
    ) -> Result<JsValue, JsValue>;

    /// A JS `Promise`.
    #[derive(Clone, Debug)]
    pub type Promise;

    /// `Promise.resolve(value)`.
    #[wasm_bindgen(static_method_of = Promise)]
    pub fn resolve(value: &JsValue) -> Promise;

    /// `Promise.reject(reason)`.
    #[wasm_bindgen(static_method_of = Promise)]
    pub fn reject(reason: &JsValue) -> Promise;

    /// A JS array (`Array.isArray(value)`).
    #[wasm_bindgen(is_type_of = Array::is_array)]
    pub type Array;

    /// `[]`.
    #[wasm_bindgen(constructor)]
    pub fn new() -> Array;

    /// `Array.isArray(value)`.
    #[wasm_bindgen(static_method_of = Array, js_name = isArray)]
    pub fn is_array(value: &JsValue) -> bool;

    /// `array.length`.
    #[wasm_bindgen(method, getter)]
    pub fn length(this: &Array) -> u32;

    /// `array[index]`.
    #[wasm_bindgen(method, indexing_getter)]
    pub fn get(this: &Array, index: u32) -> JsValue;

    /// `array.push(value)`.
    #[wasm_bindgen(method)]
    pub fn push(this: &Array, value: &JsValue) -> u32;

    /// The JS `Object` constructor's functions.
    pub type Object;

    /// `{}`.
    #[wasm_bindgen(constructor)]
    pub fn new() -> Object;

    /// `Object.keys(object)`: its own enumerable string keys.
    #[wasm_bindgen(static_method_of = Object)]
    pub fn keys(object: &JsValue) -> Array;

    /// `Object.is(a, b)`: the same value.
    #[wasm_bindgen(static_method_of = Object)]
    pub fn is(a: &JsValue, b: &JsValue) -> bool;

    /// `Reflect`: property access that works on any object.
    pub type Reflect;

    /// `Reflect.get(target, key)`: the value, or what a getter threw.
    #[wasm_bindgen(static_method_of = Reflect, catch)]
    pub fn get(target: &JsValue, key: &str) -> Result<JsValue, JsValue>;

    /// `Reflect.set(target, key, value)`; throws when `target` is not an object.
    #[wasm_bindgen(static_method_of = Reflect, catch)]
    pub fn set(target: &JsValue, key: &str, value: &JsValue) -> Result<bool, JsValue>;

    /// `JSON.parse(text)`, or the `SyntaxError` it threw.
    #[wasm_bindgen(catch, js_namespace = JSON, js_name = parse)]
    pub fn json_parse(text: &str) -> Result<JsValue, JsValue>;

    /// `String(n)`: a finite number written the way `JSON.stringify` writes it (core writes
    /// NaN and ±Infinity as `null` itself).
    #[wasm_bindgen(js_name = String)]
    pub fn number_to_string(n: f64) -> String;

    /// `Date.now()`: milliseconds since the epoch.
    #[wasm_bindgen(js_namespace = Date, js_name = now)]
    pub fn date_now() -> f64;

    /// A browser window (the page's own, or a popup's).
    #[derive(Clone)]
    pub type Window;

    /// `window.crypto`.
    pub type Crypto;

    /// `crypto.getRandomValues(bytes)`: fills `bytes` with random values.
    #[wasm_bindgen(method, catch, js_name = getRandomValues)]
    pub fn get_random_values(this: &Crypto, bytes: &mut [u8]) -> Result<JsValue, JsValue>;
}
