//! Refusals: other origins, oversize bodies, off-policy payloads, too many requests, other
//! sessions' payloads, and anything that is not one of the proxy's own routes.

mod proxy_support;

use proxy_support::*;
use reqwest::Method;
use serde_json::json;
use xaman_proxy::policy::Policy;

#[tokio::test]
async fn cross_origin_is_refused_unless_allowed_with_credentials() {
    let allowed = "http://127.0.0.1:5555";
    let server = start_sandbox(|c| c.allowed_origins = vec![allowed.to_owned()]).await;
    let browser = Browser::new(&server.api_url());
    let sign_in = json!({"txjson": {"TransactionType": "SignIn"}});

    // Another origin: refused, preflight included, and nothing is created.
    let evil = [("origin", "http://evil.example")];
    let refused = browser
        .request(Method::POST, "/payload", Some(sign_in.clone()), &evil)
        .await;
    assert_eq!(refused.status, 403);
    assert_eq!(refused.error_code(), "origin");
    assert!(refused.header("access-control-allow-origin").is_none());
    assert!(
        refused.header("set-cookie").is_none(),
        "no session for a refused origin"
    );
    let preflight = browser
        .request(
            Method::OPTIONS,
            "/payload",
            None,
            &[
                ("origin", "http://evil.example"),
                ("access-control-request-method", "POST"),
            ],
        )
        .await;
    assert_eq!(preflight.status, 403);
    assert!(preflight.header("access-control-allow-origin").is_none());
    let same_site = browser
        .request(
            Method::GET,
            "/session",
            None,
            &[(
                "origin",
                &format!("http://127.0.0.1:{}", server.app_addr.port() + 1),
            )],
        )
        .await;
    assert_eq!(same_site.status, 403, "another port is another origin");
    let no_origin_cross_site = browser
        .request(
            Method::GET,
            "/session",
            None,
            &[("sec-fetch-site", "cross-site")],
        )
        .await;
    assert_eq!(no_origin_cross_site.status, 403);

    // The configured origin: preflight and credentialed requests get CORS headers.
    let preflight = browser
        .request(
            Method::OPTIONS,
            "/payload",
            None,
            &[
                ("origin", allowed),
                ("access-control-request-method", "POST"),
                ("access-control-request-headers", "content-type"),
            ],
        )
        .await;
    assert_eq!(preflight.status, 204);
    assert_eq!(
        preflight.header("access-control-allow-origin").as_deref(),
        Some(allowed)
    );
    assert_eq!(
        preflight
            .header("access-control-allow-credentials")
            .as_deref(),
        Some("true")
    );
    assert!(preflight
        .header("access-control-allow-methods")
        .unwrap()
        .contains("POST"));
    assert!(preflight
        .header("access-control-allow-headers")
        .unwrap()
        .contains("content-type"));
    let created = browser
        .request(
            Method::POST,
            "/payload",
            Some(sign_in.clone()),
            &[("origin", allowed)],
        )
        .await;
    assert_eq!(created.status, 200, "{}", created.text);
    assert_eq!(
        created.header("access-control-allow-origin").as_deref(),
        Some(allowed)
    );
    assert_eq!(
        created
            .header("access-control-allow-credentials")
            .as_deref(),
        Some("true")
    );
    let cookie = created.header("set-cookie").unwrap();
    assert!(
        cookie.contains("HttpOnly")
            && cookie.contains("SameSite=Lax")
            && cookie.contains("Path=/api/xaman"),
        "{cookie}"
    );
    assert!(
        !cookie.contains("Secure"),
        "http loopback: no Secure flag: {cookie}"
    );
    let uuid = created.json()["uuid"].as_str().unwrap().to_owned();
    let fetched = browser
        .request(
            Method::GET,
            &format!("/payload/{uuid}"),
            None,
            &[("origin", allowed)],
        )
        .await;
    assert_eq!(
        fetched.status, 200,
        "the cookie came along: {}",
        fetched.text
    );
    assert_eq!(
        fetched.header("access-control-allow-origin").as_deref(),
        Some(allowed)
    );

    // Same origin needs no configuration.
    let own = server.app_origin().to_owned();
    let same = browser
        .request(Method::POST, "/payload", Some(sign_in), &[("origin", &own)])
        .await;
    assert_eq!(same.status, 200, "{}", same.text);
    assert!(same.header("access-control-allow-origin").is_none());

    // Behind an https reverse proxy the cookie is Secure.
    let proxied = browser
        .request(
            Method::POST,
            "/payload",
            Some(json!({"txjson": {"TransactionType": "SignIn"}})),
            &[("x-forwarded-proto", "https")],
        )
        .await;
    assert!(proxied.header("set-cookie").unwrap().contains("; Secure"));
    server.shutdown().await;
}

#[tokio::test]
async fn oversize_and_malformed_bodies_are_refused() {
    let server = start_sandbox(|_| {}).await;
    let browser = Browser::new(&server.api_url());
    let big = json!({"txjson": {"TransactionType": "SignIn"}, "custom_meta": {"instruction": "x".repeat(70 * 1024)}});
    let answer = browser.post("/payload", big).await;
    assert_eq!(answer.status, 413);
    assert_eq!(answer.error_code(), "payload_too_large");

    let cases = [
        json!({"txjson": {"TransactionType": "SignIn"}, "user_token": "7ccc19cf-970a-4185-8bd3-49d507bf24ae"}),
        json!({"txjson": {"TransactionType": "SignIn"}, "something": true}),
        json!({"options": {}}),
        json!({"txjson": "SignIn"}),
        json!([]),
    ];
    for body in cases {
        let answer = browser.post("/payload", body.clone()).await;
        assert_eq!(answer.status, 400, "{body}: {}", answer.text);
        assert_eq!(answer.error_code(), "invalid_request");
        assert!(answer.json()["error"]["message"].as_str().unwrap().len() > 10);
    }
    let raw = browser
        .request(
            Method::POST,
            "/payload",
            None,
            &[("content-type", "application/json")],
        )
        .await;
    assert_eq!(raw.status, 400);
    assert!(
        raw.header("set-cookie").is_none(),
        "refused requests create no session"
    );
    server.shutdown().await;
}

#[tokio::test]
async fn payloads_off_the_policy_are_refused() {
    let probe = start_sandbox(|_| {}).await;
    let users = probe.sandbox().unwrap().users();
    probe.shutdown().await;
    let (bob, carol) = (users[1].account.clone(), users[2].account.clone());
    let issuer = users[3].account.clone();
    let policy = Policy::parse(&format!(
        "transaction_types = [\"SignIn\", \"Payment\"]\ndestinations = [\"{bob}\"]\n[max_amounts]\nXRP = \"1000000\"\n\"USD/{issuer}\" = \"10\"\n"
    ))
    .unwrap();
    let server = start_sandbox(|c| c.policy = policy).await;
    let browser = Browser::new(&server.api_url());

    let refusals = [
        (
            json!({"TransactionType": "OfferCreate", "TakerGets": "1", "TakerPays": "1"}),
            "OfferCreate",
        ),
        (
            json!({"TransactionType": "Payment", "Destination": carol, "Amount": "1"}),
            "Destination",
        ),
        (
            json!({"TransactionType": "Payment", "Destination": bob, "Amount": "1000001"}),
            "exceeds",
        ),
        (
            json!({"TransactionType": "Payment", "Destination": bob, "Amount": {"currency": "USD", "issuer": issuer, "value": "10.5"}}),
            "exceeds",
        ),
        (
            json!({"TransactionType": "Payment", "Destination": bob, "Amount": {"currency": "EUR", "issuer": issuer, "value": "1"}}),
            "EUR",
        ),
    ];
    for (txjson, why) in refusals {
        let answer = browser.post("/payload", json!({"txjson": txjson})).await;
        assert_eq!(answer.status, 403, "{txjson}: {}", answer.text);
        assert_eq!(answer.error_code(), "policy");
        let message = answer.json()["error"]["message"]
            .as_str()
            .unwrap()
            .to_owned();
        assert!(message.contains(why), "{message}");
    }
    let blob = browser
        .post("/payload", json!({"txblob": "1200002280000000"}))
        .await;
    assert_eq!(blob.status, 403);
    assert_eq!(blob.error_code(), "policy");

    let ok = browser.post("/payload", json!({"txjson": {"TransactionType": "Payment", "Destination": bob, "Amount": "1000000"}})).await;
    assert_eq!(ok.status, 200, "{}", ok.text);
    let ok = browser
        .post("/payload", json!({"txjson": {"TransactionType": "Payment", "Destination": bob, "Amount": {"currency": "USD", "issuer": issuer, "value": "9.99"}}}))
        .await;
    assert_eq!(ok.status, 200, "{}", ok.text);
    server.shutdown().await;
}

#[tokio::test]
async fn rate_limits_per_session_and_per_ip() {
    let server = start_sandbox(|c| c.limits.per_session_per_minute = 3).await;
    let browser = Browser::new(&server.api_url());
    browser.sign_in_payload().await; // no session yet: only the IP bucket counts
    for _ in 0..3 {
        assert_eq!(browser.get("/session").await.status, 200);
    }
    let limited = browser.get("/session").await;
    assert_eq!(limited.status, 429);
    assert_eq!(limited.error_code(), "rate_limited");
    let retry: u64 = limited.header("retry-after").unwrap().parse().unwrap();
    assert!((1..=20).contains(&retry), "retry after {retry}");
    let other = Browser::new(&server.api_url());
    assert_eq!(
        other.get("/session").await.status,
        200,
        "another session is not limited"
    );
    server.shutdown().await;

    let server = start_sandbox(|c| c.limits.per_ip_per_minute = 2).await;
    let browser = Browser::new(&server.api_url());
    assert_eq!(browser.get("/config").await.status, 200);
    assert_eq!(browser.get("/config").await.status, 200);
    let limited = Browser::new(&server.api_url()).get("/config").await;
    assert_eq!(
        limited.status, 429,
        "a new cookie jar does not escape the IP limit"
    );
    assert!(limited.header("retry-after").is_some());
    server.shutdown().await;
}

/// `GET /config` as if forwarded for `client` (the `X-Forwarded-For` header).
async fn get_config(browser: &Browser, client: &str) -> reqwest::StatusCode {
    browser
        .request(Method::GET, "/config", None, &[("x-forwarded-for", client)])
        .await
        .status
}

#[tokio::test]
async fn per_ip_limit_counts_forwarded_clients_only_behind_trusted_proxies() {
    // Default: the header can be forged, so it is ignored; all requests share the peer's bucket.
    let server = start_sandbox(|c| c.limits.per_ip_per_minute = 2).await;
    let browser = Browser::new(&server.api_url());
    assert_eq!(get_config(&browser, "203.0.113.1").await, 200);
    assert_eq!(get_config(&browser, "203.0.113.2").await, 200);
    assert_eq!(
        get_config(&browser, "203.0.113.3").await,
        429,
        "a forged X-Forwarded-For does not escape the IP limit"
    );
    server.shutdown().await;

    // Behind one trusted reverse proxy: each client address it reports has its own bucket.
    let server = start_sandbox(|c| {
        c.limits.per_ip_per_minute = 2;
        c.limits.trusted_proxies = 1;
    })
    .await;
    let browser = Browser::new(&server.api_url());
    assert_eq!(get_config(&browser, "203.0.113.1").await, 200);
    assert_eq!(get_config(&browser, "203.0.113.1").await, 200);
    assert_eq!(get_config(&browser, "203.0.113.1").await, 429);
    assert_eq!(
        get_config(&browser, "203.0.113.2").await,
        200,
        "another client behind the same proxy is not limited"
    );
    assert_eq!(
        get_config(&browser, "198.51.100.9, 203.0.113.1").await,
        429,
        "an entry the client wrote itself (left of the proxy's) is not believed"
    );
    server.shutdown().await;
}

#[tokio::test]
async fn another_session_cannot_see_or_cancel_my_payload() {
    let server = start_sandbox(|_| {}).await;
    let me = Browser::new(&server.api_url());
    let other = Browser::new(&server.api_url());
    let uuid = me.sign_in_uuid().await;
    other.sign_in_payload().await; // the other browser has a session of its own

    for answer in [
        other.get(&format!("/payload/{uuid}")).await,
        other.delete(&format!("/payload/{uuid}")).await,
    ] {
        assert_eq!(answer.status, 404, "{}", answer.text);
        assert_eq!(answer.error_code(), "not_found");
    }
    let stranger = Browser::new(&server.api_url());
    assert_eq!(
        stranger.get(&format!("/payload/{uuid}")).await.status,
        404,
        "no cookie at all"
    );

    let mine = me.get(&format!("/payload/{uuid}")).await;
    assert_eq!(mine.status, 200);
    assert_eq!(mine.json()["meta"]["uuid"], uuid.as_str());
    let cancelled = me.delete(&format!("/payload/{uuid}")).await;
    assert_eq!(cancelled.status, 200, "{}", cancelled.text);
    assert_eq!(cancelled.json()["result"]["cancelled"], true);
    let again = me.delete(&format!("/payload/{uuid}")).await;
    assert_eq!(
        again.json()["result"]["reason"],
        "ALREADY_CANCELLED",
        "the platform's answer, passed through"
    );
    server.shutdown().await;
}

#[tokio::test]
async fn only_its_own_routes_never_a_relay() {
    let server = start_sandbox(|_| {}).await;
    let browser = Browser::new(&server.api_url());
    browser.sign_in_payload().await;
    for path in [
        "/api/v1/platform/ping",
        "/payload/not-a-uuid",
        "/payload/..%2F..%2Fping",
        "/payload/00000000-0000-4000-8000-000000000000",
        "/payload/ci/my-identifier",
        "/user-tokens",
    ] {
        let answer = browser.get(path).await;
        assert_eq!(answer.status, 404, "{path}: {}", answer.text);
        assert_eq!(answer.error_code(), "not_found");
    }
    let wrong_method = browser.request(Method::PUT, "/session", None, &[]).await;
    assert_eq!(wrong_method.status, 405);
    assert_eq!(wrong_method.error_code(), "method_not_allowed");
    server.shutdown().await;
}

#[tokio::test]
async fn config_reports_public_values_only() {
    let server = start_sandbox(|_| {}).await;
    let config = Browser::new(&server.api_url()).get("/config").await;
    assert_eq!(config.status, 200);
    let platform = server.platform_origin();
    assert_eq!(
        config.json(),
        json!({"apiKey": xaman_proxy::sandbox::SANDBOX_API_KEY, "endpoint": platform, "oauthEndpoint": format!("{platform}/oauth2")})
    );
    assert!(!config
        .text
        .contains(xaman_proxy::sandbox::SANDBOX_API_SECRET));
    server.shutdown().await;
}

#[tokio::test]
async fn platform_errors_pass_through_and_an_unreachable_platform_is_502() {
    let server = start_sandbox(|_| {}).await;
    let browser = Browser::new(&server.api_url());
    let with_id =
        json!({"txjson": {"TransactionType": "SignIn"}, "custom_meta": {"identifier": "order-1"}});
    assert_eq!(browser.post("/payload", with_id.clone()).await.status, 200);
    let duplicate = browser.post("/payload", with_id).await;
    assert_eq!(duplicate.status, 409, "{}", duplicate.text);
    assert_eq!(
        duplicate.json()["error"]["code"],
        409,
        "the platform's numeric code, unchanged"
    );
    assert!(duplicate.json()["error"]["reference"].is_string());
    server.shutdown().await;

    let closed = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let dead = format!("http://{}", closed.local_addr().unwrap());
    drop(closed);
    let server = start_sandbox(|c| {
        c.mode = xaman_proxy::server::Mode::Live {
            upstream: dead.clone(),
            oauth_endpoint: format!("{dead}/oauth2"),
        };
        c.credentials = Some(xaman_proxy::upstream::Credentials {
            api_key: xaman_proxy::sandbox::SANDBOX_API_KEY.into(),
            api_secret: xaman_proxy::sandbox::SANDBOX_API_SECRET.into(),
        });
    })
    .await;
    let answer = Browser::new(&server.api_url())
        .post("/payload", json!({"txjson": {"TransactionType": "SignIn"}}))
        .await;
    assert_eq!(answer.status, 502);
    assert_eq!(answer.error_code(), "upstream");
    assert!(!answer
        .text
        .contains(xaman_proxy::sandbox::SANDBOX_API_SECRET));
    server.shutdown().await;
}
