//! The sandbox: a wire-compatible simulation of the Xaman platform (REST, websocket, xApp OTT and
//! JWT, OAuth2 PKCE, webhooks) plus a simulated phone, a movable clock and fault injection.
//!
//! ```no_run
//! # async fn demo() {
//! use xaman_proxy::sandbox::{Sandbox, SandboxConfig};
//! let sandbox = Sandbox::new(SandboxConfig::default_credentials());
//! let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
//! axum::serve(listener, sandbox.router()).await.unwrap();
//! # }
//! ```
//!
//! Everything is served at the root of the sandbox's own origin, so official SDKs can point their
//! endpoint at it. Every time decision uses the shared [`Clock`], so advancing it moves payload
//! expiry, user-token expiry, OTT and JWT lifetimes together.

mod address;
mod control;
mod errors;
mod faults;
mod jwt;
mod jwt_routes;
mod lifecycle;
mod oauth;
mod origin;
mod pages;
mod payload;
mod payload_routes;
mod platform;
mod qr;
mod signing;
mod state;
mod timefmt;
mod txtypes;
mod users;
mod webhook_sender;
mod ws;
mod phone;
mod xapp_host;
mod xapp;

use std::sync::{Arc, Mutex, RwLock};
use std::time::Duration;

use axum::Router;

use crate::clock::Clock;

pub use address::{encode_account_id, is_valid_classic_address};
pub use errors::ControlError;
pub use faults::Faults;
pub use lifecycle::PhoneAction;
pub use xapp::LaunchRequest;
pub use state::{UserTokenRecord, WebhookAttempt, USER_TOKEN_LIFETIME_SECONDS};
pub use users::SandboxUser;

/// The sandbox API key used when `XAMAN_API_KEY` is not set (public, documented).
pub const SANDBOX_API_KEY: &str = "c0ffee00-5a4d-4b0b-8a11-000000000001";
/// The sandbox API secret used when `XAMAN_API_SECRET` is not set (public, documented).
pub const SANDBOX_API_SECRET: &str = "5ec7e700-0000-4000-8000-000000000002";

/// How the sandbox behaves. Build one with [`SandboxConfig::default_credentials`] and change
/// fields with struct update syntax.
#[derive(Clone, Debug)]
pub struct SandboxConfig {
    /// The app's API key (also the OAuth2 `client_id`).
    pub api_key: String,
    /// The app's API secret: signs JWTs (HS256) and webhooks.
    pub api_secret: String,
    /// The app name shown to users and returned as `application.name`.
    pub app_name: String,
    /// Where resolved payloads are POSTed (the app's webhook URL), if anywhere.
    pub webhook_url: Option<String>,
    /// The shared clock: advance it to expire payloads and user tokens.
    pub clock: Clock,
    /// Waits before the 2nd, 3rd, … webhook attempt. The platform's: 10 s, 60 s, 600 s, 600 s.
    pub webhook_retry_delays: Vec<Duration>,
    /// A webhook attempt counts as failed without an answer within this time (platform: 15 s).
    pub webhook_timeout: Duration,
    /// Gap between the websocket messages of one phone action (opened → pre_signed →
    /// dispatched → resolved), so clients see them as separate events.
    pub step_delay: Duration,
    /// How often sockets repeat `{"expires_in_seconds": n}` (platform: 15 s).
    pub expires_in_interval: Duration,
    /// Extra origins (e.g. `https://my.dapp.example`) allowed as OAuth2 redirect URIs besides
    /// any loopback origin.
    pub oauth_redirect_origins: Vec<String>,
}

impl SandboxConfig {
    /// The fixed sandbox app (`SANDBOX_API_KEY` / `SANDBOX_API_SECRET`), real time, no webhook,
    /// the platform's webhook retry schedule.
    pub fn default_credentials() -> Self {
        Self::with_credentials(SANDBOX_API_KEY, SANDBOX_API_SECRET)
    }

    /// The same defaults with other app credentials.
    pub fn with_credentials(api_key: &str, api_secret: &str) -> Self {
        Self {
            api_key: api_key.to_string(),
            api_secret: api_secret.to_string(),
            app_name: "Sandbox dApp".to_string(),
            webhook_url: None,
            clock: Clock::new(),
            webhook_retry_delays: [10, 60, 600, 600].into_iter().map(Duration::from_secs).collect(),
            webhook_timeout: Duration::from_secs(15),
            step_delay: Duration::from_millis(40),
            expires_in_interval: Duration::from_secs(15),
            oauth_redirect_origins: Vec::new(),
        }
    }
}

pub(crate) struct Inner {
    pub config: SandboxConfig,
    pub webhook_url: RwLock<Option<String>>,
    pub state: Mutex<state::State>,
    pub faults: faults::FaultState,
    pub http: reqwest::Client,
}

/// The simulated platform. Cheap to clone (an `Arc` inside); clones share all state.
#[derive(Clone)]
pub struct Sandbox {
    pub(crate) inner: Arc<Inner>,
}

impl Sandbox {
    pub fn new(config: SandboxConfig) -> Self {
        let webhook_url = RwLock::new(config.webhook_url.clone());
        Self {
            inner: Arc::new(Inner {
                config,
                webhook_url,
                state: Mutex::new(state::State::default()),
                faults: faults::FaultState::default(),
                http: reqwest::Client::builder()
                    .redirect(reqwest::redirect::Policy::none())
                    .build()
                    .expect("HTTP client"),
            }),
        }
    }

    /// Every route of the simulated platform, served at the root of its origin:
    /// `/api/v1/platform/…`, `/api/v1/jwt/…`, `/sign/:uuid` (websocket and sign page),
    /// `/oauth2/…`, and the sandbox's own `/sandbox/…` (control API, phone, xApp host).
    pub fn router(&self) -> Router {
        Router::new()
            .nest("/api/v1/platform", platform::routes(self))
            .nest("/api/v1/jwt", jwt_routes::routes(self))
            .nest("/api/v1/xapp-jwt", jwt_routes::routes(self))
            .nest("/oauth2", oauth::routes(self))
            .nest("/sandbox", control::routes())
            .merge(pages::routes())
            .with_state(self.clone())
    }

    /// The configuration it was built with (the webhook URL may have changed since).
    pub fn config(&self) -> &SandboxConfig {
        &self.inner.config
    }

    /// The shared clock.
    pub fn clock(&self) -> &Clock {
        &self.inner.config.clock
    }

    /// Sets or clears the app's webhook URL (the proxy registers its own receiver).
    pub fn set_webhook_url(&self, url: Option<String>) {
        *self.inner.webhook_url.write().expect("webhook url lock") = url;
    }

    /// The app's webhook URL now.
    pub fn webhook_url(&self) -> Option<String> {
        self.inner.webhook_url.read().expect("webhook url lock").clone()
    }

    /// The simulated phone's users (deterministic; the first one is the default signer).
    pub fn users(&self) -> Vec<SandboxUser> {
        users::sandbox_users()
    }

    /// The user tokens issued so far (live and expired).
    pub fn user_tokens(&self) -> Vec<UserTokenRecord> {
        let mut tokens: Vec<_> = self.lock().tokens.values().cloned().collect();
        tokens.sort_by_key(|t| t.issued);
        tokens
    }

    /// Every webhook delivery attempt so far.
    pub fn webhook_attempts(&self) -> Vec<WebhookAttempt> {
        self.lock().webhook_log.clone()
    }

    pub(crate) fn lock(&self) -> std::sync::MutexGuard<'_, state::State> {
        self.inner.state.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    pub(crate) fn now(&self) -> i64 {
        self.inner.config.clock.now_unix()
    }

    pub(crate) fn now_millis(&self) -> i64 {
        self.inner.config.clock.now_millis()
    }
}
