//! Fault injection (`POST /sandbox/faults`): added latency and deterministic server errors on the
//! platform, JWT and OAuth2 routes, and a one-shot unclean drop of the payload websockets.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Mutex;
use std::time::Duration;

use axum::extract::{Request, State};
use axum::http::StatusCode;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::{Deserialize, Serialize};
use serde_json::json;
use tokio::sync::broadcast;

use super::Sandbox;

/// The faults in force. `POST /sandbox/faults` replaces them all (missing fields = no fault).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Faults {
    /// Close every payload websocket open at that moment uncleanly (no close frame, the TCP
    /// connection just ends) this many milliseconds after the faults are set. One-shot: sockets
    /// opened after the drop are left alone. `0` or absent: no drop (a pending one is called off).
    #[serde(default)]
    pub ws_drop_after_ms: Option<u64>,
    /// Fraction (0…1) of API requests answered `503` with the platform's fatal error body.
    /// Deterministic: with rate r, request n (counting from 1 since the faults were set) fails
    /// when ⌊n·r⌋ > ⌊(n−1)·r⌋ — so 0.5 fails every second request and 1 fails all.
    #[serde(default)]
    pub http_error_rate: f64,
    /// Delay added to every API response, in milliseconds.
    #[serde(default)]
    pub latency_ms: u64,
}

pub(crate) struct FaultState {
    faults: Mutex<Faults>,
    requests: AtomicU64,
    /// Sockets listen here; a send drops them.
    drop_tx: broadcast::Sender<()>,
    /// Sockets dropped so far.
    pub dropped: AtomicU64,
    generation: AtomicU64,
}

impl Default for FaultState {
    fn default() -> Self {
        Self {
            faults: Mutex::new(Faults::default()),
            requests: AtomicU64::new(0),
            drop_tx: broadcast::channel(4).0,
            dropped: AtomicU64::new(0),
            generation: AtomicU64::new(0),
        }
    }
}

impl FaultState {
    pub fn current(&self) -> Faults {
        self.faults.lock().unwrap_or_else(|p| p.into_inner()).clone()
    }

    pub fn drop_signal(&self) -> broadcast::Receiver<()> {
        self.drop_tx.subscribe()
    }
}

impl Sandbox {
    /// Replaces the faults in force; schedules the websocket drop if asked.
    pub fn set_faults(&self, mut faults: Faults) -> Result<(), String> {
        if faults.ws_drop_after_ms == Some(0) {
            faults.ws_drop_after_ms = None;
        }
        if !(0.0..=1.0).contains(&faults.http_error_rate) || faults.http_error_rate.is_nan() {
            return Err("http_error_rate must be between 0 and 1".into());
        }
        let state = &self.inner.faults;
        let generation = state.generation.fetch_add(1, Ordering::SeqCst) + 1;
        state.requests.store(0, Ordering::SeqCst);
        if let Some(after) = faults.ws_drop_after_ms {
            let sandbox = self.clone();
            tokio::spawn(async move {
                tokio::time::sleep(Duration::from_millis(after)).await;
                let state = &sandbox.inner.faults;
                // Only if these faults are still the ones in force.
                if state.generation.load(Ordering::SeqCst) == generation {
                    let _ = state.drop_tx.send(());
                    state.faults.lock().unwrap_or_else(|p| p.into_inner()).ws_drop_after_ms = None;
                }
            });
        }
        *state.faults.lock().unwrap_or_else(|p| p.into_inner()) = faults;
        Ok(())
    }

    /// The faults in force and the number of websockets dropped so far.
    pub fn faults(&self) -> (Faults, u64) {
        (self.inner.faults.current(), self.inner.faults.dropped.load(Ordering::SeqCst))
    }
}

/// Middleware for the API routes: latency, then maybe a 503.
pub(crate) async fn apply(State(sandbox): State<Sandbox>, request: Request, next: Next) -> Response {
    let state = &sandbox.inner.faults;
    let faults = state.current();
    if faults.latency_ms > 0 {
        tokio::time::sleep(Duration::from_millis(faults.latency_ms)).await;
    }
    if faults.http_error_rate > 0.0 && request.method() != axum::http::Method::OPTIONS {
        let n = state.requests.fetch_add(1, Ordering::SeqCst) + 1;
        let r = faults.http_error_rate;
        if (n as f64 * r).floor() > ((n - 1) as f64 * r).floor() {
            let body = json!({
                "error": true,
                "message": "Sandbox fault injection: simulated server error",
                "reference": uuid::Uuid::new_v4().to_string(),
                "code": 503,
                "req": uuid::Uuid::new_v4().to_string(),
                "method": request.method().as_str(),
            });
            return (StatusCode::SERVICE_UNAVAILABLE, Json(body)).into_response();
        }
    }
    next.run(request).await
}
