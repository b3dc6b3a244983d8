//! `xaman.user`: `{ account, name?, networkType?, networkEndpoint?, tokenExpiresAt? }`.

use serde::{Deserialize, Deserializer, Serialize};

use crate::core::json::JsonValue;
use crate::core::jwt::JwtClaims;
use crate::core::platform::{OttData, ProxySession, UserInfo};
use crate::prelude::*;

/// The signed-in user as JS sees it (camelCase; absent fields are left out).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct User {
    /// Classic address.
    pub account: String,
    /// Display name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Network key (MAINNET, TESTNET, …).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub network_type: Option<String>,
    /// Node URL.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub network_endpoint: Option<String>,
    /// Unix seconds when the session/token ends.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub token_expires_at: Option<i64>,
}

impl User {
    /// From xApp OTT data (+ the xApp JWT's claims for the expiry). `None` without an account.
    pub fn from_ott(ott: &OttData, claims: Option<&JwtClaims>) -> Option<User> {
        let info = ott.account_info.as_ref();
        let account = non_empty(&ott.account).or_else(|| info.and_then(|i| non_empty(&i.account)))?;
        Some(User {
            account,
            name: info.and_then(|i| non_empty(&i.name)),
            network_type: non_empty(&ott.nodetype).or_else(|| claims.and_then(|c| non_empty(&c.network_type))),
            network_endpoint: non_empty(&ott.nodewss).or_else(|| claims.and_then(|c| non_empty(&c.network_endpoint))),
            token_expires_at: claims.and_then(|c| c.exp),
        })
    }

    /// From OAuth2 JWT claims and (optionally) userinfo. `None` without an account.
    pub fn from_oauth(claims: &JwtClaims, userinfo: Option<&UserInfo>) -> Option<User> {
        let account = non_empty(&claims.sub)
            .or_else(|| userinfo.and_then(|u| non_empty(&u.sub).or_else(|| non_empty(&u.account))))?;
        Some(User {
            account,
            name: userinfo.and_then(|u| non_empty(&u.name)),
            network_type: userinfo.and_then(|u| non_empty(&u.network_type)).or_else(|| non_empty(&claims.network_type)),
            network_endpoint: userinfo
                .and_then(|u| non_empty(&u.network_endpoint))
                .or_else(|| non_empty(&claims.network_endpoint)),
            token_expires_at: claims.exp,
        })
    }

    /// From the proxy's `GET /session` answer; `{}` → `None`.
    pub fn from_proxy_session(session: &ProxySession) -> Option<User> {
        Some(User {
            account: non_empty(&session.account)?,
            name: None,
            network_type: None,
            network_endpoint: None,
            token_expires_at: session.token_expires_at,
        })
    }

    /// Read back what [`User::to_json`] wrote; `None` when `account` is missing or a field
    /// has the wrong type.
    pub fn from_json(value: &JsonValue) -> Option<User> {
        value.as_object()?;
        let opt_str = |key: &str| -> Option<Option<String>> {
            match value.get(key) {
                None | Some(JsonValue::Null) => Some(None),
                Some(JsonValue::String(s)) => Some(Some(s.clone())),
                Some(_) => None,
            }
        };
        let token_expires_at = match value.get("tokenExpiresAt") {
            None | Some(JsonValue::Null) => None,
            Some(v) => Some(v.as_i64()?),
        };
        Some(User {
            account: value.get("account")?.as_str().filter(|s| !s.is_empty())?.to_owned(),
            name: opt_str("name")?,
            network_type: opt_str("networkType")?,
            network_endpoint: opt_str("networkEndpoint")?,
            token_expires_at,
        })
    }

    /// As a JSON value (camelCase, absent fields left out).
    pub fn to_json(&self) -> JsonValue {
        let mut members = vec![("account".to_owned(), JsonValue::str(&self.account))];
        for (key, value) in [
            ("name", &self.name),
            ("networkType", &self.network_type),
            ("networkEndpoint", &self.network_endpoint),
        ] {
            if let Some(v) = value {
                members.push((key.to_owned(), JsonValue::str(v)));
            }
        }
        if let Some(t) = self.token_expires_at {
            members.push(("tokenExpiresAt".to_owned(), JsonValue::from(t)));
        }
        JsonValue::Object(members)
    }
}

fn non_empty(value: &Option<String>) -> Option<String> {
    value.as_ref().filter(|s| !s.is_empty()).cloned()
}

/// Reads what [`User::to_json`] writes (camelCase); a missing account is an error.
impl<'de> Deserialize<'de> for User {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let value = JsonValue::deserialize(deserializer)?;
        User::from_json(&value).ok_or_else(|| serde::de::Error::custom("not a user object: `account` is required"))
    }
}
