//! xApp launch → OTT → JWT, and the `/api/v1/jwt` routes with Bearer tokens, CORS included.

mod sandbox_support;

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use hmac::{Hmac, Mac};
use reqwest::Method;
use serde_json::{json, Value};
use sha2::Sha256;
use sandbox_support::*;

async fn launch(s: &Running, body: Value) -> Value {
    let (status, launched) = s.control(Method::POST, "xapp/launch", Some(body)).await;
    assert_eq!(status, 200, "{launched}");
    launched
}

async fn authorize(s: &Running, ott: &str) -> (u16, Value) {
    let resp = s
        .http
        .get(s.url("/api/v1/jwt/authorize"))
        .header("x-api-key", KEY)
        .header("x-api-ott", ott)
        .send()
        .await
        .unwrap();
    let status = resp.status().as_u16();
    (status, resp.json().await.unwrap())
}

/// Checks the HS256 signature independently and answers the claims.
fn verified_claims(jwt: &str) -> Value {
    let parts: Vec<&str> = jwt.split('.').collect();
    assert_eq!(parts.len(), 3);
    let header: Value = serde_json::from_slice(&URL_SAFE_NO_PAD.decode(parts[0]).unwrap()).unwrap();
    assert_eq!(header["alg"], "HS256");
    let mut mac = Hmac::<Sha256>::new_from_slice(SECRET.as_bytes()).unwrap();
    mac.update(format!("{}.{}", parts[0], parts[1]).as_bytes());
    mac.verify_slice(&URL_SAFE_NO_PAD.decode(parts[2]).unwrap()).expect("signed with the app secret");
    serde_json::from_slice(&URL_SAFE_NO_PAD.decode(parts[1]).unwrap()).unwrap()
}

async fn jwt_call(s: &Running, method: Method, path: &str, jwt: &str, body: Option<Value>) -> (u16, Value) {
    let mut req = s.http.request(method, s.url(&format!("/api/v1/jwt/{path}"))).bearer_auth(jwt);
    if let Some(body) = body {
        req = req.json(&body);
    }
    let resp = req.send().await.unwrap();
    let status = resp.status().as_u16();
    (status, resp.json().await.unwrap_or(Value::Null))
}

#[tokio::test]
async fn launch_gives_an_ott_and_a_url_with_it() {
    let s = start().await;
    let users = s.sandbox.users();
    let launched = launch(&s, json!({ "account": users[1].account, "url": "http://127.0.0.1:5/app?x=1" })).await;
    let ott = launched["ott"].as_str().unwrap();
    assert_eq!(launched["url"], format!("http://127.0.0.1:5/app?x=1&xAppToken={ott}&xAppStyle=LIGHT"));
    assert_eq!(launched["account"], users[1].account);

    // The backend can fetch the OTT data once.
    let (status, data) = s.platform(Method::GET, &format!("xapp/ott/{ott}"), None).await;
    assert_eq!(status, 200);
    assert_eq!(data["account"], users[1].account);
    assert_eq!(data["user"], users[1].user_uuid);
    assert_eq!(data["style"], "LIGHT");
    assert_eq!(data["nodetype"], "MAINNET");
    assert_eq!(data["account_info"]["name"], users[1].name);
    assert_eq!(data["accountaccess"], "FULL");
    let (status, again) = s.platform(Method::GET, &format!("xapp/ott/{ott}"), None).await;
    assert_eq!(status, 404);
    assert_eq!(again["error"]["code"], 404);

    let (status, _) = s.control(Method::POST, "xapp/launch", Some(json!({ "account": "rNope" }))).await;
    assert_eq!(status, 400);
}

#[tokio::test]
async fn ott_becomes_a_jwt_once_and_the_jwt_creates_pushed_payloads() {
    let s = start().await;
    let users = s.sandbox.users();
    let launched = launch(&s, json!({ "account": users[2].account })).await;
    let ott = launched["ott"].as_str().unwrap();
    let (status, auth) = authorize(&s, ott).await;
    assert_eq!(status, 200, "{auth}");
    assert_eq!(auth["ott"]["account"], users[2].account);
    assert_eq!(auth["app"]["name"], s.sandbox.config().app_name);
    let jwt = auth["jwt"].as_str().unwrap();
    let claims = verified_claims(jwt);
    assert_eq!(claims["app_uuidv4"], KEY);
    assert_eq!(claims["client_id"], KEY);
    assert_eq!(claims["sub"], users[2].account);
    assert_eq!(claims["ott_uuidv4"], ott);
    assert_eq!(claims["exp"].as_i64().unwrap() - claims["iat"].as_i64().unwrap(), 86_400);
    let token = claims["usertoken_uuidv4"].as_str().unwrap();
    assert!(s.sandbox.user_tokens().iter().any(|t| t.user_token == token && t.account == users[2].account));

    // A used OTT cannot be authorized again.
    let (status, err) = authorize(&s, ott).await;
    assert_eq!((status, err["error"]["code"].as_i64()), (403, Some(813)));

    // ping
    let (status, pong) = jwt_call(&s, Method::GET, "ping", jwt, None).await;
    assert_eq!(status, 200);
    assert_eq!(pong["pong"], true);
    assert_eq!(pong["ott_uuidv4"], ott);
    assert_eq!(pong["app_name"], s.sandbox.config().app_name);
    // The legacy prefix /api/v1/xapp-jwt/ answers the same.
    let legacy: Value = s.http.get(s.url("/api/v1/xapp-jwt/ping")).bearer_auth(jwt).send().await.unwrap().json().await.unwrap();
    assert_eq!(legacy["ott_uuidv4"], ott);

    // A payload created with the JWT is pushed to the JWT's user.
    let (status, created) = jwt_call(&s, Method::POST, "payload", jwt, Some(json!({ "txjson": { "TransactionType": "SignIn" } }))).await;
    assert_eq!(status, 200, "{created}");
    assert_eq!(created["pushed"], true);
    let uuid = created["uuid"].as_str().unwrap();
    let (_, inbox) = s.control(Method::GET, &format!("inbox/{}", users[2].account), None).await;
    assert_eq!(inbox[0]["uuid"], uuid);
    let (status, got) = jwt_call(&s, Method::GET, &format!("payload/{uuid}"), jwt, None).await;
    assert_eq!(status, 200);
    assert_eq!(got["meta"]["is_xapp"], true);
    assert_eq!(got["meta"]["pushed"], true);
    let (status, cancelled) = jwt_call(&s, Method::DELETE, &format!("payload/{uuid}"), jwt, None).await;
    assert_eq!(status, 200);
    assert_eq!(cancelled["result"]["reason"], "OK");
    // Invalid bodies are 602 here too.
    let (status, bad) = jwt_call(&s, Method::POST, "payload", jwt, Some(json!({ "txjson": {} }))).await;
    assert_eq!((status, bad["error"]["code"].as_i64()), (400, Some(602)));
}

#[tokio::test]
async fn bad_and_expired_jwts_are_refused() {
    let s = start().await;
    let launched = launch(&s, json!({})).await;
    let (_, auth) = authorize(&s, launched["ott"].as_str().unwrap()).await;
    let jwt = auth["jwt"].as_str().unwrap().to_string();
    let mut forged = jwt.clone();
    forged.pop();
    forged.push(if jwt.ends_with('A') { 'B' } else { 'A' });
    for token in [forged.as_str(), "not-a-jwt", ""] {
        let (status, err) = jwt_call(&s, Method::GET, "ping", token, None).await;
        assert_eq!((status, err["error"]["code"].as_i64()), (401, Some(813)), "{token}");
    }
    let resp = s.http.get(s.url("/api/v1/jwt/ping")).send().await.unwrap();
    assert_eq!(resp.status(), 401);
    // A day later the JWT has expired.
    s.advance(86_401).await;
    let (status, _) = jwt_call(&s, Method::GET, "ping", &jwt, None).await;
    assert_eq!(status, 401);
    // An OTT unused for more than a minute is refused.
    let stale = launch(&s, json!({})).await;
    s.advance(61).await;
    let (status, _) = authorize(&s, stale["ott"].as_str().unwrap()).await;
    assert_eq!(status, 404);
    // A wrong API key is refused.
    let fresh = launch(&s, json!({})).await;
    let resp = s
        .http
        .get(s.url("/api/v1/jwt/authorize"))
        .header("x-api-key", "00000000-0000-4000-8000-000000000000")
        .header("x-api-ott", fresh["ott"].as_str().unwrap())
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 403);
}

#[tokio::test]
async fn cors_only_on_the_jwt_routes() {
    let s = start().await;
    let preflight = |path: &'static str| {
        s.http
            .request(Method::OPTIONS, s.url(path))
            .header("origin", "http://127.0.0.1:1234")
            .header("access-control-request-method", "POST")
            .header("access-control-request-headers", "authorization,content-type")
            .send()
    };
    let jwt = preflight("/api/v1/jwt/payload").await.unwrap();
    assert!(jwt.status().is_success());
    assert_eq!(jwt.headers()["access-control-allow-origin"], "*");
    let allowed = jwt.headers()["access-control-allow-headers"].to_str().unwrap().to_lowercase();
    assert!(allowed.contains("authorization") && allowed.contains("content-type"), "{allowed}");

    let platform = preflight("/api/v1/platform/payload").await.unwrap();
    assert!(platform.headers().get("access-control-allow-origin").is_none());

    // Errors on JWT routes carry CORS too, so a browser can read them.
    let resp = s.http.get(s.url("/api/v1/jwt/ping")).header("origin", "http://127.0.0.1:1234").send().await.unwrap();
    assert_eq!(resp.status(), 401);
    assert_eq!(resp.headers()["access-control-allow-origin"], "*");
}
