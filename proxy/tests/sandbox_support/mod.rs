//! Helpers shared by the sandbox integration tests: a sandbox served on 127.0.0.1:0, HTTP
//! calls with the app credentials, and a websocket reader.
#![allow(dead_code)]

use std::time::Duration;

use futures_util::{SinkExt, StreamExt};
use serde_json::Value;
use tokio::net::TcpStream;
use tokio_tungstenite::tungstenite::Message;
use tokio_tungstenite::{MaybeTlsStream, WebSocketStream};
use xaman_proxy::sandbox::{Sandbox, SandboxConfig, SANDBOX_API_KEY, SANDBOX_API_SECRET};

pub const KEY: &str = SANDBOX_API_KEY;
pub const SECRET: &str = SANDBOX_API_SECRET;

/// A sandbox listening on a free loopback port.
pub struct Running {
    pub sandbox: Sandbox,
    /// `http://127.0.0.1:PORT`
    pub origin: String,
    pub http: reqwest::Client,
    task: tokio::task::JoinHandle<()>,
}

impl Drop for Running {
    fn drop(&mut self) {
        self.task.abort();
    }
}

/// Test defaults: fast phone steps.
pub fn test_config() -> SandboxConfig {
    SandboxConfig { step_delay: Duration::from_millis(5), ..SandboxConfig::default_credentials() }
}

pub async fn start() -> Running {
    start_with(test_config()).await
}

pub async fn start_with(config: SandboxConfig) -> Running {
    let sandbox = Sandbox::new(config);
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let origin = format!("http://{}", listener.local_addr().expect("addr"));
    let router = sandbox.router();
    let task = tokio::spawn(async move {
        axum::serve(listener, router).await.expect("serve");
    });
    Running { sandbox, origin, http: reqwest::Client::new(), task }
}

impl Running {
    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.origin, path)
    }

    /// A platform call with the app credentials; answers (status, JSON body).
    pub async fn platform(&self, method: reqwest::Method, path: &str, body: Option<Value>) -> (u16, Value) {
        let mut req = self
            .http
            .request(method, self.url(&format!("/api/v1/platform/{path}")))
            .header("x-api-key", KEY)
            .header("x-api-secret", SECRET);
        if let Some(body) = body {
            req = req.json(&body);
        }
        let resp = req.send().await.expect("send");
        let status = resp.status().as_u16();
        (status, resp.json().await.unwrap_or(Value::Null))
    }

    pub async fn create(&self, body: Value) -> Value {
        let (status, json) = self.platform(reqwest::Method::POST, "payload", Some(body)).await;
        assert_eq!(status, 200, "create failed: {json}");
        json
    }

    pub async fn get(&self, uuid: &str) -> Value {
        let (status, json) = self.platform(reqwest::Method::GET, &format!("payload/{uuid}"), None).await;
        assert_eq!(status, 200, "get failed: {json}");
        json
    }

    /// A control API call; answers (status, JSON body).
    pub async fn control(&self, method: reqwest::Method, path: &str, body: Option<Value>) -> (u16, Value) {
        let mut req = self.http.request(method, self.url(&format!("/sandbox/{path}")));
        if let Some(body) = body {
            req = req.json(&body);
        }
        let resp = req.send().await.expect("send");
        let status = resp.status().as_u16();
        (status, resp.json().await.unwrap_or(Value::Null))
    }

    pub async fn phone(&self, action: &str, uuid: &str, body: Option<Value>) -> (u16, Value) {
        self.control(reqwest::Method::POST, &format!("payloads/{uuid}/{action}"), body).await
    }

    pub async fn advance(&self, seconds: i64) {
        let (status, _) =
            self.control(reqwest::Method::POST, "clock", Some(serde_json::json!({ "advance_seconds": seconds }))).await;
        assert_eq!(status, 200);
    }

    pub async fn socket(&self, uuid: &str) -> Socket {
        let url = format!("{}/sign/{uuid}", self.origin.replacen("http", "ws", 1));
        let (ws, _) = tokio_tungstenite::connect_async(url).await.expect("websocket connect");
        Socket { ws }
    }
}

pub struct Socket {
    pub ws: WebSocketStream<MaybeTlsStream<TcpStream>>,
}

/// What the next read saw.
#[derive(Debug)]
pub enum Read {
    Json(Value),
    /// A close frame, with its code.
    Closed(u16),
    /// The connection ended without a close frame (or with a protocol error).
    Aborted(String),
    Timeout,
}

impl Socket {
    pub async fn read(&mut self, timeout: Duration) -> Read {
        loop {
            match tokio::time::timeout(timeout, self.ws.next()).await {
                Err(_) => return Read::Timeout,
                Ok(None) => return Read::Aborted("stream ended".into()),
                Ok(Some(Err(e))) => return Read::Aborted(e.to_string()),
                Ok(Some(Ok(Message::Text(t)))) => return Read::Json(serde_json::from_str(t.as_str()).expect("JSON text")),
                Ok(Some(Ok(Message::Close(frame)))) => return Read::Closed(frame.map(|f| u16::from(f.code)).unwrap_or(1005)),
                Ok(Some(Ok(_))) => continue,
            }
        }
    }

    /// The next JSON message (panics on anything else within 5 s).
    pub async fn next_json(&mut self) -> Value {
        match self.read(Duration::from_secs(5)).await {
            Read::Json(v) => v,
            other => panic!("expected a JSON message, got {other:?}"),
        }
    }

    /// The next message that is not `expires_in_seconds` or `devapp_fetched`.
    pub async fn next_event(&mut self) -> Value {
        loop {
            let v = self.next_json().await;
            if v.get("expires_in_seconds").is_none() && v.get("devapp_fetched").is_none() {
                return v;
            }
        }
    }

    pub async fn send(&mut self, text: &str) {
        self.ws.send(Message::Text(text.to_string().into())).await.expect("send");
    }

    /// Welcome + the first expires_in_seconds / expired.
    pub async fn handshake(&mut self, uuid: &str) -> Value {
        let welcome = self.next_json().await;
        assert_eq!(welcome, serde_json::json!({ "message": format!("Welcome {uuid}") }));
        self.next_json().await
    }
}
