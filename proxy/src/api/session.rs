//! The browser session: an opaque random id in an httpOnly, SameSite=Lax cookie (`Secure` unless
//! the request came over plain http to a loopback host), created lazily by the first payload.
//! The store only sees the SHA-256 of the id.

use std::net::IpAddr;

use axum::http::{header, HeaderMap, HeaderValue};
use rand::RngCore;
use sha2::{Digest, Sha256};

use super::error::ApiError;
use super::ApiState;
use crate::store::Session;

/// The cookie's name.
pub const COOKIE_NAME: &str = "xaman_proxy_session";
/// Cookie lifetime; renewed by each payload created, so an active user keeps their session.
const COOKIE_MAX_AGE_SECONDS: i64 = 90 * 24 * 3600;

/// The session id a request carries, if it has a well-formed one.
pub fn cookie_id(headers: &HeaderMap) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(name, _)| *name == COOKIE_NAME)
        .map(|(_, value)| value.trim().to_owned())
        .filter(|value| value.len() == 64 && value.bytes().all(|b| b.is_ascii_hexdigit()))
}

/// The store key for a session id.
pub fn store_key(id: &str) -> String {
    hex::encode(Sha256::digest(id.as_bytes()))
}

fn new_id() -> String {
    let mut bytes = [0u8; 32];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    hex::encode(bytes)
}

/// Whether cookies for this request must be `Secure`: always, except over plain http to a
/// loopback host (`127.0.0.1`, `[::1]`, `localhost`), where browsers would otherwise drop them.
pub fn needs_secure(headers: &HeaderMap) -> bool {
    let forwarded_https = headers
        .get("x-forwarded-proto")
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.trim().eq_ignore_ascii_case("https"));
    if forwarded_https {
        return true;
    }
    let host = headers
        .get(header::HOST)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    !is_loopback_host(host)
}

fn is_loopback_host(host_port: &str) -> bool {
    let host = if let Some(rest) = host_port.strip_prefix('[') {
        rest.split(']').next().unwrap_or("")
    } else {
        host_port.rsplit_once(':').map_or(host_port, |(h, _)| h)
    };
    let host = host.to_ascii_lowercase();
    host == "localhost"
        || host.ends_with(".localhost")
        || host.parse::<IpAddr>().is_ok_and(|ip| ip.is_loopback())
}

/// A `Set-Cookie` value for session `id` (`None` = delete the cookie).
pub fn set_cookie(state: &ApiState, id: Option<&str>, secure: bool) -> HeaderValue {
    let (value, max_age) = match id {
        Some(id) => (id, COOKIE_MAX_AGE_SECONDS),
        None => ("", 0),
    };
    let mut cookie = format!(
        "{COOKIE_NAME}={value}; Path={}; Max-Age={max_age}; HttpOnly; SameSite=Lax",
        state.mount_path
    );
    if secure {
        cookie.push_str("; Secure");
    }
    HeaderValue::from_str(&cookie).expect("cookie text is ASCII")
}

/// The request's existing session, if its cookie names one.
pub async fn existing(state: &ApiState, headers: &HeaderMap) -> Result<Option<Session>, ApiError> {
    let Some(id) = cookie_id(headers) else {
        return Ok(None);
    };
    let key = store_key(&id);
    let now = state.clock.now_unix();
    let found = state
        .blocking(move |store| {
            let found = store.session(&key)?;
            if found.is_some() {
                store.touch(&key, now)?;
            }
            Ok(found)
        })
        .await?;
    Ok(found)
}

/// The request's session, created if it has none (or if its cookie names a session that no longer
/// exists: a client never chooses its own id). Returns the session and the cookie id to send back.
pub async fn existing_or_new(
    state: &ApiState,
    headers: &HeaderMap,
) -> Result<(Session, String), ApiError> {
    if let Some(id) = cookie_id(headers) {
        if let Some(session) = existing(state, headers).await? {
            return Ok((session, id));
        }
    }
    let id = new_id();
    let key = store_key(&id);
    let now = state.clock.now_unix();
    let session = state
        .blocking(move |store| store.create_session(&key, now))
        .await?;
    Ok((session, id))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(pairs: &[(&'static str, &str)]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for (name, value) in pairs {
            h.append(*name, HeaderValue::from_str(value).unwrap());
        }
        h
    }

    #[test]
    fn reads_only_well_formed_ids() {
        let id = "ab".repeat(32);
        let h = headers(&[("cookie", &format!("other=1; {COOKIE_NAME}={id}; x=y"))]);
        assert_eq!(cookie_id(&h), Some(id));
        assert_eq!(
            cookie_id(&headers(&[("cookie", &format!("{COOKIE_NAME}=short"))])),
            None
        );
        assert_eq!(cookie_id(&headers(&[("cookie", "unrelated=1")])), None);
        assert_eq!(cookie_id(&HeaderMap::new()), None);
    }

    #[test]
    fn secure_except_on_http_loopback() {
        assert!(!needs_secure(&headers(&[("host", "127.0.0.1:8080")])));
        assert!(!needs_secure(&headers(&[("host", "localhost:8080")])));
        assert!(!needs_secure(&headers(&[("host", "[::1]:8080")])));
        assert!(needs_secure(&headers(&[
            ("host", "127.0.0.1:8080"),
            ("x-forwarded-proto", "https")
        ])));
        assert!(needs_secure(&headers(&[("host", "example.com")])));
        assert!(needs_secure(&headers(&[("host", "192.168.1.2:8080")])));
        assert!(needs_secure(&HeaderMap::new()));
    }

    #[test]
    fn ids_are_random_and_keys_are_hashes() {
        let (a, b) = (new_id(), new_id());
        assert_ne!(a, b);
        assert_eq!(a.len(), 64);
        assert_ne!(store_key(&a), a);
        assert_eq!(store_key(&a), store_key(&a));
    }
}
