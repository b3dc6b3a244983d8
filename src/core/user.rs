//! `xaman.user`: `{ account, name?, networkType?, networkEndpoint?, tokenExpiresAt? }`.

use serde::{Deserialize, Serialize};

use crate::core::jwt::JwtClaims;
use crate::core::platform::{OttData, ProxySession, UserInfo};

/// The signed-in user as JS sees it (camelCase; absent fields are left out).
#[derive(Clone, Debug, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct User {
    /// Classic address.
    pub account: String,
    /// Display name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Network key (MAINNET, TESTNET, …).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub network_type: Option<String>,
    /// Node URL.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub network_endpoint: Option<String>,
    /// Unix seconds when the session/token ends.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub token_expires_at: Option<i64>,
}

impl User {
    /// From xApp OTT data (+ the xApp JWT's claims for the expiry). `None` without an account.
    pub fn from_ott(ott: &OttData, claims: Option<&JwtClaims>) -> Option<User> {
        todo!()
    }

    /// From OAuth2 JWT claims and (optionally) userinfo. `None` without an account.
    pub fn from_oauth(claims: &JwtClaims, userinfo: Option<&UserInfo>) -> Option<User> {
        todo!()
    }

    /// From the proxy's `GET /session` answer; `{}` → `None`.
    pub fn from_proxy_session(session: &ProxySession) -> Option<User> {
        todo!()
    }

    /// As a JSON value (camelCase, absent fields left out).
    pub fn to_json(&self) -> crate::core::json::JsonValue {
        todo!()
    }
}
