//! Request guards: the origin check with CORS for configured origins, and the rate limits.

use std::net::{IpAddr, SocketAddr};
use std::sync::Arc;

use axum::body::Body;
use axum::extract::{ConnectInfo, Request, State};
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use super::error::ApiError;
use super::session::{cookie_id, store_key};
use super::ApiState;

/// Normalizes an origin given on the command line (`http://127.0.0.1:5173/` → `http://127.0.0.1:5173`).
/// Refuses anything that is not a bare http(s) origin.
pub fn normalize_origin(text: &str) -> Result<String, String> {
    let url =
        url::Url::parse(text.trim()).map_err(|e| format!("{text:?} is not an origin: {e}"))?;
    if !matches!(url.scheme(), "http" | "https") || url.host_str().is_none() {
        return Err(format!("{text:?} is not an http(s) origin"));
    }
    if url.path() != "/"
        || url.query().is_some()
        || url.fragment().is_some()
        || !url.username().is_empty()
    {
        return Err(format!(
            "{text:?} must be an origin only (scheme://host[:port]), without a path"
        ));
    }
    Ok(url.origin().ascii_serialization())
}

/// A request header as text (`None` when absent or not visible ASCII).
fn text_header<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers.get(name).and_then(|v| v.to_str().ok())
}

fn same_origin(origin: &str, headers: &HeaderMap) -> bool {
    let Some(host) = text_header(headers, header::HOST.as_str()) else {
        return false;
    };
    let authority = origin
        .strip_prefix("http://")
        .or_else(|| origin.strip_prefix("https://"))
        .unwrap_or("");
    !authority.is_empty() && authority.eq_ignore_ascii_case(host)
}

/// Lets through requests without an `Origin` (curl, servers, the platform's webhook) and
/// same-origin ones; answers CORS (with credentials) for the configured origins; refuses every
/// other cross-origin request with `403 {"error":{"code":"origin"}}`, preflights included.
pub async fn origin_guard(
    State(state): State<Arc<ApiState>>,
    request: Request,
    next: Next,
) -> Response {
    let headers = request.headers();
    let origin = text_header(headers, header::ORIGIN.as_str()).map(str::to_owned);
    let Some(origin) = origin else {
        let fetch_site = text_header(headers, "sec-fetch-site").unwrap_or("");
        if matches!(fetch_site, "cross-site" | "same-site") {
            return ApiError::origin(
                "cross-site requests without an Origin header are not accepted",
            )
            .into_response();
        }
        return next.run(request).await;
    };
    if same_origin(&origin, headers) {
        return next.run(request).await;
    }
    let allowed = state
        .allowed_origins
        .iter()
        .any(|o| o.eq_ignore_ascii_case(&origin));
    if !allowed {
        return ApiError::origin(format!(
            "origin {origin} is not allowed to call this proxy (start it with --allow-origin {origin} to allow it)"
        ))
        .into_response();
    }
    let allow_origin = HeaderValue::from_str(&origin).unwrap_or(HeaderValue::from_static("null"));
    if request.method() == Method::OPTIONS
        && headers.contains_key(header::ACCESS_CONTROL_REQUEST_METHOD)
    {
        let mut response = Response::new(Body::empty());
        *response.status_mut() = StatusCode::NO_CONTENT;
        let h = response.headers_mut();
        allow_with_credentials(h, allow_origin);
        h.insert(
            header::ACCESS_CONTROL_ALLOW_METHODS,
            HeaderValue::from_static("GET, POST, DELETE"),
        );
        h.insert(
            header::ACCESS_CONTROL_ALLOW_HEADERS,
            HeaderValue::from_static("content-type"),
        );
        h.insert(
            header::ACCESS_CONTROL_MAX_AGE,
            HeaderValue::from_static("600"),
        );
        h.insert(header::VARY, HeaderValue::from_static("Origin"));
        return response;
    }
    let mut response = next.run(request).await;
    let h = response.headers_mut();
    allow_with_credentials(h, allow_origin);
    h.insert(
        header::ACCESS_CONTROL_EXPOSE_HEADERS,
        HeaderValue::from_static("retry-after"),
    );
    h.append(header::VARY, HeaderValue::from_static("Origin"));
    response
}

/// The CORS headers of an allowed origin, on its preflights and its answers: that origin, with
/// cookies.
fn allow_with_credentials(h: &mut HeaderMap, allow_origin: HeaderValue) {
    h.insert(header::ACCESS_CONTROL_ALLOW_ORIGIN, allow_origin);
    h.insert(
        header::ACCESS_CONTROL_ALLOW_CREDENTIALS,
        HeaderValue::from_static("true"),
    );
}

/// Token-bucket limits per client IP and per session; `429 {"error":{"code":"rate_limited"}}` with
/// `Retry-After` when exceeded.
pub async fn rate_limit(
    State(state): State<Arc<ApiState>>,
    request: Request,
    next: Next,
) -> Response {
    let peer = request
        .extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map(|ConnectInfo(addr)| addr.ip());
    let forwarded = request
        .headers()
        .get_all("x-forwarded-for")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .collect::<Vec<_>>()
        .join(",");
    let ip = match peer {
        Some(peer) => client_address(peer, &forwarded, state.trusted_proxies).to_string(),
        None => "unknown".into(),
    };
    if let Err(seconds) = state.ip_limiter.take(&ip) {
        return ApiError::rate_limited(seconds, "address").into_response();
    }
    if let Some(id) = cookie_id(request.headers()) {
        if let Err(seconds) = state.session_limiter.take(&store_key(&id)) {
            return ApiError::rate_limited(seconds, "session").into_response();
        }
    }
    next.run(request).await
}

/// The address the per-IP limit counts: the connecting `peer`, or, behind `trusted_proxies`
/// reverse proxies, the address they report. Each proxy appends the address it was connected
/// from to `X-Forwarded-For`, so the client is the `trusted_proxies`-th entry from the right;
/// entries further left were written by the client itself and are not believed. A header that
/// is missing, too short or not an address leaves the peer (or the leftmost trusted entry).
pub fn client_address(peer: IpAddr, forwarded_for: &str, trusted_proxies: usize) -> IpAddr {
    if trusted_proxies == 0 {
        return peer;
    }
    let entries: Vec<&str> = forwarded_for
        .split(',')
        .map(str::trim)
        .filter(|e| !e.is_empty())
        .collect();
    let index = entries.len().saturating_sub(trusted_proxies);
    entries
        .get(index)
        .and_then(|entry| entry.parse().ok())
        .unwrap_or(peer)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn origins_are_normalized_and_checked() {
        assert_eq!(
            normalize_origin("http://127.0.0.1:5173/").unwrap(),
            "http://127.0.0.1:5173"
        );
        assert_eq!(
            normalize_origin("HTTPS://Example.COM").unwrap(),
            "https://example.com"
        );
        assert_eq!(
            normalize_origin("https://example.com:443").unwrap(),
            "https://example.com"
        );
        assert!(normalize_origin("https://example.com/app").is_err());
        assert!(normalize_origin("ftp://example.com").is_err());
        assert!(normalize_origin("*").is_err());
    }

    #[test]
    fn same_origin_compares_with_the_host_header() {
        let mut h = HeaderMap::new();
        h.insert(header::HOST, HeaderValue::from_static("127.0.0.1:8080"));
        assert!(same_origin("http://127.0.0.1:8080", &h));
        assert!(!same_origin("http://127.0.0.1:8081", &h));
        assert!(!same_origin("null", &h));
    }

    #[test]
    fn client_address_believes_only_trusted_hops() {
        let peer: IpAddr = "10.0.0.2".parse().unwrap();
        let ip = |text: &str| text.parse::<IpAddr>().unwrap();
        // Not trusted: the header is ignored, whatever it says.
        assert_eq!(client_address(peer, "203.0.113.7", 0), peer);
        // One proxy: its entry (the rightmost) is the client; the client's own entries are not.
        assert_eq!(client_address(peer, "203.0.113.7", 1), ip("203.0.113.7"));
        assert_eq!(
            client_address(peer, "1.2.3.4, 203.0.113.7", 1),
            ip("203.0.113.7")
        );
        // Two proxies: the second entry from the right.
        assert_eq!(
            client_address(peer, "1.2.3.4, 203.0.113.7, 10.0.0.9", 2),
            ip("203.0.113.7")
        );
        assert_eq!(client_address(peer, " 2001:db8::1 ", 1), ip("2001:db8::1"));
        // Missing, garbage or too short: the peer, or the leftmost entry there is.
        assert_eq!(client_address(peer, "", 1), peer);
        assert_eq!(client_address(peer, "not-an-ip", 1), peer);
        assert_eq!(client_address(peer, "203.0.113.7", 3), ip("203.0.113.7"));
    }
}
