//! The phone simulator page `/sandbox/phone` (being written).
use axum::response::Html;
pub(crate) async fn page() -> Html<String> { super::pages::page("Sandbox phone", "<main>coming</main>") }
