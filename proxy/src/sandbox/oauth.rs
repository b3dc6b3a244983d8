//! OAuth2 under `/oauth2` (being written).
use axum::Router;
use super::Sandbox;
pub(crate) fn routes(_sandbox: &Sandbox) -> Router<Sandbox> { Router::new() }
