//! What the std prelude gives every module, taken from `alloc`, so the code compiles the same
//! with std (native, tests) and without it (the npm package's wasm, see `lib.rs`). Modules that
//! need these names `use crate::prelude::*;`.

pub use alloc::borrow::ToOwned;
// Only the web layer (wasm32) uses Box by name.
#[cfg_attr(not(target_arch = "wasm32"), allow(unused_imports))]
pub use alloc::boxed::Box;
pub use alloc::string::String;
pub use alloc::vec;
pub use alloc::vec::Vec;
