//! Sessions live in SQLite: a proxy restarted on the same database file keeps the session, its
//! account, token and payloads. The platform here is a sandbox run by the test itself (the proxy
//! in live mode points at it), so it outlives the proxy's restarts.

mod proxy_support;

use std::net::{IpAddr, Ipv4Addr};

use proxy_support::*;
use serde_json::json;
use xaman_proxy::sandbox::{Sandbox, SandboxConfig, SANDBOX_API_KEY, SANDBOX_API_SECRET};
use xaman_proxy::server::{self, Mode, RunningServer, ServerConfig};
use xaman_proxy::upstream::Credentials;

async fn platform() -> (Sandbox, String) {
    let sandbox = Sandbox::new(SandboxConfig::default_credentials());
    let listener = tokio::net::TcpListener::bind((IpAddr::V4(Ipv4Addr::LOCALHOST), 0))
        .await
        .unwrap();
    let origin = format!("http://{}", listener.local_addr().unwrap());
    let router = sandbox.router();
    tokio::spawn(async move { axum::serve(listener, router).await.unwrap() });
    (sandbox, origin)
}

async fn proxy(sandbox: &Sandbox, origin: &str, db: &str, port: u16) -> RunningServer {
    let config = ServerConfig {
        port,
        mode: Mode::Live {
            upstream: origin.to_owned(),
            oauth_endpoint: format!("{origin}/oauth2"),
        },
        credentials: Some(Credentials {
            api_key: SANDBOX_API_KEY.into(),
            api_secret: SANDBOX_API_SECRET.into(),
        }),
        db: db.to_owned(),
        clock: sandbox.clock().clone(),
        ..ServerConfig::sandbox_on_free_ports()
    };
    let running = server::start(config).await.expect("proxy starts");
    sandbox.set_webhook_url(Some(format!("{}/webhook", running.api_url())));
    running
}

#[tokio::test]
async fn a_file_database_keeps_the_session_across_a_restart() {
    let (sandbox, origin) = platform().await;
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("sessions.db");
    let db = db.to_str().unwrap();

    let first = proxy(&sandbox, &origin, db, 0).await;
    let port = first.app_addr.port();
    let browser = Browser::new(&first.api_url());
    let uuid = browser.signed_sign_in(&origin).await;
    assert_eq!(browser.get(&format!("/payload/{uuid}")).await.status, 200);
    let before = browser.session().await;
    assert!(before["account"].is_string(), "{before}");
    first.shutdown().await;

    let second = proxy(&sandbox, &origin, db, port).await;
    assert_eq!(second.api_url(), browser.api, "same address, same cookie");
    assert_eq!(
        browser.session().await,
        before,
        "the session survived the restart"
    );
    let old = browser.get(&format!("/payload/{uuid}")).await;
    assert_eq!(old.status, 200, "payload ownership survived: {}", old.text);
    assert_eq!(
        browser.sign_in_payload().await["pushed"],
        true,
        "the token survived"
    );
    second.shutdown().await;

    // Control: the same steps with an in-memory database lose the session.
    let third = proxy(&sandbox, &origin, ":memory:", port).await;
    let browser = Browser::new(&third.api_url());
    let uuid = browser.signed_sign_in(&origin).await;
    browser.get(&format!("/payload/{uuid}")).await;
    assert!(browser.session().await["account"].is_string());
    third.shutdown().await;
    let fourth = proxy(&sandbox, &origin, ":memory:", port).await;
    assert_eq!(browser.session().await, json!({}));
    fourth.shutdown().await;
}
