//! xaman-proxy: the backend proxy (API secret and user tokens server-side) and the sandbox platform.
