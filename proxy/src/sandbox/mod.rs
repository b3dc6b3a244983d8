//! The simulated Xaman platform (being written).
