//! The xApp host emulator page `/sandbox/xapp` (being written).
use axum::response::Html;
pub(crate) async fn page() -> Html<String> { super::pages::page("xApp host", "<main>coming</main>") }
