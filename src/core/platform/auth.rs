//! xApp OTT exchange, OAuth2 token / userinfo answers, and the proxy's session and config.

use serde::Serialize;

use crate::core::json::JsonValue;
use crate::prelude::*;

/// OTT data (the xApp launch context) from `GET /api/v1/jwt/authorize` (`ott`): the members
/// the signed-in user is read from. Everything optional: hosts differ by version.
#[derive(Clone, Debug, PartialEq, Default, Serialize)]
pub struct OttData {
    /// Network key (MAINNET, TESTNET, …).
    pub nodetype: Option<String>,
    /// Node websocket URL.
    pub nodewss: Option<String>,
    /// The selected account.
    pub account: Option<String>,
    /// Account profile (`{account, name, …}`).
    pub account_info: Option<AccountInfo>,
}

/// `account_info` of the OTT data.
#[derive(Clone, Debug, PartialEq, Default, Serialize)]
pub struct AccountInfo {
    /// Account.
    pub account: Option<String>,
    /// Display name.
    pub name: Option<String>,
}

/// Answer of `GET /api/v1/jwt/authorize` (headers `x-api-key`, `x-api-ott`).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct JwtAuthorizeResponse {
    /// OTT data.
    pub ott: OttData,
    /// The xApp JWT (24 h).
    pub jwt: String,
}

/// Answer of `POST {oauthEndpoint}/token`: the token the SDK uses.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct TokenResponse {
    /// The JWT to use as Bearer.
    pub access_token: String,
}

/// Answer of `GET {oauthEndpoint}/userinfo`: what the signed-in user is read from.
#[derive(Clone, Debug, PartialEq, Default, Serialize)]
pub struct UserInfo {
    /// Account.
    pub sub: Option<String>,
    /// Account (account-info).
    pub account: Option<String>,
    /// Display name.
    pub name: Option<String>,
    /// Network key.
    #[serde(rename = "networkType")]
    pub network_type: Option<String>,
    /// Node URL.
    #[serde(rename = "networkEndpoint")]
    pub network_endpoint: Option<String>,
}

/// Answer of the proxy's `GET {proxy}/session`: `{account, tokenExpiresAt}` or `{}`.
#[derive(Clone, Debug, PartialEq, Default, Serialize)]
pub struct ProxySession {
    /// Account of the session's user.
    pub account: Option<String>,
    /// Unix seconds when the user token expires.
    #[serde(rename = "tokenExpiresAt")]
    pub token_expires_at: Option<i64>,
}

/// Answer of the proxy's `GET {proxy}/config`: public values only.
#[derive(Clone, Debug, PartialEq, Default, Serialize)]
pub struct ProxyConfig {
    /// API key (public).
    #[serde(rename = "apiKey")]
    pub api_key: Option<String>,
    /// Platform endpoint.
    pub endpoint: Option<String>,
    /// OAuth2 endpoint.
    #[serde(rename = "oauthEndpoint")]
    pub oauth_endpoint: Option<String>,
}

/// `{name, uuidv4}` of an app (storage answers).
#[derive(Clone, Debug, PartialEq, Default, Serialize)]
pub struct AppInfoWithUuid {
    /// App name.
    pub name: String,
    /// App UUID.
    pub uuidv4: String,
}

crate::core::json::deserialize_via_json!(
    OttData,
    AccountInfo,
    JwtAuthorizeResponse,
    TokenResponse,
    UserInfo,
    ProxySession,
    ProxyConfig,
    AppInfoWithUuid,
);

impl OttData {
    /// Read OTT data (everything optional).
    pub fn from_json(v: &JsonValue) -> Result<Self, String> {
        Ok(OttData {
            nodetype: v.str_at("nodetype"),
            nodewss: v.str_at("nodewss"),
            account: v.str_at("account"),
            account_info: match v.get("account_info") {
                Some(info @ JsonValue::Object(_)) => Some(AccountInfo::from_json(info)?),
                _ => None,
            },
        })
    }
}

impl AccountInfo {
    /// Read `account_info`.
    pub fn from_json(v: &JsonValue) -> Result<Self, String> {
        Ok(AccountInfo { account: v.str_at("account"), name: v.str_at("name") })
    }
}

impl JwtAuthorizeResponse {
    /// Read the jwt/authorize answer; `jwt` is required.
    pub fn from_json(v: &JsonValue) -> Result<Self, String> {
        Ok(JwtAuthorizeResponse {
            ott: OttData::from_json(&v.value_at("ott"))?,
            jwt: v.required_str("jwt", "jwt/authorize answer")?,
        })
    }
}

impl TokenResponse {
    /// Read the token answer; `access_token` is required.
    pub fn from_json(v: &JsonValue) -> Result<Self, String> {
        Ok(TokenResponse { access_token: v.required_str("access_token", "token answer")? })
    }
}

impl UserInfo {
    /// Read userinfo (everything optional).
    pub fn from_json(v: &JsonValue) -> Result<Self, String> {
        Ok(UserInfo {
            sub: v.str_at("sub"),
            account: v.str_at("account"),
            name: v.str_at("name"),
            network_type: v.str_at("networkType"),
            network_endpoint: v.str_at("networkEndpoint"),
        })
    }
}

impl ProxySession {
    /// Read `{account, tokenExpiresAt}` or `{}`.
    pub fn from_json(v: &JsonValue) -> Result<Self, String> {
        Ok(ProxySession { account: v.str_at("account"), token_expires_at: v.i64_at("tokenExpiresAt") })
    }
}

impl ProxyConfig {
    /// Read `{apiKey, endpoint, oauthEndpoint}`.
    pub fn from_json(v: &JsonValue) -> Result<Self, String> {
        Ok(ProxyConfig {
            api_key: v.str_at("apiKey"),
            endpoint: v.str_at("endpoint"),
            oauth_endpoint: v.str_at("oauthEndpoint"),
        })
    }
}

impl AppInfoWithUuid {
    /// Read `{name, uuidv4}`.
    pub fn from_json(v: &JsonValue) -> Result<Self, String> {
        Ok(AppInfoWithUuid { name: v.required_str("name", "application")?, uuidv4: v.required_str("uuidv4", "application")? })
    }
}
