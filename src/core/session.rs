//! What the SDK keeps in browser storage: the Web3 session (`{jwt, user}`) and the xApp JWT
//! for the current OTT. Corrupt entries are reported as [`Stored::Corrupt`]: clear, not fatal.

use crate::core::json::{write_json_string, JsonValue};
use crate::core::user::User;
use crate::prelude::*;

/// Storage key of the Web3 session.
pub const WEB3_SESSION_KEY: &str = "xaman-wasm:session";
/// Storage key of the xApp JWT (the entry records its OTT).
pub const XAPP_JWT_KEY: &str = "xaman-wasm:xapp";
/// Storage key of the pending PKCE state during a redirect sign-in.
pub const PKCE_PENDING_KEY: &str = "xaman-wasm:pkce";

/// Result of reading a stored entry.
#[derive(Clone, Debug, PartialEq)]
pub enum Stored<T> {
    /// Nothing stored.
    Missing,
    /// A valid entry.
    Valid(T),
    /// Unreadable: remove the key and continue as if missing.
    Corrupt,
}

/// The Web3 session.
#[derive(Clone, Debug, PartialEq)]
pub struct Web3Session {
    /// OAuth2 JWT.
    pub jwt: String,
    /// The user.
    pub user: User,
}

impl Web3Session {
    /// JSON text to store: `{"jwt":"…","user":{…}}`.
    pub fn to_json_string(&self) -> String {
        object_text(&[("jwt", &self.jwt)], Some(Some(&self.user)))
    }

    /// Read a stored value (`None` = key absent). If `JSON.parse` of the stored text threw,
    /// treat it as [`Stored::Corrupt`] without calling this.
    pub fn read(value: Option<&JsonValue>) -> Stored<Web3Session> {
        read_with(value, |v| Some(Web3Session { jwt: jwt_text(v)?, user: User::from_json(v.get("user")?)? }))
    }
}

/// The xApp JWT stored for one OTT.
#[derive(Clone, Debug, PartialEq)]
pub struct XappSession {
    /// The OTT it was exchanged for.
    pub ott: String,
    /// xApp JWT.
    pub jwt: String,
    /// The user from the OTT data, if any.
    pub user: Option<User>,
}

impl XappSession {
    /// JSON text to store: `{"ott":"…","jwt":"…","user":{…}|null}`.
    pub fn to_json_string(&self) -> String {
        object_text(&[("ott", &self.ott), ("jwt", &self.jwt)], Some(self.user.as_ref()))
    }

    /// Read a stored value. Check `ott` against the current one before using it.
    pub fn read(value: Option<&JsonValue>) -> Stored<XappSession> {
        read_with(value, |v| {
            let user = match v.get("user") {
                None | Some(JsonValue::Null) => None,
                Some(u) => Some(User::from_json(u)?),
            };
            Some(XappSession { ott: text(v, "ott")?, jwt: jwt_text(v)?, user })
        })
    }
}

/// The PKCE values kept across a full-page redirect.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PendingPkce {
    /// Expected state.
    pub state: String,
    /// Code verifier.
    pub verifier: String,
    /// Redirect URI used in the authorize request.
    pub redirect_uri: String,
}

impl PendingPkce {
    /// JSON text to store: `{"state","verifier","redirectUri"}`.
    pub fn to_json_string(&self) -> String {
        object_text(&[("state", &self.state), ("verifier", &self.verifier), ("redirectUri", &self.redirect_uri)], None)
    }

    /// Read a stored value.
    pub fn read(value: Option<&JsonValue>) -> Stored<PendingPkce> {
        read_with(value, |v| {
            Some(PendingPkce { state: text(v, "state")?, verifier: text(v, "verifier")?, redirect_uri: text(v, "redirectUri")? })
        })
    }
}

/// The JSON text of an object of string members, then (when `user` is given) a `user`
/// member: the user's object, or `null`. Written directly, without a [`JsonValue`] tree.
fn object_text(strings: &[(&str, &str)], user: Option<Option<&User>>) -> String {
    let mut out = String::new();
    for (key, value) in strings {
        out.push(if out.is_empty() { '{' } else { ',' });
        write_json_string(key, &mut out);
        out.push(':');
        write_json_string(value, &mut out);
    }
    if let Some(user) = user {
        out.push_str(",\"user\":");
        match user {
            Some(user) => user.to_json().write_json(&mut out),
            None => out.push_str("null"),
        }
    }
    out.push('}');
    out
}

fn read_with<T>(value: Option<&JsonValue>, parse: impl FnOnce(&JsonValue) -> Option<T>) -> Stored<T> {
    match value {
        None => Stored::Missing,
        Some(v) => parse(v).map_or(Stored::Corrupt, Stored::Valid),
    }
}

fn text(value: &JsonValue, key: &str) -> Option<String> {
    value.get(key)?.as_str().filter(|s| !s.is_empty()).map(str::to_owned)
}

/// A JWT-shaped string (three non-empty dot-separated parts).
fn jwt_text(value: &JsonValue) -> Option<String> {
    let jwt = text(value, "jwt")?;
    crate::core::jwt::claims_part(&jwt).is_ok().then_some(jwt)
}
