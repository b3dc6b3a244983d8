//! Error bodies of the platform, the proxy and the OAuth2 server → [`XamanError`].

use crate::core::error::XamanError;
use crate::core::json::JsonValue;

/// Turn an error answer (any non-2xx, or a 2xx with an `error` member) into a `platform`
/// error. `what` names the call for the message (e.g. "creating the payload"); `body` is the
/// parsed JSON body if it was JSON.
pub fn platform_error(what: &str, status: u16, body: Option<&JsonValue>) -> XamanError {
    todo!()
}

/// `true` when a 2xx body is in fact an error body (`{"error": …}`).
pub fn is_error_body(body: &JsonValue) -> bool {
    todo!()
}

/// Turn an OAuth2 error answer (`{"error":"invalid_grant","error_description":"…"}`, or an
/// HTML page) into an `oauth_failed` error.
pub fn oauth_error(what: &str, status: u16, body: Option<&JsonValue>) -> XamanError {
    todo!()
}
