//! Timestamps as the platform writes them.

use time::{format_description::FormatItem, macros::format_description, OffsetDateTime};

const SECONDS: &[FormatItem<'static>] =
    format_description!("[year]-[month]-[day]T[hour]:[minute]:[second]Z");
const MILLIS: &[FormatItem<'static>] =
    format_description!("[year]-[month]-[day]T[hour]:[minute]:[second].[subsecond digits:3]Z");

/// `2020-05-03T19:28:21Z` (payload `created_at`, `expires_at`).
pub fn iso_seconds(unix_seconds: i64) -> String {
    OffsetDateTime::from_unix_timestamp(unix_seconds)
        .ok()
        .and_then(|t| t.format(SECONDS).ok())
        .unwrap_or_default()
}

/// `2020-05-03T17:28:40.000Z` (response `resolved_at`).
pub fn iso_millis(unix_millis: i64) -> String {
    OffsetDateTime::from_unix_timestamp_nanos(unix_millis as i128 * 1_000_000)
        .ok()
        .and_then(|t| t.format(MILLIS).ok())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats() {
        assert_eq!(iso_seconds(1588534101), "2020-05-03T19:28:21Z");
        assert_eq!(iso_millis(1588526920123), "2020-05-03T17:28:40.123Z");
    }
}
