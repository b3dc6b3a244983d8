//! The sandbox's `/api/v1/platform` REST API over real HTTP: shapes, errors, lifecycle flags,
//! cancel reasons, user tokens and push.

mod sandbox_support;

use reqwest::Method;
use serde_json::{json, Value};
use sandbox_support::*;

fn error_code(body: &Value) -> i64 {
    body["error"]["code"].as_i64().unwrap_or_else(|| panic!("not a platform error: {body}"))
}

#[tokio::test]
async fn ping_answers_the_application() {
    let s = start().await;
    let (status, pong) = s.platform(Method::GET, "ping", None).await;
    assert_eq!(status, 200);
    assert_eq!(pong["pong"], true);
    assert_eq!(pong["auth"]["application"]["uuidv4"], KEY);
    assert_eq!(pong["auth"]["application"]["disabled"], 0);
    assert!(uuid::Uuid::parse_str(pong["auth"]["call"]["uuidv4"].as_str().unwrap()).is_ok());
}

#[tokio::test]
async fn bad_credentials_are_813() {
    let s = start().await;
    for (key, secret) in [(KEY, "5ec7e700-0000-4000-8000-000000000003"), ("nope", SECRET)] {
        let resp = s
            .http
            .get(s.url("/api/v1/platform/ping"))
            .header("X-API-Key", key)
            .header("X-API-Secret", secret)
            .send()
            .await
            .unwrap();
        assert_eq!(resp.status(), 403);
        let body: Value = resp.json().await.unwrap();
        assert_eq!(error_code(&body), 813);
        assert!(uuid::Uuid::parse_str(body["error"]["reference"].as_str().unwrap()).is_ok());
    }
    let resp = s.http.post(s.url("/api/v1/platform/payload")).json(&json!({})).send().await.unwrap();
    assert_eq!(resp.status(), 403);
    assert_eq!(error_code(&resp.json().await.unwrap()), 813);
    // Header names are case-insensitive: upper-case works.
    let resp = s.http.get(s.url("/api/v1/platform/ping")).header("X-API-KEY", KEY).header("X-API-SECRET", SECRET).send().await.unwrap();
    assert_eq!(resp.status(), 200);
}

#[tokio::test]
async fn create_answers_urls_on_the_callers_origin() {
    let s = start().await;
    let created = s.create(json!({ "txjson": { "TransactionType": "SignIn" } })).await;
    let uuid = created["uuid"].as_str().unwrap();
    assert!(uuid::Uuid::parse_str(uuid).is_ok());
    assert_eq!(created["next"]["always"], format!("{}/sign/{uuid}", s.origin));
    assert!(created["next"].get("no_push_msg_received").is_none(), "only pushed payloads have it");
    assert_eq!(created["refs"]["websocket_status"], format!("{}/sign/{uuid}", s.origin.replacen("http", "ws", 1)));
    assert_eq!(created["refs"]["qr_png"], format!("{}/sign/{uuid}_q.png", s.origin));
    assert_eq!(created["refs"]["qr_matrix"], format!("{}/sign/{uuid}_q.json", s.origin));
    assert_eq!(created["refs"]["qr_uri_quality_opts"], json!(["m", "q", "h"]));
    assert_eq!(created["pushed"], false);

    // Another Host header → URLs on that origin.
    let resp = s
        .http
        .post(s.url("/api/v1/platform/payload"))
        .header("host", "sandbox.test:9999")
        .header("x-api-key", KEY)
        .header("x-api-secret", SECRET)
        .json(&json!({ "txjson": { "TransactionType": "SignIn" } }))
        .send()
        .await
        .unwrap();
    let other: Value = resp.json().await.unwrap();
    assert!(other["next"]["always"].as_str().unwrap().starts_with("http://sandbox.test:9999/sign/"));
    assert!(other["refs"]["websocket_status"].as_str().unwrap().starts_with("ws://sandbox.test:9999/sign/"));

    // The QR image and matrix behind refs exist.
    let png = s.http.get(created["refs"]["qr_png"].as_str().unwrap()).send().await.unwrap();
    assert_eq!(png.headers()["content-type"], "image/svg+xml");
    assert!(png.text().await.unwrap().contains("<svg"));
    let matrix: Value = s.http.get(created["refs"]["qr_matrix"].as_str().unwrap()).send().await.unwrap().json().await.unwrap();
    assert!(matrix["matrix"].as_array().unwrap().len() >= 21);
    // The sign page shows the request with its QR.
    let page = s.http.get(created["next"]["always"].as_str().unwrap()).send().await.unwrap().text().await.unwrap();
    assert!(page.contains(&format!("data-uuid=\"{uuid}\"")) && page.contains("<svg"));
}

#[tokio::test]
async fn get_has_every_field_and_stores_signin_as_the_platform_does() {
    let s = start().await;
    let created = s
        .create(json!({
            "txjson": { "TransactionType": "SignIn" },
            "options": { "expire": 5, "return_url": { "web": "https://x.test/?id={id}&tx={txid}" } },
            "custom_meta": { "identifier": "order-1", "blob": { "a": 1 }, "instruction": "Hello" }
        }))
        .await;
    let uuid = created["uuid"].as_str().unwrap();
    let p = s.get(uuid).await;
    let meta = &p["meta"];
    for (k, v) in [
        ("exists", json!(true)), ("uuid", json!(uuid)), ("multisign", json!(false)), ("submit", json!(false)),
        ("pathfinding", json!(false)), ("pathfinding_fallback", json!(false)), ("destination", json!("")),
        ("resolved_destination", json!("")), ("resolved", json!(false)), ("signed", json!(false)),
        ("cancelled", json!(false)), ("expired", json!(false)), ("pushed", json!(false)),
        ("app_opened", json!(false)), ("opened_by_deeplink", Value::Null), ("return_url_app", Value::Null),
        ("return_url_web", json!(format!("https://x.test/?id={uuid}&tx="))), ("is_xapp", json!(false)),
        ("signers", Value::Null),
    ] {
        assert_eq!(meta[k], v, "meta.{k}");
    }
    assert_eq!(p["application"]["uuidv4"], KEY);
    assert_eq!(p["application"]["issued_user_token"], Value::Null);
    assert_eq!(p["application"]["disabled"], 0);
    assert_eq!(p["payload"]["tx_type"], "SignIn");
    assert_eq!(p["payload"]["request_json"], json!({ "TransactionType": "SignIn", "SignIn": true }));
    assert_eq!(p["payload"]["origintype"], Value::Null);
    let expires_in = p["payload"]["expires_in_seconds"].as_i64().unwrap();
    assert!((298..=300).contains(&expires_in), "{expires_in}");
    let created_at = p["payload"]["created_at"].as_str().unwrap();
    assert!(created_at.ends_with('Z') && created_at.len() == 20, "{created_at}");
    for k in ["hex", "txid", "resolved_at", "dispatched_result", "account", "signer", "user"] {
        assert_eq!(p["response"][k], Value::Null, "response.{k}");
    }
    assert_eq!(p["custom_meta"], json!({ "identifier": "order-1", "blob": { "a": 1 }, "instruction": "Hello" }));

    // The same by custom identifier.
    let (status, by_id) = s.platform(Method::GET, "payload/ci/order-1", None).await;
    assert_eq!(status, 200);
    assert_eq!(by_id["meta"]["uuid"], uuid);
}

#[tokio::test]
async fn invalid_payloads_are_602_and_unknown_ones_404() {
    let s = start().await;
    for body in [
        json!({}),
        json!({ "txjson": { "TransactionFoo": "hi" } }),
        json!({ "txjson": { "TransactionType": "NoSuchType" } }),
        json!({ "txjson": { "TransactionType": "Payment", "Destination": "rNotAnAddress" } }),
        json!({ "txjson": { "TransactionType": "SignIn" }, "txblob": "120000" }),
        json!({ "txjson": { "TransactionType": "SignIn" }, "options": { "expire": "soon" } }),
        json!({ "txjson": { "TransactionType": "SignIn" }, "custom_meta": { "identifier": "x".repeat(41) } }),
        json!({ "txblob": "not hex" }),
        json!("just a string"),
    ] {
        let (status, resp) = s.platform(Method::POST, "payload", Some(body.clone())).await;
        assert_eq!((status, error_code(&resp)), (400, 602), "{body}");
    }
    let resp = s
        .http
        .post(s.url("/api/v1/platform/payload"))
        .header("x-api-key", KEY)
        .header("x-api-secret", SECRET)
        .body("{not json")
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 400);
    assert_eq!(error_code(&resp.json().await.unwrap()), 602);

    let missing = uuid::Uuid::new_v4().to_string();
    for method in [Method::GET, Method::DELETE] {
        let (status, resp) = s.platform(method, &format!("payload/{missing}"), None).await;
        assert_eq!((status, error_code(&resp)), (404, 404));
    }
    let (status, resp) = s.platform(Method::GET, "payload/ci/nothing-here", None).await;
    assert_eq!((status, error_code(&resp)), (404, 404));
    // A txblob is accepted and its type read from the blob.
    let created = s.create(json!({ "txblob": "1200002280000000" })).await;
    let p = s.get(created["uuid"].as_str().unwrap()).await;
    assert_eq!(p["payload"]["tx_type"], "Payment");
}

#[tokio::test]
async fn duplicate_identifier_is_409() {
    let s = start().await;
    let body = json!({ "txjson": { "TransactionType": "SignIn" }, "custom_meta": { "identifier": "same" } });
    s.create(body.clone()).await;
    let (status, resp) = s.platform(Method::POST, "payload", Some(body)).await;
    assert_eq!((status, error_code(&resp)), (409, 409));
}

async fn cancel(s: &Running, uuid: &str) -> Value {
    let (status, body) = s.platform(Method::DELETE, &format!("payload/{uuid}"), None).await;
    assert_eq!(status, 200, "{body}");
    body
}

#[tokio::test]
async fn cancel_answers_every_reason() {
    let s = start().await;
    let new = |expire: i64| s.create(json!({ "txjson": { "TransactionType": "SignIn" }, "options": { "expire": expire } }));

    // OK, then ALREADY_CANCELLED.
    let a = new(10).await;
    let a = a["uuid"].as_str().unwrap();
    let first = cancel(&s, a).await;
    assert_eq!(first["result"], json!({ "cancelled": true, "reason": "OK" }));
    assert_eq!(first["meta"]["uuid"], a);
    let second = cancel(&s, a).await;
    assert_eq!(second["result"], json!({ "cancelled": false, "reason": "ALREADY_CANCELLED" }));
    // Cancelled, no interaction: resolved false, signed false, cancelled true, expired true.
    let m = &s.get(a).await["meta"];
    assert_eq!((m["resolved"].clone(), m["signed"].clone(), m["cancelled"].clone(), m["expired"].clone()),
        (json!(false), json!(false), json!(true), json!(true)));
    // The phone can no longer act on it.
    let (status, err) = s.phone("sign", a, None).await;
    assert_eq!((status, err["error"].as_str().unwrap()), (409, "cancelled"));

    // ALREADY_OPENED.
    let b = new(10).await;
    let b = b["uuid"].as_str().unwrap();
    assert_eq!(s.phone("open", b, None).await.0, 200);
    assert_eq!(cancel(&s, b).await["result"], json!({ "cancelled": false, "reason": "ALREADY_OPENED" }));

    // ALREADY_RESOLVED.
    let c = new(10).await;
    let c = c["uuid"].as_str().unwrap();
    assert_eq!(s.phone("reject", c, None).await.0, 200);
    assert_eq!(cancel(&s, c).await["result"], json!({ "cancelled": false, "reason": "ALREADY_RESOLVED" }));

    // ALREADY_EXPIRED (the clock moves past the 1-minute expiry).
    let d = new(1).await;
    let d = d["uuid"].as_str().unwrap();
    s.advance(61).await;
    assert_eq!(cancel(&s, d).await["result"], json!({ "cancelled": false, "reason": "ALREADY_EXPIRED" }));
    // Expired, no interaction.
    let m = &s.get(d).await["meta"];
    assert_eq!((m["resolved"].clone(), m["cancelled"].clone(), m["expired"].clone()), (json!(false), json!(false), json!(true)));
    let (status, err) = s.phone("open", d, None).await;
    assert_eq!((status, err["error"].as_str().unwrap()), (409, "expired"));
}

#[tokio::test]
async fn signing_fills_the_response_and_issues_a_user_token() {
    let s = start().await;
    let users = s.sandbox.users();
    let created = s
        .create(json!({
            "txjson": { "TransactionType": "Payment", "Destination": users[1].account, "Amount": "1000000" },
            "options": { "return_url": { "app": "https://a.test/{id}/{txid}" } },
        }))
        .await;
    let uuid = created["uuid"].as_str().unwrap();
    let (status, signed) = s.phone("sign", uuid, Some(json!({ "account": users[2].account }))).await;
    assert_eq!(status, 200, "{signed}");
    let p = s.get(uuid).await;
    let m = &p["meta"];
    assert_eq!((m["resolved"].clone(), m["signed"].clone(), m["expired"].clone(), m["app_opened"].clone()),
        (json!(true), json!(true), json!(false), json!(true)));
    assert_eq!(m["destination"], users[1].account);
    assert_eq!(m["resolved_destination"], users[1].name);
    assert_eq!(m["opened_by_deeplink"], false);
    let r = &p["response"];
    assert_eq!(r["account"], users[2].account);
    assert_eq!(r["signer"], users[2].account);
    assert_eq!(r["signer_pubkey"], users[2].public_key);
    assert_eq!(r["user"], users[2].user_uuid);
    let txid = r["txid"].as_str().unwrap();
    assert!(txid.len() == 64 && txid.chars().all(|c| c.is_ascii_hexdigit()));
    assert_eq!(signed["txid"], txid);
    let hex = r["hex"].as_str().unwrap();
    assert!(hex.len() > 100 && hex.starts_with("120000") && hex.chars().all(|c| c.is_ascii_hexdigit()));
    assert_eq!(r["dispatched_result"], "tesSUCCESS");
    assert_eq!(r["dispatched_nodetype"], "MAINNET");
    assert_eq!(r["dispatched_to_node"], true);
    assert_eq!(r["environment_nodetype"], "MAINNET");
    assert_eq!(r["environment_networkid"], 0);
    assert_eq!(r["approved_with"], "BIOMETRIC");
    assert!(r["resolved_at"].as_str().unwrap().ends_with('Z'));
    assert_eq!(p["payload"]["origintype"], "QR");
    assert_eq!(m["return_url_app"], format!("https://a.test/{uuid}/{txid}"));
    let token = p["application"]["issued_user_token"].as_str().unwrap();
    assert_eq!(signed["user_token"], token);

    // The token is live, bound to that user, and pushes the next payload to them.
    let (_, verified) = s.platform(Method::POST, "user-tokens", Some(json!({ "tokens": [token, "foo", uuid::Uuid::new_v4().to_string()] }))).await;
    let list = verified["tokens"].as_array().unwrap();
    assert_eq!(list.len(), 2, "malformed tokens are dropped: {verified}");
    assert_eq!(list[0]["user_token"], token);
    assert_eq!(list[0]["active"], true);
    assert_eq!(list[1]["active"], false);
    let next = s.create(json!({ "txjson": { "TransactionType": "SignIn" }, "user_token": token })).await;
    assert_eq!(next["pushed"], true);
    let next_uuid_text = next["uuid"].as_str().unwrap();
    assert_eq!(next["next"]["no_push_msg_received"], format!("{}/sign/{next_uuid_text}/qr", s.origin));
    let next_uuid = next["uuid"].as_str().unwrap();
    assert_eq!(s.get(next_uuid).await["meta"]["pushed"], true);
    let (_, inbox) = s.control(Method::GET, &format!("inbox/{}", users[2].account), None).await;
    assert_eq!(inbox[0]["uuid"], next_uuid);
    assert_eq!(inbox[0]["pushed_to"], users[2].account);
    // Signing the pushed payload defaults to that user and renews the same token.
    let (_, again) = s.phone("sign", next_uuid, None).await;
    assert_eq!(again["account"], users[2].account);
    assert_eq!(again["user_token"], token);
    assert_eq!(s.get(next_uuid).await["payload"]["origintype"], "PUSH_NOTIFICATION");
    // submit:false and a pseudo type: nothing dispatched.
    let p2 = s.get(next_uuid).await;
    assert_eq!(p2["response"]["dispatched_result"], Value::Null);
    assert_eq!(p2["response"]["dispatched_to_node"], false);
}

async fn check(s: &Running, token: &str) -> Value {
    let (status, v) = s.platform(Method::GET, &format!("user-token/{token}"), None).await;
    assert_eq!(status, 200);
    v["tokens"][0].clone()
}

#[tokio::test]
async fn user_token_expires_30_days_after_the_last_signature() {
    let s = start().await;
    let sign_in = || s.create(json!({ "txjson": { "TransactionType": "SignIn" } }));
    let first = sign_in().await;
    let (_, signed) = s.phone("sign", first["uuid"].as_str().unwrap(), None).await;
    let token = signed["user_token"].as_str().unwrap().to_string();
    let before = check(&s, &token).await;
    assert_eq!(before["active"], true);
    let expires = before["expires"].as_i64().unwrap();
    assert_eq!(expires - before["issued"].as_i64().unwrap(), 30 * 24 * 3600);

    // 20 days later a push + signature renews it: still live 20 more days later (day 40).
    s.advance(20 * 24 * 3600).await;
    let pushed = s.create(json!({ "txjson": { "TransactionType": "SignIn" }, "user_token": token })).await;
    assert_eq!(pushed["pushed"], true);
    let (_, renewed) = s.phone("sign", pushed["uuid"].as_str().unwrap(), None).await;
    assert_eq!(renewed["user_token"], token.as_str());
    s.advance(20 * 24 * 3600).await;
    let mid = check(&s, &token).await;
    assert_eq!(mid["active"], true);
    assert!(mid["expires"].as_i64().unwrap() > expires);

    // 31 days without signing: expired, and a payload with it is not pushed.
    s.advance(11 * 24 * 3600).await;
    assert_eq!(check(&s, &token).await["active"], false);
    let late = s.create(json!({ "txjson": { "TransactionType": "SignIn" }, "user_token": token })).await;
    assert_eq!(late["pushed"], false);
    assert!(late["next"].get("no_push_msg_received").is_none());
    // Signing again issues a new token.
    let (_, fresh) = s.phone("sign", late["uuid"].as_str().unwrap(), None).await;
    assert_ne!(fresh["user_token"], token.as_str());

    let (status, bad) = s.platform(Method::GET, "user-token/foo", None).await;
    assert_eq!(status, 400);
    assert!(bad["error"]["code"].is_number());
}

#[tokio::test]
async fn lifecycle_flags_follow_the_scenario_table() {
    let s = start().await;
    // Rejected by user.
    let r = s.create(json!({ "txjson": { "TransactionType": "SignIn" } })).await;
    let r = r["uuid"].as_str().unwrap();
    s.phone("reject", r, None).await;
    let p = s.get(r).await;
    assert_eq!((p["meta"]["resolved"].clone(), p["meta"]["signed"].clone()), (json!(true), json!(false)));
    assert_eq!(p["application"]["issued_user_token"], Value::Null);
    assert_eq!(p["response"]["txid"], Value::Null);
    assert!(p["response"]["resolved_at"].is_string());

    // Opened before expiry, signed after: resolved, signed, expired.
    let o = s.create(json!({ "txjson": { "TransactionType": "SignIn" }, "options": { "expire": 1 } })).await;
    let o = o["uuid"].as_str().unwrap();
    s.phone("open", o, Some(json!({ "origin": "DEEP_LINK" }))).await;
    s.advance(120).await;
    let (status, body) = s.phone("sign", o, None).await;
    assert_eq!(status, 200, "{body}");
    let p = s.get(o).await;
    let m = &p["meta"];
    assert_eq!((m["resolved"].clone(), m["signed"].clone(), m["expired"].clone()), (json!(true), json!(true), json!(true)));
    assert_eq!(m["opened_by_deeplink"], true);
    assert!(p["payload"]["expires_in_seconds"].as_i64().unwrap() < 0);

    // Already resolved: the phone cannot act twice.
    let (status, err) = s.phone("sign", o, None).await;
    assert_eq!((status, err["error"].as_str().unwrap()), (409, "already_resolved"));
}

#[tokio::test]
async fn signers_restrict_who_can_sign() {
    let s = start().await;
    let users = s.sandbox.users();
    let created = s
        .create(json!({ "txjson": { "TransactionType": "SignIn" }, "options": { "signers": [users[3].account] } }))
        .await;
    let uuid = created["uuid"].as_str().unwrap();
    let (status, err) = s.phone("sign", uuid, Some(json!({ "account": users[0].account }))).await;
    assert_eq!((status, err["error"].as_str().unwrap()), (409, "signer_not_allowed"));
    let (status, ok) = s.phone("sign", uuid, None).await;
    assert_eq!(status, 200);
    assert_eq!(ok["account"], users[3].account);
    assert_eq!(s.get(uuid).await["meta"]["signers"], json!([users[3].account]));
}
