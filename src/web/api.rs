//! The two ways payloads are created, read and cancelled: through the developer's proxy
//! (cookies, `credentials: "include"`) or on the platform's JWT endpoints (Bearer token).

use crate::core::url::encode_component;
use crate::prelude::*;
use crate::web::http::{Fetch, HttpRequest};

/// Where payload calls go.
#[derive(Clone, Debug)]
pub enum Backend {
    /// `{proxy}/payload…` with the session cookie.
    Proxy {
        /// Proxy base URL, no trailing slash.
        base: String,
    },
    /// `{endpoint}/api/v1/jwt/payload…` with `Authorization: Bearer <jwt>`.
    Jwt {
        /// Platform endpoint, no trailing slash.
        endpoint: String,
        /// xApp or OAuth2 JWT.
        jwt: String,
    },
}

/// Payload calls on one backend.
#[derive(Clone, Debug)]
pub struct PayloadApi {
    /// Where the calls go.
    pub backend: Backend,
    /// Request timeout.
    pub timeout_ms: u32,
}

impl PayloadApi {
    /// `POST …/payload` with the validated request body; the platform's create answer. Like
    /// the other calls, it is sent right away: the future holds only the pending answer.
    pub fn create(&self, body: String) -> Fetch {
        let url = self.url(None);
        self.request("POST", &url, "creating the payload")
            .json(body)
            .send(self.timeout_ms)
    }

    /// `GET …/payload/<uuid>`.
    pub fn get(&self, uuid: &str) -> Fetch {
        let url = self.url(Some(uuid));
        self.request("GET", &url, "reading the payload")
            .send(self.timeout_ms)
    }

    /// `DELETE …/payload/<uuid>`.
    pub fn cancel(&self, uuid: &str) -> Fetch {
        let url = self.url(Some(uuid));
        self.request("DELETE", &url, "cancelling the payload")
            .send(self.timeout_ms)
    }

    fn url(&self, uuid: Option<&str>) -> String {
        let mut url = match &self.backend {
            Backend::Proxy { base } => base.clone() + "/payload",
            Backend::Jwt { endpoint, .. } => endpoint.clone() + "/api/v1/jwt/payload",
        };
        if let Some(uuid) = uuid {
            url.push('/');
            url.push_str(&encode_component(uuid));
        }
        url
    }

    fn request<'a>(&'a self, method: &'a str, url: &'a str, what: &'static str) -> HttpRequest<'a> {
        let request = HttpRequest::new(method, url, what);
        match &self.backend {
            Backend::Proxy { .. } => request.with_credentials(),
            Backend::Jwt { jwt, .. } => request.header("authorization", bearer(jwt)),
        }
    }
}

/// `Bearer <jwt>`.
pub fn bearer(jwt: &str) -> String {
    let mut value = String::from("Bearer ");
    value.push_str(jwt);
    value
}
