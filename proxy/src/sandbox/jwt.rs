//! HS256 JSON Web Tokens signed with the app's API secret (the xApp JWT and, in the sandbox,
//! the OAuth2 access token too).

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use hmac::{Hmac, Mac};
use serde_json::{json, Value};
use sha2::Sha256;

type HmacSha256 = Hmac<Sha256>;

/// A JWT lives 24 hours, like the platform's.
pub const JWT_LIFETIME_SECONDS: i64 = 86_400;

/// Encodes and signs `claims`.
pub fn encode(claims: &Value, secret: &str) -> String {
    let header = URL_SAFE_NO_PAD.encode(json!({ "alg": "HS256", "typ": "JWT" }).to_string());
    let body = URL_SAFE_NO_PAD.encode(claims.to_string());
    let signing_input = format!("{header}.{body}");
    let mut mac = HmacSha256::new_from_slice(secret.as_bytes()).expect("HMAC takes any key length");
    mac.update(signing_input.as_bytes());
    let signature = URL_SAFE_NO_PAD.encode(mac.finalize().into_bytes());
    format!("{signing_input}.{signature}")
}

/// Why a token was refused.
#[derive(Debug, PartialEq, Eq)]
pub enum JwtError {
    Malformed,
    WrongAlgorithm,
    BadSignature,
    Expired,
}

impl std::fmt::Display for JwtError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            JwtError::Malformed => "the JWT is malformed",
            JwtError::WrongAlgorithm => "the JWT is not HS256",
            JwtError::BadSignature => "the JWT signature does not match",
            JwtError::Expired => "the JWT has expired",
        })
    }
}

/// Verifies signature and `exp` (against `now`, unix seconds) and answers the claims.
pub fn verify(token: &str, secret: &str, now: i64) -> Result<Value, JwtError> {
    let mut parts = token.split('.');
    let (Some(header), Some(body), Some(signature), None) = (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Err(JwtError::Malformed);
    };
    let decode = |part: &str| -> Result<Value, JwtError> {
        let bytes = URL_SAFE_NO_PAD.decode(part).map_err(|_| JwtError::Malformed)?;
        serde_json::from_slice(&bytes).map_err(|_| JwtError::Malformed)
    };
    if decode(header)?.get("alg").and_then(Value::as_str) != Some("HS256") {
        return Err(JwtError::WrongAlgorithm);
    }
    let signature = URL_SAFE_NO_PAD.decode(signature).map_err(|_| JwtError::Malformed)?;
    let mut mac = HmacSha256::new_from_slice(secret.as_bytes()).expect("HMAC takes any key length");
    mac.update(format!("{header}.{body}").as_bytes());
    mac.verify_slice(&signature).map_err(|_| JwtError::BadSignature)?;
    let claims = decode(body)?;
    match claims.get("exp").and_then(Value::as_i64) {
        Some(exp) if exp > now => Ok(claims),
        Some(_) => Err(JwtError::Expired),
        None => Err(JwtError::Malformed),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_and_refusals() {
        let token = encode(&json!({"sub": "rX", "exp": 2000, "iat": 1000}), "secret");
        assert_eq!(verify(&token, "secret", 1500).unwrap()["sub"], "rX");
        assert_eq!(verify(&token, "other", 1500), Err(JwtError::BadSignature));
        assert_eq!(verify(&token, "secret", 2000), Err(JwtError::Expired));
        assert_eq!(verify("a.b", "secret", 0), Err(JwtError::Malformed));
        let mut tampered = token.clone();
        tampered.insert(token.find('.').unwrap() + 2, 'x');
        assert!(verify(&tampered, "secret", 1500).is_err());
    }

    #[test]
    fn known_answer() {
        // Computed independently with Python (hmac + hashlib.sha256 + urlsafe_b64encode).
        let token = encode(&json!({"a": 1}), "k");
        assert_eq!(token, KNOWN);
    }

    const KNOWN: &str = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJhIjoxfQ.HYfzqBpLbCOo950TeHdytWxg8UHtAmEQCW7ITVky6Gc";
}
