//! The origin a caller used to reach the sandbox, from the request's `Host` header, so the URLs
//! the sandbox hands out (`next.always`, `refs.websocket_status`, …) point back at it.

use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use std::convert::Infallible;

/// `http://<Host>` of the current request (`http://127.0.0.1` when the header is missing).
#[derive(Clone, Debug)]
pub struct RequestOrigin(pub String);

impl<S: Send + Sync> FromRequestParts<S> for RequestOrigin {
    type Rejection = Infallible;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        let host = parts
            .headers
            .get(axum::http::header::HOST)
            .and_then(|h| h.to_str().ok())
            .filter(|h| !h.is_empty() && h.chars().all(|c| c.is_ascii_alphanumeric() || ".-:[]".contains(c)))
            .map(str::to_string)
            .or_else(|| parts.uri.authority().map(|a| a.to_string()))
            .unwrap_or_else(|| "127.0.0.1".to_string());
        Ok(RequestOrigin(format!("http://{host}")))
    }
}
