//! The proxy routes under /api/xaman (being written).
