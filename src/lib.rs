//! xaman-wasm: the JS surface (`#[wasm_bindgen]` exports only; the logic lives in `core` and `web`).

pub mod core;
