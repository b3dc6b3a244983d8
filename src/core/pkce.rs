//! OAuth2 authorization code with PKCE (S256) for the Web3 sign-in.

use crate::core::error::Result;
use crate::core::json::JsonValue;

/// A code verifier (43–128 chars base64url) from random bytes (32–96 bytes from
/// `crypto.getRandomValues`). Fewer than 32 bytes → `oauth_failed`.
pub fn verifier_from_random(bytes: &[u8]) -> Result<String> {
    todo!()
}

/// A `state` value from random bytes (16+ bytes), base64url.
pub fn state_from_random(bytes: &[u8]) -> Result<String> {
    todo!()
}

/// `base64url(sha256(verifier))`.
pub fn code_challenge_s256(verifier: &str) -> String {
    todo!()
}

/// `{oauthEndpoint}/auth?response_type=code&client_id=…&state=…&scope=XummPkce&redirect_uri=…
/// &code_challenge=…&code_challenge_method=S256` (values percent-encoded).
pub fn authorize_url(oauth_endpoint: &str, client_id: &str, redirect_uri: &str, state: &str, challenge: &str) -> String {
    todo!()
}

/// Form body of `POST {oauthEndpoint}/token` (`application/x-www-form-urlencoded`).
pub fn token_request_body(code: &str, client_id: &str, redirect_uri: &str, verifier: &str) -> String {
    todo!()
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
    todo!()
}

/// Parse a redirect return query (`location.search`): `code`/`authorization_code`, `error`,
/// `error_description`, `state`. `None` when none of them is there.
pub fn parse_redirect_query(query: &str) -> Option<Callback> {
    todo!()
}

/// Check the callback against the stored state and give the code to exchange.
/// Errors: `oauth_failed` (error callback, missing or mismatching state), `popup_closed`.
pub fn check_callback(callback: &Callback, expected_state: &str) -> Result<String> {
    todo!()
}

/// The query parameters the OAuth2 return adds (removed by [`strip_oauth_params`]).
pub const OAUTH_PARAMS: &[&str] = &["code", "state", "authorization_code", "scope", "error", "error_description", "nonce"];

/// `url` without the OAuth2 return parameters, for `history.replaceState`.
pub fn strip_oauth_params(url: &str) -> String {
    crate::core::url::remove_query_params(url, OAUTH_PARAMS)
}
