//! Small text/binary helpers: base64url, hex, UUID shape, JS string length.

/// Base64url (RFC 4648 §5) without padding.
pub fn base64url_encode(bytes: &[u8]) -> String {
    todo!()
}

/// Decode base64url (padding optional; `+`/`/` also accepted). `None` on bad input.
pub fn base64url_decode(text: &str) -> Option<Vec<u8>> {
    todo!()
}

/// `true` when `s` is non-empty and only hex digits (either case).
pub fn is_hex(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_hexdigit())
}

/// `true` for `xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx` (hex, either case).
pub fn is_uuid(s: &str) -> bool {
    todo!()
}

/// `true` for a version-4 UUID (`…-4xxx-[89ab]xxx-…`, either case).
pub fn is_uuid_v4(s: &str) -> bool {
    todo!()
}

/// Length of `s` as JavaScript counts it (UTF-16 code units).
pub fn js_length(s: &str) -> usize {
    s.chars().map(char::len_utf16).sum()
}
