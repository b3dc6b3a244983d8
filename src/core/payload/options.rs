//! Rules for `options` and `custom_meta` (error code `invalid_option`).

use crate::core::text::text;
use super::{joined, joined4, message_showing, message_with_kind};
use super::txjson::check_address;
use crate::core::encoding::js_length;
use crate::core::error::{err, ErrorCode, Result};
use crate::core::json::JsonValue;
use crate::core::url::is_absolute_http_url;
use crate::prelude::*;

/// The payload options the platform knows, as the message about an unknown one ends.
const KNOWN_OPTIONS: &str =
    "; known options: submit, multisign, expire, signers, force_network, return_url, pathfinding, pathfinding_fallback";

/// Limits of `custom_meta`, in JS string length (UTF-16 code units).
pub const MAX_IDENTIFIER: usize = 40;
/// Limit of `custom_meta.blob` as JSON text.
pub const MAX_BLOB_JSON: usize = 1500;
/// Limit of `custom_meta.instruction`.
pub const MAX_INSTRUCTION: usize = 280;

fn invalid<T>(message: String) -> Result<T> {
    err(ErrorCode::InvalidOption, message)
}

pub(super) fn validate_options(options: &JsonValue) -> Result<()> {
    let Some(members) = options.as_object() else {
        return invalid(message_with_kind("options must be an object, got ", "", options));
    };
    for (key, value) in members {
        let path = joined("options.", key);
        if value.is_null() {
            continue;
        }
        match key.as_str() {
            "submit" | "multisign" | "pathfinding" | "pathfinding_fallback" => {
                if value.as_bool().is_none() {
                    return invalid(message_showing(&path, " must be true or false, got ", value, ""));
                }
            }
            "expire" => match value.as_i64() {
                Some(minutes) if minutes >= 1 => {}
                _ => {
                    return invalid(message_showing(
                        &path,
                        ": ",
                        value,
                        " must be whole minutes, 1 or more",
                    ))
                }
            },
            "signers" => {
                let Some(items) = value.as_array() else {
                    return invalid(message_with_kind(&path, " must be an array of r-addresses, got ", value));
                };
                for (i, item) in items.iter().enumerate() {
                    check_address(&text!(path, "[", i, "]"), item, ErrorCode::InvalidOption)?;
                }
            }
            "force_network" => {
                let ok = value.as_str().is_some_and(|s| {
                    s.bytes().next().is_some_and(|b| b.is_ascii_uppercase())
                        && s.bytes().all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'_')
                });
                if !ok {
                    return invalid(message_showing(
                        &path,
                        ": ",
                        value,
                        " must be an upper-case network key like \"MAINNET\"",
                    ));
                }
            }
            "return_url" => validate_return_url(value)?,
            _ => {
                let hint = match key.as_str() {
                    "forceAccount" | "signer" => " (use options.signers: [\"r…\"])",
                    "immutable" => " (no longer supported by the platform)",
                    "expires" | "expiry" | "expire_in" => " (did you mean options.expire, in minutes?)",
                    _ => "",
                };
                return invalid(joined4(&path, " is not a payload option", hint, KNOWN_OPTIONS));
            }
        }
    }
    Ok(())
}

fn validate_return_url(value: &JsonValue) -> Result<()> {
    let Some(members) = value.as_object() else {
        return invalid(message_with_kind("options.return_url must be an object { app?, web? }, got ", "", value));
    };
    for (key, url) in members {
        let path = joined("options.return_url.", key);
        if key != "app" && key != "web" {
            return invalid(joined(&path, " is not allowed: return_url has only `app` and `web`"));
        }
        match url {
            JsonValue::Null => {}
            JsonValue::String(u) if is_absolute_http_url(u) => {}
            other => {
                return invalid(message_showing(
                    &path,
                    ": ",
                    other,
                    " must be an absolute http(s) URL",
                ))
            }
        }
    }
    Ok(())
}

pub(super) fn validate_custom_meta(meta: &JsonValue) -> Result<()> {
    let Some(members) = meta.as_object() else {
        return invalid(message_with_kind(
            "custom_meta must be an object { identifier?, blob?, instruction? }, got ",
            "",
            meta,
        ));
    };
    for (key, value) in members {
        let path = joined("custom_meta.", key);
        if value.is_null() {
            continue;
        }
        match key.as_str() {
            "identifier" | "instruction" | "blob" => {
                // Limits in characters as JavaScript counts them; the blob's as JSON text.
                let (len, max) = match (key.as_str(), value) {
                    ("blob", JsonValue::Object(_) | JsonValue::Array(_)) => (js_length(&value.to_json_string()), MAX_BLOB_JSON),
                    ("blob", _) => return invalid(message_with_kind(&path, " must be an object or array, got ", value)),
                    (_, JsonValue::String(text)) => {
                        let max = if key == "identifier" { MAX_IDENTIFIER } else { MAX_INSTRUCTION };
                        (js_length(text), max)
                    }
                    _ => return invalid(message_with_kind(&path, " must be a string, got ", value)),
                };
                if len == 0 {
                    return invalid(joined(&path, " is empty: leave it out instead"));
                }
                if len > max {
                    return invalid(text!(path, " is ", len, " characters long; the limit is ", max));
                }
            }
            _ => {
                return invalid(joined(&path, " is not allowed: custom_meta has only identifier, blob and instruction"))
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The blob refusal writes its limit out; it must be [`MAX_BLOB_JSON`], and one character
    /// more than that is refused.
    #[test]
    fn the_blob_refusal_names_the_limit_in_force() {
        let data = "x".repeat(MAX_BLOB_JSON - 2);
        let at_limit = JsonValue::object([("blob", JsonValue::Array(vec![JsonValue::str(data.clone())]))]);
        assert!(validate_custom_meta(&at_limit).is_err(), "[\"…\"] is 4 characters more than the data");
        let data = "x".repeat(MAX_BLOB_JSON - 4);
        let at_limit = JsonValue::object([("blob", JsonValue::Array(vec![JsonValue::str(data)]))]);
        assert!(validate_custom_meta(&at_limit).is_ok());
        let data = "x".repeat(MAX_BLOB_JSON - 3);
        let over = JsonValue::object([("blob", JsonValue::Array(vec![JsonValue::str(data)]))]);
        let message = validate_custom_meta(&over).unwrap_err().message;
        assert_eq!(message, text!("custom_meta.blob is ", MAX_BLOB_JSON + 1, " characters long; the limit is ", MAX_BLOB_JSON));
    }
}
