//! Browser IO of the SDK: fetch, WebSocket, storage, the xApp bridge, the OAuth2 popup and
//! redirect. The rules live in `crate::core`; this module only performs what core decides.

pub mod alloc;
pub mod api;
pub mod bindings;
pub mod bridge;
pub mod cell;
pub mod client;
pub mod convert;
pub mod error;
pub mod executor;
pub mod http;
pub mod js;
pub mod listeners;
pub mod oauth;
pub mod request;
pub mod sessions;
pub mod socket;
pub mod status;
pub mod storage;

/// The allocator of the wasm build (see [`alloc`]).
#[global_allocator]
static ALLOCATOR: alloc::ClassAllocator = alloc::ClassAllocator::new();
