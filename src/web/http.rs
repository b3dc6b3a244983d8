//! `fetch` with a timeout and the SDK's error mapping: a rejected fetch is `network`, an answer
//! that takes longer than the timeout is `timeout` (the request is aborted), an error status or
//! an `{"error": …}` body is `platform` (with `status`, `reference`, `platformCode`).

use core::future::Future;
use core::pin::Pin;
use core::task::{Context, Poll};

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::core::platform::{is_error_body, oauth_error, platform_error};
use crate::core::text::Piece;
use crate::core::{ErrorCode, JsonValue, XamanError};
use crate::prelude::*;
use crate::web::bindings::{Array, Promise};
use crate::web::error::WebResult;
use crate::web::executor::{settled, Settled};
use crate::web::js;

#[wasm_bindgen(module = "/src/web/io.js")]
extern "C" {
    /// `fetch` with headers, body, credentials and a timeout, done in JS (src/web/io.js):
    /// resolves `[status, text]`, rejects `["header", name]`, `["timeout"]` or
    /// `["network", message]`.
    #[wasm_bindgen(js_name = fetchText)]
    fn fetch_text(
        method: &str,
        url: &str,
        headers: &Array,
        body: Option<&str>,
        credentials: bool,
        timeout_ms: u32,
    ) -> Promise;
}

/// Default time a request may take before it fails with `timeout`.
pub const DEFAULT_TIMEOUT_MS: u32 = 20_000;

/// What to send.
pub struct HttpRequest<'a> {
    /// `GET`, `POST`, `DELETE`.
    pub method: &'a str,
    /// Absolute URL (or a path relative to the page).
    pub url: &'a str,
    /// Extra headers.
    pub headers: Vec<(&'a str, String)>,
    /// Body text and its content type, if any.
    pub body: Option<(&'a str, String)>,
    /// Send cookies cross-origin (`credentials: "include"`), for the proxy.
    pub include_credentials: bool,
    /// What the call does, for error messages ("creating the payload").
    pub what: &'static str,
    /// Error answers are OAuth2 errors (`oauth_failed`) rather than platform errors.
    pub oauth: bool,
}

impl<'a> HttpRequest<'a> {
    /// A request without headers or body.
    pub fn new(method: &'a str, url: &'a str, what: &'static str) -> Self {
        HttpRequest {
            method,
            url,
            headers: Vec::new(),
            body: None,
            include_credentials: false,
            what,
            oauth: false,
        }
    }

    /// Add a header.
    pub fn header(mut self, name: &'a str, value: impl Into<String>) -> Self {
        self.headers.push((name, value.into()));
        self
    }

    /// Set a JSON body.
    pub fn json(mut self, body: String) -> Self {
        self.body = Some(("application/json", body));
        self
    }

    /// Set an `application/x-www-form-urlencoded` body.
    pub fn form(mut self, body: String) -> Self {
        self.body = Some(("application/x-www-form-urlencoded", body));
        self
    }

    /// Send cookies (`credentials: "include"`).
    pub fn with_credentials(mut self) -> Self {
        self.include_credentials = true;
        self
    }

    /// Map error answers to `oauth_failed` (token and userinfo calls).
    pub fn oauth_errors(mut self) -> Self {
        self.oauth = true;
        self
    }

    /// Send it; resolves with the parsed JSON body of a successful answer (`null` for an
    /// empty one). The request leaves right away; the future holds only the pending fetch.
    pub fn send(self, timeout_ms: u32) -> Fetch {
        let (what, oauth) = (self.what, self.oauth);
        let promise = self.start(timeout_ms);
        Fetch {
            answer: settled(&promise),
            what,
            oauth,
            timeout_ms,
        }
    }

    /// Hand the request to `fetchText`.
    #[inline(never)]
    fn start(mut self, timeout_ms: u32) -> Promise {
        let headers = Array::new();
        let add = |name: &str, value: &str| {
            headers.push(&JsValue::from_str(name));
            headers.push(&JsValue::from_str(value));
        };
        add("accept", "application/json");
        for (name, value) in &self.headers {
            add(name, value);
        }
        let body = self.body.take().map(|(content_type, text)| {
            add("content-type", content_type);
            text
        });
        fetch_text(
            self.method,
            self.url,
            &headers,
            body.as_deref(),
            self.include_credentials,
            timeout_ms,
        )
    }
}

/// A request on its way: resolves with the parsed JSON body, or the SDK error.
pub struct Fetch {
    answer: Settled,
    what: &'static str,
    oauth: bool,
    timeout_ms: u32,
}

impl Future for Fetch {
    type Output = WebResult<JsValue>;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let settled = core::task::ready!(Pin::new(&mut self.answer).poll(cx));
        Poll::Ready(answer(settled, self.what, self.oauth, self.timeout_ms))
    }
}

/// What a settled `fetchText` means: the parsed body of a successful answer, or the error.
#[inline(never)]
fn answer(
    settled: Result<JsValue, JsValue>,
    what: &str,
    oauth: bool,
    timeout_ms: u32,
) -> WebResult<JsValue> {
    let answer: Array = settled
        .map_err(|failure| failure_of(&failure, what, timeout_ms))?
        .unchecked_into();
    let status = answer.get(0).as_f64().unwrap_or(0.0) as u16;
    let text = answer.get(1).as_string().unwrap_or_default();

    // Only ASCII whitespace (any that `char::is_whitespace` accepts): no body.
    let body = if text.bytes().all(|b| matches!(b, b' ' | b'\t' | b'\n' | b'\r' | b'\x0B' | b'\x0C')) {
        Some(JsValue::NULL)
    } else {
        js::parse_json(&text)
    };
    let ok = (200..300).contains(&status);
    let error = |parsed: Option<&JsonValue>| {
        if oauth {
            oauth_error(what, status, parsed)
        } else {
            platform_error(what, status, parsed)
        }
    };
    match body {
        Some(body) if ok => {
            let parsed = js::to_json_value(&body);
            if parsed.as_ref().is_some_and(is_error_body) {
                Err(error(parsed.as_ref()))
            } else {
                Ok(body)
            }
        }
        Some(body) => Err(error(js::to_json_value(&body).as_ref())),
        None => Err(error(None)),
    }
}

/// The error for a rejection of `fetchText`.
fn failure_of(failure: &JsValue, what: &str, timeout_ms: u32) -> XamanError {
    let Some(kind) = failure.dyn_ref::<Array>() else {
        return network(what, &crate::web::error::message_of(failure));
    };
    let detail = kind.get(1).as_string().unwrap_or_default();
    match kind.get(0).as_string().as_deref() {
        Some("timeout") => timeout(what, timeout_ms),
        Some("header") => XamanError::new(ErrorCode::InvalidConfig, invalid_header(&detail)),
        _ => network(what, &detail),
    }
}

fn network(what: &str, detail: &str) -> XamanError {
    let mut message = String::from("network error while ");
    message.push_str(what);
    if !detail.is_empty() {
        message.push_str(": ");
        message.push_str(detail);
    }
    XamanError::new(ErrorCode::Network, message)
}

fn timeout(what: &str, ms: u32) -> XamanError {
    let mut message = String::from("no answer in time while ");
    message.push_str(what);
    message.push_str(" (waited ");
    ms.push_to(&mut message);
    message.push_str(" ms)");
    XamanError::new(ErrorCode::Timeout, message)
}

fn invalid_header(name: &str) -> String {
    let mut message = String::from("a value for the header ");
    message.push_str(name);
    message.push_str(" is not valid (check apiKey and the token)");
    message
}
