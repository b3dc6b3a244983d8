//! Browser storage in a real browser: corrupt entries are cleared (never fatal), a stored Web3
//! session is restored, an expired one signs out (`signedOut` with reason "expired", at connect
//! and while connected), and the `storage` option picks localStorage, sessionStorage or memory.
#![cfg(target_arch = "wasm32")]

mod web_common;

use wasm_bindgen::JsValue;
use wasm_bindgen_test::*;
use web_common::*;
use xaman_wasm::core::session::{Web3Session, PKCE_PENDING_KEY, WEB3_SESSION_KEY, XAPP_JWT_KEY};
use xaman_wasm::core::user::User;
use xaman_wasm::Xaman;

wasm_bindgen_test_configure!(run_in_browser);

fn local() -> web_sys::Storage {
    web_sys::window().unwrap().local_storage().unwrap().unwrap()
}

fn session() -> web_sys::Storage {
    web_sys::window()
        .unwrap()
        .session_storage()
        .unwrap()
        .unwrap()
}

fn config(storage: &str) -> JsValue {
    options(&format!(
        r#"{{"apiKey":"{API_KEY}","proxy":"{PROXY}","endpoint":"{PLATFORM}","oauthEndpoint":"{OAUTH}","storage":"{storage}"}}"#
    ))
}

/// A stored Web3 session whose JWT expires `exp_in_secs` from now.
fn stored_session(account: &str, exp_in_secs: f64) -> String {
    let now = (js_sys::Date::now() / 1000.0).floor();
    let claims = json(&format!(
        r#"{{"sub":"{account}","client_id":"{API_KEY}","app_uuidv4":"{API_KEY}","iat":{now},"exp":{}}}"#,
        now + exp_in_secs
    ));
    let user = User {
        account: account.to_owned(),
        name: Some("Stored".to_owned()),
        network_type: Some("TESTNET".to_owned()),
        network_endpoint: None,
        token_expires_at: Some((now + exp_in_secs) as i64),
    };
    Web3Session {
        jwt: jwt_with(&claims),
        user,
    }
    .to_json_string()
}

#[wasm_bindgen_test]
async fn corrupt_entries_are_cleared_and_connect_still_works() {
    clear_sdk_storage();
    for junk in ["{not json", "[1,2,3]", r#"{"jwt":42}"#, "null"] {
        local().set_item(WEB3_SESSION_KEY, junk).unwrap();
        let xaman = Xaman::connect(config("local"))
            .await
            .unwrap_or_else(|e| panic!("{junk}: {}", get_str(&e, "message")));
        assert_eq!(xaman.context(), "proxy", "{junk}");
        assert_eq!(
            local().get_item(WEB3_SESSION_KEY).unwrap(),
            None,
            "{junk} removed"
        );
    }

    // A corrupt PKCE entry on a sign-in return is removed; the page's own query is left alone.
    session().set_item(PKCE_PENDING_KEY, "{{{{").unwrap();
    set_query("?code=abc&state=def");
    let xaman = Xaman::connect(config("local")).await;
    let search = web_sys::window().unwrap().location().search().unwrap();
    set_query("");
    assert_eq!(xaman.expect("connect").context(), "proxy");
    assert_eq!(session().get_item(PKCE_PENDING_KEY).unwrap(), None);
    assert_eq!(
        search, "?code=abc&state=def",
        "not a sign-in this SDK started"
    );

    // A corrupt xApp entry: the one-time token is exchanged again and the entry replaced.
    let accounts = sandbox_accounts().await;
    let (_, launch) = control(
        "POST",
        "/sandbox/xapp/launch",
        Some(&format!(r#"{{"account":"{}"}}"#, accounts[3])),
    )
    .await;
    local().set_item(XAPP_JWT_KEY, "\u{0}garbage").unwrap();
    set_query(&format!("?xAppToken={}", get_str(&launch, "ott")));
    let xaman = Xaman::connect(config("local")).await;
    set_query("");
    let xaman = xaman.unwrap_or_else(|e| panic!("xApp connect: {}", get_str(&e, "message")));
    assert_eq!(xaman.context(), "xapp");
    assert_eq!(get_str(&xaman.user(), "account"), accounts[3]);
    let entry = json(
        &local()
            .get_item(XAPP_JWT_KEY)
            .unwrap()
            .expect("entry rewritten"),
    );
    assert_eq!(get_str(&entry, "ott"), get_str(&launch, "ott"));
    clear_sdk_storage();
}

#[wasm_bindgen_test]
async fn a_stored_web3_session_is_restored_and_used_for_payloads() {
    clear_sdk_storage();
    let alice = sandbox_accounts().await[0].clone();
    local()
        .set_item(WEB3_SESSION_KEY, &stored_session(&alice, 3600.0))
        .unwrap();
    let xaman = Xaman::connect(config("local")).await.unwrap();
    assert_eq!(xaman.context(), "web3");
    let user = xaman.user();
    assert_eq!(get_str(&user, "account"), alice);
    assert_eq!(get_str(&user, "networkType"), "TESTNET");

    // The payload goes to the JWT endpoint with this (unsigned, made-up) token: the sandbox
    // checks the signature and refuses it, which shows the route taken.
    let request = json(r#"{"txjson":{"TransactionType":"SignIn"}}"#);
    let error = wait(xaman.payload(request, JsValue::UNDEFINED))
        .await
        .unwrap_err();
    assert_eq!(code(&error), "platform");
    assert_eq!(get(&error, "status").as_f64(), Some(401.0));
    assert_eq!(get(&error, "platformCode").as_f64(), Some(813.0));
    clear_sdk_storage();
}

#[wasm_bindgen_test]
async fn an_expired_session_signs_out_at_connect() {
    clear_sdk_storage();
    let alice = sandbox_accounts().await[0].clone();
    local()
        .set_item(WEB3_SESSION_KEY, &stored_session(&alice, -60.0))
        .unwrap();
    let xaman = Xaman::connect(config("local")).await.unwrap();
    assert_eq!(xaman.context(), "proxy");
    assert_eq!(local().get_item(WEB3_SESSION_KEY).unwrap(), None);
    // The event happened during connect: it is kept for the first listener.
    let (listener, calls) = recording_listener();
    let _off = xaman.on("signedOut".into(), listener).unwrap();
    sleep(20).await;
    assert_eq!(calls.length(), 1);
    assert_eq!(get_str(&calls.get(0), "reason"), "expired");
}

#[wasm_bindgen_test]
async fn a_session_that_expires_while_connected_signs_out() {
    clear_sdk_storage();
    let alice = sandbox_accounts().await[0].clone();
    // Tokens count as expired 30 s before `exp`: this one has 2–3 s left.
    local()
        .set_item(WEB3_SESSION_KEY, &stored_session(&alice, 33.0))
        .unwrap();
    let xaman = Xaman::connect(config("local")).await.unwrap();
    assert_eq!(xaman.context(), "web3");
    let (listener, calls) = recording_listener();
    let _off = xaman.on("signedOut".into(), listener).unwrap();
    for _ in 0..60 {
        if calls.length() > 0 {
            break;
        }
        sleep(100).await;
    }
    assert_eq!(calls.length(), 1, "signedOut when the token expired");
    assert_eq!(get_str(&calls.get(0), "reason"), "expired");
    assert_eq!(xaman.context(), "proxy", "back to the proxy route");
    assert!(local().get_item(WEB3_SESSION_KEY).unwrap().is_none());
}

#[wasm_bindgen_test]
async fn the_storage_option_picks_where_the_session_lives() {
    clear_sdk_storage();
    let alice = sandbox_accounts().await[0].clone();
    let entry = stored_session(&alice, 3600.0);

    // "session": read from sessionStorage, localStorage ignored.
    session().set_item(WEB3_SESSION_KEY, &entry).unwrap();
    assert_eq!(
        Xaman::connect(config("session")).await.unwrap().context(),
        "web3"
    );
    assert_eq!(
        Xaman::connect(config("local")).await.unwrap().context(),
        "proxy"
    );
    clear_sdk_storage();

    // "memory": nothing from before the page load, nothing written.
    local().set_item(WEB3_SESSION_KEY, &entry).unwrap();
    assert_eq!(
        Xaman::connect(config("memory")).await.unwrap().context(),
        "proxy"
    );
    assert_eq!(
        local().get_item(WEB3_SESSION_KEY).unwrap().as_deref(),
        Some(entry.as_str()),
        "left untouched"
    );
    clear_sdk_storage();

    let accounts = sandbox_accounts().await;
    let (_, launch) = control(
        "POST",
        "/sandbox/xapp/launch",
        Some(&format!(r#"{{"account":"{}"}}"#, accounts[1])),
    )
    .await;
    set_query(&format!("?xAppToken={}", get_str(&launch, "ott")));
    let xaman = Xaman::connect(config("memory")).await;
    set_query("");
    assert_eq!(xaman.expect("xApp connect").context(), "xapp");
    assert_eq!(
        local().get_item(XAPP_JWT_KEY).unwrap(),
        None,
        "memory storage writes nothing"
    );
    assert_eq!(session().get_item(XAPP_JWT_KEY).unwrap(), None);
}
