//! The one error body every proxy refusal uses:
//! `{"error": {"code": "<stable string>", "message": "<for humans>"}}`.
//!
//! Codes: `invalid_request` (400), `webhook_signature` (401), `webhook_timestamp` (401),
//! `origin` (403), `policy` (403), `not_found` (404), `method_not_allowed` (405),
//! `payload_too_large` (413), `rate_limited` (429, with `Retry-After`), `internal` (500),
//! `upstream` (502). The platform's own errors (`{"error": {"reference", "code": <number>}}`) are
//! passed through unchanged with the platform's status, so a numeric `code` means the platform
//! refused and a string `code` means the proxy did.

use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::json;

use crate::store::StoreError;
use crate::upstream::UpstreamError;

/// A refusal by the proxy, rendered as the JSON error body.
#[derive(Debug)]
pub struct ApiError {
    pub status: StatusCode,
    pub code: &'static str,
    pub message: String,
    pub retry_after: Option<u64>,
}

impl ApiError {
    pub fn new(status: StatusCode, code: &'static str, message: impl Into<String>) -> Self {
        Self {
            status,
            code,
            message: message.into(),
            retry_after: None,
        }
    }

    pub fn invalid_request(message: impl Into<String>) -> Self {
        Self::new(StatusCode::BAD_REQUEST, "invalid_request", message)
    }

    pub fn not_found(message: impl Into<String>) -> Self {
        Self::new(StatusCode::NOT_FOUND, "not_found", message)
    }

    pub fn policy(message: impl Into<String>) -> Self {
        Self::new(StatusCode::FORBIDDEN, "policy", message)
    }

    pub fn origin(message: impl Into<String>) -> Self {
        Self::new(StatusCode::FORBIDDEN, "origin", message)
    }

    pub fn too_large(limit: usize) -> Self {
        Self::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            "payload_too_large",
            format!("the request body is larger than the proxy's limit of {limit} bytes"),
        )
    }

    pub fn rate_limited(retry_after: u64, scope: &str) -> Self {
        Self {
            status: StatusCode::TOO_MANY_REQUESTS,
            code: "rate_limited",
            message: format!("too many requests from this {scope}; retry after {retry_after} s"),
            retry_after: Some(retry_after),
        }
    }
}

impl From<StoreError> for ApiError {
    fn from(e: StoreError) -> Self {
        Self::new(StatusCode::INTERNAL_SERVER_ERROR, "internal", e.to_string())
    }
}

impl From<UpstreamError> for ApiError {
    fn from(e: UpstreamError) -> Self {
        Self::new(StatusCode::BAD_GATEWAY, "upstream", e.0)
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        if self.status.is_server_error() {
            // Operators need these; refusals of bad requests (4xx) are the caller's business.
            eprintln!(
                "xaman-proxy: {} {}: {}",
                self.status.as_u16(),
                self.code,
                self.message
            );
        }
        let mut response = (
            self.status,
            Json(json!({ "error": { "code": self.code, "message": self.message } })),
        )
            .into_response();
        if let Some(seconds) = self.retry_after {
            if let Ok(value) = HeaderValue::from_str(&seconds.to_string()) {
                response.headers_mut().insert(header::RETRY_AFTER, value);
            }
        }
        response
    }
}
