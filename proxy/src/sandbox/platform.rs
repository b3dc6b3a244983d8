//! `/api/v1/platform/…`: the backend API, authenticated with `X-API-Key` + `X-API-Secret`.
//! No CORS here, as on the real platform: browsers cannot call it.

use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::HeaderMap;
use axum::routing::{get, post};
use axum::{Json, Router};
use serde_json::{json, Value};
use subtle::ConstantTimeEq;

use super::errors::ApiError;
use super::lifecycle::PushTarget;
use super::origin::RequestOrigin;
use super::payload::CreateRequest;
use super::payload_routes::{api_router, json_body, PayloadAuth};
use super::Sandbox;

pub(crate) fn routes(sandbox: &Sandbox) -> Router<Sandbox> {
    let routes = Router::new()
        .route("/ping", get(ping))
        .route("/payload/ci/{identifier}", get(fetch_by_identifier))
        .route("/user-tokens", post(verify_tokens))
        .route("/user-token/{token}", get(verify_token))
        .route("/xapp/ott/{ott}", get(ott_data));
    api_router::<ApiCredentials>(sandbox, routes)
}

/// A backend that sent the app's API key and secret.
struct ApiCredentials;

impl PayloadAuth for ApiCredentials {
    fn authenticate(sandbox: &Sandbox, headers: &HeaderMap) -> Result<Self, ApiError> {
        check_credentials(sandbox, headers).map(|()| ApiCredentials)
    }

    /// Pushed to the body's `user_token`, if any.
    fn push_target(self, request: &CreateRequest) -> Result<PushTarget, ApiError> {
        Ok(match &request.user_token {
            Some(token) => PushTarget::UserToken(token.clone()),
            None => PushTarget::Nobody,
        })
    }
}

fn header<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers.get(name).and_then(|v| v.to_str().ok()).map(str::trim)
}

fn equal(a: &str, b: &str) -> bool {
    a.len() == b.len() && bool::from(a.as_bytes().ct_eq(b.as_bytes()))
}

/// Checks `X-API-Key` + `X-API-Secret` (header names are case-insensitive).
pub(crate) fn check_credentials(sandbox: &Sandbox, headers: &HeaderMap) -> Result<(), ApiError> {
    let config = sandbox.config();
    let key = header(headers, "x-api-key").ok_or_else(|| ApiError::bad_credentials("X-API-Key header missing"))?;
    let secret =
        header(headers, "x-api-secret").ok_or_else(|| ApiError::bad_credentials("X-API-Secret header missing"))?;
    if !equal(key, &config.api_key) || !equal(secret, &config.api_secret) {
        return Err(ApiError::bad_credentials("unknown API key or wrong API secret"));
    }
    Ok(())
}

async fn ping(State(sandbox): State<Sandbox>, headers: HeaderMap) -> Result<Json<Value>, ApiError> {
    check_credentials(&sandbox, &headers)?;
    let config = sandbox.config();
    Ok(Json(json!({
        "pong": true,
        "auth": {
            "quota": {},
            "application": {
                "uuidv4": config.api_key,
                "name": config.app_name,
                "webhookurl": sandbox.webhook_url().unwrap_or_default(),
                "redirecturis": config.oauth_redirect_origins,
                "disabled": 0,
            },
            "call": { "uuidv4": uuid::Uuid::new_v4().to_string() },
        },
    })))
}

async fn fetch_by_identifier(
    State(sandbox): State<Sandbox>,
    RequestOrigin(origin): RequestOrigin,
    headers: HeaderMap,
    Path(identifier): Path<String>,
) -> Result<Json<Value>, ApiError> {
    check_credentials(&sandbox, &headers)?;
    sandbox.fetch_by_identifier(&identifier, &origin).map(Json)
}

fn is_uuid(text: &str) -> bool {
    uuid::Uuid::parse_str(text).is_ok() && text.len() == 36
}

/// `{user_token, active, issued?, expires?}`; an unknown token is inactive.
fn token_status(sandbox: &Sandbox, token: &str) -> Value {
    let now = sandbox.now();
    match sandbox.lock().tokens.get(token) {
        Some(t) => json!({ "user_token": token, "active": t.expires > now, "issued": t.issued, "expires": t.expires }),
        None => json!({ "user_token": token, "active": false }),
    }
}

async fn verify_tokens(State(sandbox): State<Sandbox>, headers: HeaderMap, body: Bytes) -> Result<Json<Value>, ApiError> {
    check_credentials(&sandbox, &headers)?;
    let body = json_body(&body)?;
    // `{"tokens": [...]}` (JS, .NET, PHP SDKs) or a bare array (Python SDK).
    let list = body
        .get("tokens")
        .unwrap_or(&body)
        .as_array()
        .ok_or_else(|| ApiError::invalid_payload("expected {\"tokens\": [\"<user token>\", …]}"))?;
    let tokens: Vec<Value> = list
        .iter()
        .filter_map(Value::as_str)
        .filter(|t| is_uuid(t))
        .map(|t| token_status(&sandbox, t))
        .collect();
    Ok(Json(json!({ "tokens": tokens })))
}

async fn verify_token(
    State(sandbox): State<Sandbox>,
    headers: HeaderMap,
    Path(token): Path<String>,
) -> Result<Json<Value>, ApiError> {
    check_credentials(&sandbox, &headers)?;
    if !is_uuid(&token) {
        return Err(ApiError::new(axum::http::StatusCode::BAD_REQUEST, 400, "a user token is a UUID"));
    }
    Ok(Json(json!({ "tokens": [token_status(&sandbox, &token)] })))
}

async fn ott_data(
    State(sandbox): State<Sandbox>,
    headers: HeaderMap,
    Path(ott): Path<String>,
) -> Result<Json<Value>, ApiError> {
    check_credentials(&sandbox, &headers)?;
    sandbox.fetch_ott(&ott.to_lowercase()).map(Json)
}
