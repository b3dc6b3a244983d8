//! JWT claims of the xApp and OAuth2 tokens (decoded, not verified: the platform verifies).

use serde::{Deserialize, Serialize};

use crate::core::error::Result;

/// Seconds of clock skew tolerated: a token is treated as expired this long before `exp`.
pub const EXPIRY_SKEW_SECS: i64 = 30;

/// The JSON text of a JWT's payload segment (base64url, three segments). Errors: `oauth_failed`.
pub fn decode_payload(jwt: &str) -> Result<String> {
    todo!()
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
    todo!()
}
