//! Where the proxy keeps its sessions: which browser session created which payload, and the
//! `user_token` (plus the account it belongs to) that the platform issued to that session.
//!
//! Storage sits behind the [`SessionStore`] trait so that a shared store (for several proxy
//! instances behind a load balancer) can replace the embedded SQLite one ([`SqliteStore`]).
//! The rules for merging a newly learned token live here, in [`merge_token`], so every store
//! applies them the same way.

mod sqlite;

pub use sqlite::SqliteStore;

use std::fmt;

/// How long a user token stays live after the last payload signed with it (the platform's rule).
pub const TOKEN_LIFETIME_SECONDS: i64 = 30 * 24 * 3600;

/// One browser session, as stored. `key` is the SHA-256 of the cookie value, never the cookie
/// itself, so a copy of the database does not let anyone impersonate a browser.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Session {
    pub key: String,
    /// The XRPL account (r-address) that last signed one of this session's payloads.
    pub account: Option<String>,
    /// The platform's `user_token` for that account and this app. Never sent to the browser.
    pub user_token: Option<String>,
    /// Unix seconds after which the token is no longer used.
    pub token_expires_at: Option<i64>,
    /// Unix seconds at which the payload that taught us the token was signed.
    pub last_signed_at: Option<i64>,
    pub created_at: i64,
    pub last_seen: i64,
}

impl Session {
    /// The token, if there is one and it has not expired at `now` (unix seconds).
    pub fn live_token(&self, now: i64) -> Option<&str> {
        match (&self.user_token, self.token_expires_at) {
            (Some(token), Some(expires)) if expires > now => Some(token.as_str()),
            _ => None,
        }
    }
}

/// What a signed payload taught us: from `application.issued_user_token` on a GET or from
/// `userToken` in a webhook.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LearnedToken {
    pub user_token: String,
    /// The signing account, when known (the GET answer has it; the webhook body does not).
    pub account: Option<String>,
    /// When the payload was signed (unix seconds).
    pub signed_at: i64,
    /// When the token expires (unix seconds): the platform's figure when it gave one, else
    /// `signed_at + TOKEN_LIFETIME_SECONDS`.
    pub expires_at: i64,
}

/// The token fields of a session after learning `learned`.
///
/// - A different token replaces the stored one only if it comes from a payload signed no earlier
///   than the one that taught the stored token (an old payload fetched late does not undo a newer
///   sign-in).
/// - The same token keeps the later expiry and the later signing time (each signature renews it).
/// - A known account is never replaced by "unknown".
pub fn merge_token(current: &Session, learned: &LearnedToken) -> Session {
    let mut next = current.clone();
    let same_token = current.user_token.as_deref() == Some(learned.user_token.as_str());
    if same_token {
        next.token_expires_at = Some(
            current
                .token_expires_at
                .unwrap_or(i64::MIN)
                .max(learned.expires_at),
        );
        next.last_signed_at = Some(
            current
                .last_signed_at
                .unwrap_or(i64::MIN)
                .max(learned.signed_at),
        );
        if learned.account.is_some() {
            next.account = learned.account.clone();
        }
        return next;
    }
    if current
        .last_signed_at
        .is_some_and(|previous| learned.signed_at < previous)
    {
        return next;
    }
    next.user_token = Some(learned.user_token.clone());
    next.token_expires_at = Some(learned.expires_at);
    next.last_signed_at = Some(learned.signed_at);
    if learned.account.is_some() {
        next.account = learned.account.clone();
    }
    next
}

/// A storage failure (the database could not be read or written).
#[derive(Debug)]
pub struct StoreError(pub String);

impl fmt::Display for StoreError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "session store: {}", self.0)
    }
}

impl std::error::Error for StoreError {}

/// Persistent session storage. Implementations must be safe to call from several threads; the
/// proxy calls them from a blocking thread pool, so a call may block briefly.
pub trait SessionStore: Send + Sync + 'static {
    /// Creates an empty session.
    fn create_session(&self, key: &str, now: i64) -> Result<Session, StoreError>;
    /// The session with this key, if it exists.
    fn session(&self, key: &str) -> Result<Option<Session>, StoreError>;
    /// Records activity (used to purge idle sessions).
    fn touch(&self, key: &str, now: i64) -> Result<(), StoreError>;
    /// Forgets a session, its token and the payloads it owns.
    fn delete_session(&self, key: &str) -> Result<(), StoreError>;
    /// Records that `session_key` created payload `uuid`.
    fn record_payload(&self, uuid: &str, session_key: &str, now: i64) -> Result<(), StoreError>;
    /// The key of the session that created payload `uuid`.
    fn payload_owner(&self, uuid: &str) -> Result<Option<String>, StoreError>;
    /// Applies [`merge_token`] atomically; returns the session as stored afterwards (None if the
    /// session no longer exists).
    fn learn_token(
        &self,
        session_key: &str,
        learned: &LearnedToken,
    ) -> Result<Option<Session>, StoreError>;
    /// Whether a webhook for this payload was already handled (a retry must have no effect).
    fn webhook_handled(&self, payload_uuid: &str) -> Result<bool, StoreError>;
    /// Records that the webhook for this payload was handled (called after its effect is stored,
    /// so a failure in between lets the platform's retry try again).
    fn record_webhook(&self, payload_uuid: &str, attempt: i64, now: i64) -> Result<(), StoreError>;
    /// Deletes sessions idle since before `idle_before` whose token is not live at `now`;
    /// returns how many were deleted.
    fn purge_idle(&self, idle_before: i64, now: i64) -> Result<usize, StoreError>;
}

#[cfg(test)]
mod tests {
    use super::*;

    fn empty() -> Session {
        Session {
            key: "k".into(),
            account: None,
            user_token: None,
            token_expires_at: None,
            last_signed_at: None,
            created_at: 0,
            last_seen: 0,
        }
    }

    fn learned(token: &str, account: Option<&str>, signed_at: i64) -> LearnedToken {
        LearnedToken {
            user_token: token.into(),
            account: account.map(Into::into),
            signed_at,
            expires_at: signed_at + TOKEN_LIFETIME_SECONDS,
        }
    }

    #[test]
    fn first_token_is_taken() {
        let s = merge_token(&empty(), &learned("t1", Some("rA"), 100));
        assert_eq!(s.user_token.as_deref(), Some("t1"));
        assert_eq!(s.account.as_deref(), Some("rA"));
        assert_eq!(s.token_expires_at, Some(100 + TOKEN_LIFETIME_SECONDS));
        assert_eq!(s.live_token(100), Some("t1"));
        assert_eq!(s.live_token(100 + TOKEN_LIFETIME_SECONDS), None);
    }

    #[test]
    fn same_token_is_renewed_never_shortened() {
        let s = merge_token(&empty(), &learned("t1", Some("rA"), 100));
        let renewed = merge_token(&s, &learned("t1", None, 5000));
        assert_eq!(
            renewed.token_expires_at,
            Some(5000 + TOKEN_LIFETIME_SECONDS)
        );
        assert_eq!(renewed.account.as_deref(), Some("rA"));
        let late_old = merge_token(&renewed, &learned("t1", Some("rA"), 100));
        assert_eq!(
            late_old.token_expires_at,
            Some(5000 + TOKEN_LIFETIME_SECONDS)
        );
    }

    #[test]
    fn newer_token_replaces_older_one_but_not_the_reverse() {
        let s = merge_token(&empty(), &learned("t1", Some("rA"), 100));
        let newer = merge_token(&s, &learned("t2", Some("rB"), 200));
        assert_eq!(newer.user_token.as_deref(), Some("t2"));
        assert_eq!(newer.account.as_deref(), Some("rB"));
        let stale = merge_token(&newer, &learned("t1", Some("rA"), 150));
        assert_eq!(stale, newer);
    }
}
