//! The xApp host emulator `/sandbox/xapp?url=…`: loads an xApp in a frame with a fresh
//! `xAppToken`, speaks the bridge (`XAPP_PROXY_INIT` handshake, JSON commands, host events) and
//! shows what the Xaman app would (sign request sheet, QR scanner, destination picker, …).
//! Element ids are listed in the README's sandbox section.

use axum::response::Html;

use super::pages::page_with_helpers;

const HOST_JS: &str = include_str!("assets/xapp_host.js");
const HOST_HTML: &str = include_str!("assets/xapp_host.html");

pub(crate) async fn page() -> Html<String> {
    page_with_helpers("xApp host (sandbox)", HOST_HTML, HOST_JS)
}
