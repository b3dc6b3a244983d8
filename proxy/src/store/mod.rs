//! Session storage (being written).
