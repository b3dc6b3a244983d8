//! `/api/v1/jwt/…` (and the legacy `/api/v1/xapp-jwt/…`): the browser/xApp API, authenticated
//! with `Authorization: Bearer <jwt>` (or, for `authorize`, `x-api-key` + `x-api-ott`).
//! Served with CORS for any origin, as the real platform does on these routes only.

use axum::extract::State;
use axum::http::{header, HeaderMap, HeaderName, Method};
use axum::routing::get;
use axum::{Json, Router};
use serde_json::Value;
use tower_http::cors::{Any, CorsLayer};

use super::errors::ApiError;
use super::lifecycle::PushTarget;
use super::origin::RequestOrigin;
use super::payload::CreateRequest;
use super::payload_routes::{api_router, PayloadAuth};
use super::{jwt, Sandbox};

/// CORS of the JWT and OAuth2 token routes: any origin, the headers the SDKs send.
pub(crate) fn open_cors() -> CorsLayer {
    CorsLayer::new()
        .allow_origin(Any)
        .allow_methods([Method::GET, Method::POST, Method::DELETE, Method::OPTIONS])
        .allow_headers([
            header::AUTHORIZATION,
            header::CONTENT_TYPE,
            HeaderName::from_static("x-api-key"),
            HeaderName::from_static("x-api-ott"),
        ])
        .max_age(std::time::Duration::from_secs(600))
}

pub(crate) fn routes(sandbox: &Sandbox) -> Router<Sandbox> {
    let routes = Router::new().route("/authorize", get(authorize)).route("/ping", get(ping));
    api_router::<BearerClaims>(sandbox, routes).layer(open_cors())
}

/// A browser or xApp that sent a valid JWT of this app: its claims.
struct BearerClaims(Value);

impl PayloadAuth for BearerClaims {
    fn authenticate(sandbox: &Sandbox, headers: &HeaderMap) -> Result<Self, ApiError> {
        bearer_claims(sandbox, headers).map(BearerClaims)
    }

    /// Pushed to the JWT's user (`sub`); an xApp JWT (with `ott_uuidv4`) makes it an xApp payload.
    fn push_target(self, _request: &CreateRequest) -> Result<PushTarget, ApiError> {
        let BearerClaims(claims) = self;
        let account = claims
            .get("sub")
            .and_then(Value::as_str)
            .ok_or_else(|| ApiError::bad_jwt("the JWT has no user (sub)"))?
            .to_string();
        let is_xapp = claims.get("ott_uuidv4").is_some();
        Ok(PushTarget::Account { account, is_xapp })
    }
}

/// The verified claims of the request's Bearer token.
pub(crate) fn bearer_claims(sandbox: &Sandbox, headers: &HeaderMap) -> Result<Value, ApiError> {
    let value = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .ok_or_else(|| ApiError::bad_jwt("Authorization: Bearer <jwt> header missing"))?;
    let token = value
        .strip_prefix("Bearer ")
        .or_else(|| value.strip_prefix("bearer "))
        .ok_or_else(|| ApiError::bad_jwt("the Authorization header is not a Bearer token"))?
        .trim();
    let claims = jwt::verify(token, &sandbox.config().api_secret, sandbox.now())
        .map_err(|e| ApiError::bad_jwt(e.to_string()))?;
    if claims.get("app_uuidv4").and_then(Value::as_str) != Some(sandbox.config().api_key.as_str()) {
        return Err(ApiError::bad_jwt("the JWT was issued for another app"));
    }
    Ok(claims)
}

async fn authorize(
    State(sandbox): State<Sandbox>,
    RequestOrigin(origin): RequestOrigin,
    headers: HeaderMap,
) -> Result<Json<Value>, ApiError> {
    let get = |name: &str| headers.get(name).and_then(|v| v.to_str().ok()).map(str::trim);
    let key = get("x-api-key").ok_or_else(|| ApiError::bad_credentials("x-api-key header missing"))?;
    let ott = get("x-api-ott").ok_or_else(|| ApiError::bad_credentials("x-api-ott header missing"))?;
    if key != sandbox.config().api_key {
        return Err(ApiError::bad_credentials("unknown API key"));
    }
    sandbox.authorize_ott(&ott.to_lowercase(), &origin).map(Json)
}

async fn ping(State(sandbox): State<Sandbox>, headers: HeaderMap) -> Result<Json<Value>, ApiError> {
    let mut claims = bearer_claims(&sandbox, &headers)?;
    claims["pong"] = Value::Bool(true);
    Ok(Json(claims))
}
