//! JWT claims of the xApp and OAuth2 tokens (decoded, not verified: the platform verifies).

use serde::{Deserialize, Serialize};

use crate::core::encoding::base64url_decode;
use crate::core::error::{err, ErrorCode, Result, XamanError};

/// Seconds of clock skew tolerated: a token is treated as expired this long before `exp`.
pub const EXPIRY_SKEW_SECS: i64 = 30;

/// The JSON text of a JWT's payload segment (base64url, three segments). Errors: `oauth_failed`.
pub fn decode_payload(jwt: &str) -> Result<String> {
    let parts: Vec<&str> = jwt.split('.').collect();
    if parts.len() != 3 || parts.iter().any(|p| p.is_empty()) {
        return err(ErrorCode::OauthFailed, format!("not a JWT: expected three dot-separated parts, got {}", parts.len()));
    }
    let bytes = base64url_decode(parts[1])
        .ok_or_else(|| XamanError::new(ErrorCode::OauthFailed, "not a JWT: the claims part is not base64url"))?;
    String::from_utf8(bytes).map_err(|_| XamanError::new(ErrorCode::OauthFailed, "not a JWT: the claims are not UTF-8 text"))
}

/// Claims the SDK reads (both xApp and OAuth2 JWTs). All optional.
#[derive(Clone, Debug, PartialEq, Default, Deserialize, Serialize)]
pub struct JwtClaims {
    /// Account (OAuth2).
    #[serde(default)]
    pub sub: Option<String>,
    /// Expiry, unix seconds.
    #[serde(default)]
    pub exp: Option<i64>,
    /// Issued at, unix seconds.
    #[serde(default)]
    pub iat: Option<i64>,
    /// Issuer.
    #[serde(default)]
    pub iss: Option<String>,
    /// Audience.
    #[serde(default)]
    pub aud: Option<String>,
    /// App UUID.
    #[serde(default)]
    pub app_uuidv4: Option<String>,
    /// Client id (API key).
    #[serde(default)]
    pub client_id: Option<String>,
    /// App name.
    #[serde(default)]
    pub app_name: Option<String>,
    /// User token.
    #[serde(default)]
    pub usertoken_uuidv4: Option<String>,
    /// SignIn payload UUID.
    #[serde(default)]
    pub payload_uuidv4: Option<String>,
    /// xApp OTT.
    #[serde(default)]
    pub ott_uuidv4: Option<String>,
    /// Network key.
    #[serde(default)]
    pub network_type: Option<String>,
    /// Node URL.
    #[serde(default)]
    pub network_endpoint: Option<String>,
    /// Network id.
    #[serde(default)]
    pub network_id: Option<i64>,
    /// OAuth2 scope.
    #[serde(default)]
    pub scope: Option<String>,
}

/// `true` when the token has no `exp` or expires within [`EXPIRY_SKEW_SECS`] of `now_secs`.
pub fn is_expired(claims: &JwtClaims, now_secs: i64) -> bool {
    claims.exp.map_or(true, |exp| exp - EXPIRY_SKEW_SECS <= now_secs)
}
