//! Error answers: the platform's `{"error":{"reference","code"}}` for the platform and JWT
//! routes, and `{"error","message"}` for the sandbox's own control API.

use axum::http::{HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::json;

/// A platform error. The body is exactly the platform's; the human explanation travels in the
/// `x-sandbox-error` response header (the real platform gives none), to help debugging.
#[derive(Debug, Clone)]
pub struct ApiError {
    pub status: StatusCode,
    pub code: u32,
    pub message: String,
}

impl ApiError {
    pub fn new(status: StatusCode, code: u32, message: impl Into<String>) -> Self {
        Self { status, code, message: message.into() }
    }

    /// 602: the payload body is invalid.
    pub fn invalid_payload(message: impl Into<String>) -> Self {
        Self::new(StatusCode::BAD_REQUEST, 602, message)
    }

    /// 813: missing or wrong API key / secret.
    pub fn bad_credentials(message: impl Into<String>) -> Self {
        Self::new(StatusCode::FORBIDDEN, 813, message)
    }

    /// 813 with 401: missing, malformed, badly signed or expired JWT.
    pub fn bad_jwt(message: impl Into<String>) -> Self {
        Self::new(StatusCode::UNAUTHORIZED, 813, message)
    }

    /// 404: no such payload (or another app's).
    pub fn not_found(message: impl Into<String>) -> Self {
        Self::new(StatusCode::NOT_FOUND, 404, message)
    }

    /// 409: `custom_meta.identifier` already used by this app.
    pub fn duplicate_identifier(identifier: &str) -> Self {
        Self::new(StatusCode::CONFLICT, 409, format!("custom_meta.identifier {identifier:?} is already used"))
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let body = json!({
            "error": { "reference": uuid::Uuid::new_v4().to_string(), "code": self.code }
        });
        let mut response = (self.status, Json(body)).into_response();
        let printable: String = self.message.chars().filter(|c| c.is_ascii() && !c.is_ascii_control()).collect();
        if let Ok(value) = HeaderValue::from_str(&printable) {
            response.headers_mut().insert("x-sandbox-error", value);
        }
        response
    }
}

/// An error of the sandbox control API: `{"error": "<stable code>", "message": "<explanation>"}`.
#[derive(Debug, Clone)]
pub struct ControlError {
    pub status: StatusCode,
    pub code: &'static str,
    pub message: String,
}

impl ControlError {
    pub fn new(status: StatusCode, code: &'static str, message: impl Into<String>) -> Self {
        Self { status, code, message: message.into() }
    }

    pub fn not_found(what: impl Into<String>) -> Self {
        Self::new(StatusCode::NOT_FOUND, "not_found", what)
    }

    pub fn conflict(code: &'static str, message: impl Into<String>) -> Self {
        Self::new(StatusCode::CONFLICT, code, message)
    }

    pub fn bad_request(message: impl Into<String>) -> Self {
        Self::new(StatusCode::BAD_REQUEST, "bad_request", message)
    }
}

impl std::fmt::Display for ControlError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.code, self.message)
    }
}

impl std::error::Error for ControlError {}

impl IntoResponse for ControlError {
    fn into_response(self) -> Response {
        (self.status, Json(json!({ "error": self.code, "message": self.message }))).into_response()
    }
}
