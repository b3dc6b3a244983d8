//! URL helpers without the `url` crate: percent-encoding, query strings, absolute-URL checks.

/// Percent-encode a query component (everything except `A-Z a-z 0-9 - . _ ~`).
pub fn encode_component(s: &str) -> String {
    todo!()
}

/// Decode `%XX` escapes and `+` (as a space) of a query component; bad escapes are kept as is.
pub fn decode_component(s: &str) -> String {
    todo!()
}

/// Parse `?a=1&b=2` (leading `?` optional) into decoded pairs, in order.
pub fn parse_query(query: &str) -> Vec<(String, String)> {
    todo!()
}

/// First value of `key` in a query string.
pub fn query_param(query: &str, key: &str) -> Option<String> {
    todo!()
}

/// The parts of an absolute http(s) URL.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HttpUrl<'a> {
    /// `http` or `https` (lower-case in the input).
    pub scheme: &'a str,
    /// `host[:port]`.
    pub authority: &'a str,
    /// Path, query and fragment (may be empty).
    pub rest: &'a str,
}

/// Split an absolute `http://` or `https://` URL with a non-empty host. `None` otherwise.
pub fn parse_http_url(url: &str) -> Option<HttpUrl<'_>> {
    todo!()
}

/// `true` for an absolute http(s) URL with a plausible host and no whitespace.
pub fn is_absolute_http_url(url: &str) -> bool {
    parse_http_url(url).is_some()
}

/// The origin (`scheme://host[:port]`) of an absolute http(s) URL.
pub fn origin_of(url: &str) -> Option<String> {
    todo!()
}

/// Remove the query parameters named in `keys` from `url`, keeping the rest (and the fragment).
pub fn remove_query_params(url: &str, keys: &[&str]) -> String {
    todo!()
}
