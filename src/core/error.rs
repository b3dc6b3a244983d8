//! Errors: every failure the SDK reports is a [`XamanError`] with a stable `code` string.

use crate::prelude::*;
use core::fmt;

/// The stable error codes of the SDK. In JS they are the `code` property of the thrown
/// `XamanError` (`Error` with `name: "XamanError"`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ErrorCode {
    /// `Xaman.connect` options are wrong (bad apiKey, endpoint, proxy, storage, unknown key).
    InvalidConfig,
    /// The transaction part of a payload (`txjson` / `txblob`) is wrong.
    InvalidPayload,
    /// `options` or `custom_meta` of a payload (or arguments of an xApp command) are wrong.
    InvalidOption,
    /// An API secret or a `user_token` was given to the browser SDK.
    SecretInBrowser,
    /// A payload was requested in the web3 context before `signIn()`.
    NotSignedIn,
    /// Neither `apiKey` nor `proxy` was configured outside an xApp.
    NoRoute,
    /// The network failed (fetch rejected, websocket could not reconnect).
    Network,
    /// A request took too long.
    Timeout,
    /// The Xaman platform (or the proxy) answered with an error.
    Platform,
    /// An xApp bridge command was used with no Xaman host around.
    BridgeUnavailable,
    /// The OAuth2 sign-in failed (rejected, state mismatch, token exchange refused).
    OauthFailed,
    /// The sign-in popup was closed before the sign-in finished.
    PopupClosed,
    /// Browser storage is unavailable or failed.
    Storage,
}

impl ErrorCode {
    /// The stable string seen by JS, e.g. `"invalid_payload"`.
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorCode::InvalidConfig => "invalid_config",
            ErrorCode::InvalidPayload => "invalid_payload",
            ErrorCode::InvalidOption => "invalid_option",
            ErrorCode::SecretInBrowser => "secret_in_browser",
            ErrorCode::NotSignedIn => "not_signed_in",
            ErrorCode::NoRoute => "no_route",
            ErrorCode::Network => "network",
            ErrorCode::Timeout => "timeout",
            ErrorCode::Platform => "platform",
            ErrorCode::BridgeUnavailable => "bridge_unavailable",
            ErrorCode::OauthFailed => "oauth_failed",
            ErrorCode::PopupClosed => "popup_closed",
            ErrorCode::Storage => "storage",
        }
    }

    /// Every code, in declaration order (for tests and the TypeScript union).
    pub const ALL: [ErrorCode; 13] = [
        ErrorCode::InvalidConfig,
        ErrorCode::InvalidPayload,
        ErrorCode::InvalidOption,
        ErrorCode::SecretInBrowser,
        ErrorCode::NotSignedIn,
        ErrorCode::NoRoute,
        ErrorCode::Network,
        ErrorCode::Timeout,
        ErrorCode::Platform,
        ErrorCode::BridgeUnavailable,
        ErrorCode::OauthFailed,
        ErrorCode::PopupClosed,
        ErrorCode::Storage,
    ];
}

impl fmt::Display for ErrorCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// An SDK error. In JS: `Error` with `name: "XamanError"`, `code`, `message`, and where known
/// `status` (HTTP status), `reference` (platform reference id to quote to Xaman support),
/// `platformCode` (the platform's numeric error code) and `proxyCode` (the proxy's string code).
#[derive(Clone, Debug, PartialEq)]
pub struct XamanError {
    /// Stable code.
    pub code: ErrorCode,
    /// What is wrong and how to fix it.
    pub message: String,
    /// HTTP status of the answer that failed, if any.
    pub status: Option<u16>,
    /// The platform's `reference` id, if it gave one.
    pub reference: Option<String>,
    /// The platform's numeric `code` (e.g. 602, 813), if it gave one.
    pub platform_code: Option<i64>,
    /// The proxy's string `code` (e.g. "policy", "origin", "rate_limited") when the proxy itself
    /// refused with `{"error":{"code":"<string>","message":"…"}}`. JS: `proxyCode`.
    pub proxy_code: Option<String>,
}

impl XamanError {
    /// An error with a code and a message, no HTTP details.
    pub fn new(code: ErrorCode, message: impl Into<String>) -> Self {
        XamanError::of(code, message.into())
    }

    /// [`XamanError::new`] once for every message type (one copy in the wasm, not one per caller).
    #[inline(never)]
    fn of(code: ErrorCode, message: String) -> Self {
        XamanError { code, message, status: None, reference: None, platform_code: None, proxy_code: None }
    }
}

impl fmt::Display for XamanError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.code.as_str(), self.message)
    }
}

#[cfg(not(all(target_arch = "wasm32", not(feature = "std"))))]
impl std::error::Error for XamanError {}

/// Result type of every fallible core function.
pub type Result<T> = core::result::Result<T, XamanError>;

/// Shorthand constructors used inside core.
pub(crate) fn err<T>(code: ErrorCode, message: impl Into<String>) -> Result<T> {
    Err(XamanError::new(code, message))
}
