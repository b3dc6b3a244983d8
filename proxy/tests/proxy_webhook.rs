//! `POST /webhook`: signature and timestamp checks, idempotent retries, learning the token.

mod proxy_support;

use proxy_support::*;
use reqwest::StatusCode;
use serde_json::{json, Value};
use xaman_proxy::sandbox::{SANDBOX_API_KEY, SANDBOX_API_SECRET};
use xaman_proxy::signature::webhook_signature;

fn webhook_body(payload: &str, token: &str, expiration: i64, app: &str) -> String {
    json!({
        "meta": {"url": "http://127.0.0.1/api/xaman/webhook", "application_uuidv4": app,
                 "payload_uuidv4": payload, "opened_by_deeplink": false},
        "custom_meta": {"identifier": null, "blob": null, "instruction": null},
        "payloadResponse": {"payload_uuidv4": payload, "reference_call_uuidv4": "8a1f5a4e-9d2c-4c57-bb6a-3b0b1f6c2d11",
                            "signed": true, "user_token": true, "return_url": {"app": null, "web": null},
                            "txid": "A".repeat(64)},
        "userToken": {"user_token": token, "token_issued": expiration - 1000, "token_expiration": expiration}
    })
    .to_string()
}

struct Delivery<'a> {
    body: &'a str,
    timestamp: i64,
    signature: Option<String>,
    attempt: u32,
}

async fn deliver(api: &str, d: Delivery<'_>) -> (StatusCode, Value) {
    let signature = d.signature.unwrap_or_else(|| {
        webhook_signature(
            SANDBOX_API_SECRET,
            &d.timestamp.to_string(),
            d.body.as_bytes(),
        )
    });
    let response = reqwest::Client::new()
        .post(format!("{api}/webhook"))
        .header("content-type", "application/json")
        .header("user-agent", "xumm-webhook")
        .header("x-xumm-attempt", d.attempt.to_string())
        .header("x-xumm-request-timestamp", d.timestamp.to_string())
        .header("x-xumm-request-signature", signature)
        .body(d.body.to_owned())
        .send()
        .await
        .unwrap();
    let status = response.status();
    (status, response.json().await.unwrap())
}

#[tokio::test]
async fn signatures_timestamps_and_retries() {
    let server = start_sandbox(|_| {}).await;
    let api = server.api_url();
    let browser = Browser::new(&api);
    let uuid = browser.sign_in_uuid().await;
    let now = server.clock().now_unix();
    let token = "0f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0";
    let body = webhook_body(&uuid, token, now + 1000, SANDBOX_API_KEY);

    // Signed with another secret, or for another body, or not at all: refused.
    let wrong_secret = webhook_signature(
        "5ec7e700-0000-4000-8000-00000000dead",
        &now.to_string(),
        body.as_bytes(),
    );
    let other_body = webhook_signature(SANDBOX_API_SECRET, &now.to_string(), b"{}");
    for signature in [wrong_secret, other_body, "not hex".to_owned()] {
        let (status, answer) = deliver(
            &api,
            Delivery {
                body: &body,
                timestamp: now,
                signature: Some(signature),
                attempt: 1,
            },
        )
        .await;
        assert_eq!(status, 401, "{answer}");
        assert_eq!(answer["error"]["code"], "webhook_signature");
    }
    let unsigned = reqwest::Client::new()
        .post(format!("{api}/webhook"))
        .body(body.clone())
        .send()
        .await
        .unwrap();
    assert_eq!(unsigned.status(), 401);

    // Correctly signed but stale, or from the future: refused.
    for timestamp in [now - 301, now + 3600] {
        let (status, answer) = deliver(
            &api,
            Delivery {
                body: &body,
                timestamp,
                signature: None,
                attempt: 1,
            },
        )
        .await;
        assert_eq!(status, 401, "{answer}");
        assert_eq!(answer["error"]["code"], "webhook_timestamp");
    }
    assert_eq!(
        browser.session().await,
        json!({}),
        "refused webhooks taught nothing"
    );

    // A good one is accepted and teaches the token (the payload is unsigned on the platform,
    // so the account stays unknown).
    let (status, answer) = deliver(
        &api,
        Delivery {
            body: &body,
            timestamp: now - 10,
            signature: None,
            attempt: 1,
        },
    )
    .await;
    assert_eq!(status, 200, "{answer}");
    assert_eq!(answer, json!({"ok": true, "handled": true}));
    assert_eq!(
        browser.session().await,
        json!({"account": null, "tokenExpiresAt": now + 1000})
    );

    // A retry of the same payload (attempt 2, different token data) changes nothing.
    let retry_body = webhook_body(
        &uuid,
        "11111111-2222-4333-8444-555555555555",
        now + 5000,
        SANDBOX_API_KEY,
    );
    let (status, answer) = deliver(
        &api,
        Delivery {
            body: &retry_body,
            timestamp: now,
            signature: None,
            attempt: 2,
        },
    )
    .await;
    assert_eq!(status, 200);
    assert_eq!(answer, json!({"ok": true, "duplicate": true}));
    assert_eq!(
        browser.session().await,
        json!({"account": null, "tokenExpiresAt": now + 1000})
    );

    // Payloads this proxy did not create, or of another app: acknowledged, ignored.
    let foreign = webhook_body(
        "3c6a3a56-7d7e-4c1e-9a55-0c7d8f0e9b21",
        token,
        now + 1000,
        SANDBOX_API_KEY,
    );
    let other_app = webhook_body(
        &uuid,
        token,
        now + 1000,
        "d6f2b3a8-1111-4222-8333-444455556666",
    );
    for body in [&foreign, &other_app] {
        let (status, answer) = deliver(
            &api,
            Delivery {
                body,
                timestamp: now,
                signature: None,
                attempt: 1,
            },
        )
        .await;
        assert_eq!(
            (status, answer["handled"].clone()),
            (StatusCode::OK, json!(false)),
            "{body}"
        );
    }
    server.shutdown().await;
}

#[tokio::test]
async fn a_real_sandbox_webhook_is_verified_and_handled_once() {
    let (server, platform, browser) = sandbox_with_browser().await;
    let uuid = browser.signed_sign_in(&platform).await;
    let sandbox = server.sandbox().unwrap().clone();
    let (sandbox_probe, uuid_probe) = (sandbox.clone(), uuid.clone());
    eventually("the sandbox delivered the webhook", move || {
        let (sandbox, uuid) = (sandbox_probe.clone(), uuid_probe.clone());
        async move {
            sandbox
                .webhook_attempts()
                .iter()
                .any(|a| a.payload_uuid == uuid && a.status.is_some())
        }
    })
    .await;
    let attempts: Vec<_> = sandbox
        .webhook_attempts()
        .into_iter()
        .filter(|a| a.payload_uuid == uuid)
        .collect();
    assert_eq!(attempts.len(), 1, "one attempt was enough: {attempts:?}");
    assert_eq!(
        (attempts[0].status, attempts[0].delivered),
        (Some(200), true),
        "{attempts:?}"
    );
    assert!(
        attempts[0].url.ends_with("/api/xaman/webhook"),
        "the proxy registered its receiver"
    );
    let session = browser.session().await;
    assert!(
        session["account"].as_str().unwrap().starts_with('r'),
        "{session}"
    );
    server.shutdown().await;
}
