//! `POST /payload`, `GET /payload/:uuid`, `DELETE /payload/:uuid`.

use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::{Path, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::{Map, Value};
use uuid::Uuid;

use super::error::ApiError;
use super::scrub::scrub_tokens;
use super::session;
use super::ApiState;
use crate::store::{LearnedToken, Session, TOKEN_LIFETIME_SECONDS};
use crate::upstream::Reply;

const ALLOWED_FIELDS: &[&str] = &["txjson", "txblob", "options", "custom_meta"];

/// Reads a request body, mapping the size limit to `413 payload_too_large`.
pub fn read_body(state: &ApiState, body: Result<Bytes, BytesRejection>) -> Result<Bytes, ApiError> {
    body.map_err(|rejection| {
        if rejection.status() == StatusCode::PAYLOAD_TOO_LARGE {
            ApiError::too_large(state.body_limit)
        } else {
            ApiError::invalid_request(format!("the request body could not be read: {rejection}"))
        }
    })
}

/// Checks the shape `{txjson | txblob, options?, custom_meta?}` and returns the body to send
/// upstream (without `user_token`: the proxy adds its own).
fn validate(body: &[u8]) -> Result<(Map<String, Value>, Option<Value>), ApiError> {
    let value: Value = serde_json::from_slice(body)
        .map_err(|e| ApiError::invalid_request(format!("the body is not JSON: {e}")))?;
    let Value::Object(map) = value else {
        return Err(ApiError::invalid_request(
            "the body must be a JSON object {txjson|txblob, options?, custom_meta?}",
        ));
    };
    if map.contains_key("user_token") {
        return Err(ApiError::invalid_request(
            "user_token is not accepted: the proxy adds the session's own user token",
        ));
    }
    if let Some(unknown) = map.keys().find(|k| !ALLOWED_FIELDS.contains(&k.as_str())) {
        return Err(ApiError::invalid_request(format!(
            "unknown field {unknown:?}: the body may only hold txjson or txblob, options and custom_meta"
        )));
    }
    let txjson = map.get("txjson").filter(|v| !v.is_null());
    let txblob = map.get("txblob").filter(|v| !v.is_null());
    match (txjson, txblob) {
        (Some(_), Some(_)) => {
            return Err(ApiError::invalid_request(
                "give either txjson or txblob, not both",
            ))
        }
        (None, None) => return Err(ApiError::invalid_request("txjson (or txblob) is required")),
        (Some(tx), None) => {
            let kind = tx.as_object().and_then(|o| o.get("TransactionType"));
            if !kind.is_some_and(Value::is_string) {
                return Err(ApiError::invalid_request(
                    "txjson must be an object with a TransactionType string",
                ));
            }
        }
        (None, Some(blob)) => {
            let hex = blob.as_str().unwrap_or("");
            if hex.is_empty() || hex.len() % 2 != 0 || !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
                return Err(ApiError::invalid_request("txblob must be a hex string"));
            }
        }
    }
    for field in ["options", "custom_meta"] {
        if map
            .get(field)
            .is_some_and(|v| !v.is_object() && !v.is_null())
        {
            return Err(ApiError::invalid_request(format!(
                "{field} must be an object"
            )));
        }
    }
    let txjson = txjson.cloned();
    let mut upstream = Map::new();
    for (key, value) in map {
        if !value.is_null() {
            upstream.insert(key, value);
        }
    }
    Ok((upstream, txjson))
}

fn reply(reply: Reply, tokens: &[&str]) -> Response {
    let mut body = reply.body;
    scrub_tokens(&mut body, tokens);
    let status = StatusCode::from_u16(reply.status.as_u16()).unwrap_or(StatusCode::BAD_GATEWAY);
    (status, Json(body)).into_response()
}

/// `POST /payload`: validate, check the policy, create upstream with the session's live token.
pub async fn create(
    State(state): State<Arc<ApiState>>,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Result<Response, ApiError> {
    let body = read_body(&state, body)?;
    let (mut upstream_body, txjson) = validate(&body)?;
    match &txjson {
        Some(tx) => state.policy.check_txjson(tx),
        None => state.policy.check_txblob(),
    }
    .map_err(|refusal| ApiError::policy(refusal.0))?;

    let (session, id) = session::existing_or_new(&state, &headers).await?;
    let now = state.clock.now_unix();
    let token = session.live_token(now).map(str::to_owned);
    if let Some(token) = &token {
        upstream_body.insert("user_token".into(), Value::String(token.clone()));
    }
    let answer = state
        .upstream
        .create_payload(&Value::Object(upstream_body))
        .await?;
    if answer.status.is_success() {
        if let Some(uuid) = answer
            .body
            .get("uuid")
            .and_then(Value::as_str)
            .and_then(|u| Uuid::parse_str(u).ok())
        {
            let (uuid, key) = (uuid.hyphenated().to_string(), session.key.clone());
            state
                .blocking(move |store| store.record_payload(&uuid, &key, now))
                .await?;
        }
    }
    let tokens: Vec<&str> = session.user_token.as_deref().into_iter().collect();
    let mut response = reply(answer, &tokens);
    response.headers_mut().insert(
        header::SET_COOKIE,
        session::set_cookie(&state, Some(&id), session::needs_secure(&headers)),
    );
    Ok(response)
}

/// The session that may see payload `uuid` (the one that created it), or 404.
async fn owning_session(
    state: &ApiState,
    headers: &HeaderMap,
    uuid: &str,
) -> Result<(Session, Uuid), ApiError> {
    let not_found = || {
        ApiError::not_found(format!(
            "no payload {uuid} was created through this session"
        ))
    };
    let parsed = Uuid::try_parse(uuid).map_err(|_| not_found())?;
    let Some(session) = session::existing(state, headers).await? else {
        return Err(not_found());
    };
    let canonical = parsed.hyphenated().to_string();
    let owner = state
        .blocking(move |store| store.payload_owner(&canonical))
        .await?;
    if owner.as_deref() != Some(session.key.as_str()) {
        return Err(not_found());
    }
    Ok((session, parsed))
}

/// What a signed payload's GET answer teaches: the issued token, the signer, when it was signed.
fn learned_from_get(body: &Value, now: i64) -> Option<LearnedToken> {
    if body.pointer("/meta/signed") != Some(&Value::Bool(true)) {
        return None;
    }
    let token = body
        .pointer("/application/issued_user_token")?
        .as_str()?
        .to_owned();
    let account = body
        .pointer("/response/account")
        .and_then(Value::as_str)
        .map(str::to_owned);
    let signed_at = body
        .pointer("/response/resolved_at")
        .and_then(Value::as_str)
        .and_then(parse_timestamp)
        .unwrap_or(now);
    Some(LearnedToken {
        user_token: token,
        account,
        signed_at,
        expires_at: signed_at + TOKEN_LIFETIME_SECONDS,
    })
}

/// Parses the platform's ISO-8601 timestamps (`2020-05-03T17:28:40.000Z`) to unix seconds.
pub fn parse_timestamp(text: &str) -> Option<i64> {
    time::OffsetDateTime::parse(text, &time::format_description::well_known::Rfc3339)
        .ok()
        .map(|t| t.unix_timestamp())
}

/// `GET /payload/:uuid`: the platform's answer without the user token; learns the token when the
/// payload was signed.
pub async fn get(
    State(state): State<Arc<ApiState>>,
    headers: HeaderMap,
    Path(uuid): Path<String>,
) -> Result<Response, ApiError> {
    let (session, uuid) = owning_session(&state, &headers, &uuid).await?;
    let answer = state.upstream.get_payload(&uuid).await?;
    let issued = answer
        .body
        .pointer("/application/issued_user_token")
        .and_then(Value::as_str)
        .map(str::to_owned);
    if answer.status.is_success() {
        if let Some(learned) = learned_from_get(&answer.body, state.clock.now_unix()) {
            let key = session.key.clone();
            state
                .blocking(move |store| store.learn_token(&key, &learned))
                .await?;
        }
    }
    let tokens: Vec<&str> = session
        .user_token
        .as_deref()
        .into_iter()
        .chain(issued.as_deref())
        .collect();
    Ok(reply(answer, &tokens))
}

/// `DELETE /payload/:uuid`: the platform's cancel answer.
pub async fn cancel(
    State(state): State<Arc<ApiState>>,
    headers: HeaderMap,
    Path(uuid): Path<String>,
) -> Result<Response, ApiError> {
    let (session, uuid) = owning_session(&state, &headers, &uuid).await?;
    let answer = state.upstream.cancel_payload(&uuid).await?;
    let tokens: Vec<&str> = session.user_token.as_deref().into_iter().collect();
    Ok(reply(answer, &tokens))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn check(v: Value) -> Result<(Map<String, Value>, Option<Value>), ApiError> {
        validate(v.to_string().as_bytes())
    }

    #[test]
    fn accepts_the_contract_shape() {
        let (body, tx) = check(json!({"txjson": {"TransactionType": "SignIn"}, "options": {"submit": false}, "custom_meta": null})).unwrap();
        assert_eq!(tx, Some(json!({"TransactionType": "SignIn"})));
        assert!(!body.contains_key("custom_meta"), "nulls are dropped");
        assert!(check(json!({"txblob": "12000322"})).unwrap().1.is_none());
    }

    #[test]
    fn refuses_everything_else() {
        let code = |v: Value| check(v).unwrap_err();
        assert!(
            code(json!({"txjson": {"TransactionType": "SignIn"}, "user_token": "x"}))
                .message
                .contains("user_token")
        );
        assert!(
            code(json!({"txjson": {"TransactionType": "SignIn"}, "extra": 1}))
                .message
                .contains("extra")
        );
        assert_eq!(code(json!({})).code, "invalid_request");
        assert_eq!(code(json!([1])).code, "invalid_request");
        assert_eq!(
            code(json!({"txjson": {"Account": "r"}})).code,
            "invalid_request"
        );
        assert_eq!(
            code(json!({"txjson": {"TransactionType": "SignIn"}, "txblob": "00"})).code,
            "invalid_request"
        );
        assert_eq!(code(json!({"txblob": "xyz"})).code, "invalid_request");
        assert_eq!(
            code(json!({"txjson": {"TransactionType": "SignIn"}, "options": "no"})).code,
            "invalid_request"
        );
        assert!(validate(b"not json").is_err());
    }

    #[test]
    fn learns_only_from_signed_payloads() {
        let signed = json!({
            "meta": {"signed": true},
            "application": {"issued_user_token": "tok"},
            "response": {"account": "rA", "resolved_at": "2020-05-03T17:28:40.000Z"}
        });
        let learned = learned_from_get(&signed, 5).unwrap();
        assert_eq!(learned.user_token, "tok");
        assert_eq!(learned.account.as_deref(), Some("rA"));
        assert_eq!(learned.signed_at, 1588526920);
        assert_eq!(learned.expires_at, 1588526920 + TOKEN_LIFETIME_SECONDS);
        let rejected =
            json!({"meta": {"signed": false}, "application": {"issued_user_token": "tok"}});
        assert!(learned_from_get(&rejected, 5).is_none());
        let no_token =
            json!({"meta": {"signed": true}, "application": {"issued_user_token": null}});
        assert!(learned_from_get(&no_token, 5).is_none());
    }
}
