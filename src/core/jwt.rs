//! JWT claims of the xApp and OAuth2 tokens (decoded, not verified: the platform verifies).

use crate::core::text::text;
use serde::Serialize;

use crate::core::encoding::{base64url_decode, cut, push_utf8_lossy};
use crate::core::error::{err, ErrorCode, Result, XamanError};
use crate::prelude::*;

/// Seconds of clock skew tolerated: a token is treated as expired this long before `exp`.
pub const EXPIRY_SKEW_SECS: i64 = 30;

/// The JSON text of a JWT's payload segment (base64url, three segments). Errors: `oauth_failed`.
pub fn decode_payload(jwt: &str) -> Result<String> {
    let claims = claims_part(jwt).or_else(|parts| {
        err(ErrorCode::OauthFailed, text!("not a JWT: expected three dot-separated parts, got ", parts))
    })?;
    let bytes = base64url_decode(claims)
        .ok_or_else(|| XamanError::new(ErrorCode::OauthFailed, "not a JWT: the claims part is not base64url"))?;
    let mut text = String::with_capacity(bytes.len());
    if push_utf8_lossy(&bytes, &mut text) {
        Ok(text)
    } else {
        err(ErrorCode::OauthFailed, "not a JWT: the claims are not UTF-8 text")
    }
}

/// The middle (claims) part of a JWT-shaped text: three non-empty dot-separated parts.
/// `Err` carries the number of parts when the text has another shape.
pub(crate) fn claims_part(jwt: &str) -> core::result::Result<&str, usize> {
    let (mut parts, mut any_empty, mut claims) = (0, false, "");
    let mut rest = Some(jwt);
    while let Some(text) = rest {
        let (part, next) = cut(text, b'.');
        rest = next;
        parts += 1;
        any_empty |= part.is_empty();
        if parts == 2 {
            claims = part;
        }
    }
    if parts == 3 && !any_empty {
        Ok(claims)
    } else {
        Err(parts)
    }
}

/// Claims the SDK reads (both xApp and OAuth2 JWTs): the account, the expiry and the network.
/// All optional; other claims are not read.
#[derive(Clone, Debug, PartialEq, Default, Serialize)]
pub struct JwtClaims {
    /// Account (OAuth2).
    pub sub: Option<String>,
    /// Expiry, unix seconds.
    pub exp: Option<i64>,
    /// Network key.
    pub network_type: Option<String>,
    /// Node URL.
    pub network_endpoint: Option<String>,
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
            network_type: v.str_at("network_type"),
            network_endpoint: v.str_at("network_endpoint"),
        })
    }
}
