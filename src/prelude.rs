//! What the std prelude gives every module, taken from `alloc`, so the code compiles the same
//! with std (native, tests) and without it (the npm package's wasm, see `lib.rs`). Modules that
//! need these names `use crate::prelude::*;`.

pub use alloc::borrow::ToOwned;
pub use alloc::boxed::Box;
pub use alloc::string::{String, ToString};
pub use alloc::vec;
pub use alloc::vec::Vec;
