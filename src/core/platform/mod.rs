//! Typed answers of the Xaman platform (and of the proxy, which forwards them), and the
//! conversion of error bodies into [`XamanError`](crate::core::XamanError).

pub mod auth;
pub mod errors;
pub mod other;
pub mod payloads;

pub use auth::{AccountInfo, AppInfoWithUuid, JwtAuthorizeResponse, OttData, ProxyConfig, ProxySession, TokenResponse, UserInfo};
pub use errors::{is_error_body, oauth_error, platform_error};
pub use payloads::{CancelResponse, CancelResult, CreatedPayload, Next, PayloadDetails, PayloadMeta, PayloadResponse, Refs};
