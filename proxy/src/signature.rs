//! The platform's webhook signature: hex HMAC-SHA1 of `timestamp + raw body`, keyed with the API
//! secret whose first `-` is removed (the platform's sender does `secret.replace('-', '')`, which
//! in JavaScript replaces only the first occurrence).

use hmac::{Hmac, Mac};
use sha1::Sha1;

type HmacSha1 = Hmac<Sha1>;

fn key(secret: &str) -> String {
    secret.replacen('-', "", 1)
}

/// The `x-xumm-request-signature` value for a webhook body sent at `timestamp` (unix seconds, as text).
pub fn webhook_signature(secret: &str, timestamp: &str, body: &[u8]) -> String {
    let mut mac = HmacSha1::new_from_slice(key(secret).as_bytes()).expect("HMAC takes any key length");
    mac.update(timestamp.as_bytes());
    mac.update(body);
    hex::encode(mac.finalize().into_bytes())
}

/// Checks a received signature in constant time. `signature` is the header value (hex, any case).
pub fn verify_webhook_signature(secret: &str, timestamp: &str, body: &[u8], signature: &str) -> bool {
    let Ok(given) = hex::decode(signature.trim()) else {
        return false;
    };
    let mut mac = HmacSha1::new_from_slice(key(secret).as_bytes()).expect("HMAC takes any key length");
    mac.update(timestamp.as_bytes());
    mac.update(body);
    mac.verify_slice(&given).is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    // Expected value computed independently with Python:
    // hmac.new("5ec7e700-0000-4000-8000-000000000002".replace("-", "", 1).encode(), b"1700000000" + b'{"a":1}', "sha1").hexdigest()
    const SECRET: &str = "5ec7e700-0000-4000-8000-000000000002";

    #[test]
    fn known_answer() {
        assert_eq!(
            webhook_signature(SECRET, "1700000000", br#"{"a":1}"#),
            KNOWN
        );
    }

    #[test]
    fn verify_accepts_only_the_exact_signature() {
        assert!(verify_webhook_signature(SECRET, "1700000000", br#"{"a":1}"#, KNOWN));
        assert!(verify_webhook_signature(SECRET, "1700000000", br#"{"a":1}"#, &KNOWN.to_uppercase()));
        assert!(!verify_webhook_signature(SECRET, "1700000001", br#"{"a":1}"#, KNOWN));
        assert!(!verify_webhook_signature(SECRET, "1700000000", br#"{"a":2}"#, KNOWN));
        assert!(!verify_webhook_signature(SECRET, "1700000000", br#"{"a":1}"#, "zz"));
    }

    const KNOWN: &str = "bc2d47e9075f68baac494ecaec4be0433e710eb7";
}
