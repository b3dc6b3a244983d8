//! The verified outcome of a payload, from a GET answer (reference §3 meta scenarios).

use serde::Serialize;

use crate::core::platform::PayloadDetails;
use crate::prelude::*;

/// `outcome` of `req.resolved`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum OutcomeKind {
    /// The user signed.
    Signed,
    /// The user rejected.
    Rejected,
    /// Nobody opened it in time.
    Expired,
    /// It was cancelled (`req.cancel()` or by the backend).
    Cancelled,
}

impl OutcomeKind {
    /// `"signed" | "rejected" | "expired" | "cancelled"`.
    pub fn as_str(self) -> &'static str {
        match self {
            OutcomeKind::Signed => "signed",
            OutcomeKind::Rejected => "rejected",
            OutcomeKind::Expired => "expired",
            OutcomeKind::Cancelled => "cancelled",
        }
    }
}

/// What `req.resolved` resolves with (the web layer adds `payload`, the raw GET answer):
/// `{ outcome, uuid, txid?, account?, hex? }`.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Outcome {
    /// The outcome.
    pub outcome: OutcomeKind,
    /// Payload UUID.
    pub uuid: String,
    /// Transaction hash (signed).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub txid: Option<String>,
    /// Signing account (signed).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub account: Option<String>,
    /// Signed blob (signed).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hex: Option<String>,
}

/// The final outcome a GET answer shows, or `None` while the payload is still open.
/// Signed wins (even if also expired); then rejected (resolved, not signed); then cancelled;
/// then expired (expired and not resolved).
pub fn outcome_from_details(details: &PayloadDetails) -> Option<Outcome> {
    let meta = &details.meta;
    let kind = if meta.signed {
        OutcomeKind::Signed
    } else if meta.resolved {
        OutcomeKind::Rejected
    } else if meta.cancelled {
        OutcomeKind::Cancelled
    } else if meta.expired {
        OutcomeKind::Expired
    } else {
        return None;
    };
    let signed = kind == OutcomeKind::Signed;
    let pick = |v: &Option<String>| if signed { v.clone().filter(|s| !s.is_empty()) } else { None };
    Some(Outcome {
        outcome: kind,
        uuid: meta.uuid.clone(),
        txid: pick(&details.response.txid),
        account: pick(&details.response.account),
        hex: pick(&details.response.hex),
    })
}
