//! The pieces refusal messages are made of, shared by every rule in `core`: one function per
//! message shape instead of the same pieces put together at each rule (smaller wasm), and the
//! short form of a value that messages quote.

use crate::core::text::text;
use crate::core::JsonValue;
use crate::prelude::*;

/// Short text of a value for messages: strings quoted and cut at 60 chars, others by kind.
pub(crate) fn show(value: &JsonValue) -> String {
    match value {
        JsonValue::String(s) => {
            // Byte offset of the 61st code point, counted on the UTF-8 bytes (no char iteration).
            let mut code_points = 0;
            let cut = s.bytes().position(|b| {
                code_points += usize::from(b & 0xC0 != 0x80);
                code_points > 60
            });
            match cut.and_then(|i| s.get(..i)) {
                Some(head) => joined4("'", head, "…'", ""),
                None => joined4("'", s, "'", ""),
            }
        }
        JsonValue::Number(_) | JsonValue::Bool(_) | JsonValue::Null => value.to_json_string(),
        other => other.kind().to_owned(),
    }
}

/// The four pieces one after the other (`""` for a piece not needed).
pub(crate) fn joined4(first: &str, second: &str, third: &str, fourth: &str) -> String {
    text!(first, second, third, fourth)
}

/// `first` followed by `second` (a path and a field, or a path and what is wrong with it).
pub(crate) fn joined(first: &str, second: &str) -> String {
    text!(first, second)
}

/// `first`, `second`, the value as [`show`] writes it, then `last`: the shape most refusal
/// messages have (one function instead of the same pieces put together at every rule).
pub(crate) fn message_showing(first: &str, second: &str, value: &JsonValue, last: &str) -> String {
    text!(first, second, show(value), last)
}

/// `first`, `second` and the value's JSON kind ("a string", "an object", …).
pub(crate) fn message_with_kind(first: &str, second: &str, value: &JsonValue) -> String {
    joined4(first, second, value.kind(), "")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn show_cuts_strings_after_60_code_points() {
        let sixty = "é".repeat(60);
        assert_eq!(show(&JsonValue::str(sixty.clone())), text!("'", sixty, "'"));
        assert_eq!(show(&JsonValue::str(text!(sixty, "🍻x"))), text!("'", sixty, "…'"));
        let beers = "🍻".repeat(61);
        assert_eq!(show(&JsonValue::str(beers.clone())), text!("'", beers.get(..240).unwrap(), "…'"));
        assert_eq!(show(&JsonValue::str("")), "''");
        assert_eq!(show(&JsonValue::Bool(true)), "true");
        assert_eq!(show(&JsonValue::Array(Vec::new())), "an array");
    }
}
