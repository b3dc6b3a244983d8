//! What the two payload APIs of the sandbox (`/api/v1/platform/…` with API key + secret, and
//! `/api/v1/jwt/…` with a Bearer JWT) have in common: `POST /payload`, `GET /payload/:uuid` and
//! `DELETE /payload/:uuid` are handled the same once the caller is authenticated; only how it
//! authenticates and whom a new payload is pushed to differ ([`PayloadAuth`]).

use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::HeaderMap;
use axum::middleware;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use serde_json::Value;

use super::errors::ApiError;
use super::lifecycle::PushTarget;
use super::origin::RequestOrigin;
use super::payload::{parse_create, CreateRequest};
use super::{faults, Sandbox};

/// How one API authenticates its callers, and whom their new payloads are pushed to.
pub(crate) trait PayloadAuth: Sized + Send + 'static {
    /// Checks the request's credentials; an error is the answer.
    fn authenticate(sandbox: &Sandbox, headers: &HeaderMap) -> Result<Self, ApiError>;

    /// Whom the payload `request` (already validated) is pushed to.
    fn push_target(self, request: &CreateRequest) -> Result<PushTarget, ApiError>;
}

/// One API of the sandbox platform: its own `routes`, the payload endpoints authenticated with
/// `A`, a JSON 404 for anything else, and the injected faults.
pub(crate) fn api_router<A: PayloadAuth>(sandbox: &Sandbox, routes: Router<Sandbox>) -> Router<Sandbox> {
    routes
        .route("/payload", post(create::<A>))
        .route("/payload/{uuid}", get(fetch::<A>).delete(cancel::<A>))
        .fallback(unknown_endpoint)
        .layer(middleware::from_fn_with_state(sandbox.clone(), faults::apply))
}

/// Parses a JSON body; anything else is a 602.
pub(crate) fn json_body(body: &Bytes) -> Result<Value, ApiError> {
    serde_json::from_slice(body).map_err(|e| ApiError::invalid_payload(format!("the body is not JSON: {e}")))
}

async fn create<A: PayloadAuth>(
    State(sandbox): State<Sandbox>,
    RequestOrigin(origin): RequestOrigin,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Json<Value>, ApiError> {
    let caller = A::authenticate(&sandbox, &headers)?;
    let request = parse_create(&json_body(&body)?).map_err(ApiError::invalid_payload)?;
    let target = caller.push_target(&request)?;
    sandbox.create_payload(request, target, &origin).map(Json)
}

async fn fetch<A: PayloadAuth>(
    State(sandbox): State<Sandbox>,
    RequestOrigin(origin): RequestOrigin,
    headers: HeaderMap,
    Path(uuid): Path<String>,
) -> Result<Json<Value>, ApiError> {
    A::authenticate(&sandbox, &headers)?;
    sandbox.fetch_payload(&uuid, &origin).map(Json)
}

async fn cancel<A: PayloadAuth>(
    State(sandbox): State<Sandbox>,
    headers: HeaderMap,
    Path(uuid): Path<String>,
) -> Result<Json<Value>, ApiError> {
    A::authenticate(&sandbox, &headers)?;
    sandbox.cancel_payload(&uuid).map(Json)
}

async fn unknown_endpoint() -> Response {
    ApiError::not_found("this endpoint is not part of the sandbox platform").into_response()
}
