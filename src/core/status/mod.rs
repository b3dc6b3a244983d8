//! Payload status: websocket messages, the verified outcome, and the sans-IO subscription
//! state machine that tells the web layer when to emit, fetch, reconnect, close and resolve.

pub mod message;
pub mod outcome;
pub mod subscription;

pub use message::{ResolvedMessage, WsMessage};
pub use outcome::{outcome_from_details, Outcome, OutcomeKind};
pub use subscription::{Effect, StatusEvent, StatusEventType, Subscription, SubscriptionConfig};
