//! Pure Rust logic of the SDK: no browser imports, tested natively with `cargo test`.
