//! `POST /webhook`: the platform's callback after a payload resolves.
//!
//! Checks `x-xumm-request-signature` (hex HMAC-SHA1 of `x-xumm-request-timestamp` + raw body,
//! keyed with the API secret minus its first `-`), refuses timestamps older than the tolerance or
//! more than a minute in the future, and handles each payload once: a retry of a delivery that was
//! already handled answers `{"ok": true, "duplicate": true}` and changes nothing. A signed
//! payload's `userToken.user_token` becomes the token of the session that created the payload; the
//! signer's account is read from the platform (a GET of the payload), since the webhook body does
//! not carry it.

use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::Json;
use serde_json::{json, Value};
use uuid::Uuid;

use super::error::ApiError;
use super::payload::{parse_timestamp, read_body};
use super::ApiState;
use crate::signature::verify_webhook_signature;
use crate::store::{LearnedToken, TOKEN_LIFETIME_SECONDS};

/// How far in the future a webhook timestamp may be (clock skew).
const FUTURE_SKEW_SECONDS: i64 = 60;

fn header<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers
        .get(name)
        .and_then(|v| v.to_str().ok())
        .map(str::trim)
}

fn unauthorized(code: &'static str, message: impl Into<String>) -> ApiError {
    ApiError::new(StatusCode::UNAUTHORIZED, code, message)
}

pub async fn receive(
    State(state): State<Arc<ApiState>>,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Result<Json<Value>, ApiError> {
    let body = read_body(&state, body)?;
    let timestamp = header(&headers, "x-xumm-request-timestamp").ok_or_else(|| {
        unauthorized(
            "webhook_signature",
            "the x-xumm-request-timestamp header is missing",
        )
    })?;
    let signature = header(&headers, "x-xumm-request-signature").ok_or_else(|| {
        unauthorized(
            "webhook_signature",
            "the x-xumm-request-signature header is missing",
        )
    })?;
    let secret = &state.upstream.credentials().api_secret;
    if !verify_webhook_signature(secret, timestamp, &body, signature) {
        return Err(unauthorized(
            "webhook_signature",
            "the webhook signature does not match",
        ));
    }
    let sent_at: i64 = timestamp.parse().map_err(|_| {
        unauthorized(
            "webhook_timestamp",
            "x-xumm-request-timestamp is not unix seconds",
        )
    })?;
    let now = state.clock.now_unix();
    if now - sent_at > state.webhook_tolerance_seconds {
        return Err(unauthorized(
            "webhook_timestamp",
            format!(
                "the webhook was signed {} s ago, more than the {} s allowed",
                now - sent_at,
                state.webhook_tolerance_seconds
            ),
        ));
    }
    if sent_at - now > FUTURE_SKEW_SECONDS {
        return Err(unauthorized(
            "webhook_timestamp",
            "the webhook timestamp is in the future",
        ));
    }

    let body: Value = serde_json::from_slice(&body)
        .map_err(|e| ApiError::invalid_request(format!("the webhook body is not JSON: {e}")))?;
    let uuid = body
        .pointer("/meta/payload_uuidv4")
        .and_then(Value::as_str)
        .or_else(|| header(&headers, "x-xumm-payload"))
        .and_then(|u| Uuid::try_parse(u).ok())
        .ok_or_else(|| {
            ApiError::invalid_request("the webhook names no payload (meta.payload_uuidv4)")
        })?;
    let attempt: i64 = header(&headers, "x-xumm-attempt")
        .and_then(|a| a.parse().ok())
        .unwrap_or(1);
    let app = body
        .pointer("/meta/application_uuidv4")
        .and_then(Value::as_str);
    if app.is_some_and(|app| !app.eq_ignore_ascii_case(&state.upstream.credentials().api_key)) {
        return Ok(Json(
            json!({"ok": true, "handled": false, "reason": "another application's payload"}),
        ));
    }

    let key = uuid.hyphenated().to_string();
    let (lookup, seen_key) = (key.clone(), key.clone());
    let owner = state
        .blocking(move |store| store.payload_owner(&lookup))
        .await?;
    let Some(owner) = owner else {
        return Ok(Json(
            json!({"ok": true, "handled": false, "reason": "not a payload of this proxy"}),
        ));
    };
    if state
        .blocking(move |store| store.webhook_handled(&seen_key))
        .await?
    {
        return Ok(Json(json!({"ok": true, "duplicate": true})));
    }

    let signed = body.pointer("/payloadResponse/signed") == Some(&Value::Bool(true));
    let token = body
        .pointer("/userToken/user_token")
        .and_then(Value::as_str)
        .map(str::to_owned);
    if let (true, Some(token)) = (signed, token) {
        let learned = learn(&state, &uuid, token, &body, now).await;
        state
            .blocking(move |store| store.learn_token(&owner, &learned))
            .await?;
    }
    state
        .blocking(move |store| store.record_webhook(&key, attempt, now))
        .await?;
    Ok(Json(json!({"ok": true, "handled": true})))
}

/// The token from the webhook, with the account and signing time from the platform's GET of the
/// payload when it answers (the webhook body carries neither).
async fn learn(
    state: &ApiState,
    uuid: &Uuid,
    token: String,
    body: &Value,
    now: i64,
) -> LearnedToken {
    let payload = match state.upstream.get_payload(uuid).await {
        Ok(reply) if reply.status.is_success() => Some(reply.body),
        _ => None,
    };
    let signed_by_platform =
        payload.as_ref().and_then(|p| p.pointer("/meta/signed")) == Some(&Value::Bool(true));
    let account = payload
        .as_ref()
        .filter(|_| signed_by_platform)
        .and_then(|p| p.pointer("/response/account"))
        .and_then(Value::as_str)
        .map(str::to_owned);
    let signed_at = payload
        .as_ref()
        .and_then(|p| p.pointer("/response/resolved_at"))
        .and_then(Value::as_str)
        .and_then(parse_timestamp)
        .unwrap_or(now);
    let expires_at = body
        .pointer("/userToken/token_expiration")
        .and_then(Value::as_i64)
        .unwrap_or(signed_at + TOKEN_LIFETIME_SECONDS);
    LearnedToken {
        user_token: token,
        account,
        signed_at,
        expires_at,
    }
}
