//! The payload lifecycle: create, fetch, cancel (the app's side) and open, sign, reject (the
//! phone's side), with the `meta` flags of the platform's scenario table and the websocket
//! messages each step sends.

use serde::Deserialize;
use serde_json::{json, Value};

use super::errors::{ApiError, ControlError};
use super::payload::{CreateRequest, Opened, PayloadRecord, Resolution, ViewContext};
use super::signing::sign;
use super::txtypes::{default_network, is_pseudo, network};
use super::users::{find_user, sandbox_users, SandboxUser};
use super::Sandbox;

/// Who a new payload is pushed to.
pub(crate) enum PushTarget {
    /// Nobody (QR / deep link only).
    Nobody,
    /// The `user_token` of the create body: pushed only when it is a live token of this app.
    UserToken(String),
    /// The signed-in user of a JWT (xApp or OAuth2).
    Account { account: String, is_xapp: bool },
}

/// Optional body of the phone actions (`/sandbox/payloads/:uuid/open|sign|reject`).
#[derive(Debug, Default, Clone, Deserialize)]
pub struct PhoneAction {
    /// The user acting (`r…`). Default: the user the payload was pushed to, else the first one
    /// allowed by `options.signers`, else the first sandbox user.
    pub account: Option<String>,
    /// How the user reached the payload: `QR`, `DEEP_LINK`, `PUSH_NOTIFICATION`, `XAPP`,
    /// `EVENT_LIST`. Default: `PUSH_NOTIFICATION` when pushed, `XAPP` for an xApp payload,
    /// else `QR`.
    pub origin: Option<String>,
}

const ORIGIN_TYPES: [&str; 5] = ["QR", "DEEP_LINK", "PUSH_NOTIFICATION", "XAPP", "EVENT_LIST"];

impl Sandbox {
    pub(crate) fn view_context<'a>(&'a self, now: i64, origin: &'a str) -> ViewContext<'a> {
        ViewContext { now, app_name: &self.inner.config.app_name, app_uuid: &self.inner.config.api_key, origin }
    }

    /// Stores a validated payload and answers the platform's create response.
    pub(crate) fn create_payload(&self, request: CreateRequest, target: PushTarget, origin: &str) -> Result<Value, ApiError> {
        let now = self.now();
        let mut st = self.lock();
        if let Some(id) = &request.custom_meta.identifier {
            if st.identifiers.contains_key(id) {
                return Err(ApiError::duplicate_identifier(id));
            }
        }
        let (pushed_to, is_xapp) = match target {
            PushTarget::Nobody => (None, false),
            PushTarget::UserToken(token) => (st.live_token_account(&token, now), false),
            PushTarget::Account { account, is_xapp } => (Some(account), is_xapp),
        };
        let uuid = uuid::Uuid::new_v4().to_string();
        let record = PayloadRecord {
            uuid: uuid.clone(),
            created_at: now,
            expires_at: now + request.options.expire_minutes * 60,
            request,
            pushed_to,
            is_xapp,
            opened: None,
            cancelled: false,
            resolution: None,
            busy: false,
        };
        if let Some(id) = &record.request.custom_meta.identifier {
            st.identifiers.insert(id.clone(), uuid.clone());
        }
        let view = record.created_view(origin);
        st.channel(&uuid);
        st.payloads.insert(uuid.clone(), record);
        st.order.push(uuid);
        Ok(view)
    }

    /// The GET answer; tells the payload's sockets `{"devapp_fetched":true}`.
    pub(crate) fn fetch_payload(&self, uuid: &str, origin: &str) -> Result<Value, ApiError> {
        let now = self.now();
        let mut st = self.lock();
        let view = match st.payloads.get(uuid) {
            Some(p) => p.get_view(&self.view_context(now, origin)),
            None => return Err(ApiError::not_found(format!("no payload {uuid}"))),
        };
        st.emit(uuid, &json!({ "devapp_fetched": true }));
        Ok(view)
    }

    /// The GET answer for a `custom_meta.identifier`.
    pub(crate) fn fetch_by_identifier(&self, identifier: &str, origin: &str) -> Result<Value, ApiError> {
        let uuid = self.lock().identifiers.get(identifier).cloned();
        match uuid {
            Some(uuid) => self.fetch_payload(&uuid, origin),
            None => Err(ApiError::not_found(format!("no payload with custom identifier {identifier:?}"))),
        }
    }

    /// DELETE: cancels unless opened, resolved, expired or already cancelled.
    pub(crate) fn cancel_payload(&self, uuid: &str) -> Result<Value, ApiError> {
        let now = self.now();
        let mut st = self.lock();
        let Some(p) = st.payloads.get_mut(uuid) else {
            return Err(ApiError::not_found(format!("no payload {uuid}")));
        };
        let reason = if p.cancelled {
            "ALREADY_CANCELLED"
        } else if p.resolved() {
            "ALREADY_RESOLVED"
        } else if p.expired(now) {
            "ALREADY_EXPIRED"
        } else if p.opened.is_some() || p.busy {
            "ALREADY_OPENED"
        } else {
            p.cancelled = true;
            "OK"
        };
        let body = json!({
            "result": { "cancelled": reason == "OK", "reason": reason },
            "meta": p.meta(now),
            "custom_meta": p.request.custom_meta.to_json(),
        });
        if reason == "OK" {
            // Cancelling expires the payload: connected sockets learn it like an expiry.
            st.emit(uuid, &json!({ "expired": true }));
        }
        Ok(body)
    }

    /// Checks a phone action is possible and picks the acting user.
    fn check_action(&self, p: &PayloadRecord, action: &PhoneAction, now: i64) -> Result<SandboxUser, ControlError> {
        if p.cancelled {
            return Err(ControlError::conflict("cancelled", "the payload was cancelled"));
        }
        if p.resolved() {
            return Err(ControlError::conflict("already_resolved", "the payload is already resolved"));
        }
        if p.busy {
            return Err(ControlError::conflict("busy", "another phone action on this payload is in progress"));
        }
        if p.opened.is_none() && p.expired(now) {
            return Err(ControlError::conflict("expired", "the payload expired before it was opened"));
        }
        let signers = p.request.options.signers.as_deref();
        let user = match &action.account {
            Some(account) => find_user(account)
                .ok_or_else(|| ControlError::bad_request(format!("{account} is not a sandbox user (GET /sandbox/users)")))?,
            None => {
                let users = sandbox_users();
                p.pushed_to
                    .as_deref()
                    .and_then(find_user)
                    .or_else(|| users.iter().find(|u| signers.is_some_and(|s| s.contains(&u.account))).cloned())
                    .unwrap_or_else(|| users[0].clone())
            }
        };
        if let Some(signers) = signers {
            if !signers.contains(&user.account) {
                return Err(ControlError::conflict(
                    "signer_not_allowed",
                    format!("{} is not in options.signers of this payload", user.account),
                ));
            }
        }
        if let Some(origin) = &action.origin {
            if !ORIGIN_TYPES.contains(&origin.as_str()) {
                return Err(ControlError::bad_request(format!("origin must be one of {ORIGIN_TYPES:?}")));
            }
        }
        Ok(user)
    }

    fn mark_opened(p: &mut PayloadRecord, action: &PhoneAction) -> bool {
        if p.opened.is_some() {
            return false;
        }
        let origintype = action.origin.clone().unwrap_or_else(|| {
            if p.pushed_to.is_some() {
                "PUSH_NOTIFICATION".into()
            } else if p.is_xapp {
                "XAPP".into()
            } else {
                "QR".into()
            }
        });
        p.opened = Some(Opened { by_deeplink: origintype == "DEEP_LINK", origintype });
        true
    }

    /// The phone opens the payload (`{"opened":true}` on its sockets).
    pub async fn open(&self, uuid: &str, action: PhoneAction) -> Result<Value, ControlError> {
        let now = self.now();
        let mut st = self.lock();
        let p = st.payloads.get(uuid).ok_or_else(|| ControlError::not_found(format!("no payload {uuid}")))?;
        let user = self.check_action(p, &action, now)?;
        let p = st.payloads.get_mut(uuid).expect("checked above");
        if Self::mark_opened(p, &action) {
            st.emit(uuid, &json!({ "opened": true }));
        }
        Ok(json!({ "uuid": uuid, "opened": true, "account": user.account }))
    }

    /// The phone signs: `opened` (if not yet), `pre_signed`, `dispatched` (when submitted), then
    /// the resolve message; issues or renews the user's token and sends the webhook.
    pub async fn sign(&self, uuid: &str, action: PhoneAction) -> Result<Value, ControlError> {
        self.resolve(uuid, action, true).await
    }

    /// The phone rejects: `opened` (if not yet), then the resolve message with `signed:false`.
    pub async fn reject(&self, uuid: &str, action: PhoneAction) -> Result<Value, ControlError> {
        self.resolve(uuid, action, false).await
    }

    async fn resolve(&self, uuid: &str, action: PhoneAction, signed: bool) -> Result<Value, ControlError> {
        let (user, submit) = {
            let now = self.now();
            let mut st = self.lock();
            let p = st.payloads.get(uuid).ok_or_else(|| ControlError::not_found(format!("no payload {uuid}")))?;
            let user = self.check_action(p, &action, now)?;
            let p = st.payloads.get_mut(uuid).expect("checked above");
            p.busy = true;
            let submit = signed && p.request.options.submit && !is_pseudo(&p.request.tx_type);
            if Self::mark_opened(p, &action) {
                st.emit(uuid, &json!({ "opened": true }));
            }
            (user, submit)
        };
        // The rest runs in its own task so a caller that goes away cannot leave the payload busy.
        let sandbox = self.clone();
        let uuid = uuid.to_string();
        tokio::spawn(async move { sandbox.finish_resolve(&uuid, user, signed, submit).await })
            .await
            .map_err(|e| ControlError::new(axum::http::StatusCode::INTERNAL_SERVER_ERROR, "internal", e.to_string()))
    }

    async fn finish_resolve(&self, uuid: &str, user: SandboxUser, signed: bool, submit: bool) -> Value {
        let step = self.inner.config.step_delay;
        if signed {
            tokio::time::sleep(step).await;
            self.lock().emit(uuid, &json!({ "pre_signed": true }));
            if submit {
                tokio::time::sleep(step).await;
                self.lock().emit(uuid, &json!({ "dispatched": true }));
            }
        }
        tokio::time::sleep(step).await;

        let now = self.now();
        let at_millis = self.now_millis();
        let mut st = self.lock();
        let token = if signed { Some(st.issue_or_renew_token(&user.account, now)) } else { None };
        let p = st.payloads.get_mut(uuid).expect("payloads are never removed");
        let net = p.request.options.force_network.as_deref().and_then(network).unwrap_or_else(default_network);
        let (hex, txid) = if signed {
            let (hex, txid) = sign(&p.request.request_json, &p.request.tx_type, &user, &net, uuid);
            (Some(hex), Some(txid))
        } else {
            (None, None)
        };
        p.resolution = Some(Resolution {
            signed,
            at_millis,
            reference_call: uuid::Uuid::new_v4().to_string(),
            user_uuid: user.user_uuid.clone(),
            account: signed.then(|| user.account.clone()),
            signer_pubkey: signed.then(|| user.public_key.clone()),
            txid: txid.clone(),
            hex,
            network: net,
            dispatched: submit,
            issued_user_token: token.as_ref().map(|t| t.user_token.clone()),
        });
        p.busy = false;
        let message = p.resolve_message();
        let webhook = self.webhook_body(p, token.as_ref());
        st.emit(uuid, &message);
        drop(st);
        if let Some(body) = webhook {
            self.spawn_webhook(uuid.to_string(), body);
        }
        json!({
            "uuid": uuid,
            "signed": signed,
            "account": user.account,
            "txid": txid,
            "user_token": token.map(|t| t.user_token),
        })
    }
}
