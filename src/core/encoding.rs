//! Small text/binary helpers: base64url, hex, UUID shape, JS string length.

use crate::prelude::*;

const B64URL: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/// Base64url (RFC 4648 §5) without padding.
pub fn base64url_encode(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [chunk[0], *chunk.get(1).unwrap_or(&0), *chunk.get(2).unwrap_or(&0)];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        let chars = chunk.len() + 1;
        for i in 0..chars {
            out.push(B64URL[((n >> (18 - 6 * i)) & 63) as usize] as char);
        }
    }
    out
}

fn b64_value(c: u8) -> Option<u32> {
    Some(match c {
        b'A'..=b'Z' => c - b'A',
        b'a'..=b'z' => c - b'a' + 26,
        b'0'..=b'9' => c - b'0' + 52,
        b'-' | b'+' => 62,
        b'_' | b'/' => 63,
        _ => return None,
    } as u32)
}

/// Decode base64url (padding optional; `+`/`/` also accepted). `None` on bad input.
pub fn base64url_decode(text: &str) -> Option<Vec<u8>> {
    let trimmed = text.trim_end_matches('=');
    let bytes = trimmed.as_bytes();
    if bytes.len() % 4 == 1 {
        return None;
    }
    let mut out = Vec::with_capacity(bytes.len() * 3 / 4);
    for chunk in bytes.chunks(4) {
        let mut n = 0u32;
        for (i, &c) in chunk.iter().enumerate() {
            n |= b64_value(c)? << (18 - 6 * i);
        }
        out.push((n >> 16) as u8);
        if chunk.len() > 2 {
            out.push((n >> 8) as u8);
        }
        if chunk.len() > 3 {
            out.push(n as u8);
        }
    }
    Some(out)
}

/// `true` when `s` is non-empty and only hex digits (either case).
pub fn is_hex(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_hexdigit())
}

/// `true` for `xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx` (hex, either case).
pub fn is_uuid(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 36
        && b.iter().enumerate().all(|(i, &c)| match i {
            8 | 13 | 18 | 23 => c == b'-',
            _ => c.is_ascii_hexdigit(),
        })
}

/// `true` for a version-4 UUID (`…-4xxx-[89ab]xxx-…`, either case).
pub fn is_uuid_v4(s: &str) -> bool {
    let b = s.as_bytes();
    is_uuid(s) && b[14] == b'4' && matches!(b[19].to_ascii_lowercase(), b'8' | b'9' | b'a' | b'b')
}

/// Byte offset of the first `needle` (non-empty, written in lower case) in `haystack`, ignoring
/// ASCII case. A plain byte scan: the wasm then carries no `str` pattern searcher (and its panic
/// paths), and no lower-cased copy of the haystack is made.
pub fn find_ignoring_case(haystack: &str, needle: &str) -> Option<usize> {
    let needle = needle.as_bytes();
    let bytes = haystack.as_bytes();
    (0..(bytes.len() + 1).saturating_sub(needle.len()))
        .find(|&i| bytes.get(i..i + needle.len()).is_some_and(|window| window.eq_ignore_ascii_case(needle)))
}

/// `js_length`: UTF-16 code units, like JS `string.length`.
pub fn js_length(s: &str) -> usize {
    // One unit per code point (every byte that does not continue one), two for a 4-byte one.
    s.bytes().map(|b| usize::from(b & 0xC0 != 0x80) + usize::from(b >= 0xF0)).sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64url_round_trips_every_length() {
        let data: Vec<u8> = (0..=255u8).collect();
        for len in 0..70 {
            let enc = base64url_encode(&data[..len]);
            assert!(!enc.contains('=') && !enc.contains('+') && !enc.contains('/'));
            assert_eq!(base64url_decode(&enc).unwrap(), &data[..len], "len {len}");
        }
    }

    #[test]
    fn base64url_known_vectors() {
        assert_eq!(base64url_encode(b"foobar"), "Zm9vYmFy");
        assert_eq!(base64url_encode(b"fo"), "Zm8");
        assert_eq!(base64url_encode(&[0xfb, 0xff]), "-_8");
        assert_eq!(base64url_decode("-_8").unwrap(), vec![0xfb, 0xff]);
        assert_eq!(base64url_decode("+/8=").unwrap(), vec![0xfb, 0xff]);
        assert_eq!(base64url_decode("Zm9vYg==").unwrap(), b"foob");
        assert!(base64url_decode("Zm9vY").is_none());
        assert!(base64url_decode("Zm9v!").is_none());
    }

    #[test]
    fn uuids() {
        assert!(is_uuid("00000000-0000-4839-af2f-f794874a80b0"));
        assert!(is_uuid_v4("c0ffee00-5a4d-4b0b-8a11-000000000001"));
        assert!(is_uuid_v4("C0FFEE00-5A4D-4B0B-8A11-000000000001"));
        assert!(!is_uuid_v4("00000000-1111-2222-af2f-f794874a80b0"));
        assert!(!is_uuid_v4("c0ffee00-5a4d-4b0b-7a11-000000000001"));
        assert!(!is_uuid("c0ffee00-5a4d-4b0b-8a11-00000000000"));
        assert!(!is_uuid("c0ffee00x5a4d-4b0b-8a11-000000000001"));
        assert!(!is_uuid("g0ffee00-5a4d-4b0b-8a11-000000000001"));
    }

    #[test]
    fn find_ignoring_case_finds_the_first_match() {
        assert_eq!(find_ignoring_case("a://b://c", "://"), Some(1));
        assert_eq!(find_ignoring_case("Mozilla xumm/xapp:2.1", "xumm/xapp:"), Some(8));
        assert_eq!(find_ignoring_case("Mozilla XUMM/xApp:2.1", "xumm/xapp:"), Some(8));
        assert_eq!(find_ignoring_case("héllo token", "token"), Some(7));
        assert_eq!(find_ignoring_case("héllo TOKEN", "token"), Some(7));
        assert_eq!(find_ignoring_case("tok", "token"), None);
        assert_eq!(find_ignoring_case("", "x"), None);
        assert_eq!(find_ignoring_case("token", "token"), Some(0));
    }

    #[test]
    fn js_length_counts_utf16_units() {
        assert_eq!(js_length("abc"), 3);
        assert_eq!(js_length("é"), 1);
        assert_eq!(js_length("🍻"), 2);
        assert_eq!(js_length("❤️"), 2);
    }
}
