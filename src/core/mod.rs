//! Pure Rust logic of the SDK: no browser imports, tested natively with `cargo test`.
//!
//! The web layer (`src/web`) does all IO (fetch, WebSocket, storage, postMessage, timers) and
//! asks this module what to send, how to read what came back, and what to do next.

pub mod address;
pub mod bridge;
pub mod context;
pub mod encoding;
pub mod error;
pub mod json;
pub mod jwt;
pub mod message;
pub mod payload;
pub mod pkce;
pub mod platform;
pub mod qr;
pub mod session;
pub mod sha256;
pub mod status;
pub mod text;
pub mod url;
pub mod user;

pub use error::{ErrorCode, Result, XamanError};
pub use json::JsonValue;
