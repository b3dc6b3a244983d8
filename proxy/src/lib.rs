//! xaman-proxy: the reference backend proxy for xaman-wasm (it keeps the API secret and the
//! users' `user_token`s server-side) and a wire-compatible sandbox of the Xaman platform.
//!
//! Module map:
//! - [`cli`] and [`server`]: the command line and the two HTTP listeners (app + sandbox).
//! - [`api`]: the proxy routes under `/api/xaman` (the SDK's proxy contract).
//! - [`store`]: where sessions and user tokens persist (a trait, SQLite by default).
//! - [`policy`]: which payloads the proxy agrees to create.
//! - [`upstream`]: the HTTP client for the platform (live or sandbox).
//! - [`sandbox`]: the simulated platform, phone, OAuth2 provider and xApp host.
//! - [`clock`] and [`signature`]: small pieces both sides share.

pub mod api;
pub mod cli;
pub mod clock;
pub mod policy;
pub mod sandbox;
pub mod server;
pub mod signature;
pub mod store;
pub mod upstream;
