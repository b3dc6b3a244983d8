//! A clock that can be moved forward, so the sandbox and the proxy agree on "now" when a test
//! advances time (token expiry after 30 days, payload expiry).

use std::sync::{
    atomic::{AtomicI64, Ordering},
    Arc,
};
use std::time::{SystemTime, UNIX_EPOCH};

/// Wall-clock time plus an offset that only grows. Cheap to clone; clones share the offset.
#[derive(Clone, Debug, Default)]
pub struct Clock {
    offset_ms: Arc<AtomicI64>,
}

impl Clock {
    /// A clock at real time.
    pub fn new() -> Self {
        Self::default()
    }

    /// Milliseconds since the Unix epoch, including any advance.
    pub fn now_millis(&self) -> i64 {
        let real = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map(|d| d.as_millis() as i64)
            .unwrap_or(0);
        real + self.offset_ms.load(Ordering::SeqCst)
    }

    /// Seconds since the Unix epoch, including any advance.
    pub fn now_unix(&self) -> i64 {
        self.now_millis().div_euclid(1000)
    }

    /// Moves the clock forward by `seconds` (negative values are ignored).
    pub fn advance(&self, seconds: i64) {
        if seconds > 0 {
            self.offset_ms.fetch_add(seconds * 1000, Ordering::SeqCst);
        }
    }

    /// How far the clock has been moved forward, in seconds.
    pub fn offset_seconds(&self) -> i64 {
        self.offset_ms.load(Ordering::SeqCst) / 1000
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn advance_moves_every_clone() {
        let a = Clock::new();
        let b = a.clone();
        let before = b.now_unix();
        a.advance(31 * 24 * 3600);
        assert!(b.now_unix() >= before + 31 * 24 * 3600);
        assert_eq!(b.offset_seconds(), 31 * 24 * 3600);
        a.advance(-100);
        assert_eq!(b.offset_seconds(), 31 * 24 * 3600);
    }
}
