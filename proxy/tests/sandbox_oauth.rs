//! OAuth2 under `/oauth2`: authorize (client and redirect checks, the SignIn payload and page),
//! completion after the phone signs or rejects, the PKCE token exchange, userinfo, and the
//! access token on the JWT API.

mod sandbox_support;

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use reqwest::Method;
use serde_json::{json, Value};
use sha2::{Digest, Sha256};
use sandbox_support::*;

const VERIFIER: &str = "a-long-random-code-verifier-0123456789-abcdefghijklmnopqrstuvwxyz";
const REDIRECT: &str = "http://127.0.0.1:4321/app/callback?keep=1";

fn no_redirects() -> reqwest::Client {
    reqwest::Client::builder().redirect(reqwest::redirect::Policy::none()).build().unwrap()
}

fn challenge(verifier: &str) -> String {
    URL_SAFE_NO_PAD.encode(Sha256::digest(verifier.as_bytes()))
}

fn auth_url(s: &Running, extra: &[(&str, &str)]) -> String {
    let mut url = url::Url::parse(&s.url("/oauth2/auth")).unwrap();
    {
        let mut q = url.query_pairs_mut();
        for (k, v) in extra {
            q.append_pair(k, v);
        }
    }
    url.to_string()
}

fn pkce_params(state: &'static str) -> Vec<(&'static str, String)> {
    vec![
        ("response_type", "code".into()),
        ("client_id", KEY.into()),
        ("redirect_uri", REDIRECT.into()),
        ("state", state.into()),
        ("scope", "XummPkce".into()),
        ("code_challenge", challenge(VERIFIER)),
        ("code_challenge_method", "S256".into()),
    ]
}

/// Opens the auth page; answers (payload uuid, result URL).
async fn begin(s: &Running, params: &[(&str, String)]) -> (String, String) {
    let pairs: Vec<(&str, &str)> = params.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let resp = no_redirects().get(auth_url(s, &pairs)).send().await.unwrap();
    assert_eq!(resp.status(), 200);
    let html = resp.text().await.unwrap();
    let uuid = html.split("data-uuid=\"").nth(1).unwrap().split('"').next().unwrap().to_string();
    let config = html.split("id=\"oauth-config\">").nth(1).unwrap().split("</script>").next().unwrap();
    let config: Value = serde_json::from_str(config).unwrap();
    assert_eq!(config["uuid"], uuid.as_str());
    assert!(html.contains("<svg"), "the page shows a QR");
    assert!(html.contains(&format!("/sandbox/phone?payload={uuid}")), "and a link to the phone");
    (uuid, config["resultUrl"].as_str().unwrap().to_string())
}

async fn result(s: &Running, url: &str) -> Value {
    s.http.post(url).send().await.unwrap().json().await.unwrap()
}

async fn exchange(s: &Running, code: &str, verifier: &str) -> (u16, Value) {
    let resp = s
        .http
        .post(s.url("/oauth2/token"))
        .form(&[
            ("grant_type", "authorization_code"),
            ("code", code),
            ("client_id", KEY),
            ("redirect_uri", REDIRECT),
            ("code_verifier", verifier),
        ])
        .send()
        .await
        .unwrap();
    let status = resp.status().as_u16();
    (status, resp.json().await.unwrap())
}

fn claims(jwt: &str) -> Value {
    serde_json::from_slice(&URL_SAFE_NO_PAD.decode(jwt.split('.').nth(1).unwrap()).unwrap()).unwrap()
}

#[tokio::test]
async fn pkce_code_flow_end_to_end() {
    let s = start().await;
    let users = s.sandbox.users();
    let (uuid, result_url) = begin(&s, &pkce_params("st-1")).await;

    // The SignIn payload is an ordinary open payload, with the instruction naming the host.
    let (_, open) = s.control(Method::GET, "payloads", None).await;
    assert_eq!(open[0]["uuid"], uuid.as_str());
    let p = s.get(&uuid).await;
    assert_eq!(p["payload"]["tx_type"], "SignIn");
    assert_eq!(p["custom_meta"]["instruction"], "Sign in to 127.0.0.1:4321");
    assert_eq!(result(&s, &result_url).await, json!({ "status": "pending" }));

    s.phone("sign", &uuid, Some(json!({ "account": users[1].account }))).await;
    let done = result(&s, &result_url).await;
    assert_eq!(done["status"], "signed");
    assert_eq!(done["target_origin"], "http://127.0.0.1:4321");
    let message = &done["message"];
    assert_eq!(message["source"], "xumm_sign_request_resolved");
    let code = message["options"]["code"].as_str().unwrap().to_string();
    assert_eq!(message["options"]["state"], "st-1");
    assert_eq!(message["options"]["redirect_uri"], REDIRECT);
    let redirect = url::Url::parse(done["redirect"].as_str().unwrap()).unwrap();
    let query: std::collections::HashMap<_, _> = redirect.query_pairs().into_owned().collect();
    assert_eq!(query.get("code"), Some(&code));
    assert_eq!(query.get("state").map(String::as_str), Some("st-1"));
    assert_eq!(query.get("keep").map(String::as_str), Some("1"));
    // Polling again answers the same code.
    assert_eq!(result(&s, &result_url).await["message"]["options"]["code"], code.as_str());

    // A wrong verifier is refused, the right one gets the token, once.
    let (status, err) = exchange(&s, &code, "the-wrong-verifier-0123456789-abcdefghijklmnopqrstuvwxyz").await;
    assert_eq!((status, err["error"].as_str()), (400, Some("invalid_grant")));
    assert!(err["error_description"].is_string());
    let (status, token) = exchange(&s, &code, VERIFIER).await;
    assert_eq!(status, 200, "{token}");
    assert_eq!(token["token_type"], "bearer");
    assert_eq!(token["expires_in"], 86_400);
    assert_eq!(token["refresh_token"], "");
    assert_eq!(token["scope"], "XummPkce");
    let (status, again) = exchange(&s, &code, VERIFIER).await;
    assert_eq!((status, again["error"].as_str()), (400, Some("invalid_grant")));

    let jwt = token["access_token"].as_str().unwrap();
    let c = claims(jwt);
    assert_eq!(c["sub"], users[1].account);
    assert_eq!(c["client_id"], KEY);
    assert_eq!(c["app_uuidv4"], KEY);
    assert_eq!(c["payload_uuidv4"], uuid.as_str());
    assert_eq!(c["state"], "st-1");
    assert_eq!(c["exp"].as_i64().unwrap() - c["iat"].as_i64().unwrap(), 86_400);
    let issued = s.get(&uuid).await["application"]["issued_user_token"].clone();
    assert_eq!(c["usertoken_uuidv4"], issued);

    // userinfo
    let me: Value = s.http.get(s.url("/oauth2/userinfo")).bearer_auth(jwt).send().await.unwrap().json().await.unwrap();
    assert_eq!(me["sub"], users[1].account);
    assert_eq!(me["account"], users[1].account);
    assert_eq!(me["name"], users[1].name);
    assert_eq!(me["networkType"], "MAINNET");
    assert_eq!(me["networkId"], 0);
    assert!(me["picture"].as_str().unwrap().ends_with(&format!("/sandbox/avatar/{}.svg", users[1].account)));
    let bad = s.http.get(s.url("/oauth2/userinfo")).bearer_auth("x.y.z").send().await.unwrap();
    assert_eq!(bad.status(), 401);

    // The access token works on the JWT API: ping, and payloads pushed to the signed-in user.
    let pong: Value = s.http.get(s.url("/api/v1/jwt/ping")).bearer_auth(jwt).send().await.unwrap().json().await.unwrap();
    assert_eq!(pong["usertoken_uuidv4"], issued);
    assert!(pong.get("ott_uuidv4").is_none());
    let created: Value = s
        .http
        .post(s.url("/api/v1/jwt/payload"))
        .bearer_auth(jwt)
        .json(&json!({ "txjson": { "TransactionType": "SignIn" } }))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(created["pushed"], true);
    let (_, inbox) = s.control(Method::GET, &format!("inbox/{}", users[1].account), None).await;
    assert_eq!(inbox[0]["uuid"], created["uuid"]);
}

#[tokio::test]
async fn rejected_sign_in_answers_access_denied() {
    let s = start().await;
    let (uuid, result_url) = begin(&s, &pkce_params("st-2")).await;
    s.phone("reject", &uuid, None).await;
    let done = result(&s, &result_url).await;
    assert_eq!(done["status"], "rejected");
    assert_eq!(done["message"]["source"], "xumm_sign_request_rejected");
    assert_eq!(done["message"]["options"]["error"], "access_denied");
    assert_eq!(done["message"]["options"]["state"], "st-2");
    assert!(done["message"]["options"]["error_description"].is_string());
    let redirect = url::Url::parse(done["redirect"].as_str().unwrap()).unwrap();
    let query: std::collections::HashMap<_, _> = redirect.query_pairs().into_owned().collect();
    assert_eq!(query.get("error").map(String::as_str), Some("access_denied"));
    assert_eq!(query.get("state").map(String::as_str), Some("st-2"));
}

#[tokio::test]
async fn implicit_flow_returns_the_token_in_the_query() {
    let s = start().await;
    let params = vec![
        ("response_type", "token".to_string()),
        ("client_id", KEY.to_string()),
        ("redirect_uri", "http://localhost:9000/".to_string()),
        ("state", "st-3".to_string()),
    ];
    let (uuid, result_url) = begin(&s, &params).await;
    s.phone("sign", &uuid, None).await;
    let done = result(&s, &result_url).await;
    let redirect = url::Url::parse(done["redirect"].as_str().unwrap()).unwrap();
    let query: std::collections::HashMap<_, _> = redirect.query_pairs().into_owned().collect();
    assert_eq!(query.get("token_type").map(String::as_str), Some("bearer"));
    let jwt = query.get("access_token").unwrap();
    assert_eq!(claims(jwt)["sub"], s.sandbox.users()[0].account);
}

#[tokio::test]
async fn authorize_refuses_bad_clients_redirects_and_missing_pkce() {
    let s = start().await;
    let client = no_redirects();
    let get = |params: Vec<(&'static str, String)>| {
        let pairs: Vec<(&str, String)> = params;
        let url = {
            let p: Vec<(&str, &str)> = pairs.iter().map(|(k, v)| (*k, v.as_str())).collect();
            auth_url(&s, &p)
        };
        client.get(url).send()
    };
    let mut wrong_client = pkce_params("x");
    wrong_client[1].1 = "00000000-0000-4000-8000-000000000000".into();
    assert_eq!(get(wrong_client).await.unwrap().status(), 401);

    let mut foreign = pkce_params("x");
    foreign[2].1 = "https://evil.example/cb".into();
    let resp = get(foreign).await.unwrap();
    assert_eq!(resp.status(), 400, "a foreign redirect_uri is refused, not redirected to");
    assert!(resp.text().await.unwrap().contains("not allowed"));

    let no_pkce: Vec<_> = pkce_params("st-4").into_iter().filter(|(k, _)| !k.starts_with("code_challenge")).collect();
    let resp = get(no_pkce).await.unwrap();
    assert_eq!(resp.status(), 302);
    let location = resp.headers()["location"].to_str().unwrap().to_string();
    assert!(location.starts_with("http://127.0.0.1:4321/app/callback?keep=1&error=invalid_request"), "{location}");
    assert!(location.contains("state=st-4"));

    // The token endpoint's own refusals.
    let resp = s.http.post(s.url("/oauth2/token")).form(&[("grant_type", "password")]).send().await.unwrap();
    assert_eq!(resp.status(), 400);
    assert_eq!(resp.json::<Value>().await.unwrap()["error"], "unsupported_grant_type");
    let (status, err) = exchange(&s, "no-such-code", VERIFIER).await;
    assert_eq!((status, err["error"].as_str()), (400, Some("invalid_grant")));

    // CORS on the token endpoint (the browser SDK calls it).
    let preflight = s
        .http
        .request(Method::OPTIONS, s.url("/oauth2/token"))
        .header("origin", "http://127.0.0.1:4321")
        .header("access-control-request-method", "POST")
        .send()
        .await
        .unwrap();
    assert_eq!(preflight.headers()["access-control-allow-origin"], "*");

    // Discovery names the endpoints on the caller's origin.
    let discovery: Value = s.http.get(s.url("/oauth2/.well-known/openid-configuration")).send().await.unwrap().json().await.unwrap();
    assert_eq!(discovery["token_endpoint"], s.url("/oauth2/token"));
    assert_eq!(discovery["code_challenge_methods_supported"], json!(["S256"]));
}
