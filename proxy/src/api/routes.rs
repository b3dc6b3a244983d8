//! The small routes: `GET /session`, `POST /session/logout`, `GET /config`, and the JSON answers
//! for unknown routes and methods.

use std::sync::Arc;

use axum::extract::State;
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::{json, Value};

use super::error::ApiError;
use super::session;
use super::ApiState;

/// `GET /session` → `{"account", "tokenExpiresAt"}` while the session has a live user token,
/// else `{}`.
pub async fn show(
    State(state): State<Arc<ApiState>>,
    headers: HeaderMap,
) -> Result<Json<Value>, ApiError> {
    let Some(session) = session::existing(&state, &headers).await? else {
        return Ok(Json(json!({})));
    };
    let now = state.clock.now_unix();
    if session.live_token(now).is_none() {
        return Ok(Json(json!({})));
    }
    Ok(Json(json!({
        "account": session.account,
        "tokenExpiresAt": session.token_expires_at,
    })))
}

/// `POST /session/logout`: forgets the session (its token, account and payloads) and deletes the
/// cookie; the next payload starts a new session with a new id. Answers `{}`.
pub async fn logout(
    State(state): State<Arc<ApiState>>,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    if let Some(id) = session::cookie_id(&headers) {
        let key = session::store_key(&id);
        state
            .blocking(move |store| store.delete_session(&key))
            .await?;
    }
    let mut response = Json(json!({})).into_response();
    response.headers_mut().insert(
        header::SET_COOKIE,
        session::set_cookie(&state, None, session::needs_secure(&headers)),
    );
    Ok(response)
}

/// `GET /config` → `{"apiKey", "endpoint", "oauthEndpoint"}`: public values only.
pub async fn config(State(state): State<Arc<ApiState>>) -> Json<Value> {
    Json(json!({
        "apiKey": state.public.api_key,
        "endpoint": state.public.endpoint,
        "oauthEndpoint": state.public.oauth_endpoint,
    }))
}

pub async fn not_found() -> ApiError {
    ApiError::not_found("no such route in the proxy API")
}

pub async fn method_not_allowed() -> ApiError {
    ApiError::new(
        StatusCode::METHOD_NOT_ALLOWED,
        "method_not_allowed",
        "this route does not take that method",
    )
}
