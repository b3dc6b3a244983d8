//! URL helpers without the `url` crate: percent-encoding, query strings, absolute-URL checks.

use crate::core::text::text;
use crate::core::encoding::{cut, find_ignoring_case, has_space_or_control, push_utf8_lossy, strip_byte};
use crate::prelude::*;

/// Percent-encode a query component (everything except `A-Z a-z 0-9 - . _ ~`), like
/// `encodeURIComponent` (which also keeps `! ' ( ) *`; encoding them is equally valid).
pub fn encode_component(s: &str) -> String {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    let mut out = String::with_capacity(s.len());
    for &b in s.as_bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') {
            out.push(b as char);
        } else {
            out.push('%');
            out.push(HEX[(b >> 4) as usize] as char);
            out.push(HEX[(b & 15) as usize] as char);
        }
    }
    out
}

fn hex_value(b: Option<&u8>) -> Option<u8> {
    let b = *b?;
    match b {
        b'0'..=b'9' => Some(b - b'0'),
        b'a'..=b'f' => Some(b - b'a' + 10),
        b'A'..=b'F' => Some(b - b'A' + 10),
        _ => None,
    }
}

/// Decode `%XX` escapes and `+` (as a space) of a query component; bad escapes are kept as
/// they are and invalid UTF-8 becomes U+FFFD.
pub fn decode_component(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        i += 1;
        out.push(match b {
            b'+' => b' ',
            b'%' => match (hex_value(bytes.get(i)), hex_value(bytes.get(i + 1))) {
                (Some(high), Some(low)) => {
                    i += 2;
                    high << 4 | low
                }
                _ => b'%',
            },
            b => b,
        });
    }
    let mut text = String::with_capacity(out.len());
    push_utf8_lossy(&out, &mut text);
    text
}

/// Parse `?a=1&b=2` (leading `?` optional, a `#fragment` is ignored) into decoded pairs.
pub fn parse_query(query: &str) -> Vec<(String, String)> {
    let (query, _) = cut(query, b'#');
    let mut rest = Some(strip_byte(query, b'?').unwrap_or(query));
    let mut pairs = Vec::new();
    while let Some(text) = rest {
        let (part, next) = cut(text, b'&');
        rest = next;
        if !part.is_empty() {
            let (key, value) = cut(part, b'=');
            pairs.push((decode_component(key), value.map(decode_component).unwrap_or_default()));
        }
    }
    pairs
}

/// First value of `key` in a query string.
pub fn query_param(query: &str, key: &str) -> Option<String> {
    parse_query(query).into_iter().find(|(k, _)| k == key).map(|(_, v)| v)
}

/// The parts of an absolute http(s) URL.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HttpUrl<'a> {
    /// `http` or `https` (as written).
    pub scheme: &'a str,
    /// `host[:port]`.
    pub authority: &'a str,
    /// Path, query and fragment (may be empty).
    pub rest: &'a str,
}

fn valid_authority(authority: &str) -> bool {
    let (host, port) = if let Some(inner) = strip_byte(authority, b'[') {
        match cut(inner, b']') {
            (ip6, Some(after)) if !ip6.is_empty() && ip6.bytes().all(|b| b.is_ascii_hexdigit() || b == b':' || b == b'.') => {
                match after {
                    "" => return true,
                    p => (ip6, strip_byte(p, b':').unwrap_or("x")),
                }
            }
            _ => return false,
        }
    } else {
        match authority.bytes().rposition(|b| b == b':') {
            Some(colon) => (authority.get(..colon).unwrap_or_default(), authority.get(colon + 1..).unwrap_or_default()),
            None => (authority, "0"),
        }
    };
    let host_ok = !host.is_empty()
        && (authority.as_bytes().first() == Some(&b'[')
            || host.bytes().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_')));
    let port_ok = !port.is_empty() && port.len() <= 5 && port.bytes().all(|b| b.is_ascii_digit());
    host_ok && port_ok && !matches!(host.as_bytes().first(), Some(b'.' | b'-'))
}

/// Split an absolute `http://` or `https://` URL with a valid host (and port). `None`
/// otherwise (other schemes, relative URLs, whitespace, user-info, empty host).
pub fn parse_http_url(url: &str) -> Option<HttpUrl<'_>> {
    if has_space_or_control(url) {
        return None;
    }
    let scheme_end = find_ignoring_case(url, "://")?;
    let scheme = url.get(..scheme_end)?;
    if !scheme.eq_ignore_ascii_case("http") && !scheme.eq_ignore_ascii_case("https") {
        return None;
    }
    let after = url.get(scheme_end + 3..)?;
    let end = after.bytes().position(|b| matches!(b, b'/' | b'?' | b'#')).unwrap_or(after.len());
    let (authority, rest) = (after.get(..end)?, after.get(end..)?);
    if authority.bytes().any(|b| b == b'@') || !valid_authority(authority) {
        return None;
    }
    Some(HttpUrl { scheme, authority, rest })
}

/// `true` for an absolute http(s) URL with a valid host and no whitespace.
pub fn is_absolute_http_url(url: &str) -> bool {
    parse_http_url(url).is_some()
}

/// `true` for an absolute `https://` URL.
pub fn is_https_url(url: &str) -> bool {
    parse_http_url(url).is_some_and(|u| u.scheme.eq_ignore_ascii_case("https"))
}

/// The origin (`scheme://host[:port]`, scheme lower-cased) of an absolute http(s) URL.
pub fn origin_of(url: &str) -> Option<String> {
    let u = parse_http_url(url)?;
    Some(text!(u.scheme.to_ascii_lowercase(), "://", u.authority))
}

/// Remove the query parameters named in `keys` from `url`, keeping everything else in place
/// (other parameters as written, and the fragment). Drops the `?` when nothing is left.
pub fn remove_query_params(url: &str, keys: &[&str]) -> String {
    let (before_fragment, _) = cut(url, b'#');
    let fragment = url.get(before_fragment.len()..).unwrap_or("");
    let (base, Some(query)) = cut(before_fragment, b'?') else {
        return url.to_owned();
    };
    let mut out = String::from(base);
    let mut rest = Some(query);
    let mut separator = '?';
    while let Some(text) = rest {
        let (part, next) = cut(text, b'&');
        rest = next;
        if !part.is_empty() && !keys.contains(&decode_component(cut(part, b'=').0).as_str()) {
            out.push(separator);
            out.push_str(part);
            separator = '&';
        }
    }
    out.push_str(fragment);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn component_round_trip() {
        let s = "https://a.b/c?d=e f&g=ü+%";
        let enc = encode_component(s);
        assert_eq!(enc, "https%3A%2F%2Fa.b%2Fc%3Fd%3De%20f%26g%3D%C3%BC%2B%25");
        assert_eq!(decode_component(&enc), s);
        assert_eq!(decode_component("a+b%20c"), "a b c");
        assert_eq!(decode_component("100%"), "100%");
        assert_eq!(decode_component("%zz%4"), "%zz%4");
        assert_eq!(decode_component("%41%42"), "AB");
    }

    #[test]
    fn invalid_utf8_becomes_replacement_characters_like_from_utf8_lossy() {
        for escaped in ["%C3%28a", "%E2%82", "%F0%9F%8D%BB%FF%FEok", "%ED%A0%80x", "%C0%AF", "a%80%80b", "%F4%90%80%80", "%E2%82%AC"] {
            let mut bytes = Vec::new();
            let raw = escaped.as_bytes();
            let mut i = 0;
            while i < raw.len() {
                if raw[i] == b'%' {
                    bytes.push(u8::from_str_radix(&escaped[i + 1..i + 3], 16).unwrap());
                    i += 3;
                } else {
                    bytes.push(raw[i]);
                    i += 1;
                }
            }
            assert_eq!(decode_component(escaped), String::from_utf8_lossy(&bytes), "{escaped}");
        }
        assert_eq!(decode_component("%C3%28"), "\u{FFFD}(");
    }

    #[test]
    fn query_parsing() {
        let q = parse_query("?xAppToken=abc&xAppStyle=DARK&flag&e=%20x#frag=1");
        assert_eq!(
            q,
            vec![
                ("xAppToken".into(), "abc".into()),
                ("xAppStyle".into(), "DARK".into()),
                ("flag".into(), "".into()),
                ("e".into(), " x".into())
            ]
        );
        assert_eq!(query_param("a=1&a=2", "a").as_deref(), Some("1"));
        assert_eq!(query_param("", "a"), None);
    }

    #[test]
    fn absolute_urls() {
        for ok in [
            "https://xumm.app",
            "http://127.0.0.1:8090",
            "https://x.test/?p={id}",
            "HTTPS://Example.com/path#x",
            "http://[::1]:8080/a",
            "http://localhost",
        ] {
            assert!(is_absolute_http_url(ok), "{ok}");
        }
        for bad in [
            "ftp://x.test",
            "//x.test",
            "/api/xaman",
            "https://",
            "https:// x.test",
            "https://x.test/a b",
            "https://user@x.test",
            "https://x.test:99999999",
            "https://x.test:",
            "javascript:alert(1)",
            "https://-x.test",
        ] {
            assert!(!is_absolute_http_url(bad), "{bad}");
        }
        assert!(is_https_url("https://a.b/c"));
        assert!(!is_https_url("http://a.b/c"));
        assert_eq!(origin_of("HTTP://127.0.0.1:8080/x/y?z").as_deref(), Some("http://127.0.0.1:8080"));
    }

    #[test]
    fn removing_params() {
        let keys = ["code", "state"];
        assert_eq!(remove_query_params("https://a.b/p?code=1&x=2&state=3#h", &keys), "https://a.b/p?x=2#h");
        assert_eq!(remove_query_params("https://a.b/p?code=1&state=3", &keys), "https://a.b/p");
        assert_eq!(remove_query_params("https://a.b/p", &keys), "https://a.b/p");
        assert_eq!(remove_query_params("https://a.b/p?x=%20&codex=1", &keys), "https://a.b/p?x=%20&codex=1");
    }

    #[test]
    fn query_edge_cases() {
        assert_eq!(parse_query("?&&a&=b&c=d=e&"), vec![
            ("a".into(), "".into()),
            ("".into(), "b".into()),
            ("c".into(), "d=e".into()),
        ]);
        assert_eq!(parse_query("#a=1"), vec![]);
        assert_eq!(parse_query("??a=1"), vec![("?a".into(), "1".into())]);
        assert_eq!(parse_query("a=%F0%9F%8D%BB#x&b=2"), vec![("a".into(), "🍻".into())]);
        let keys = ["code", "state"];
        assert_eq!(remove_query_params("https://a.b/p?", &keys), "https://a.b/p");
        assert_eq!(remove_query_params("https://a.b/p?&&x=1&&code&", &keys), "https://a.b/p?x=1");
        assert_eq!(remove_query_params("https://a.b/p?x=1?y=2&state=#h?code=1", &keys), "https://a.b/p?x=1?y=2#h?code=1");
        assert_eq!(remove_query_params("https://a.b/p#h?code=1", &keys), "https://a.b/p#h?code=1");
        assert_eq!(remove_query_params("https://a.b/p?%63ode=1&co%64e=2&y", &keys), "https://a.b/p?y");
    }
}
