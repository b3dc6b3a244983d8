#![cfg(not(target_arch = "wasm32"))]
//! Every body of the official fixtures (`../shared/fixtures/official/xumm-sdk-api.json`,
//! the real platform's answers as the official SDK tests them) parses into its core type.

use serde::de::DeserializeOwned;
use serde_json::Value;
use xaman_wasm::core::platform::other::{AppStorage, CuratedAssets, KycStatus, Pong, PushResult, XrplTx};
use xaman_wasm::core::platform::{
    is_error_body, platform_error, CancelResponse, CreatedPayload, OttData, PayloadDetails,
};
use xaman_wasm::core::status::{outcome_from_details, OutcomeKind};
use xaman_wasm::core::user::User;
use xaman_wasm::core::{ErrorCode, JsonValue};

fn fixtures() -> Value {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/fixtures/official/xumm-sdk-api.json");
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| {
        panic!("the official fixtures are missing at {path} ({e}); they live next to the repository in ../shared")
    });
    serde_json::from_str(&text).expect("fixtures are JSON")
}

fn body(pointer: &str) -> Value {
    fixtures().pointer(pointer).unwrap_or_else(|| panic!("fixture {pointer} missing")).clone()
}

fn parse<T: DeserializeOwned>(pointer: &str) -> T {
    let v = body(pointer);
    serde_json::from_value(v).unwrap_or_else(|e| panic!("{pointer} does not parse: {e}"))
}

fn json(pointer: &str) -> JsonValue {
    parse::<JsonValue>(pointer)
}

#[test]
fn every_top_level_fixture_is_covered() {
    let covered = [
        "api", "invalidCredentials", "ping", "storage", "payload", "curatedAssets", "kycStatus", "xrplTx", "xApp", "Push",
    ];
    let all = fixtures();
    let keys: Vec<&String> = all.as_object().unwrap().keys().collect();
    for k in &keys {
        assert!(covered.contains(&k.as_str()), "fixture {k} is not parsed by this test: add it");
    }
    let mut payload_keys: Vec<String> = all["payload"].as_object().unwrap().keys().cloned().collect();
    payload_keys.sort();
    assert_eq!(payload_keys, ["cancelled", "created", "error", "get", "notfound"]);
}

#[test]
fn api_credentials_are_uuid_shaped() {
    for key in ["/api/key", "/api/secret"] {
        let v = body(key);
        assert!(xaman_wasm::core::encoding::is_uuid(v.as_str().unwrap()), "{key}");
    }
}

#[test]
fn created_payload() {
    let c: CreatedPayload = parse("/payload/created");
    assert_eq!(c.uuid, "00000000-0000-4839-af2f-f794874a80b0");
    assert_eq!(c.next.always, "http://localhost:3001/sign/00000000-0000-4839-af2f-f794874a80b0");
    assert_eq!(c.refs.websocket_status, "ws://localhost:3001/sign/00000000-0000-4839-af2f-f794874a80b0");
    assert!(!c.pushed);
    assert!(!is_error_body(&json("/payload/created")));
}

#[test]
fn payload_details_signed_and_expired() {
    let d: PayloadDetails = parse("/payload/get");
    let m = &d.meta;
    assert!(m.resolved && m.signed && m.expired && !m.cancelled);
    assert_eq!(m.uuid, "00000000-0000-4839-af2f-f794874a80b0");
    assert_eq!(m.app_opened, Some(true));
    assert_eq!(d.response.txid.as_deref(), Some("ABCDEF123456789"));
    assert_eq!(d.response.hex.as_deref(), Some("ABCDEF123456789"));
    assert_eq!(d.response.account.as_deref(), Some("rPEPPER7kfTD9w2To4CQk6UCfuHM9c6GDY"));

    // Signed wins over expired (opened before expiry, signed after).
    let o = outcome_from_details(&d).unwrap();
    assert_eq!(o.outcome, OutcomeKind::Signed);
    assert_eq!(o.uuid, "00000000-0000-4839-af2f-f794874a80b0");
    assert_eq!(o.txid.as_deref(), Some("ABCDEF123456789"));
    assert_eq!(o.hex.as_deref(), Some("ABCDEF123456789"));
    assert_eq!(o.account.as_deref(), Some("rPEPPER7kfTD9w2To4CQk6UCfuHM9c6GDY"));
}

#[test]
fn cancel_response() {
    let c: CancelResponse = parse("/payload/cancelled");
    assert!(c.result.cancelled);
    assert_eq!(c.result.reason, "OK");
}

#[test]
fn error_bodies_become_platform_errors() {
    for (pointer, status, code, reference, meaning) in [
        ("/payload/error", 400, 602, "a61ba59a-0304-44ae-a86e-d74808bd5190", "refused the payload"),
        ("/payload/notfound", 404, 404, "a61ba59a-0304-44ae-a86e-d74808bd5190", "unknown payload"),
        ("/invalidCredentials", 403, 813, "26279bfe-c7e1-4b12-a680-26119d8f5062", "credentials"),
    ] {
        let b = json(pointer);
        assert!(is_error_body(&b), "{pointer}");
        let e = platform_error("creating the payload", status, Some(&b));
        assert_eq!(e.code, ErrorCode::Platform, "{pointer}");
        assert_eq!(e.status, Some(status));
        assert_eq!(e.platform_code, Some(code));
        assert_eq!(e.reference.as_deref(), Some(reference));
        assert!(e.message.contains(meaning), "{pointer}: {}", e.message);
        assert!(e.message.contains(reference), "{pointer}: {}", e.message);
        assert!(e.message.starts_with("creating the payload failed"), "{}", e.message);
    }
}

#[test]
fn ott_data_and_user() {
    let ott: OttData = parse("/xApp/get");
    assert_eq!(ott.account.as_deref(), Some("r..."));
    assert_eq!(ott.nodetype, None);
    let user = User::from_ott(&ott, None).unwrap();
    assert_eq!(user.account, "r...");
    assert_eq!(user.network_type, None);
}

#[test]
fn the_other_bodies() {
    let pong: Pong = parse("/ping/pong");
    assert!(pong.pong);
    assert_eq!(pong.auth.application.uuidv4, "00000000-0000-4839-af2f-f794874a80b0");
    assert_eq!(pong.auth.application.name, "SomeApplication");
    assert_eq!(pong.auth.application.disabled, 0);
    assert_eq!(pong.auth.call.uuidv4, "2904b05f-5b37-4f3e-a624-940ad817943c");
    assert_eq!(pong.auth.quota, JsonValue::Object(vec![]));

    let get: AppStorage = parse("/storage/getResponse");
    assert_eq!(get.stored, None);
    assert!(get.data.get("some").is_some());
    let set: AppStorage = parse("/storage/setResponse");
    assert_eq!(set.stored, Some(true));
    assert!(set.data.get("name").is_some());
    let del: AppStorage = parse("/storage/deleteResponse");
    assert_eq!(del.stored, Some(true));
    assert!(del.data.is_null());
    assert_eq!(del.application.name, get.application.name);

    let assets: CuratedAssets = parse("/curatedAssets");
    assert!(assets.issuers.contains(&"Bitstamp".to_owned()));
    assert!(assets.currencies.contains(&"USD".to_owned()));
    assert!(assets.details.get("Bitstamp").and_then(|b| b.get("currencies")).and_then(|c| c.get("USD")).is_some());

    let kyc: KycStatus = parse("/kycStatus");
    assert!(["NONE", "IN_PROGRESS", "REJECTED", "SUCCESSFUL"].contains(&kyc.kyc_status.as_str()));
    assert!(kyc.possible_statuses.get("SUCCESSFUL").is_some());

    let tx: XrplTx = parse("/xrplTx");
    assert_eq!(tx.txid.len(), 64);
    assert_eq!(tx.transaction.get("TransactionType").and_then(JsonValue::as_str), Some("Payment"));
    assert_eq!(tx.balance_changes.as_object().unwrap().len(), 2);

    let note: PushResult = parse("/Push/notification");
    assert!(note.pushed && note.uuid.is_none());
    let event: PushResult = parse("/Push/event");
    assert_eq!(event.uuid.as_deref(), Some("19dd8a5b-e167-49a1-8f21-50f0254c55ef"));
}

#[test]
fn json_value_reserializes_every_fixture_like_serde_json() {
    let all = fixtures();
    let mine: JsonValue = serde_json::from_value(all.clone()).unwrap();
    let text = mine.to_json_string();
    assert_eq!(text, serde_json::to_string(&all).unwrap());
    let back: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(back, all);
}

#[test]
fn missing_required_fields_are_named_and_wrong_optional_types_are_ignored() {
    let err = |text: &str| -> String {
        match serde_json::from_str::<CreatedPayload>(text) {
            Ok(v) => panic!("{text} parsed: {v:?}"),
            Err(e) => e.to_string(),
        }
    };
    assert!(err(r#"{"next":{"always":"a"},"refs":{"websocket_status":"w"}}"#).contains("payload.uuid is missing"));
    assert!(err(r#"{"uuid":"u","refs":{"websocket_status":"w"}}"#).contains("payload.next is missing"));
    assert!(err(r#"{"uuid":"u","next":{},"refs":{"websocket_status":"w"}}"#).contains("next.always is missing"));
    assert!(err(r#"{"uuid":"u","next":{"always":"a"},"refs":{}}"#).contains("refs.websocket_status is missing"));
    let minimal: CreatedPayload =
        serde_json::from_str(r#"{"uuid":"u","next":{"always":"a"},"refs":{"websocket_status":"w"},"pushed":"yes"}"#).unwrap();
    assert!(!minimal.pushed, "a non-boolean pushed reads as false");
    assert!(serde_json::from_str::<PayloadDetails>(r#"{"application":{}}"#).unwrap_err().to_string().contains("meta is missing"));
    let d: PayloadDetails = serde_json::from_str(r#"{"meta":{"signed":"true","uuid":5},"response":null}"#).unwrap();
    assert!(!d.meta.signed && d.meta.uuid.is_empty() && d.response.txid.is_none());
    assert!(serde_json::from_str::<CancelResponse>(r#"{"meta":{}}"#).unwrap_err().to_string().contains("cancel answer.result"));
    assert!(serde_json::from_str::<CancelResponse>(r#"{"result":{"reason":"OK"}}"#).unwrap_err().to_string().contains("result.cancelled"));
}
