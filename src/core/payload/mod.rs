//! The payload request (`xaman.payload({txjson | txblob, options?, custom_meta?})`) and its
//! validation, done before anything is sent.

use crate::core::text::text;

mod options;
pub mod tx_types;
mod txjson;

use serde::{Deserialize, Deserializer};

use crate::core::encoding::{cut, find_ignoring_case, is_hex};
use crate::core::error::{err, ErrorCode, Result};
use crate::core::json::JsonValue;
use crate::core::message::{joined, joined4, message_showing, message_with_kind};
use crate::prelude::*;

pub(crate) use txjson::check_address;
pub use tx_types::{PSEUDO_TYPES, TRANSACTION_TYPES};

/// What the page passed to `xaman.payload(...)`, kept as JSON so the body sent is exactly
/// what was validated. Deserializing never fails: every problem (not an object, unknown or
/// forbidden top-level keys) is reported by [`validate`] with a clear message.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct PayloadRequest {
    /// `txjson`, if given (null/undefined count as absent).
    pub txjson: Option<JsonValue>,
    /// `txblob`, if given.
    pub txblob: Option<JsonValue>,
    /// `options`, if given.
    pub options: Option<JsonValue>,
    /// `custom_meta`, if given.
    pub custom_meta: Option<JsonValue>,
    /// Any other top-level key (always refused; e.g. `user_token`, `apiSecret`).
    pub other: Vec<(String, JsonValue)>,
    /// Set when the request itself was not an object (its JSON kind, e.g. "a string").
    pub not_an_object: Option<&'static str>,
}

impl PayloadRequest {
    /// Build from a parsed JSON value. Never fails (see [`validate`]).
    pub fn from_json(value: JsonValue) -> PayloadRequest {
        let mut request = PayloadRequest::default();
        let members = match value {
            JsonValue::Object(members) => members,
            other => {
                request.not_an_object = Some(other.kind());
                return request;
            }
        };
        for (key, value) in members {
            let present = if value.is_null() { None } else { Some(value) };
            match key.as_str() {
                "txjson" => request.txjson = present,
                "txblob" => request.txblob = present,
                "options" => request.options = present,
                "custom_meta" => request.custom_meta = present,
                _ => {
                    if let Some(v) = present {
                        request.other.push((key, v));
                    }
                }
            }
        }
        request
    }

    /// The request body to POST (`{"txjson":…,"options":…,"custom_meta":…}`), compact JSON.
    /// Only the four known members are written.
    pub fn to_json_string(&self) -> String {
        let mut members = Vec::new();
        for (key, value) in [
            ("txjson", &self.txjson),
            ("txblob", &self.txblob),
            ("options", &self.options),
            ("custom_meta", &self.custom_meta),
        ] {
            if let Some(v) = value {
                members.push((key.to_owned(), v.clone()));
            }
        }
        JsonValue::Object(members).to_json_string()
    }

    /// The `TransactionType` of `txjson` (None for a `txblob` or when missing).
    pub fn transaction_type(&self) -> Option<&str> {
        self.txjson.as_ref()?.get("TransactionType")?.as_str()
    }
}

impl<'de> Deserialize<'de> for PayloadRequest {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> core::result::Result<Self, D::Error> {
        Ok(PayloadRequest::from_json(JsonValue::deserialize(deserializer)?))
    }
}

/// `true` for key names that carry an API secret or a user token (case, `_` and `-` ignored).
pub(crate) fn is_secret_key(key: &str) -> bool {
    is_one_of(key, "usertoken apisecret secret xapisecret appsecret clientsecret ", true)
}

/// `true` when `key` is one of the lower-case `names` (each followed by a space), ASCII case
/// ignored, and `_` and `-` in `key` too when `skip_separators`. Compared byte by byte: no
/// lower-cased copy of the key.
pub(crate) fn is_one_of(key: &str, names: &str, skip_separators: bool) -> bool {
    let mut rest = names;
    while let (name, Some(next)) = cut(rest, b' ') {
        let mut bytes = key.bytes().filter(|&b| !(skip_separators && (b == b'_' || b == b'-')));
        if name.bytes().all(|n| bytes.next().is_some_and(|b| b.to_ascii_lowercase() == n)) && bytes.next().is_none() {
            return true;
        }
        rest = next;
    }
    false
}

pub(crate) fn secret_error<T>(path: &str) -> Result<T> {
    let what = if find_ignoring_case(path, "token").is_some() {
        "a user_token"
    } else {
        "an API secret"
    };
    err(
        ErrorCode::SecretInBrowser,
        joined4(
            path,
            ": ",
            what,
            " must stay on your backend (the `proxy` adds it); never give it to the browser",
        ),
    )
}

/// Check every payload rule. Codes: `invalid_payload` (txjson/txblob), `invalid_option`
/// (options, custom_meta), `secret_in_browser` (user_token / API secret given).
pub fn validate(request: &PayloadRequest) -> Result<()> {
    if let Some(kind) = request.not_an_object {
        return err(
            ErrorCode::InvalidPayload,
            joined("xaman.payload() takes an object { txjson | txblob, options?, custom_meta? }, got ", kind),
        );
    }
    if let Some((key, _)) = request.other.iter().find(|(k, _)| is_secret_key(k)) {
        return secret_error(key);
    }
    if let Some(v) = &request.options {
        if let Some((key, _)) = v.as_object().unwrap_or(&[]).iter().find(|(k, _)| is_secret_key(k)) {
            return secret_error(&joined("options.", key));
        }
    }
    if let Some((key, _)) = request.other.first() {
        let hint = if key == "TransactionType" {
            " (put the transaction inside txjson)"
        } else {
            ""
        };
        return err(
            ErrorCode::InvalidPayload,
            joined4("'", key, "' is not a payload field: use txjson or txblob, options, custom_meta", hint),
        );
    }
    match (&request.txjson, &request.txblob) {
        (Some(_), Some(_)) => {
            return err(ErrorCode::InvalidPayload, "give either txjson or txblob, not both");
        }
        (None, None) => {
            return err(
                ErrorCode::InvalidPayload,
                "a payload needs txjson or a hex txblob",
            );
        }
        (Some(tx), None) => txjson::validate_txjson(tx)?,
        (None, Some(blob)) => validate_txblob(blob)?,
    }
    if let Some(o) = &request.options {
        options::validate_options(o)?;
    }
    if let Some(m) = &request.custom_meta {
        options::validate_custom_meta(m)?;
    }
    Ok(())
}

fn validate_txblob(blob: &JsonValue) -> Result<()> {
    let Some(text) = blob.as_str() else {
        return err(ErrorCode::InvalidPayload, message_with_kind("txblob must be a hex string, got ", "", blob));
    };
    if text.is_empty() {
        return err(ErrorCode::InvalidPayload, "txblob is empty");
    }
    if !is_hex(text) {
        return err(ErrorCode::InvalidPayload, "txblob must contain only hex digits");
    }
    if text.len() % 2 != 0 {
        return err(ErrorCode::InvalidPayload, text!("txblob has an odd number of hex digits (", text.len(), ")"));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The byte-by-byte comparison agrees with lower-casing (and removing `_`/`-`) first.
    #[test]
    fn secret_and_seed_keys_match_the_normalized_names() {
        fn by_copy(key: &str, names: &[&str], skip: bool) -> bool {
            let k: String =
                key.chars().filter(|c| !(skip && (*c == '_' || *c == '-'))).map(|c| c.to_ascii_lowercase()).collect();
            names.contains(&k.as_str())
        }
        let secrets = ["usertoken", "apisecret", "secret", "xapisecret", "appsecret", "clientsecret"];
        let seeds = ["seed", "masterseed", "master_seed", "privatekey", "private_key", "mnemonic", "passphrase"];
        let mut keys: Vec<String> = Vec::new();
        for name in secrets.iter().chain(&seeds) {
            keys.push(name.to_string());
            keys.push(name.to_uppercase());
            keys.push(format!("_{name}-"));
            keys.push(format!("{name}s"));
            keys.push(name[1..].to_string());
            keys.push(name.replace('_', "-"));
            keys.push(name.replace('_', ""));
        }
        keys.extend(["user_token", "USER-TOKEN", "api_secret", "apiSecret", "x-api-secret", "", "_", "token", "user_tokens", "Master_Seed", "private-key"].map(String::from));
        for key in &keys {
            assert_eq!(is_secret_key(key), by_copy(key, &secrets, true), "{key}");
            assert_eq!(txjson::is_seed_key(key), by_copy(key, &seeds, false), "{key}");
        }
    }
}
