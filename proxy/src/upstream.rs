//! The HTTP client for the platform's backend API (`/api/v1/platform/...`, authenticated with
//! `X-API-Key` + `X-API-Secret`): the live platform (`https://xumm.app`) or the sandbox.
//! It only ever calls the three payload endpoints with a validated UUID: the proxy is not a relay.

use std::fmt;
use std::time::Duration;

use reqwest::{Method, StatusCode};
use serde_json::Value;
use uuid::Uuid;

/// The app's credentials. `Debug` never shows the secret.
#[derive(Clone)]
pub struct Credentials {
    pub api_key: String,
    pub api_secret: String,
}

impl fmt::Debug for Credentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Credentials")
            .field("api_key", &self.api_key)
            .field("api_secret", &"<hidden>")
            .finish()
    }
}

/// An answer from the platform: its HTTP status and JSON body, unchanged.
#[derive(Clone, Debug)]
pub struct Reply {
    pub status: StatusCode,
    pub body: Value,
}

/// The platform could not be reached or did not answer JSON.
#[derive(Clone, Debug)]
pub struct UpstreamError(pub String);

impl fmt::Display for UpstreamError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for UpstreamError {}

/// A client for one platform origin and one app.
#[derive(Clone, Debug)]
pub struct Upstream {
    origin: String,
    credentials: Credentials,
    http: reqwest::Client,
}

impl Upstream {
    /// `origin` is the platform's origin without a trailing slash, e.g. `https://xumm.app`.
    pub fn new(origin: &str, credentials: Credentials) -> Result<Self, UpstreamError> {
        let parsed = url::Url::parse(origin)
            .map_err(|e| UpstreamError(format!("upstream {origin:?}: {e}")))?;
        if !matches!(parsed.scheme(), "http" | "https") || parsed.host_str().is_none() {
            return Err(UpstreamError(format!(
                "upstream {origin:?} must be an http(s) origin"
            )));
        }
        let http = reqwest::Client::builder()
            .user_agent(concat!("xaman-proxy/", env!("CARGO_PKG_VERSION")))
            .connect_timeout(Duration::from_secs(10))
            .timeout(Duration::from_secs(20))
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .map_err(|e| UpstreamError(format!("http client: {e}")))?;
        Ok(Self {
            origin: origin.trim_end_matches('/').to_owned(),
            credentials,
            http,
        })
    }

    /// The platform origin (no trailing slash).
    pub fn origin(&self) -> &str {
        &self.origin
    }

    pub fn credentials(&self) -> &Credentials {
        &self.credentials
    }

    /// `POST /api/v1/platform/payload`.
    pub async fn create_payload(&self, body: &Value) -> Result<Reply, UpstreamError> {
        self.call(Method::POST, "payload".into(), Some(body)).await
    }

    /// `GET /api/v1/platform/payload/:uuid`.
    pub async fn get_payload(&self, uuid: &Uuid) -> Result<Reply, UpstreamError> {
        self.call(Method::GET, format!("payload/{}", uuid.hyphenated()), None)
            .await
    }

    /// `DELETE /api/v1/platform/payload/:uuid`.
    pub async fn cancel_payload(&self, uuid: &Uuid) -> Result<Reply, UpstreamError> {
        self.call(
            Method::DELETE,
            format!("payload/{}", uuid.hyphenated()),
            None,
        )
        .await
    }

    async fn call(
        &self,
        method: Method,
        path: String,
        body: Option<&Value>,
    ) -> Result<Reply, UpstreamError> {
        let url = format!("{}/api/v1/platform/{path}", self.origin);
        let mut request = self
            .http
            .request(method.clone(), &url)
            .header("X-API-Key", &self.credentials.api_key)
            .header("X-API-Secret", &self.credentials.api_secret)
            .header("Accept", "application/json");
        if let Some(body) = body {
            request = request.json(body);
        }
        let response = request.send().await.map_err(|e| {
            UpstreamError(format!(
                "{method} {path}: the platform could not be reached ({})",
                short(&e)
            ))
        })?;
        let status = response.status();
        let bytes = response.bytes().await.map_err(|e| {
            UpstreamError(format!(
                "{method} {path}: the platform's answer was cut off ({})",
                short(&e)
            ))
        })?;
        let body = serde_json::from_slice(&bytes).map_err(|_| {
            UpstreamError(format!(
                "{method} {path}: the platform answered HTTP {status} without JSON"
            ))
        })?;
        Ok(Reply { status, body })
    }
}

fn short(e: &reqwest::Error) -> String {
    let mut text = e.to_string();
    let mut source = std::error::Error::source(e);
    while let Some(inner) = source {
        text = format!("{text}: {inner}");
        source = inner.source();
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    fn creds() -> Credentials {
        Credentials {
            api_key: "k".into(),
            api_secret: "very-secret".into(),
        }
    }

    #[test]
    fn debug_hides_the_secret() {
        let text = format!("{:?}", Upstream::new("https://xumm.app/", creds()).unwrap());
        assert!(!text.contains("very-secret"), "{text}");
        assert!(text.contains("https://xumm.app"));
    }

    #[test]
    fn refuses_non_http_origins() {
        assert!(Upstream::new("ftp://xumm.app", creds()).is_err());
        assert!(Upstream::new("not a url", creds()).is_err());
        assert_eq!(
            Upstream::new("http://127.0.0.1:9/", creds())
                .unwrap()
                .origin(),
            "http://127.0.0.1:9"
        );
    }

    #[tokio::test]
    async fn unreachable_platform_is_an_error_not_a_panic() {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        drop(listener);
        let up = Upstream::new(&format!("http://127.0.0.1:{port}"), creds()).unwrap();
        let err = up.get_payload(&Uuid::nil()).await.unwrap_err();
        assert!(err.0.contains("could not be reached"), "{err}");
    }
}
