//! Web3 sign-in (OAuth2 code + PKCE S256) against the sandbox's OAuth2 provider in a real
//! browser: the popup flow (signed, rejected, closed), payloads pushed to the signed-in user,
//! signOut, and the second half of a full-page redirect (a real code from the provider, finished
//! by `Xaman.connect`, which strips `code`/`state` from the address bar).
#![cfg(target_arch = "wasm32")]

mod web_common;

use js_sys::{Array, Promise};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_common::*;
use xaman_wasm::core::pkce;
use xaman_wasm::core::session::{PendingPkce, PKCE_PENDING_KEY, WEB3_SESSION_KEY};
use xaman_wasm::Xaman;

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen(inline_js = r#"
export function popups_allowed() {
  const w = window.open("about:blank", "xaman-popup-probe", "popup=yes,width=100,height=100");
  if (!w) return false;
  w.close();
  return true;
}
export function close_named_window(name) {
  const w = window.open("", name);
  if (w) w.close();
}
export function frame_at(url) {
  const frame = document.createElement("iframe");
  frame.src = url;
  document.body.appendChild(frame);
  return frame;
}
export function same_origin_search(frame) {
  try { return frame.contentWindow.location.origin === location.origin ? frame.contentWindow.location.search : null; }
  catch (e) { return null; }
}
"#)]
extern "C" {
    fn popups_allowed() -> bool;
    fn close_named_window(name: &str);
    fn frame_at(url: &str) -> web_sys::EventTarget;
    fn same_origin_search(frame: &web_sys::EventTarget) -> Option<String>;
}

fn config() -> JsValue {
    options(&format!(
        r#"{{"apiKey":"{API_KEY}","proxy":"{PROXY}","endpoint":"{PLATFORM}","oauthEndpoint":"{OAUTH}"}}"#
    ))
}

async fn payload_uuids() -> Vec<String> {
    let (_, list) = control("GET", "/sandbox/payloads?all=true", None).await;
    Array::from(&list)
        .iter()
        .map(|p| get_str(&p, "uuid"))
        .collect()
}

/// The SignIn payload the OAuth2 page created after `before` was taken.
async fn new_sign_in_payload(before: &[String]) -> String {
    for _ in 0..100 {
        let (_, list) = control("GET", "/sandbox/payloads?all=true", None).await;
        let found = Array::from(&list)
            .iter()
            .find(|p| get_str(p, "tx_type") == "SignIn" && !before.contains(&get_str(p, "uuid")));
        if let Some(p) = found {
            return get_str(&p, "uuid");
        }
        sleep(100).await;
    }
    panic!("the sign-in page did not create a SignIn payload");
}

#[wasm_bindgen_test]
async fn popup_sign_in_then_payloads_are_pushed_to_the_user() {
    assert!(
        popups_allowed(),
        "the test browser must allow popups (chromedriver does by default)"
    );
    clear_sdk_storage();
    let dave = sandbox_accounts().await[3].clone();
    let xaman = Xaman::connect(config()).await.unwrap();
    assert_eq!(xaman.context(), "proxy", "proxy until signed in");
    let (listener, signed_in) = recording_listener();
    let _off = xaman.on("signedIn".into(), listener).unwrap();

    let before = payload_uuids().await;
    let sign_in = xaman.sign_in(JsValue::UNDEFINED);
    let uuid = new_sign_in_payload(&before).await;
    let (status, _) = control(
        "POST",
        &format!("/sandbox/payloads/{uuid}/sign"),
        Some(&format!(r#"{{"account":"{dave}"}}"#)),
    )
    .await;
    assert_eq!(status, 200);
    let user = settle(&sign_in, 20_000, "signIn")
        .await
        .unwrap_or_else(|e| panic!("signIn: {}", get_str(&e, "message")));
    assert_eq!(get_str(&user, "account"), dave);
    assert_eq!(xaman.context(), "web3");
    assert_eq!(get_str(&xaman.user(), "account"), dave);
    assert_eq!(get_str(&signed_in.get(0), "account"), dave);
    let stored = web_sys::window()
        .unwrap()
        .local_storage()
        .unwrap()
        .unwrap()
        .get_item(WEB3_SESSION_KEY)
        .unwrap();
    assert!(stored.is_some_and(|s| s.contains(&dave)), "session stored");

    // Created on the JWT endpoint with the OAuth2 token: pushed to the signed-in user.
    let request = json(
        r#"{"txjson":{"TransactionType":"SignIn"},"custom_meta":{"instruction":"web3 test"}}"#,
    );
    let req = wait(xaman.payload(request, JsValue::UNDEFINED))
        .await
        .unwrap();
    assert_eq!(get_str(&req, "route"), "push");
    assert_eq!(get(&req, "pushed"), JsValue::TRUE);
    let (_, summary) = control(
        "GET",
        &format!("/sandbox/payloads/{}", get_str(&req, "uuid")),
        None,
    )
    .await;
    assert_eq!(get_str(&summary, "pushed_to"), dave);
    control(
        "POST",
        &format!("/sandbox/payloads/{}/sign", get_str(&req, "uuid")),
        None,
    )
    .await;
    let resolved: Promise = get(&req, "resolved").unchecked_into();
    let result = settle(&resolved, 15_000, "web3 payload").await.unwrap();
    assert_eq!(get_str(&result, "outcome"), "signed");
    assert_eq!(get_str(&result, "account"), dave);

    // A second signIn while signed in resolves with the same user, no popup.
    let again = settle(&xaman.sign_in(JsValue::UNDEFINED), 2_000, "signIn again")
        .await
        .unwrap();
    assert_eq!(get_str(&again, "account"), dave);

    wait(xaman.sign_out()).await.unwrap();
    assert_eq!(xaman.context(), "proxy");
    assert!(xaman.user().is_null());
    assert!(web_sys::window()
        .unwrap()
        .local_storage()
        .unwrap()
        .unwrap()
        .get_item(WEB3_SESSION_KEY)
        .unwrap()
        .is_none());
}

#[wasm_bindgen_test]
async fn a_rejected_sign_in_fails_with_oauth_failed() {
    assert!(popups_allowed());
    clear_sdk_storage();
    let xaman = Xaman::connect(config()).await.unwrap();
    let before = payload_uuids().await;
    let sign_in = xaman.sign_in(JsValue::UNDEFINED);
    let uuid = new_sign_in_payload(&before).await;
    control("POST", &format!("/sandbox/payloads/{uuid}/reject"), None).await;
    let error = settle(&sign_in, 20_000, "rejected signIn")
        .await
        .expect_err("rejected");
    assert_eq!(
        code(&error),
        "oauth_failed",
        "{}",
        get_str(&error, "message")
    );
    assert_eq!(xaman.context(), "proxy");
    assert!(xaman.user().is_null());
}

#[wasm_bindgen_test]
async fn closing_the_popup_fails_with_popup_closed() {
    assert!(popups_allowed());
    clear_sdk_storage();
    let xaman = Xaman::connect(config()).await.unwrap();
    let before = payload_uuids().await;
    let sign_in = xaman.sign_in(JsValue::UNDEFINED);
    new_sign_in_payload(&before).await;
    close_named_window("XamanSignIn");
    let error = settle(&sign_in, 10_000, "closed popup")
        .await
        .expect_err("closed");
    assert_eq!(
        code(&error),
        "popup_closed",
        "{}",
        get_str(&error, "message")
    );
    let error = wait(xaman.sign_in(json(r#"{"redirect":"yes"}"#)))
        .await
        .expect_err("bad option");
    assert_eq!(code(&error), "invalid_option");
    assert_eq!(get_str(&error, "message"), "signIn() accepts only {redirect: boolean}");
}

#[wasm_bindgen_test]
async fn the_next_connect_finishes_a_redirect_sign_in() {
    clear_sdk_storage();
    let carol = sandbox_accounts().await[2].clone();
    let window = web_sys::window().unwrap();
    let origin = window.location().origin().unwrap();
    // Where the provider sends the browser back (a same-origin page of the test server).
    let redirect_uri = format!("{origin}/xaman-return");
    let verifier = pkce::verifier_from_random(&[7u8; 48]).unwrap();
    let state = pkce::state_from_random(&[9u8; 24]).unwrap();
    let challenge = pkce::code_challenge_s256(&verifier);
    let url = pkce::authorize_url(OAUTH, API_KEY, &redirect_uri, &state, &challenge);

    // The provider's page runs in a frame (no opener: it redirects), the phone signs.
    let before = payload_uuids().await;
    let frame = frame_at(&url);
    let uuid = new_sign_in_payload(&before).await;
    control(
        "POST",
        &format!("/sandbox/payloads/{uuid}/sign"),
        Some(&format!(r#"{{"account":"{carol}"}}"#)),
    )
    .await;
    let mut query = None;
    for _ in 0..100 {
        query = same_origin_search(&frame).filter(|q| q.contains("code="));
        if query.is_some() {
            break;
        }
        sleep(100).await;
    }
    let query = query.expect("the provider redirected back with a code");
    assert!(query.contains(&format!("state={state}")), "{query}");

    // What `signIn({redirect: true})` keeps before leaving the page, then the return.
    let pending = PendingPkce {
        state,
        verifier,
        redirect_uri,
    };
    window
        .session_storage()
        .unwrap()
        .unwrap()
        .set_item(PKCE_PENDING_KEY, &pending.to_json_string())
        .unwrap();
    set_query(&format!("{query}&keep=1"));
    let xaman = Xaman::connect(config()).await;
    let search_after = window.location().search().unwrap();
    set_query("");
    let xaman = xaman.unwrap_or_else(|e| panic!("connect: {}", get_str(&e, "message")));
    assert_eq!(xaman.context(), "web3");
    assert_eq!(get_str(&xaman.user(), "account"), carol);
    assert_eq!(
        search_after, "?keep=1",
        "code and state removed, the rest kept"
    );
    assert!(window
        .session_storage()
        .unwrap()
        .unwrap()
        .get_item(PKCE_PENDING_KEY)
        .unwrap()
        .is_none());
    let (listener, calls) = recording_listener();
    let _off = xaman.on("signedIn".into(), listener).unwrap();
    sleep(20).await;
    assert_eq!(
        get_str(&calls.get(0), "account"),
        carol,
        "signedIn kept for the first listener"
    );
    wait(xaman.sign_out()).await.unwrap();
}
