//! The phone simulator page `/sandbox/phone`: pick a user, see their push inbox and the requests
//! waiting for a QR scan, and open, sign or reject them (through the control API).

use axum::response::Html;

use super::pages::page_with_helpers;

const PHONE_JS: &str = include_str!("assets/phone.js");
const PHONE_HTML: &str = include_str!("assets/phone.html");

pub(crate) async fn page() -> Html<String> {
    page_with_helpers("Sandbox phone", PHONE_HTML, PHONE_JS)
}
