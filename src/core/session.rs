//! What the SDK keeps in browser storage: the Web3 session (`{jwt, user}`) and the xApp JWT
//! for the current OTT. Corrupt entries are reported as [`Stored::Corrupt`]: clear, not fatal.

use crate::core::json::JsonValue;
use crate::core::user::User;

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
    /// JSON text to store.
    pub fn to_json_string(&self) -> String {
        todo!()
    }

    /// Read a stored value (`None` = key absent; the web layer passes `Null` if JSON.parse failed).
    pub fn read(value: Option<&JsonValue>) -> Stored<Web3Session> {
        todo!()
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
    /// JSON text to store.
    pub fn to_json_string(&self) -> String {
        todo!()
    }

    /// Read a stored value.
    pub fn read(value: Option<&JsonValue>) -> Stored<XappSession> {
        todo!()
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
    /// JSON text to store.
    pub fn to_json_string(&self) -> String {
        todo!()
    }

    /// Read a stored value.
    pub fn read(value: Option<&JsonValue>) -> Stored<PendingPkce> {
        todo!()
    }
}
