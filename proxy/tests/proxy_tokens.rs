//! The proxy learns the user token when a payload is signed, uses it for the next payload
//! (`pushed: true`), lets it expire 30 days after the last signature, and never shows it.

mod proxy_support;

use proxy_support::*;
use serde_json::json;

const DAY: i64 = 24 * 3600;

#[tokio::test]
async fn token_is_captured_reused_renewed_expired_and_never_shown() {
    let (server, platform, browser) = sandbox_with_browser().await;

    // No session yet.
    assert_eq!(browser.session().await, json!({}));

    // First payload: nobody to push to.
    let first = browser.sign_in_payload().await;
    assert_eq!(first["pushed"], false);
    let first_uuid = first["uuid"].as_str().unwrap().to_owned();
    assert!(
        first["next"]["always"]
            .as_str()
            .unwrap()
            .starts_with(&platform),
        "{first}"
    );

    phone_signs(&platform, &first_uuid).await;
    let token = issued_token(&platform, &first_uuid).await;
    let resolved = browser.get(&format!("/payload/{first_uuid}")).await;
    assert_eq!(resolved.status, 200);
    let resolved = resolved.json();
    assert_eq!(resolved["meta"]["signed"], true);
    assert_eq!(
        resolved["application"]["issued_user_token"],
        json!(null),
        "stripped"
    );
    let account = resolved["response"]["account"].as_str().unwrap().to_owned();

    let session = browser.session().await;
    assert_eq!(session["account"], account.as_str());
    let t0 = server.clock().now_unix();
    let expires = session["tokenExpiresAt"].as_i64().unwrap();
    assert!(
        (expires - (t0 + 30 * DAY)).abs() <= 5,
        "expires {expires}, now {t0}"
    );

    // Second payload is pushed with the learned token.
    let second = browser.sign_in_payload().await;
    assert_eq!(second["pushed"], true, "{second}");
    let second_uuid = second["uuid"].as_str().unwrap().to_owned();
    let on_platform = platform_payload(&platform, &second_uuid).await;
    assert_eq!(on_platform["meta"]["pushed"], true);

    // 20 days later a new payload is still pushed, and the user signs it: the token is renewed.
    advance_clock(&platform, 20 * DAY).await;
    let later = browser.sign_in_payload().await;
    assert_eq!(later["pushed"], true, "{later}");
    let later_uuid = later["uuid"].as_str().unwrap().to_owned();
    phone_signs(&platform, &later_uuid).await;
    let again = browser.get(&format!("/payload/{later_uuid}")).await.json();
    assert_eq!(again["meta"]["signed"], true);
    let renewed = browser.session().await["tokenExpiresAt"].as_i64().unwrap();
    assert!(
        (renewed - (t0 + 50 * DAY)).abs() <= 5,
        "renewed to {renewed}"
    );

    // 31 days after the first signature the token is still live (renewed at day 20).
    advance_clock(&platform, 11 * DAY).await;
    assert_eq!(browser.session().await["account"], account.as_str());
    let third = browser.sign_in_payload().await;
    assert_eq!(third["pushed"], true);

    // 31 days after the last signature it has expired: not shown, not used.
    advance_clock(&platform, 20 * DAY).await;
    assert_eq!(browser.session().await, json!({}));
    let fourth = browser.sign_in_payload().await;
    assert_eq!(fourth["pushed"], false, "{fourth}");
    let fourth_uuid = fourth["uuid"].as_str().unwrap();
    assert_eq!(
        platform_payload(&platform, fourth_uuid).await["meta"]["pushed"],
        false
    );

    // Cancel and logout answers too, then: the token never reached the browser.
    let cancel = browser.delete(&format!("/payload/{fourth_uuid}")).await;
    assert_eq!(cancel.status, 200, "{}", cancel.text);
    assert_eq!(cancel.json()["result"]["cancelled"], true);
    browser.get("/config").await;
    browser.post("/session/logout", json!({})).await;
    let transcript = browser.transcript();
    assert!(transcript.contains(&first_uuid), "the transcript is real");
    assert!(
        !transcript.contains(&token),
        "user token leaked to the browser:\n{transcript}"
    );
    server.shutdown().await;
}

#[tokio::test]
async fn webhook_alone_teaches_the_token_and_account() {
    let (server, platform, browser) = sandbox_with_browser().await;
    let uuid = browser.signed_sign_in(&platform).await;
    let account = platform_payload(&platform, &uuid).await["response"]["account"]
        .as_str()
        .unwrap()
        .to_owned();
    // No GET through the proxy: only the sandbox's signed webhook can tell it.
    eventually("the webhook teaches the session", || {
        let browser = browser.clone();
        let account = account.clone();
        async move { browser.session().await["account"] == account.as_str() }
    })
    .await;
    assert_eq!(browser.sign_in_payload().await["pushed"], true);
    let attempts = server.sandbox().unwrap().webhook_attempts();
    assert!(!attempts.is_empty(), "the sandbox delivered a webhook");
    server.shutdown().await;
}

#[tokio::test]
async fn logout_forgets_token_account_and_payloads() {
    let (server, platform, browser) = sandbox_with_browser().await;
    let uuid = browser.signed_sign_in(&platform).await;
    browser.get(&format!("/payload/{uuid}")).await;
    assert!(browser.session().await.get("account").is_some());

    let out = browser.post("/session/logout", json!({})).await;
    assert_eq!(out.status, 200);
    assert_eq!(out.json(), json!({}));
    let cookie = out.header("set-cookie").unwrap();
    assert!(cookie.contains("Max-Age=0"), "{cookie}");
    assert_eq!(browser.session().await, json!({}));
    assert_eq!(browser.get(&format!("/payload/{uuid}")).await.status, 404);
    let next = browser
        .post("/payload", json!({"txjson": {"TransactionType": "SignIn"}}))
        .await;
    assert_eq!(next.json()["pushed"], false);
    let new_cookie = next.header("set-cookie").unwrap();
    assert!(
        new_cookie.starts_with("xaman_proxy_session="),
        "{new_cookie}"
    );
    server.shutdown().await;
}
