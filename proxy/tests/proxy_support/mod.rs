//! Shared helpers for the proxy's integration tests: a "browser" (reqwest with a cookie jar) that
//! records every answer it gets, and calls to the sandbox's control API and platform API.
#![allow(dead_code)]

use std::sync::{Arc, Mutex};

use reqwest::header::HeaderMap;
use reqwest::StatusCode;
use serde_json::{json, Value};
use xaman_proxy::sandbox::{SANDBOX_API_KEY, SANDBOX_API_SECRET};
use xaman_proxy::server::{self, RunningServer, ServerConfig};

/// One answer as the browser saw it.
#[derive(Debug, Clone)]
pub struct Answer {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub text: String,
}

impl Answer {
    pub fn json(&self) -> Value {
        serde_json::from_str(&self.text).unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.text))
    }

    pub fn error_code(&self) -> String {
        self.json()["error"]["code"]
            .as_str()
            .unwrap_or_else(|| panic!("no error code in {}", self.text))
            .to_owned()
    }

    pub fn header(&self, name: &str) -> Option<String> {
        self.headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned)
    }

    /// Everything the browser could read: status line, headers and body.
    pub fn everything(&self) -> String {
        let headers: Vec<String> = self
            .headers
            .iter()
            .map(|(k, v)| format!("{k}: {}", v.to_str().unwrap_or("")))
            .collect();
        format!("{}\n{}\n{}", self.status, headers.join("\n"), self.text)
    }
}

/// A browser with its own cookie jar, talking to the proxy API.
#[derive(Clone)]
pub struct Browser {
    client: reqwest::Client,
    pub api: String,
    pub seen: Arc<Mutex<Vec<Answer>>>,
}

impl Browser {
    pub fn new(api: &str) -> Self {
        Self {
            client: reqwest::Client::builder()
                .cookie_store(true)
                .build()
                .unwrap(),
            api: api.to_owned(),
            seen: Arc::default(),
        }
    }

    async fn finish(&self, response: reqwest::Response) -> Answer {
        let answer = Answer {
            status: response.status(),
            headers: response.headers().clone(),
            text: response.text().await.unwrap(),
        };
        self.seen.lock().unwrap().push(answer.clone());
        answer
    }

    pub async fn request(
        &self,
        method: reqwest::Method,
        path: &str,
        body: Option<Value>,
        headers: &[(&str, &str)],
    ) -> Answer {
        let mut request = self.client.request(method, format!("{}{path}", self.api));
        for (name, value) in headers {
            request = request.header(*name, *value);
        }
        if let Some(body) = body {
            request = request.json(&body);
        }
        let response = request.send().await.unwrap();
        self.finish(response).await
    }

    pub async fn get(&self, path: &str) -> Answer {
        self.request(reqwest::Method::GET, path, None, &[]).await
    }

    pub async fn delete(&self, path: &str) -> Answer {
        self.request(reqwest::Method::DELETE, path, None, &[]).await
    }

    pub async fn post(&self, path: &str, body: Value) -> Answer {
        self.request(reqwest::Method::POST, path, Some(body), &[])
            .await
    }

    /// `POST /payload` and the answer, asserting it was created.
    pub async fn create(&self, body: Value) -> Value {
        let answer = self.post("/payload", body).await;
        assert_eq!(answer.status, 200, "create failed: {}", answer.text);
        answer.json()
    }

    pub async fn sign_in_payload(&self) -> Value {
        self.create(json!({"txjson": {"TransactionType": "SignIn"}}))
            .await
    }

    /// Creates a SignIn payload through the proxy; its uuid.
    pub async fn sign_in_uuid(&self) -> String {
        let created = self.sign_in_payload().await;
        created["uuid"]
            .as_str()
            .unwrap_or_else(|| panic!("no uuid in {created}"))
            .to_owned()
    }

    /// A SignIn payload created through the proxy and signed on the simulated phone of the
    /// sandbox at `platform`; its uuid.
    pub async fn signed_sign_in(&self, platform: &str) -> String {
        let uuid = self.sign_in_uuid().await;
        phone_signs(platform, &uuid).await;
        uuid
    }

    pub async fn session(&self) -> Value {
        let answer = self.get("/session").await;
        assert_eq!(answer.status, 200, "{}", answer.text);
        answer.json()
    }

    /// Every answer this browser has received, as one text.
    pub fn transcript(&self) -> String {
        self.seen
            .lock()
            .unwrap()
            .iter()
            .map(Answer::everything)
            .collect::<Vec<_>>()
            .join("\n----\n")
    }
}

fn plain() -> reqwest::Client {
    reqwest::Client::new()
}

/// The simulated phone signs payload `uuid` (control API `POST /sandbox/payloads/:uuid/sign`).
pub async fn phone_signs(platform: &str, uuid: &str) {
    let response = plain()
        .post(format!("{platform}/sandbox/payloads/{uuid}/sign"))
        .json(&json!({}))
        .send()
        .await
        .unwrap();
    let status = response.status();
    assert!(
        status.is_success(),
        "sign {uuid}: {status} {}",
        response.text().await.unwrap()
    );
}

/// Moves the sandbox clock (and so the proxy's, in sandbox mode) forward.
pub async fn advance_clock(platform: &str, seconds: i64) {
    let response = plain()
        .post(format!("{platform}/sandbox/clock"))
        .json(&json!({"advance_seconds": seconds}))
        .send()
        .await
        .unwrap();
    assert!(
        response.status().is_success(),
        "clock: {}",
        response.text().await.unwrap()
    );
}

/// The platform's own view of a payload (as a backend with the credentials sees it).
pub async fn platform_payload(platform: &str, uuid: &str) -> Value {
    plain()
        .get(format!("{platform}/api/v1/platform/payload/{uuid}"))
        .header("X-API-Key", SANDBOX_API_KEY)
        .header("X-API-Secret", SANDBOX_API_SECRET)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap()
}

/// The user token the platform issued when `uuid` was signed.
pub async fn issued_token(platform: &str, uuid: &str) -> String {
    let payload = platform_payload(platform, uuid).await;
    payload["application"]["issued_user_token"]
        .as_str()
        .unwrap_or_else(|| panic!("no token issued for {uuid}: {payload}"))
        .to_owned()
}

/// Starts the proxy in sandbox mode on free ports with `change` applied to the config.
pub async fn start_sandbox(change: impl FnOnce(&mut ServerConfig)) -> RunningServer {
    let mut config = ServerConfig::sandbox_on_free_ports();
    change(&mut config);
    server::start(config).await.expect("server starts")
}

/// The proxy in sandbox mode with its defaults, its sandbox origin, and a browser on its API.
pub async fn sandbox_with_browser() -> (RunningServer, String, Browser) {
    let server = start_sandbox(|_| {}).await;
    let platform = server.platform_origin().to_owned();
    let browser = Browser::new(&server.api_url());
    (server, platform, browser)
}

/// Polls `check` every 50 ms for up to 5 s.
pub async fn eventually<F, Fut>(what: &str, mut check: F)
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = bool>,
{
    for _ in 0..100 {
        if check().await {
            return;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    panic!("timed out waiting for: {what}");
}
