//! xApp OTT exchange, OAuth2 token / userinfo answers, and the proxy's session and config.

use serde::{Deserialize, Serialize};

use crate::core::json::JsonValue;

/// OTT data (the xApp launch context) from `GET /api/v1/jwt/authorize` (`ott`) or
/// `GET /api/v1/platform/xapp/ott/<ott>`. Everything optional: hosts differ by version.
#[derive(Clone, Debug, PartialEq, Default, Deserialize, Serialize)]
pub struct OttData {
    /// Xaman app version.
    #[serde(default)]
    pub version: Option<String>,
    /// UI locale.
    #[serde(default)]
    pub locale: Option<String>,
    /// User currency.
    #[serde(default)]
    pub currency: Option<String>,
    /// LIGHT | DARK | MOONLIGHT | ROYAL.
    #[serde(default)]
    pub style: Option<String>,
    /// Network key (MAINNET, TESTNET, …).
    #[serde(default)]
    pub nodetype: Option<String>,
    /// Node websocket URL.
    #[serde(default)]
    pub nodewss: Option<String>,
    /// Network id.
    #[serde(default)]
    pub networkid: Option<i64>,
    /// The selected account.
    #[serde(default)]
    pub account: Option<String>,
    /// REGULAR | TANGEM.
    #[serde(default)]
    pub accounttype: Option<String>,
    /// FULL | READONLY.
    #[serde(default)]
    pub accountaccess: Option<String>,
    /// Launch origin (`{type, data}`).
    #[serde(default)]
    pub origin: JsonValue,
    /// Xaman user UUID.
    #[serde(default)]
    pub user: Option<String>,
    /// Device info.
    #[serde(default)]
    pub user_device: JsonValue,
    /// Account profile (`{account, name, domain, …}`).
    #[serde(default)]
    pub account_info: Option<AccountInfo>,
}

/// `account_info` of the OTT data.
#[derive(Clone, Debug, PartialEq, Default, Deserialize, Serialize)]
pub struct AccountInfo {
    /// Account.
    #[serde(default)]
    pub account: Option<String>,
    /// Display name.
    #[serde(default)]
    pub name: Option<String>,
    /// Domain.
    #[serde(default)]
    pub domain: Option<String>,
    /// Blocked account.
    #[serde(default)]
    pub blocked: Option<bool>,
    /// KYC approved.
    #[serde(default, rename = "kycApproved")]
    pub kyc_approved: Option<bool>,
    /// Xaman Pro.
    #[serde(default, rename = "proSubscription")]
    pub pro_subscription: Option<bool>,
}

/// `app` of the jwt/authorize answer.
#[derive(Clone, Debug, PartialEq, Default, Deserialize, Serialize)]
pub struct AppInfo {
    /// App name.
    #[serde(default)]
    pub name: Option<String>,
}

/// Answer of `GET /api/v1/jwt/authorize` (headers `x-api-key`, `x-api-ott`).
#[derive(Clone, Debug, PartialEq, Deserialize, Serialize)]
pub struct JwtAuthorizeResponse {
    /// OTT data.
    #[serde(default)]
    pub ott: OttData,
    /// App.
    #[serde(default)]
    pub app: AppInfo,
    /// The xApp JWT (24 h).
    pub jwt: String,
}

/// Answer of `POST {oauthEndpoint}/token`.
#[derive(Clone, Debug, PartialEq, Deserialize, Serialize)]
pub struct TokenResponse {
    /// The JWT to use as Bearer.
    pub access_token: String,
    /// `bearer`.
    #[serde(default)]
    pub token_type: Option<String>,
    /// Lifetime in seconds.
    #[serde(default)]
    pub expires_in: Option<i64>,
    /// OpenID token (scope `openid` only).
    #[serde(default)]
    pub id_token: Option<String>,
    /// Always empty.
    #[serde(default)]
    pub refresh_token: Option<String>,
    /// Granted scope.
    #[serde(default)]
    pub scope: Option<String>,
}

/// Answer of `GET {oauthEndpoint}/userinfo`.
#[derive(Clone, Debug, PartialEq, Default, Deserialize, Serialize)]
pub struct UserInfo {
    /// Account.
    #[serde(default)]
    pub sub: Option<String>,
    /// Account (account-info).
    #[serde(default)]
    pub account: Option<String>,
    /// Display name.
    #[serde(default)]
    pub name: Option<String>,
    /// Domain.
    #[serde(default)]
    pub domain: Option<String>,
    /// Avatar URL.
    #[serde(default)]
    pub picture: Option<String>,
    /// Network key.
    #[serde(default, rename = "networkType")]
    pub network_type: Option<String>,
    /// Node URL.
    #[serde(default, rename = "networkEndpoint")]
    pub network_endpoint: Option<String>,
    /// Network id.
    #[serde(default, rename = "networkId")]
    pub network_id: Option<i64>,
}

/// Answer of the proxy's `GET {proxy}/session`: `{account, tokenExpiresAt}` or `{}`.
#[derive(Clone, Debug, PartialEq, Default, Deserialize, Serialize)]
pub struct ProxySession {
    /// Account of the session's user.
    #[serde(default)]
    pub account: Option<String>,
    /// Unix seconds when the user token expires.
    #[serde(default, rename = "tokenExpiresAt")]
    pub token_expires_at: Option<i64>,
}

/// Answer of the proxy's `GET {proxy}/config`: public values only.
#[derive(Clone, Debug, PartialEq, Default, Deserialize, Serialize)]
pub struct ProxyConfig {
    /// API key (public).
    #[serde(default, rename = "apiKey")]
    pub api_key: Option<String>,
    /// Platform endpoint.
    #[serde(default)]
    pub endpoint: Option<String>,
    /// OAuth2 endpoint.
    #[serde(default, rename = "oauthEndpoint")]
    pub oauth_endpoint: Option<String>,
}

/// `{name, uuidv4}` of an app (storage answers).
#[derive(Clone, Debug, PartialEq, Default, Deserialize, Serialize)]
pub struct AppInfoWithUuid {
    /// App name.
    pub name: String,
    /// App UUID.
    pub uuidv4: String,
}
