//! The sandbox's own control API under `/sandbox` (JSON, a public contract: see the README):
//! users, payloads, inboxes, phone actions, xApp launches, the clock, faults and the webhook log;
//! plus the phone and xApp host pages and a few images.

use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use serde::de::DeserializeOwned;
use serde::Deserialize;
use serde_json::{json, Value};
use tower_http::cors::CorsLayer;

use super::errors::ControlError;
use super::faults::Faults;
use super::lifecycle::PhoneAction;
use super::payload::PayloadRecord;
use super::timefmt::iso_seconds;
use super::users::{find_user, sandbox_users};
use super::xapp::LaunchRequest;
use super::{phone, xapp_host, Sandbox};

pub(crate) fn routes() -> Router<Sandbox> {
    Router::new()
        .route("/users", get(users))
        .route("/payloads", get(payloads))
        .route("/payloads/{uuid}", get(payload_detail))
        .route("/payloads/{uuid}/open", post(open))
        .route("/payloads/{uuid}/sign", post(sign))
        .route("/payloads/{uuid}/reject", post(reject))
        .route("/inbox/{account}", get(inbox))
        .route("/xapp/launch", post(launch))
        .route("/clock", get(clock).post(advance_clock))
        .route("/faults", get(faults).post(set_faults))
        .route("/webhooks", get(webhooks))
        .route("/app-icon.svg", get(app_icon))
        .route("/avatar/{file}", get(avatar))
        .route("/phone", get(phone::page))
        .route("/xapp", get(xapp_host::page))
        .layer(CorsLayer::permissive())
}

/// An optional JSON body: empty means the defaults.
fn optional_body<T: DeserializeOwned + Default>(body: &Bytes) -> Result<T, ControlError> {
    if body.iter().all(u8::is_ascii_whitespace) {
        return Ok(T::default());
    }
    serde_json::from_slice(body).map_err(|e| ControlError::bad_request(format!("invalid JSON body: {e}")))
}

/// Status word of a payload for the phone: open, opened, signed, rejected, cancelled, expired.
fn status(p: &PayloadRecord, now: i64) -> &'static str {
    match (&p.resolution, p.cancelled) {
        (Some(r), _) if r.signed => "signed",
        (Some(_), _) => "rejected",
        (None, true) => "cancelled",
        (None, false) if p.opened.is_some() => "opened",
        (None, false) if p.expired(now) => "expired",
        _ => "open",
    }
}

/// Still actionable by the phone.
fn is_open(p: &PayloadRecord, now: i64) -> bool {
    matches!(status(p, now), "open" | "opened")
}

fn summary(sandbox: &Sandbox, p: &PayloadRecord, now: i64) -> Value {
    json!({
        "uuid": p.uuid,
        "tx_type": p.request.tx_type,
        "created_at": iso_seconds(p.created_at),
        "expires_at": iso_seconds(p.expires_at),
        "expires_in_seconds": p.expires_at - now,
        "pushed_to": p.pushed_to,
        "status": status(p, now),
        "instruction": p.request.custom_meta.instruction,
        "destination": p.destination(),
        "amount": p.request.request_json.get("Amount"),
        "is_xapp": p.is_xapp,
        "app_name": sandbox.config().app_name,
    })
}

fn newest_first(sandbox: &Sandbox, filter: impl Fn(&PayloadRecord) -> bool) -> Vec<Value> {
    let now = sandbox.now();
    let st = sandbox.lock();
    st.order
        .iter()
        .rev()
        .filter_map(|uuid| st.payloads.get(uuid))
        .filter(|p| filter(p))
        .map(|p| summary(sandbox, p, now))
        .collect()
}

async fn users(State(sandbox): State<Sandbox>) -> Json<Value> {
    let now = sandbox.now();
    let st = sandbox.lock();
    let list: Vec<Value> = sandbox_users()
        .into_iter()
        .map(|u| {
            let token = st.live_token_for(&u.account, now).map(|t| {
                json!({ "user_token": t.user_token, "issued": t.issued, "expires": t.expires })
            });
            json!({
                "name": u.name,
                "account": u.account,
                "user_uuid": u.user_uuid,
                "public_key": u.public_key,
                "user_token": token,
            })
        })
        .collect();
    Json(Value::Array(list))
}

#[derive(Deserialize)]
struct PayloadsQuery {
    /// `true`: every payload, not only the open ones.
    all: Option<bool>,
}

async fn payloads(State(sandbox): State<Sandbox>, Query(q): Query<PayloadsQuery>) -> Json<Value> {
    let now = sandbox.now();
    let all = q.all.unwrap_or(false);
    Json(Value::Array(newest_first(&sandbox, |p| all || is_open(p, now))))
}

async fn payload_detail(State(sandbox): State<Sandbox>, Path(uuid): Path<String>) -> Result<Json<Value>, ControlError> {
    let now = sandbox.now();
    let st = sandbox.lock();
    let p = st.payloads.get(&uuid).ok_or_else(|| ControlError::not_found(format!("no payload {uuid}")))?;
    let mut detail = summary(&sandbox, p, now);
    detail["request_json"] = p.request.request_json.clone();
    detail["signers"] = json!(p.request.options.signers);
    detail["submit"] = json!(p.request.options.submit);
    detail["account"] = json!(p.resolution.as_ref().and_then(|r| r.account.clone()));
    detail["txid"] = json!(p.resolution.as_ref().and_then(|r| r.txid.clone()));
    Ok(Json(detail))
}

async fn open(State(sandbox): State<Sandbox>, Path(uuid): Path<String>, body: Bytes) -> Result<Json<Value>, ControlError> {
    sandbox.open(&uuid, optional_body::<PhoneAction>(&body)?).await.map(Json)
}

async fn sign(State(sandbox): State<Sandbox>, Path(uuid): Path<String>, body: Bytes) -> Result<Json<Value>, ControlError> {
    sandbox.sign(&uuid, optional_body::<PhoneAction>(&body)?).await.map(Json)
}

async fn reject(State(sandbox): State<Sandbox>, Path(uuid): Path<String>, body: Bytes) -> Result<Json<Value>, ControlError> {
    sandbox.reject(&uuid, optional_body::<PhoneAction>(&body)?).await.map(Json)
}

async fn inbox(State(sandbox): State<Sandbox>, Path(account): Path<String>) -> Result<Json<Value>, ControlError> {
    if find_user(&account).is_none() {
        return Err(ControlError::not_found(format!("{account} is not a sandbox user")));
    }
    Ok(Json(Value::Array(newest_first(&sandbox, |p| p.pushed_to.as_deref() == Some(account.as_str())))))
}

async fn launch(State(sandbox): State<Sandbox>, body: Bytes) -> Result<Json<Value>, ControlError> {
    sandbox.launch_xapp(optional_body::<LaunchRequest>(&body)?).map(Json)
}

fn clock_view(sandbox: &Sandbox) -> Json<Value> {
    Json(json!({
        "now": sandbox.clock().now_unix(),
        "now_iso": iso_seconds(sandbox.clock().now_unix()),
        "offset_seconds": sandbox.clock().offset_seconds(),
    }))
}

async fn clock(State(sandbox): State<Sandbox>) -> Json<Value> {
    clock_view(&sandbox)
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct AdvanceClock {
    advance_seconds: i64,
}

async fn advance_clock(State(sandbox): State<Sandbox>, body: Bytes) -> Result<Json<Value>, ControlError> {
    let request: AdvanceClock = serde_json::from_slice(&body)
        .map_err(|e| ControlError::bad_request(format!("expected {{\"advance_seconds\": n}}: {e}")))?;
    if request.advance_seconds < 0 {
        return Err(ControlError::bad_request("the clock only moves forward"));
    }
    sandbox.clock().advance(request.advance_seconds);
    Ok(clock_view(&sandbox))
}

fn faults_view(sandbox: &Sandbox) -> Json<Value> {
    let (faults, dropped) = sandbox.faults();
    Json(json!({
        "ws_drop_after_ms": faults.ws_drop_after_ms,
        "http_error_rate": faults.http_error_rate,
        "latency_ms": faults.latency_ms,
        "ws_dropped_total": dropped,
    }))
}

async fn faults(State(sandbox): State<Sandbox>) -> Json<Value> {
    faults_view(&sandbox)
}

async fn set_faults(State(sandbox): State<Sandbox>, body: Bytes) -> Result<Json<Value>, ControlError> {
    let faults: Faults = optional_body(&body)?;
    sandbox.set_faults(faults).map_err(ControlError::bad_request)?;
    Ok(faults_view(&sandbox))
}

async fn webhooks(State(sandbox): State<Sandbox>) -> Json<Value> {
    Json(json!(sandbox.webhook_attempts()))
}

fn svg(body: String) -> Response {
    ([(header::CONTENT_TYPE, "image/svg+xml"), (header::CACHE_CONTROL, "max-age=3600")], body).into_response()
}

async fn app_icon() -> Response {
    svg(r##"<svg xmlns="http://www.w3.org/2000/svg" width="96" height="96" viewBox="0 0 96 96"><rect width="96" height="96" rx="20" fill="#3052ff"/><text x="48" y="60" font-family="sans-serif" font-size="40" font-weight="700" text-anchor="middle" fill="#fff">S</text></svg>"##.to_string())
}

/// `/sandbox/avatar/<account>.svg`: a coloured initial for a sandbox user.
async fn avatar(Path(file): Path<String>) -> Response {
    let account = file.trim_end_matches(".svg").trim_end_matches(".png");
    let (initial, hue) = match find_user(account) {
        Some(u) => (u.name.chars().next().unwrap_or('?'), account.bytes().map(u32::from).sum::<u32>() % 360),
        None => ('?', 220),
    };
    svg(format!(
        r##"<svg xmlns="http://www.w3.org/2000/svg" width="96" height="96" viewBox="0 0 96 96"><circle cx="48" cy="48" r="48" fill="hsl({hue},60%,55%)"/><text x="48" y="62" font-family="sans-serif" font-size="42" font-weight="700" text-anchor="middle" fill="#fff">{initial}</text></svg>"##
    ))
}
