//! OAuth2 authorization code with PKCE (S256) for the Web3 sign-in.

use crate::core::message::joined;
use crate::core::text::{decimal, text};
use crate::core::encoding::{base64url_encode, trim_end_byte};
use crate::core::error::{err, ErrorCode, Result};
use crate::core::url::{encode_component, parse_query};
use crate::core::json::JsonValue;
use crate::prelude::*;

/// A code verifier (43–128 chars base64url) from random bytes (32–96 bytes from
/// `crypto.getRandomValues`). Fewer than 32 bytes → `oauth_failed`.
pub fn verifier_from_random(bytes: &[u8]) -> Result<String> {
    if !(32..=96).contains(&bytes.len()) {
        return err(
            ErrorCode::OauthFailed,
            joined("a PKCE code verifier needs 32 to 96 random bytes, got ", &decimal(bytes.len())),
        );
    }
    Ok(base64url_encode(bytes))
}

/// A `state` value from random bytes (16+ bytes), base64url.
pub fn state_from_random(bytes: &[u8]) -> Result<String> {
    if bytes.len() < 16 {
        return err(ErrorCode::OauthFailed, joined("an OAuth2 state needs 16 or more random bytes, got ", &decimal(bytes.len())));
    }
    Ok(base64url_encode(bytes))
}

/// `base64url(sha256(verifier))`.
pub fn code_challenge_s256(verifier: &str) -> String {
    base64url_encode(&crate::core::sha256::sha256(verifier.as_bytes()))
}

/// `{oauthEndpoint}/auth?response_type=code&client_id=…&state=…&scope=XummPkce&redirect_uri=…
/// &code_challenge=…&code_challenge_method=S256` (values percent-encoded).
pub fn authorize_url(oauth_endpoint: &str, client_id: &str, redirect_uri: &str, state: &str, challenge: &str) -> String {
    text!(
        trim_end_byte(oauth_endpoint, b'/'),
        "/auth?response_type=code&client_id=",
        encode_component(client_id),
        "&state=",
        encode_component(state),
        "&scope=XummPkce&redirect_uri=",
        encode_component(redirect_uri),
        "&code_challenge=",
        encode_component(challenge),
        "&code_challenge_method=S256",
    )
}

/// Form body of `POST {oauthEndpoint}/token` (`application/x-www-form-urlencoded`).
pub fn token_request_body(code: &str, client_id: &str, redirect_uri: &str, verifier: &str) -> String {
    text!(
        "grant_type=authorization_code&code=",
        encode_component(code),
        "&client_id=",
        encode_component(client_id),
        "&redirect_uri=",
        encode_component(redirect_uri),
        "&code_verifier=",
        encode_component(verifier),
    )
}

/// What came back from the OAuth2 server (popup message or redirect query).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Callback {
    /// Success: exchange `code` (after checking `state`).
    Code {
        /// Authorization code.
        code: String,
        /// Echoed state.
        state: Option<String>,
    },
    /// Failure (e.g. `access_denied` when the user rejected the sign-in).
    Error {
        /// OAuth2 error code.
        error: String,
        /// Human description.
        description: Option<String>,
        /// Echoed state.
        state: Option<String>,
    },
    /// The sign page reported its popup closed (`xumm_sign_request_popup_closed`).
    PopupClosed,
}

/// Parse a popup `message` event's data (already `JSON.parse`d):
/// `{"source":"xumm_sign_request_resolved"|"xumm_sign_request_rejected", "options":{…}}`.
/// `None` for unrelated messages.
pub fn parse_popup_message(data: &JsonValue) -> Option<Callback> {
    let text = |v: &JsonValue, key: &str| v.get(key).and_then(JsonValue::as_str).filter(|s| !s.is_empty()).map(str::to_owned);
    let options = data.get("options").unwrap_or(&JsonValue::Null);
    match data.get("source").and_then(JsonValue::as_str)? {
        "xumm_sign_request_resolved" => {
            let state = text(options, "state");
            match text(options, "code").or_else(|| text(options, "authorization_code")) {
                Some(code) => Some(Callback::Code { code, state }),
                None => Some(Callback::Error {
                    error: text(options, "error").unwrap_or_else(|| "invalid_response".to_owned()),
                    description: text(options, "error_description")
                        .or_else(|| Some("the sign-in window answered without an authorization code".to_owned())),
                    state,
                }),
            }
        }
        "xumm_sign_request_rejected" => Some(Callback::Error {
            error: text(options, "error").unwrap_or_else(|| "access_denied".to_owned()),
            description: text(options, "error_description"),
            state: text(options, "state"),
        }),
        "xumm_sign_request_popup_closed" => Some(Callback::PopupClosed),
        _ => None,
    }
}

/// Parse a redirect return query (`location.search`): `code`/`authorization_code`, `error`,
/// `error_description`, `state`. `None` when none of them is there.
pub fn parse_redirect_query(query: &str) -> Option<Callback> {
    let params = parse_query(query);
    let get = |name: &str| params.iter().find(|(k, v)| k == name && !v.is_empty()).map(|(_, v)| v.clone());
    let state = get("state");
    if let Some(error) = get("error") {
        return Some(Callback::Error { error, description: get("error_description"), state });
    }
    let code = get("code").or_else(|| get("authorization_code"))?;
    Some(Callback::Code { code, state })
}

/// Check the callback against the stored state and give the code to exchange.
/// Errors: `oauth_failed` (error callback, missing or mismatching state), `popup_closed`.
pub fn check_callback(callback: &Callback, expected_state: &str) -> Result<String> {
    match callback {
        Callback::Code { code, state } => match state {
            Some(s) if !expected_state.is_empty() && s == expected_state => Ok(code.clone()),
            Some(_) => err(
                ErrorCode::OauthFailed,
                "the sign-in answer's `state` is not this page's (another tab's sign-in, or a forged \
                 redirect): sign in again",
            ),
            None => err(ErrorCode::OauthFailed, "the sign-in answer has no `state`: sign in again"),
        },
        Callback::Error { error, description, .. } => {
            let mut message = if error == "access_denied" {
                "the sign-in was rejected in Xaman".to_owned()
            } else {
                joined("the sign-in failed: ", error)
            };
            if let Some(d) = description {
                message.push_str(" (");
                message.push_str(d);
                message.push(')');
            }
            err(ErrorCode::OauthFailed, message)
        }
        Callback::PopupClosed => err(ErrorCode::PopupClosed, "the sign-in window was closed before the sign-in finished"),
    }
}

/// The query parameters the OAuth2 return adds (removed by [`strip_oauth_params`]).
pub const OAUTH_PARAMS: &[&str] = &["code", "state", "authorization_code", "scope", "error", "error_description", "nonce"];

/// `url` without the OAuth2 return parameters, for `history.replaceState`.
pub fn strip_oauth_params(url: &str) -> String {
    crate::core::url::remove_query_params(url, OAUTH_PARAMS)
}
