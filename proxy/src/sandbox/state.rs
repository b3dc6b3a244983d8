//! Everything the sandbox remembers, in memory: payloads, user tokens, xApp one-time tokens,
//! OAuth2 requests and codes, and the webhook delivery log. Guarded by one mutex that is never
//! held across an `.await`.

use std::collections::HashMap;

use serde::Serialize;
use serde_json::Value;
use tokio::sync::broadcast;

use super::payload::PayloadRecord;

/// A user token lives this long after the last payload signed with it.
pub const USER_TOKEN_LIFETIME_SECONDS: i64 = 30 * 24 * 3600;

/// A user token issued to this app for one user.
#[derive(Clone, Debug, Serialize)]
pub struct UserTokenRecord {
    pub user_token: String,
    pub account: String,
    /// Unix seconds.
    pub issued: i64,
    /// Unix seconds: 30 days after the last signature with it.
    pub expires: i64,
}

/// An xApp launch: its one-time token and the OTT data it stands for.
#[derive(Clone, Debug)]
pub struct OttRecord {
    pub account: String,
    pub created: i64,
    /// Fetched through `GET /api/v1/platform/xapp/ott/:ott` (once only).
    pub fetched: bool,
    /// Exchanged for a JWT through `GET /api/v1/jwt/authorize` (once only).
    pub authorized: bool,
    pub style: String,
    pub navigate_data: Option<Value>,
    pub origin_type: String,
    pub origin_data: Value,
}

/// An OAuth2 authorization request waiting for (or done with) its sign-in payload.
#[derive(Clone, Debug)]
pub struct AuthRequest {
    pub payload_uuid: String,
    pub redirect_uri: String,
    pub state: Option<String>,
    pub scope: String,
    pub nonce: Option<String>,
    pub response_type: String,
    pub code_challenge: Option<String>,
    /// The code issued once the payload was signed (answered again on repeated polls).
    pub code: Option<String>,
}

/// An authorization code.
#[derive(Clone, Debug)]
pub struct CodeRecord {
    pub request_id: String,
    pub created: i64,
    pub used: bool,
}

/// One webhook delivery attempt, for `GET /sandbox/webhooks`.
#[derive(Clone, Debug, Serialize)]
pub struct WebhookAttempt {
    pub payload_uuid: String,
    pub url: String,
    pub attempt: u32,
    /// HTTP status answered, if any.
    pub status: Option<u16>,
    /// Transport error or timeout, if any.
    pub error: Option<String>,
    pub delivered: bool,
    /// Unix milliseconds (sandbox clock).
    pub at: i64,
}

/// Text messages for the websockets of one payload.
pub type PayloadChannel = broadcast::Sender<String>;

#[derive(Default)]
pub struct State {
    pub payloads: HashMap<String, PayloadRecord>,
    /// Payload uuids in creation order.
    pub order: Vec<String>,
    pub channels: HashMap<String, PayloadChannel>,
    pub identifiers: HashMap<String, String>,
    pub tokens: HashMap<String, UserTokenRecord>,
    pub otts: HashMap<String, OttRecord>,
    pub auth_requests: HashMap<String, AuthRequest>,
    pub codes: HashMap<String, CodeRecord>,
    pub webhook_log: Vec<WebhookAttempt>,
}

impl State {
    /// The channel of a payload's websockets (created on first use).
    pub fn channel(&mut self, uuid: &str) -> PayloadChannel {
        self.channels
            .entry(uuid.to_string())
            .or_insert_with(|| broadcast::channel(64).0)
            .clone()
    }

    /// Sends a JSON message to every socket of a payload (no socket: nothing happens).
    pub fn emit(&mut self, uuid: &str, message: &Value) {
        if let Some(channel) = self.channels.get(uuid) {
            let _ = channel.send(message.to_string());
        }
    }

    /// The live token of this user for the app, if any.
    pub fn live_token_for(&self, account: &str, now: i64) -> Option<&UserTokenRecord> {
        self.tokens.values().filter(|t| t.account == account && t.expires > now).max_by_key(|t| t.issued)
    }

    /// The account a token pushes to, when the token is live.
    pub fn live_token_account(&self, token: &str, now: i64) -> Option<String> {
        self.tokens.get(token).filter(|t| t.expires > now).map(|t| t.account.clone())
    }

    /// Renews the user's live token (30 days from now) or issues a new one.
    pub fn issue_or_renew_token(&mut self, account: &str, now: i64) -> UserTokenRecord {
        let existing = self.live_token_for(account, now).map(|t| t.user_token.clone());
        let token = match existing {
            Some(token) => token,
            None => {
                let token = uuid::Uuid::new_v4().to_string();
                self.tokens.insert(
                    token.clone(),
                    UserTokenRecord { user_token: token.clone(), account: account.to_string(), issued: now, expires: now },
                );
                token
            }
        };
        let record = self.tokens.get_mut(&token).expect("token just found or inserted");
        record.expires = now + USER_TOKEN_LIFETIME_SECONDS;
        record.clone()
    }
}
