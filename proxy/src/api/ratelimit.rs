//! Token buckets keyed by client IP or session: `per_minute` requests per minute on average, with
//! bursts of up to `per_minute` requests.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::Instant;

const MAX_TRACKED: usize = 10_000;

struct Bucket {
    tokens: f64,
    updated: Instant,
}

/// A set of token buckets, one per key.
pub struct RateLimiter {
    capacity: f64,
    per_second: f64,
    buckets: Mutex<HashMap<String, Bucket>>,
}

impl RateLimiter {
    /// `per_minute` = 0 disables the limit.
    pub fn new(per_minute: u32) -> Self {
        Self {
            capacity: f64::from(per_minute),
            per_second: f64::from(per_minute) / 60.0,
            buckets: Mutex::new(HashMap::new()),
        }
    }

    /// Takes one token for `key`. `Err(seconds)` = refused, retry after that many seconds.
    pub fn take(&self, key: &str) -> Result<(), u64> {
        self.take_at(key, Instant::now())
    }

    fn take_at(&self, key: &str, now: Instant) -> Result<(), u64> {
        if self.capacity <= 0.0 {
            return Ok(());
        }
        let mut buckets = self
            .buckets
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        if buckets.len() >= MAX_TRACKED && !buckets.contains_key(key) {
            let (capacity, rate) = (self.capacity, self.per_second);
            buckets.retain(|_, b| {
                b.tokens + now.duration_since(b.updated).as_secs_f64() * rate < capacity
            });
        }
        let bucket = buckets.entry(key.to_owned()).or_insert(Bucket {
            tokens: self.capacity,
            updated: now,
        });
        let elapsed = now.saturating_duration_since(bucket.updated).as_secs_f64();
        bucket.tokens = (bucket.tokens + elapsed * self.per_second).min(self.capacity);
        bucket.updated = now;
        if bucket.tokens >= 1.0 {
            bucket.tokens -= 1.0;
            Ok(())
        } else {
            let wait = (1.0 - bucket.tokens) / self.per_second;
            Err(wait.ceil().max(1.0) as u64)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    #[test]
    fn burst_then_refill() {
        let limiter = RateLimiter::new(3);
        let t0 = Instant::now();
        assert!(limiter.take_at("a", t0).is_ok());
        assert!(limiter.take_at("a", t0).is_ok());
        assert!(limiter.take_at("a", t0).is_ok());
        assert_eq!(
            limiter.take_at("a", t0),
            Err(20),
            "3/min refills one token in 20 s"
        );
        assert!(limiter.take_at("b", t0).is_ok(), "keys are independent");
        assert!(limiter.take_at("a", t0 + Duration::from_secs(20)).is_ok());
        assert!(limiter.take_at("a", t0 + Duration::from_secs(20)).is_err());
    }

    #[test]
    fn zero_disables() {
        let limiter = RateLimiter::new(0);
        for _ in 0..1000 {
            assert!(limiter.take("a").is_ok());
        }
    }
}
