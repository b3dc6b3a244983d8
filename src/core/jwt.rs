//! JWT claims of the xApp and OAuth2 tokens (decoded, not verified: the platform verifies).

use serde::Serialize;

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
#[derive(Clone, Debug, PartialEq, Default, Serialize)]
pub struct JwtClaims {
    /// Account (OAuth2).
    pub sub: Option<String>,
    /// Expiry, unix seconds.
    pub exp: Option<i64>,
    /// Issued at, unix seconds.
    pub iat: Option<i64>,
    /// Issuer.
    pub iss: Option<String>,
    /// Audience.
    pub aud: Option<String>,
    /// App UUID.
    pub app_uuidv4: Option<String>,
    /// Client id (API key).
    pub client_id: Option<String>,
    /// App name.
    pub app_name: Option<String>,
    /// User token.
    pub usertoken_uuidv4: Option<String>,
    /// SignIn payload UUID.
    pub payload_uuidv4: Option<String>,
    /// xApp OTT.
    pub ott_uuidv4: Option<String>,
    /// Network key.
    pub network_type: Option<String>,
    /// Node URL.
    pub network_endpoint: Option<String>,
    /// Network id.
    pub network_id: Option<i64>,
    /// OAuth2 scope.
    pub scope: Option<String>,
}

/// `true` when the token has no `exp` or expires within [`EXPIRY_SKEW_SECS`] of `now_secs`.
pub fn is_expired(claims: &JwtClaims, now_secs: i64) -> bool {
    claims.exp.map_or(true, |exp| exp - EXPIRY_SKEW_SECS <= now_secs)
}

crate::core::json::deserialize_via_json!(JwtClaims);

impl JwtClaims {
    /// Read claims (everything optional).
    pub fn from_json(v: &crate::core::json::JsonValue) -> core::result::Result<Self, String> {
        if v.as_object().is_none() {
            return Err("JWT claims are not an object".to_owned());
        }
        Ok(JwtClaims {
            sub: v.str_at("sub"),
            exp: v.i64_at("exp"),
            iat: v.i64_at("iat"),
            iss: v.str_at("iss"),
            aud: v.str_at("aud"),
            app_uuidv4: v.str_at("app_uuidv4"),
            client_id: v.str_at("client_id"),
            app_name: v.str_at("app_name"),
            usertoken_uuidv4: v.str_at("usertoken_uuidv4"),
            payload_uuidv4: v.str_at("payload_uuidv4"),
            ott_uuidv4: v.str_at("ott_uuidv4"),
            network_type: v.str_at("network_type"),
            network_endpoint: v.str_at("network_endpoint"),
            network_id: v.i64_at("network_id"),
            scope: v.str_at("scope"),
        })
    }
}
