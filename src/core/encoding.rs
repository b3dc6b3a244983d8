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
    let bytes = trim_end_byte(text, b'=').as_bytes();
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
    // `get`, not indexing: no bounds-check panic (and its number formatting) in the wasm.
    is_uuid(s)
        && b.get(14) == Some(&b'4')
        && matches!(b.get(19).map(u8::to_ascii_lowercase), Some(b'8' | b'9' | b'a' | b'b'))
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

/// `text` cut at its first `separator` byte (ASCII): the part before, and the part after if
/// the separator is there. A byte scan: with these helpers the wasm carries no `str` pattern
/// searcher, splitter or trimmer (nor their UTF-8 decoding and panic paths).
pub fn cut(text: &str, separator: u8) -> (&str, Option<&str>) {
    match text.bytes().position(|b| b == separator) {
        Some(at) => (text.get(..at).unwrap_or_default(), text.get(at + 1..)),
        None => (text, None),
    }
}

/// `text` without its leading `prefix` byte (ASCII); `None` when it does not start with it
/// (`str::strip_prefix` with a `char`).
pub fn strip_byte(text: &str, prefix: u8) -> Option<&str> {
    match text.as_bytes().first() {
        Some(&b) if b == prefix => text.get(1..),
        _ => None,
    }
}

/// `text` without the `suffix` bytes (ASCII) at its end, however many
/// (`str::trim_end_matches` with a `char`).
pub fn trim_end_byte(text: &str, suffix: u8) -> &str {
    let mut bytes = text.as_bytes();
    while let [rest @ .., last] = bytes {
        if *last != suffix {
            break;
        }
        bytes = rest;
    }
    text.get(..bytes.len()).unwrap_or_default()
}

/// `true` when `text` holds a whitespace or control character (`char::is_whitespace` or
/// `char::is_control`, Unicode), found on the UTF-8 bytes: the ASCII ones, U+0080–U+00A0,
/// U+1680, U+2000–U+200A, U+2028, U+2029, U+202F, U+205F and U+3000.
pub fn has_space_or_control(text: &str) -> bool {
    let bytes = text.as_bytes();
    (0..bytes.len()).any(|i| {
        let at = |k: usize| bytes.get(i + k).copied().unwrap_or(0);
        matches!(
            (at(0), at(1), at(2)),
            (0..=0x20 | 0x7F, _, _)
                | (0xC2, 0x80..=0xA0, _)
                | (0xE1, 0x9A, 0x80)
                | (0xE2, 0x80, 0x80..=0x8A | 0xA8 | 0xA9 | 0xAF)
                | (0xE2, 0x81, 0x9F)
                | (0xE3, 0x80, 0x80)
        )
    })
}

/// Append `bytes` to `out` as text, each maximal invalid UTF-8 sequence replaced by U+FFFD
/// (what `String::from_utf8_lossy` does); `true` when there was none (what `from_utf8`
/// accepts). Code point by code point: the wasm then carries no word-at-a-time validator.
pub fn push_utf8_lossy(bytes: &[u8], out: &mut String) -> bool {
    let mut valid = true;
    let mut i = 0;
    while let Some(&lead) = bytes.get(i) {
        i += 1;
        // Continuation bytes after the lead, and the range allowed for the first of them
        // (narrower after E0, ED, F0, F4: no overlong forms, surrogates or values past U+10FFFF).
        let (len, low, high) = match lead {
            0x00..=0x7F => {
                out.push(char::from(lead));
                continue;
            }
            0xC2..=0xDF => (1, 0x80, 0xBF),
            0xE0 => (2, 0xA0, 0xBF),
            0xED => (2, 0x80, 0x9F),
            0xE1..=0xEF => (2, 0x80, 0xBF),
            0xF0 => (3, 0x90, 0xBF),
            0xF4 => (3, 0x80, 0x8F),
            0xF1..=0xF3 => (3, 0x80, 0xBF),
            _ => (0, 0x80, 0xBF),
        };
        let mut code = u32::from(lead) & (0x3F >> len);
        let mut complete = len > 0;
        for k in 0..len {
            let (low, high) = if k == 0 { (low, high) } else { (0x80, 0xBF) };
            match bytes.get(i) {
                Some(&b) if (low..=high).contains(&b) => {
                    code = code << 6 | u32::from(b & 0x3F);
                    i += 1;
                }
                _ => {
                    complete = false;
                    break;
                }
            }
        }
        match char::from_u32(code).filter(|_| complete) {
            Some(c) => out.push(c),
            None => {
                valid = false;
                out.push('\u{FFFD}');
            }
        }
    }
    valid
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

    #[test]
    fn cut_splits_at_the_first_separator_byte() {
        assert_eq!(cut("", b'.'), ("", None));
        assert_eq!(cut(".", b'.'), ("", Some("")));
        assert_eq!(cut("..", b'.'), ("", Some(".")));
        assert_eq!(cut("a.b.c", b'.'), ("a", Some("b.c")));
        assert_eq!(cut("abc", b'.'), ("abc", None));
        assert_eq!(cut("é.ü", b'.'), ("é", Some("ü")));
        assert_eq!(cut("🍻.", b'.'), ("🍻", Some("")));
    }

    #[test]
    fn strip_byte_is_strip_prefix_of_an_ascii_char() {
        for s in ["", "?", "??", "?a", "a?", "é", "?é", "[::1]", ":"] {
            for c in ['?', '[', ':'] {
                assert_eq!(strip_byte(s, c as u8), s.strip_prefix(c), "{s:?} {c:?}");
            }
        }
    }

    #[test]
    fn trim_end_byte_is_trim_end_matches_of_an_ascii_char() {
        for s in ["", "/", "///", "a/", "a//", "/a", "é/", "é//é/", "🍻", "🍻/", "a=b==", "=="] {
            for c in ['/', '='] {
                assert_eq!(trim_end_byte(s, c as u8), s.trim_end_matches(c), "{s:?} {c:?}");
            }
        }
    }

    #[test]
    fn space_or_control_agrees_with_char_classes_for_every_char() {
        let expected = |s: &str| s.chars().any(|c| c.is_whitespace() || c.is_control());
        for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
            let alone = c.to_string();
            assert_eq!(has_space_or_control(&alone), expected(&alone), "{:X}", c as u32);
            let framed = format!("é{c}🍻");
            assert_eq!(has_space_or_control(&framed), expected(&framed), "{:X}", c as u32);
        }
        assert!(!has_space_or_control(""));
        assert!(!has_space_or_control("https://é.example/🍻"));
        assert!(has_space_or_control("a\u{3000}b"));
    }

    #[test]
    fn utf8_lossy_agrees_with_std() {
        let check = |bytes: &[u8]| {
            let mut out = String::new();
            let valid = push_utf8_lossy(bytes, &mut out);
            assert_eq!(out, String::from_utf8_lossy(bytes), "{bytes:X?}");
            assert_eq!(valid, core::str::from_utf8(bytes).is_ok(), "{bytes:X?}");
        };
        check(b"");
        check("a é 🍻 € \u{10FFFF}".as_bytes());
        for a in 0..=255u8 {
            for b in 0..=255u8 {
                check(&[a, b]);
            }
        }
        // Every sequence of up to 4 bytes from the boundary values of the UTF-8 ranges.
        let edges = [
            0x00, 0x41, 0x7F, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC0, 0xC1, 0xC2, 0xDF, 0xE0, 0xE1, 0xEC, 0xED,
            0xEE, 0xEF, 0xF0, 0xF1, 0xF3, 0xF4, 0xF5, 0xFF,
        ];
        let mut seqs = vec![Vec::new()];
        for _ in 0..4 {
            seqs = seqs.iter().flat_map(|s| edges.iter().map(move |&e| [s.as_slice(), &[e]].concat())).collect();
            seqs.iter().for_each(|s| check(s));
        }
    }
}
