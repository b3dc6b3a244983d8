//! The proxy API, mounted under `/api/xaman` (the SDK's proxy contract):
//!
//! | Route | Answer |
//! |---|---|
//! | `POST /payload` | body `{txjson \| txblob, options?, custom_meta?}` → the platform's create answer (`pushed: true` when the session's user token is live) |
//! | `GET /payload/:uuid` | the platform's payload, `application.issued_user_token` nulled; only payloads created through this session |
//! | `DELETE /payload/:uuid` | the platform's cancel answer; same rule |
//! | `GET /session` | `{"account", "tokenExpiresAt"}` (unix seconds) while the token is live, else `{}` |
//! | `POST /session/logout` | `{}`; forgets the session |
//! | `POST /webhook` | the platform's webhook receiver |
//! | `GET /config` | `{"apiKey", "endpoint", "oauthEndpoint"}` |
//!
//! Every refusal is `{"error": {"code", "message"}}` (see [`error`]).

pub mod error;
pub mod guard;
mod payload;
pub mod ratelimit;
mod routes;
mod scrub;
pub mod session;
mod webhook;

use std::sync::Arc;

use axum::extract::DefaultBodyLimit;
use axum::http::{header, HeaderValue};
use axum::middleware;
use axum::routing::{get, post};
use axum::Router;
use tower_http::set_header::SetResponseHeaderLayer;

use crate::clock::Clock;
use crate::policy::Policy;
use crate::store::{SessionStore, StoreError};
use crate::upstream::Upstream;
use error::ApiError;
use ratelimit::RateLimiter;

/// The public values `GET /config` answers (never the secret).
#[derive(Clone, Debug)]
pub struct PublicConfig {
    pub api_key: String,
    /// The platform origin the SDK talks to directly (websocket, JWT routes).
    pub endpoint: String,
    /// The OAuth2 provider (`https://oauth2.xumm.app`, or `{sandbox}/oauth2`).
    pub oauth_endpoint: String,
}

/// Limits applied by the API.
#[derive(Clone, Debug)]
pub struct Limits {
    /// Largest accepted request body, in bytes.
    pub body_bytes: usize,
    /// Requests per minute per client IP (0 = unlimited).
    pub per_ip_per_minute: u32,
    /// Requests per minute per session (0 = unlimited).
    pub per_session_per_minute: u32,
    /// How old a webhook timestamp may be, in seconds.
    pub webhook_tolerance_seconds: i64,
    /// Reverse proxies in front of this one whose `X-Forwarded-For` entries are trusted
    /// (0 = none: the per-IP limit counts the connecting address).
    pub trusted_proxies: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Self {
            body_bytes: 64 * 1024,
            per_ip_per_minute: 600,
            per_session_per_minute: 240,
            webhook_tolerance_seconds: 300,
            trusted_proxies: 0,
        }
    }
}

/// Everything the handlers share.
pub struct ApiState {
    pub store: Arc<dyn SessionStore>,
    pub upstream: Upstream,
    pub policy: Policy,
    pub clock: Clock,
    pub public: PublicConfig,
    /// Origins (normalized, see [`guard::normalize_origin`]) allowed to call cross-origin with credentials.
    pub allowed_origins: Vec<String>,
    /// Where the router is mounted (the cookie's `Path`), e.g. `/api/xaman`.
    pub mount_path: String,
    pub body_limit: usize,
    pub webhook_tolerance_seconds: i64,
    pub ip_limiter: RateLimiter,
    pub session_limiter: RateLimiter,
    /// See [`Limits::trusted_proxies`].
    pub trusted_proxies: usize,
}

impl ApiState {
    #[allow(clippy::too_many_arguments)]
    pub fn new(
        store: Arc<dyn SessionStore>,
        upstream: Upstream,
        policy: Policy,
        clock: Clock,
        public: PublicConfig,
        allowed_origins: Vec<String>,
        mount_path: &str,
        limits: &Limits,
    ) -> Self {
        Self {
            store,
            upstream,
            policy,
            clock,
            public,
            allowed_origins,
            mount_path: mount_path.to_owned(),
            body_limit: limits.body_bytes,
            webhook_tolerance_seconds: limits.webhook_tolerance_seconds,
            ip_limiter: RateLimiter::new(limits.per_ip_per_minute),
            session_limiter: RateLimiter::new(limits.per_session_per_minute),
            trusted_proxies: limits.trusted_proxies,
        }
    }

    /// Runs a store call on the blocking thread pool.
    pub async fn blocking<T, F>(&self, call: F) -> Result<T, ApiError>
    where
        T: Send + 'static,
        F: FnOnce(&dyn SessionStore) -> Result<T, StoreError> + Send + 'static,
    {
        let store = Arc::clone(&self.store);
        tokio::task::spawn_blocking(move || call(store.as_ref()))
            .await
            .map_err(|e| ApiError::from(StoreError(format!("store task failed: {e}"))))?
            .map_err(ApiError::from)
    }
}

/// The API routes, to be nested at `state.mount_path`.
pub fn router(state: Arc<ApiState>) -> Router {
    let limited = Router::new()
        .route("/payload", post(payload::create))
        .route("/payload/{uuid}", get(payload::get).delete(payload::cancel))
        .route("/session", get(routes::show))
        .route("/session/logout", post(routes::logout))
        .route("/config", get(routes::config))
        .route_layer(middleware::from_fn_with_state(
            Arc::clone(&state),
            guard::rate_limit,
        ));
    Router::new()
        .merge(limited)
        .route("/webhook", post(webhook::receive))
        .fallback(routes::not_found)
        .method_not_allowed_fallback(routes::method_not_allowed)
        .layer(DefaultBodyLimit::max(state.body_limit))
        .layer(middleware::from_fn_with_state(
            Arc::clone(&state),
            guard::origin_guard,
        ))
        .layer(SetResponseHeaderLayer::overriding(
            header::CACHE_CONTROL,
            HeaderValue::from_static("no-store"),
        ))
        .layer(SetResponseHeaderLayer::if_not_present(
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        ))
        .with_state(state)
}
