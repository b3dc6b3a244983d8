//! The platform's webhook: after a payload resolves, POST the §5 body to the app's webhook URL
//! with the real headers and signature, retrying on failure with the real schedule
//! (5 attempts: after 10 s, 60 s, 600 s, 600 s — configurable for tests).

use serde_json::{json, Value};

use super::payload::PayloadRecord;
use super::state::{UserTokenRecord, WebhookAttempt};
use super::Sandbox;
use crate::signature::webhook_signature;

impl Sandbox {
    /// The webhook body for a resolved payload, or `None` when no webhook URL is set.
    pub(crate) fn webhook_body(&self, p: &PayloadRecord, token: Option<&UserTokenRecord>) -> Option<Value> {
        let url = self.webhook_url()?;
        let r = p.resolution.as_ref()?;
        let mut payload_response = json!({
            "payload_uuidv4": p.uuid,
            "reference_call_uuidv4": r.reference_call,
            "signed": r.signed,
            "user_token": token.is_some(),
            "return_url": p.return_urls(),
        });
        if let Some(txid) = &r.txid {
            payload_response["txid"] = Value::String(txid.clone());
        }
        Some(json!({
            "meta": {
                "url": url,
                "application_uuidv4": self.inner.config.api_key,
                "payload_uuidv4": p.uuid,
                "opened_by_deeplink": p.opened.as_ref().map(|o| o.by_deeplink).unwrap_or(false),
            },
            "custom_meta": p.request.custom_meta.to_json(),
            "payloadResponse": payload_response,
            "userToken": token.map(|t| json!({
                "user_token": t.user_token,
                "token_issued": t.issued,
                "token_expiration": t.expires,
            })),
        }))
    }

    /// Delivers a webhook in the background, with retries.
    pub(crate) fn spawn_webhook(&self, payload_uuid: String, body: Value) {
        let sandbox = self.clone();
        tokio::spawn(async move { sandbox.deliver_webhook(payload_uuid, body).await });
    }

    async fn deliver_webhook(&self, payload_uuid: String, body: Value) {
        let Some(url) = body["meta"]["url"].as_str().map(str::to_string) else { return };
        let raw = body.to_string();
        let config = &self.inner.config;
        let attempts = config.webhook_retry_delays.len() as u32 + 1;
        for attempt in 1..=attempts {
            if attempt > 1 {
                tokio::time::sleep(config.webhook_retry_delays[attempt as usize - 2]).await;
            }
            let timestamp = self.now().to_string();
            let signature = webhook_signature(&config.api_secret, &timestamp, raw.as_bytes());
            let result = self
                .inner
                .http
                .post(&url)
                .timeout(config.webhook_timeout)
                .header("content-type", "application/json")
                .header("user-agent", "xumm-webhook")
                .header("x-xumm-attempt", attempt.to_string())
                .header("x-xumm-payload", &payload_uuid)
                .header("x-xumm-request-timestamp", &timestamp)
                .header("x-xumm-request-signature", signature)
                .body(raw.clone())
                .send()
                .await;
            let (status, error) = match result {
                Ok(response) => (Some(response.status().as_u16()), None),
                Err(e) => (None, Some(if e.is_timeout() { "timeout".to_string() } else { e.to_string() })),
            };
            let delivered = matches!(status, Some(200 | 201 | 204));
            self.lock().webhook_log.push(WebhookAttempt {
                payload_uuid: payload_uuid.clone(),
                url: url.clone(),
                attempt,
                status,
                error,
                delivered,
                at: self.now_millis(),
            });
            if delivered {
                return;
            }
        }
    }
}
