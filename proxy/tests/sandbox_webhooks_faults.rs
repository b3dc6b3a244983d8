//! Webhook delivery (body, headers, verifiable signature, retries on failure and timeout) and the
//! HTTP faults (deterministic error rate, latency).

mod sandbox_support;

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use axum::body::Bytes;
use axum::http::{HeaderMap, StatusCode};
use axum::routing::post;
use axum::Router;
use reqwest::Method;
use serde_json::{json, Value};
use xaman_proxy::sandbox::SandboxConfig;
use xaman_proxy::signature::verify_webhook_signature;
use sandbox_support::*;

#[derive(Clone, Debug)]
struct Received {
    headers: HeaderMap,
    body: Bytes,
    at: Instant,
}

/// A webhook receiver on 127.0.0.1:0 that answers `statuses` in turn (then 200), sleeping
/// `delay` before each answer; answers (url, received requests).
async fn receiver(statuses: Vec<u16>, delay: Duration) -> (String, Arc<Mutex<Vec<Received>>>) {
    let seen: Arc<Mutex<Vec<Received>>> = Arc::default();
    let log = seen.clone();
    let app = Router::new().route(
        "/hook",
        post(move |headers: HeaderMap, body: Bytes| {
            let log = log.clone();
            let statuses = statuses.clone();
            async move {
                let n = {
                    let mut log = log.lock().unwrap();
                    log.push(Received { headers, body, at: Instant::now() });
                    log.len()
                };
                tokio::time::sleep(delay).await;
                StatusCode::from_u16(*statuses.get(n - 1).unwrap_or(&200)).unwrap()
            }
        }),
    );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}/hook", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    (url, seen)
}

fn fast_retries() -> SandboxConfig {
    SandboxConfig {
        webhook_retry_delays: vec![Duration::from_millis(100), Duration::from_millis(200), Duration::from_millis(300), Duration::from_millis(300)],
        webhook_timeout: Duration::from_millis(500),
        ..test_config()
    }
}

async fn wait_for(seen: &Arc<Mutex<Vec<Received>>>, count: usize) -> Vec<Received> {
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let now = seen.lock().unwrap().clone();
        if now.len() >= count {
            return now;
        }
        assert!(Instant::now() < deadline, "only {} webhook requests arrived, expected {count}", now.len());
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

fn header(r: &Received, name: &str) -> String {
    r.headers.get(name).map(|v| v.to_str().unwrap().to_string()).unwrap_or_default()
}

#[tokio::test]
async fn signed_payload_webhook_has_the_real_body_headers_and_signature() {
    let (url, seen) = receiver(vec![], Duration::ZERO).await;
    let s = start_with(fast_retries()).await;
    s.sandbox.set_webhook_url(Some(url.clone()));
    let (_, pong) = s.platform(Method::GET, "ping", None).await;
    assert_eq!(pong["auth"]["application"]["webhookurl"], url.as_str());

    let created = s
        .create(json!({ "txjson": { "TransactionType": "SignIn" }, "custom_meta": { "identifier": "wh-1", "blob": { "k": "v" } } }))
        .await;
    let uuid = created["uuid"].as_str().unwrap();
    let (_, signed) = s.phone("sign", uuid, None).await;
    let got = wait_for(&seen, 1).await;
    let r = &got[0];
    assert_eq!(header(r, "content-type"), "application/json");
    assert_eq!(header(r, "user-agent"), "xumm-webhook");
    assert_eq!(header(r, "x-xumm-attempt"), "1");
    assert_eq!(header(r, "x-xumm-payload"), uuid);
    let timestamp = header(r, "x-xumm-request-timestamp");
    assert!((timestamp.parse::<i64>().unwrap() - s.sandbox.clock().now_unix()).abs() < 5);
    let signature = header(r, "x-xumm-request-signature");
    assert!(verify_webhook_signature(SECRET, &timestamp, &r.body, &signature), "signature verifies with the app secret");
    assert!(!verify_webhook_signature("5ec7e700-0000-4000-8000-000000000003", &timestamp, &r.body, &signature));

    let body: Value = serde_json::from_slice(&r.body).unwrap();
    assert_eq!(body["meta"]["url"], url.as_str());
    assert_eq!(body["meta"]["application_uuidv4"], KEY);
    assert_eq!(body["meta"]["payload_uuidv4"], uuid);
    assert_eq!(body["meta"]["opened_by_deeplink"], false);
    assert_eq!(body["custom_meta"], json!({ "identifier": "wh-1", "blob": { "k": "v" }, "instruction": null }));
    let pr = &body["payloadResponse"];
    assert_eq!(pr["payload_uuidv4"], uuid);
    assert!(uuid::Uuid::parse_str(pr["reference_call_uuidv4"].as_str().unwrap()).is_ok());
    assert_eq!(pr["signed"], true);
    assert_eq!(pr["user_token"], true);
    assert_eq!(pr["txid"], signed["txid"]);
    assert_eq!(pr["return_url"], json!({ "app": null, "web": null }));
    let token = &body["userToken"];
    assert_eq!(token["user_token"], signed["user_token"]);
    assert_eq!(token["token_expiration"].as_i64().unwrap() - token["token_issued"].as_i64().unwrap(), 30 * 24 * 3600);

    // Delivered on the first try: one attempt in the log.
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert_eq!(seen.lock().unwrap().len(), 1);
    let (_, log) = s.control(Method::GET, "webhooks", None).await;
    assert_eq!(log.as_array().unwrap().len(), 1);
    assert_eq!(log[0]["delivered"], true);
    assert_eq!(log[0]["status"], 200);
}

#[tokio::test]
async fn failed_deliveries_are_retried_on_the_schedule_up_to_five_attempts() {
    let (url, seen) = receiver(vec![500, 404, 503, 500, 500], Duration::ZERO).await;
    let s = start_with(SandboxConfig { webhook_url: Some(url), ..fast_retries() }).await;
    let created = s.create(json!({ "txjson": { "TransactionType": "SignIn" } })).await;
    let uuid = created["uuid"].as_str().unwrap();
    s.phone("reject", uuid, None).await;
    let got = wait_for(&seen, 5).await;
    let attempts: Vec<String> = got.iter().map(|r| header(r, "x-xumm-attempt")).collect();
    assert_eq!(attempts, ["1", "2", "3", "4", "5"]);
    // The gaps follow the (scaled) schedule 100, 200, 300, 300 ms.
    for (i, min) in [100u64, 200, 300, 300].iter().enumerate() {
        let gap = got[i + 1].at - got[i].at;
        assert!(gap >= Duration::from_millis(*min), "gap {i} was {gap:?}");
    }
    // Each attempt is signed for its own timestamp; the body is the same.
    for r in &got {
        assert!(verify_webhook_signature(SECRET, &header(r, "x-xumm-request-timestamp"), &r.body, &header(r, "x-xumm-request-signature")));
        assert_eq!(r.body, got[0].body);
    }
    let body: Value = serde_json::from_slice(&got[0].body).unwrap();
    assert_eq!(body["payloadResponse"]["signed"], false);
    assert_eq!(body["userToken"], Value::Null);
    // No sixth attempt.
    tokio::time::sleep(Duration::from_millis(600)).await;
    assert_eq!(seen.lock().unwrap().len(), 5);
    let log = s.sandbox.webhook_attempts();
    assert_eq!(log.len(), 5);
    assert!(log.iter().all(|a| !a.delivered));
    assert_eq!(log[1].status, Some(404));
}

#[tokio::test]
async fn a_slow_receiver_counts_as_failed_and_the_next_success_stops_retries() {
    let (url, seen) = receiver(vec![], Duration::from_millis(800)).await;
    let s = start_with(SandboxConfig { webhook_url: Some(url.clone()), ..fast_retries() }).await;
    let created = s.create(json!({ "txjson": { "TransactionType": "SignIn" } })).await;
    s.phone("sign", created["uuid"].as_str().unwrap(), None).await;
    wait_for(&seen, 2).await;
    let log = s.sandbox.webhook_attempts();
    assert_eq!(log[0].error.as_deref(), Some("timeout"));
    assert!(!log[0].delivered);

    // A receiver that answers 201 after one failure: two attempts, then done.
    let (url2, seen2) = receiver(vec![500, 201], Duration::ZERO).await;
    s.sandbox.set_webhook_url(Some(url2));
    let next = s.create(json!({ "txjson": { "TransactionType": "SignIn" } })).await;
    s.phone("sign", next["uuid"].as_str().unwrap(), None).await;
    wait_for(&seen2, 2).await;
    tokio::time::sleep(Duration::from_millis(500)).await;
    assert_eq!(seen2.lock().unwrap().len(), 2);
    let last = s.sandbox.webhook_attempts().into_iter().rev().find(|a| a.payload_uuid == next["uuid"].as_str().unwrap()).unwrap();
    assert!(last.delivered);
    assert_eq!(last.status, Some(201));
}

#[tokio::test]
async fn http_error_rate_is_deterministic_and_latency_is_added() {
    let s = start().await;
    let (status, _) = s.control(Method::POST, "faults", Some(json!({ "http_error_rate": 0.5 }))).await;
    assert_eq!(status, 200);
    let mut statuses = Vec::new();
    for _ in 0..6 {
        let (status, body) = s.platform(Method::GET, "ping", None).await;
        if status == 503 {
            assert_eq!(body["error"], true);
            assert_eq!(body["code"], 503);
            assert!(body["message"].is_string());
        }
        statuses.push(status);
    }
    assert_eq!(statuses, [200, 503, 200, 503, 200, 503]);
    // The control API is never faulted.
    assert_eq!(s.control(Method::GET, "users", None).await.0, 200);

    s.control(Method::POST, "faults", Some(json!({ "http_error_rate": 1 }))).await;
    assert_eq!(s.platform(Method::GET, "ping", None).await.0, 503);
    let resp = s.http.get(s.url("/api/v1/jwt/ping")).send().await.unwrap();
    assert_eq!(resp.status(), 503);

    s.control(Method::POST, "faults", Some(json!({ "latency_ms": 300 }))).await;
    let started = Instant::now();
    assert_eq!(s.platform(Method::GET, "ping", None).await.0, 200);
    assert!(started.elapsed() >= Duration::from_millis(300));

    // {} turns everything off; bad values are refused.
    let (_, off) = s.control(Method::POST, "faults", Some(json!({}))).await;
    assert_eq!(off, json!({ "ws_drop_after_ms": null, "http_error_rate": 0.0, "latency_ms": 0, "ws_dropped_total": 0 }));
    let started = Instant::now();
    assert_eq!(s.platform(Method::GET, "ping", None).await.0, 200);
    assert!(started.elapsed() < Duration::from_millis(300));
    assert_eq!(s.control(Method::POST, "faults", Some(json!({ "http_error_rate": 2 }))).await.0, 400);
    assert_eq!(s.control(Method::POST, "faults", Some(json!({ "nonsense": 1 }))).await.0, 400);
}

#[tokio::test]
async fn control_api_lists_and_refuses_clearly() {
    let s = start().await;
    let (_, users) = s.control(Method::GET, "users", None).await;
    let users = users.as_array().unwrap().clone();
    assert_eq!(users.len(), 4);
    for u in &users {
        assert!(xaman_proxy::sandbox::is_valid_classic_address(u["account"].as_str().unwrap()));
        assert!(u["name"].is_string());
        assert_eq!(u["user_token"], Value::Null);
    }
    let first = s.create(json!({ "txjson": { "TransactionType": "SignIn" } })).await;
    let second = s.create(json!({ "txjson": { "TransactionType": "SignIn" } })).await;
    let (_, open) = s.control(Method::GET, "payloads", None).await;
    assert_eq!(open[0]["uuid"], second["uuid"]);
    assert_eq!(open[1]["uuid"], first["uuid"]);
    assert_eq!(open[0]["tx_type"], "SignIn");
    assert_eq!(open[0]["pushed_to"], Value::Null);
    assert!(open[0]["created_at"].is_string());
    s.phone("sign", first["uuid"].as_str().unwrap(), None).await;
    let (_, open) = s.control(Method::GET, "payloads", None).await;
    assert_eq!(open.as_array().unwrap().len(), 1, "signed payloads are no longer open");
    let (_, all) = s.control(Method::GET, "payloads?all=true", None).await;
    assert_eq!(all.as_array().unwrap().len(), 2);
    assert_eq!(all[1]["status"], "signed");
    let (_, users) = s.control(Method::GET, "users", None).await;
    assert!(users[0]["user_token"]["user_token"].is_string(), "the first user signed and has a live token");

    let (status, err) = s.control(Method::GET, "inbox/rNotAUser", None).await;
    assert_eq!((status, err["error"].as_str()), (404, Some("not_found")));
    let (status, err) = s.phone("sign", "nope", None).await;
    assert_eq!((status, err["error"].as_str()), (404, Some("not_found")));
    let (status, err) = s.phone("sign", second["uuid"].as_str().unwrap(), Some(json!({ "account": "rNotAUser" }))).await;
    assert_eq!((status, err["error"].as_str()), (400, Some("bad_request")));
    assert!(err["message"].as_str().unwrap().contains("rNotAUser"));
    let (status, _) = s.control(Method::POST, "clock", Some(json!({ "advance_seconds": -5 }))).await;
    assert_eq!(status, 400);
    let (_, clock) = s.control(Method::POST, "clock", Some(json!({ "advance_seconds": 3600 }))).await;
    assert_eq!(clock["offset_seconds"], 3600);

    // Images and pages.
    let avatar = s.http.get(s.url(&format!("/sandbox/avatar/{}.svg", users[1]["account"].as_str().unwrap()))).send().await.unwrap();
    assert_eq!(avatar.headers()["content-type"], "image/svg+xml");
    assert!(avatar.text().await.unwrap().contains(">B</text>"));
    let icon = s.http.get(s.url("/sandbox/app-icon.svg")).send().await.unwrap();
    assert_eq!(icon.status(), 200);
    for page in ["/", "/sandbox/phone", "/sandbox/xapp?url=http://127.0.0.1:1/"] {
        let resp = s.http.get(s.url(page)).send().await.unwrap();
        assert_eq!(resp.status(), 200, "{page}");
        assert!(resp.headers()["content-type"].to_str().unwrap().starts_with("text/html"));
    }
    let (status, body) = s.platform(Method::GET, "no-such-endpoint", None).await;
    assert_eq!((status, body["error"]["code"].as_i64()), (404, Some(404)));
}
