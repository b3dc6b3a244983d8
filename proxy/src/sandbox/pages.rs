//! Browser-facing pages at the root of the sandbox origin: `/` (what is here), `/sign/:uuid`
//! (websocket, or the sign page with its QR), `/sign/:uuid/qr`, `/sign/<uuid>_q.png` (QR image,
//! served as SVG) and `/sign/<uuid>_q.json` (QR matrix).

use axum::extract::{Path, State, WebSocketUpgrade};
use axum::http::{header, StatusCode};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use serde_json::json;

use super::origin::RequestOrigin;
use super::{qr, ws, Sandbox};

pub(crate) fn routes() -> Router<Sandbox> {
    Router::new()
        .route("/", get(index))
        .route("/sign/{id}", get(sign_route))
        .route("/sign/{id}/qr", get(sign_page_route))
}

/// Escapes text for HTML element content and attribute values.
pub(crate) fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

/// Shared look of the sandbox's pages.
pub(crate) const STYLE: &str = include_str!("assets/sandbox.css");

pub(crate) fn page(title: &str, body: &str) -> Html<String> {
    Html(format!(
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>{}</title><style>{STYLE}</style></head><body>{body}</body></html>",
        escape(title)
    ))
}

/// The helpers the phone and xApp host pages share (`sandboxPage`: element lookup, control API,
/// user picker).
const SANDBOX_PAGE_JS: &str = include_str!("assets/sandbox_page.js");

/// A sandbox page whose `script` uses the shared `sandboxPage` helpers.
pub(crate) fn page_with_helpers(title: &str, html: &str, script: &str) -> Html<String> {
    page(title, &format!("{html}<script>{SANDBOX_PAGE_JS}</script><script>{script}</script>"))
}

async fn index(RequestOrigin(origin): RequestOrigin) -> Html<String> {
    let o = escape(&origin);
    page(
        "Xaman sandbox",
        &format!(
            "<main class=\"card\"><h1>Xaman sandbox</h1>\
             <p>A simulation of the Xaman platform for development and tests.</p><ul>\
             <li>Platform API: <code>{o}/api/v1/platform/</code> and <code>{o}/api/v1/jwt/</code></li>\
             <li>OAuth2: <code>{o}/oauth2</code></li>\
             <li><a href=\"/sandbox/phone\">Phone simulator</a></li>\
             <li>xApp host: <code>{o}/sandbox/xapp?url=…</code></li>\
             <li>Control API: <a href=\"/sandbox/users\">/sandbox/users</a>, \
             <a href=\"/sandbox/payloads\">/sandbox/payloads</a></li></ul></main>"
        ),
    )
}

async fn sign_route(
    State(sandbox): State<Sandbox>,
    RequestOrigin(origin): RequestOrigin,
    Path(id): Path<String>,
    upgrade: Result<WebSocketUpgrade, axum::extract::ws::rejection::WebSocketUpgradeRejection>,
) -> Response {
    if let Some(uuid) = id.strip_suffix("_q.png") {
        let svg = qr::svg(&format!("{origin}/sign/{uuid}"), 300);
        return ([(header::CONTENT_TYPE, "image/svg+xml")], svg).into_response();
    }
    if let Some(uuid) = id.strip_suffix("_q.json") {
        return Json(json!({ "matrix": qr::matrix(&format!("{origin}/sign/{uuid}")) })).into_response();
    }
    match upgrade {
        Ok(upgrade) => upgrade.on_upgrade(move |socket| ws::serve(sandbox, id, socket)),
        Err(_) => sign_page(&sandbox, &origin, &id),
    }
}

async fn sign_page_route(
    State(sandbox): State<Sandbox>,
    RequestOrigin(origin): RequestOrigin,
    Path(id): Path<String>,
) -> Response {
    sign_page(&sandbox, &origin, &id)
}

/// The page behind `next.always`: the request, its QR, and a link to the phone simulator.
fn sign_page(sandbox: &Sandbox, origin: &str, uuid: &str) -> Response {
    let info = {
        let st = sandbox.lock();
        st.payloads.get(uuid).map(|p| (p.request.tx_type.clone(), p.request.custom_meta.instruction.clone()))
    };
    let Some((tx_type, instruction)) = info else {
        let body = "<main class=\"card\"><h1>Sign request not found</h1><p>It does not exist on this sandbox.</p></main>";
        return (StatusCode::NOT_FOUND, page("Not found", body)).into_response();
    };
    let qr = qr::svg(&format!("{origin}/sign/{uuid}"), 240);
    let instruction = instruction.map(|i| format!("<p class=\"instruction\">{}</p>", escape(&i))).unwrap_or_default();
    let u = escape(uuid);
    let body = format!(
        "<main class=\"card\" data-uuid=\"{u}\"><p class=\"muted\">{app}</p><h1>{tx}</h1>{instruction}\
         <div class=\"qr\" data-testid=\"sign-qr\">{qr}</div>\
         <p>Scan with Xaman, or use the simulated phone:</p>\
         <p><a class=\"button\" data-testid=\"open-phone\" href=\"/sandbox/phone?payload={u}\">Open in the sandbox phone</a></p>\
         <p class=\"muted small\">{u}</p></main>",
        app = escape(&sandbox.config().app_name),
        tx = escape(&tx_type),
    );
    page("Sign request", &body).into_response()
}
