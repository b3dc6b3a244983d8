//! A small JSON value for the untyped parts of the wire format (`txjson`, `custom_meta.blob`,
//! `request_json`, websocket messages, bridge events) with its own compact serializer, so the
//! wasm does not carry `serde_json`. The web layer builds it from a `JSON.parse`d JS value;
//! native tests build it with `serde_json`. Numbers other than small integers are written by a
//! writer the web layer injects ([`set_number_writer`]), so the wasm carries no float formatting.

use crate::core::message::joined4;
use crate::prelude::*;
use core::fmt;

use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde::ser::{Serialize, SerializeMap, SerializeSeq, Serializer};

/// Any JSON value. Objects keep their key order (first occurrence wins on lookup).
#[derive(Debug, PartialEq, Default)]
pub enum JsonValue {
    /// `null` (JS `undefined` also reads as `Null`).
    #[default]
    Null,
    /// `true` / `false`.
    Bool(bool),
    /// Any number (JS numbers are doubles).
    Number(f64),
    /// A string.
    String(String),
    /// An array.
    Array(Vec<JsonValue>),
    /// An object, as ordered key/value pairs.
    Object(Vec<(String, JsonValue)>),
}

impl JsonValue {
    /// The member `key` of an object (`None` for other values or a missing key).
    pub fn get(&self, key: &str) -> Option<&JsonValue> {
        match self {
            JsonValue::Object(members) => members.iter().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }

    /// The string inside, if this is a string.
    pub fn as_str(&self) -> Option<&str> {
        match self {
            JsonValue::String(s) => Some(s),
            _ => None,
        }
    }

    /// The boolean inside, if this is a boolean.
    pub fn as_bool(&self) -> Option<bool> {
        match self {
            JsonValue::Bool(b) => Some(*b),
            _ => None,
        }
    }

    /// The number inside, if this is a number.
    pub fn as_f64(&self) -> Option<f64> {
        match self {
            JsonValue::Number(n) => Some(*n),
            _ => None,
        }
    }

    /// The number inside as an integer, if it is a whole number within ±2^53.
    pub fn as_i64(&self) -> Option<i64> {
        match self {
            JsonValue::Number(n) if (-9_007_199_254_740_992.0..=9_007_199_254_740_992.0).contains(n) && is_whole(*n) => Some(*n as i64),
            _ => None,
        }
    }

    /// The members, if this is an object.
    pub fn as_object(&self) -> Option<&[(String, JsonValue)]> {
        match self {
            JsonValue::Object(m) => Some(m),
            _ => None,
        }
    }

    /// The items, if this is an array.
    pub fn as_array(&self) -> Option<&[JsonValue]> {
        match self {
            JsonValue::Array(a) => Some(a),
            _ => None,
        }
    }

    /// `true` for `null`.
    pub fn is_null(&self) -> bool {
        matches!(self, JsonValue::Null)
    }

    /// A short name of the JSON type, for error messages ("a string", "an object", ...).
    pub fn kind(&self) -> &'static str {
        match self {
            JsonValue::Null => "null",
            JsonValue::Bool(_) => "a boolean",
            JsonValue::Number(_) => "a number",
            JsonValue::String(_) => "a string",
            JsonValue::Array(_) => "an array",
            JsonValue::Object(_) => "an object",
        }
    }

    /// Convenience constructor for a string value.
    pub fn str(s: impl Into<String>) -> JsonValue {
        JsonValue::String(s.into())
    }

    /// Convenience constructor for an object from `(key, value)` pairs.
    pub fn object<K: Into<String>>(pairs: impl IntoIterator<Item = (K, JsonValue)>) -> JsonValue {
        // A plain loop: smaller in the wasm than `collect` of a mapped array iterator.
        let mut members = Vec::new();
        for (k, v) in pairs {
            members.push((k.into(), v));
        }
        JsonValue::Object(members)
    }

    /// Compact JSON text, as `JSON.stringify(value)` would write it (same escapes for
    /// control characters, `"`, `\`; other characters are written as they are).
    pub fn to_json_string(&self) -> String {
        let mut out = String::new();
        self.write_json(&mut out);
        out
    }

    /// Append the compact JSON text of this value to `out`.
    pub fn write_json(&self, out: &mut String) {
        match self {
            JsonValue::Null => out.push_str("null"),
            JsonValue::Bool(true) => out.push_str("true"),
            JsonValue::Bool(false) => out.push_str("false"),
            JsonValue::Number(n) => write_number(*n, out),
            JsonValue::String(s) => write_json_string(s, out),
            JsonValue::Array(items) => {
                out.push('[');
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    item.write_json(out);
                }
                out.push(']');
            }
            JsonValue::Object(members) => {
                out.push('{');
                for (i, (k, v)) in members.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    write_json_string(k, out);
                    out.push(':');
                    v.write_json(out);
                }
                out.push('}');
            }
        }
    }
}

/// Cloned with plain loops: smaller in the wasm than the derived `Vec` clones.
impl Clone for JsonValue {
    fn clone(&self) -> Self {
        match self {
            JsonValue::Null => JsonValue::Null,
            JsonValue::Bool(b) => JsonValue::Bool(*b),
            JsonValue::Number(n) => JsonValue::Number(*n),
            JsonValue::String(s) => JsonValue::String(s.clone()),
            JsonValue::Array(items) => {
                let mut out = Vec::with_capacity(items.len());
                for item in items {
                    out.push(item.clone());
                }
                JsonValue::Array(out)
            }
            JsonValue::Object(members) => {
                let mut out = Vec::with_capacity(members.len());
                for (k, v) in members {
                    out.push((k.clone(), v.clone()));
                }
                JsonValue::Object(out)
            }
        }
    }
}

impl From<&str> for JsonValue {
    fn from(s: &str) -> Self {
        JsonValue::String(s.to_owned())
    }
}

impl From<String> for JsonValue {
    fn from(s: String) -> Self {
        JsonValue::String(s)
    }
}

impl From<bool> for JsonValue {
    fn from(b: bool) -> Self {
        JsonValue::Bool(b)
    }
}

impl From<f64> for JsonValue {
    fn from(n: f64) -> Self {
        JsonValue::Number(n)
    }
}

impl From<i64> for JsonValue {
    fn from(n: i64) -> Self {
        JsonValue::Number(n as f64)
    }
}

impl<T: Into<JsonValue>> From<Option<T>> for JsonValue {
    fn from(v: Option<T>) -> Self {
        v.map_or(JsonValue::Null, Into::into)
    }
}

/// Write `s` as a JSON string literal (quotes included), escaping like `JSON.stringify`.
pub fn write_json_string(s: &str, out: &mut String) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    out.push('"');
    // Bytes, not chars: only ASCII is escaped, and the runs between escapes are copied whole.
    let mut start = 0;
    for (i, &b) in s.as_bytes().iter().enumerate() {
        let escape = match b {
            b'"' => "\\\"",
            b'\\' => "\\\\",
            b'\n' => "\\n",
            b'\r' => "\\r",
            b'\t' => "\\t",
            0x08 => "\\b",
            0x0c => "\\f",
            0..=0x1f => "\\u00",
            _ => continue,
        };
        out.push_str(s.get(start..i).unwrap_or_default());
        out.push_str(escape);
        if escape.len() > 2 {
            out.push(char::from(b'0' + (b >> 4)));
            out.push(char::from(HEX[usize::from(b & 15)]));
        }
        start = i + 1;
    }
    out.push_str(s.get(start..).unwrap_or_default());
    out.push('"');
}

/// `n` has no fractional part; for `|n| <= 2^53` (checked first by the callers) this is
/// `n.fract() == 0.0` without `f64::fract`, which needs std.
fn is_whole(n: f64) -> bool {
    (n as i64) as f64 == n
}

/// How a number that is not a small integer is written: `fn(n, out)` appends the JS text of
/// the finite number `n` (`String(n)`) to `out`.
pub type NumberWriter = fn(f64, &mut String);

#[cfg(not(target_arch = "wasm32"))]
std::thread_local! {
    /// The injected writer (one per thread).
    static NUMBER_WRITER: core::cell::Cell<Option<NumberWriter>> = const { core::cell::Cell::new(None) };
}

/// The injected writer of the wasm build, which runs on one thread (and may be `no_std`, so
/// without `thread_local!`).
#[cfg(target_arch = "wasm32")]
struct WriterSlot(core::cell::Cell<Option<NumberWriter>>);

// wasm32-unknown-unknown without the atomics feature has one thread: nothing shares the slot.
#[cfg(target_arch = "wasm32")]
unsafe impl Sync for WriterSlot {}

#[cfg(target_arch = "wasm32")]
static NUMBER_WRITER: WriterSlot = WriterSlot(core::cell::Cell::new(None));

/// Set how non-integer numbers (and integers beyond ±2^53) are written as JSON. The web layer
/// sets JS `String(n)` (what `JSON.stringify` writes for a finite number) before any JSON is
/// written, so the wasm does not carry Rust's float formatting. Native code may leave it unset:
/// then Rust formatting shaped like JS is used. The setting holds for the calling thread.
pub fn set_number_writer(writer: NumberWriter) {
    #[cfg(not(target_arch = "wasm32"))]
    NUMBER_WRITER.with(|cell| cell.set(Some(writer)));
    #[cfg(target_arch = "wasm32")]
    NUMBER_WRITER.0.set(Some(writer));
}

fn number_writer() -> Option<NumberWriter> {
    #[cfg(not(target_arch = "wasm32"))]
    return NUMBER_WRITER.with(core::cell::Cell::get);
    #[cfg(target_arch = "wasm32")]
    return NUMBER_WRITER.0.get();
}

/// Numbers as `JSON.stringify` writes them: NaN/±Infinity as `null`; whole numbers below 2^53
/// (and -0) as integer digits; anything else through the writer of [`set_number_writer`], or
/// without one [`write_float_fallback`].
pub fn write_number(n: f64, out: &mut String) {
    if !n.is_finite() {
        out.push_str("null");
    } else if n.abs() < 9_007_199_254_740_992.0 && is_whole(n) {
        let n = n as i64;
        crate::core::text::push_decimal(n < 0, n.unsigned_abs(), out);
    } else if let Some(writer) = number_writer() {
        writer(n, out);
    } else {
        write_float_fallback(n, out);
    }
}

/// Native, no writer set: Rust's shortest round-trip digits shaped like JS `String(n)`: plain
/// notation for 1e-7 < |n| < 1e21, exponent notation (`1e+21`, `1.5e-7`) outside.
#[cfg(not(target_arch = "wasm32"))]
fn write_float_fallback(n: f64, out: &mut String) {
    use core::fmt::Write;
    if !(1e-6..1e21).contains(&n.abs()) {
        let text = format!("{n:e}");
        match text.split_once('e') {
            Some((mantissa, exp)) if !exp.starts_with('-') => {
                let _ = write!(out, "{mantissa}e+{exp}");
            }
            _ => out.push_str(&text),
        }
    } else {
        let _ = write!(out, "{n}");
    }
}

/// wasm32, no writer set (the web layer sets one in `Xaman.connect`, so this is not reached):
/// `null`, never a different number. Rust's float formatting is deliberately not linked here.
#[cfg(target_arch = "wasm32")]
fn write_float_fallback(_n: f64, out: &mut String) {
    out.push_str("null");
}

impl<'de> Deserialize<'de> for JsonValue {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(JsonValueVisitor)
    }
}

struct JsonValueVisitor;

impl<'de> Visitor<'de> for JsonValueVisitor {
    type Value = JsonValue;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_bool<E: de::Error>(self, v: bool) -> Result<JsonValue, E> {
        Ok(JsonValue::Bool(v))
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<JsonValue, E> {
        Ok(JsonValue::Number(v as f64))
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<JsonValue, E> {
        Ok(JsonValue::Number(v as f64))
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<JsonValue, E> {
        Ok(JsonValue::Number(v))
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<JsonValue, E> {
        Ok(JsonValue::String(v.to_owned()))
    }
    fn visit_string<E: de::Error>(self, v: String) -> Result<JsonValue, E> {
        Ok(JsonValue::String(v))
    }
    fn visit_unit<E: de::Error>(self) -> Result<JsonValue, E> {
        Ok(JsonValue::Null)
    }
    fn visit_none<E: de::Error>(self) -> Result<JsonValue, E> {
        Ok(JsonValue::Null)
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<JsonValue, D::Error> {
        JsonValue::deserialize(d)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<JsonValue, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element::<JsonValue>()? {
            items.push(item);
        }
        Ok(JsonValue::Array(items))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<JsonValue, A::Error> {
        let mut members = Vec::new();
        while let Some((k, v)) = map.next_entry::<String, JsonValue>()? {
            members.push((k, v));
        }
        Ok(JsonValue::Object(members))
    }
}

/// Serializes as the natural JSON shape. Note for serde-wasm-bindgen: use a serializer with
/// `serialize_maps_as_objects(true)` so objects become plain JS objects, not `Map`s.
impl Serialize for JsonValue {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            JsonValue::Null => serializer.serialize_unit(),
            JsonValue::Bool(b) => serializer.serialize_bool(*b),
            JsonValue::Number(n) => match self.as_i64() {
                Some(i) => serializer.serialize_i64(i),
                None => serializer.serialize_f64(*n),
            },
            JsonValue::String(s) => serializer.serialize_str(s),
            JsonValue::Array(items) => {
                let mut seq = serializer.serialize_seq(Some(items.len()))?;
                for item in items {
                    seq.serialize_element(item)?;
                }
                seq.end()
            }
            JsonValue::Object(members) => {
                let mut map = serializer.serialize_map(Some(members.len()))?;
                for (k, v) in members {
                    map.serialize_entry(k, v)?;
                }
                map.end()
            }
        }
    }
}

/// Typed reads of object members for the hand-written `from_json` readers: a member of the
/// wrong type reads as absent (optional fields are lenient, required ones say what is wrong).
impl JsonValue {
    /// Member `key` as an owned string (absent, null or not a string → `None`).
    pub fn str_at(&self, key: &str) -> Option<String> {
        self.get(key).and_then(JsonValue::as_str).map(str::to_owned)
    }

    /// Member `key` as a boolean.
    pub fn bool_at(&self, key: &str) -> Option<bool> {
        self.get(key).and_then(JsonValue::as_bool)
    }

    /// Member `key` as a whole number.
    pub fn i64_at(&self, key: &str) -> Option<i64> {
        self.get(key).and_then(JsonValue::as_i64)
    }

    /// Member `key` cloned (`Null` when absent).
    pub fn value_at(&self, key: &str) -> JsonValue {
        self.get(key).cloned().unwrap_or(JsonValue::Null)
    }

    /// Member `key`, required to be a string: `Err` names `what.key`.
    pub fn required_str(&self, key: &str, what: &str) -> Result<String, String> {
        self.str_at(key).ok_or_else(|| joined4(what, ".", key, " is missing or not a string"))
    }

    /// Member `key`, required to be an object: `Err` names `what.key`.
    pub fn required_object(&self, key: &str, what: &str) -> Result<&JsonValue, String> {
        self.get(key).filter(|v| v.as_object().is_some()).ok_or_else(|| joined4(what, ".", key, " is missing or not an object"))
    }
}

/// `Deserialize` through [`JsonValue`] and the type's `from_json(&JsonValue) -> Result<Self, String>`:
/// one small generic path in the wasm instead of a derived visitor per struct.
macro_rules! deserialize_via_json {
    ($($t:ty),* $(,)?) => {$(
        impl<'de> serde::Deserialize<'de> for $t {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> ::core::result::Result<Self, D::Error> {
                let value = <$crate::core::json::JsonValue as serde::Deserialize>::deserialize(deserializer)?;
                <$t>::from_json(&value).map_err(serde::de::Error::custom)
            }
        }
    )*};
}
pub(crate) use deserialize_via_json;
