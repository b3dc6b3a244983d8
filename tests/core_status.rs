#![cfg(not(target_arch = "wasm32"))]
//! Websocket messages (reference §4), outcomes (§3 meta scenarios) and every transition of
//! the status subscription.

use xaman_wasm::core::platform::{CancelResponse, PayloadDetails};
use xaman_wasm::core::status::{
    outcome_from_details, Effect, OutcomeKind, StatusEvent, StatusEventType, Subscription, SubscriptionConfig, WsMessage,
};
use xaman_wasm::core::{ErrorCode, JsonValue, XamanError};

const UUID: &str = "00000000-0000-4839-af2f-f794874a80b0";

fn msg(text: &str) -> WsMessage {
    WsMessage::parse(&serde_json::from_str::<JsonValue>(text).unwrap())
}

#[test]
fn every_message_of_the_reference() {
    assert_eq!(msg(&format!(r#"{{"message":"Welcome {UUID}"}}"#)), WsMessage::Welcome);
    assert_eq!(msg(r#"{"expires_in_seconds":54}"#), WsMessage::ExpiresIn(54));
    assert_eq!(msg(r#"{"expires_in_seconds":-12}"#), WsMessage::ExpiresIn(-12));
    assert_eq!(msg(r#"{"opened":true}"#), WsMessage::Opened);
    assert_eq!(msg(r#"{"devapp_fetched":true}"#), WsMessage::DevappFetched);
    assert_eq!(msg(r#"{"pre_signed":true}"#), WsMessage::PreSigned);
    assert_eq!(msg(r#"{"dispatched":true}"#), WsMessage::Dispatched);
    assert_eq!(msg(r#"{"expired":true}"#), WsMessage::Expired);
    assert_eq!(msg(r#"{"message":"Right back at you!"}"#), WsMessage::KeepaliveReply);
    assert_eq!(
        msg(r#"{"message":"Payload not found or already resolved"}"#),
        WsMessage::NotFound("Payload not found or already resolved".into())
    );
    let signed = msg(&format!(
        r#"{{"payload_uuidv4":"{UUID}","reference_call_uuidv4":"5b7a9a2e-0000-4000-8000-000000000000","signed":true,
            "user_token":true,"return_url":{{"app":"https://a.test","web":null}},"opened_by_deeplink":false,
            "custom_meta":{{"identifier":"x","blob":{{}},"instruction":"i"}},"txid":"9B124C14528ED14C0BDA17075A39B90ABED598B77A22DFEEBD913CAC07A513BC"}}"#
    ));
    let WsMessage::Resolved(r) = signed else { panic!("not resolved: {signed:?}") };
    assert!(r.signed);
    // The rejected example of the official SDK's fixtures.
    let rejected = msg(&format!(
        r#"{{"payload_uuidv4":"{UUID}","reference_call_uuidv4":"x","signed":false,"user_token":true,"return_url":{{"app":null,"web":null}},"custom_meta":{{}}}}"#
    ));
    let WsMessage::Resolved(r) = rejected else { panic!() };
    assert!(!r.signed);
}

#[test]
fn unknown_messages_are_ignored_not_fatal() {
    for text in [r#"{}"#, r#"[1,2]"#, r#""hello""#, r#"null"#, r#"{"ping":true}"#, r#"{"opened":false}"#, r#"{"signed":"yes"}"#, r#"{"something":"new"}"#] {
        assert_eq!(msg(text), WsMessage::Unknown, "{text}");
    }
    let mut s = Subscription::new(UUID, SubscriptionConfig::default(), 0);
    s.on_open(0);
    assert!(s.on_message(WsMessage::Unknown, 10).is_empty());
    assert!(s.on_message(WsMessage::Welcome, 10).is_empty());
    assert!(s.on_message(WsMessage::DevappFetched, 10).is_empty());
    assert!(s.on_message(WsMessage::KeepaliveReply, 10).is_empty());
    assert!(!s.is_finished());
}

fn details(meta: &str) -> PayloadDetails {
    let text = format!(
        r#"{{"meta":{{"exists":true,"uuid":"{UUID}",{meta}}},"application":{{}},"payload":{{}},
            "response":{{"hex":"1200","txid":"ABCD","account":"rPEPPER7kfTD9w2To4CQk6UCfuHM9c6GDY"}}}}"#
    );
    serde_json::from_str(&text).unwrap()
}

const OPEN: &str = r#""resolved":false,"signed":false,"cancelled":false,"expired":false,"app_opened":false"#;
const OPENED: &str = r#""resolved":false,"signed":false,"cancelled":false,"expired":false,"app_opened":true"#;
const SIGNED: &str = r#""resolved":true,"signed":true,"cancelled":false,"expired":false,"app_opened":true"#;
const SIGNED_AFTER_EXPIRY: &str = r#""resolved":true,"signed":true,"cancelled":false,"expired":true,"app_opened":true"#;
const REJECTED: &str = r#""resolved":true,"signed":false,"cancelled":false,"expired":false,"app_opened":true"#;
const CANCELLED: &str = r#""resolved":false,"signed":false,"cancelled":true,"expired":true,"app_opened":false"#;
const EXPIRED: &str = r#""resolved":false,"signed":false,"cancelled":false,"expired":true,"app_opened":false"#;
const EXPIRED_AFTER_OPEN: &str = r#""resolved":false,"signed":false,"cancelled":false,"expired":true,"app_opened":true"#;

#[test]
fn outcomes_follow_the_meta_scenarios() {
    let kind = |m: &str| outcome_from_details(&details(m)).map(|o| o.outcome);
    assert_eq!(kind(OPEN), None);
    assert_eq!(kind(OPENED), None);
    assert_eq!(kind(SIGNED), Some(OutcomeKind::Signed));
    assert_eq!(kind(SIGNED_AFTER_EXPIRY), Some(OutcomeKind::Signed));
    assert_eq!(kind(REJECTED), Some(OutcomeKind::Rejected));
    assert_eq!(kind(CANCELLED), Some(OutcomeKind::Cancelled));
    assert_eq!(kind(EXPIRED), Some(OutcomeKind::Expired));
    let signed = outcome_from_details(&details(SIGNED)).unwrap();
    assert_eq!(signed.uuid, UUID);
    assert_eq!(signed.txid.as_deref(), Some("ABCD"));
    assert_eq!(signed.hex.as_deref(), Some("1200"));
    assert_eq!(signed.account.as_deref(), Some("rPEPPER7kfTD9w2To4CQk6UCfuHM9c6GDY"));
    let rejected = outcome_from_details(&details(REJECTED)).unwrap();
    assert_eq!((rejected.txid, rejected.hex, rejected.account), (None, None, None), "only a signature carries tx data");
    let js = serde_json::to_value(&signed).unwrap();
    assert_eq!(
        js,
        serde_json::json!({"outcome":"signed","uuid":UUID,"txid":"ABCD","account":"rPEPPER7kfTD9w2To4CQk6UCfuHM9c6GDY","hex":"1200"})
    );
    assert_eq!(serde_json::to_value(outcome_from_details(&details(EXPIRED)).unwrap()).unwrap(), serde_json::json!({"outcome":"expired","uuid":UUID}));
}

// ---- subscription ---------------------------------------------------------------------

fn emitted(effects: &[Effect]) -> Vec<StatusEventType> {
    effects.iter().filter_map(|e| if let Effect::Emit(ev) = e { Some(ev.kind) } else { None }).collect()
}

fn has_fetch(effects: &[Effect]) -> bool {
    effects.iter().any(|e| matches!(e, Effect::FetchPayload { after_ms: 0 }))
}

fn resolved_kind(effects: &[Effect]) -> Option<OutcomeKind> {
    effects.iter().find_map(|e| if let Effect::Resolve(o) = e { Some(o.outcome) } else { None })
}

fn started() -> Subscription {
    let mut s = Subscription::new(UUID, SubscriptionConfig::default(), 0);
    assert!(s.on_open(0).is_empty(), "first open needs no GET");
    assert!(s.on_message(WsMessage::Welcome, 1).is_empty());
    s
}

#[test]
fn status_events_carry_their_data() {
    let mut s = started();
    let fx = s.on_message(WsMessage::ExpiresIn(54), 2);
    assert_eq!(
        fx,
        vec![Effect::Emit(StatusEvent {
            kind: StatusEventType::ExpiresIn,
            uuid: UUID.into(),
            expires_in_seconds: Some(54),
            txid: None,
            account: None
        })]
    );
    let Effect::Emit(ev) = &fx[0] else { unreachable!() };
    assert_eq!(serde_json::to_value(ev).unwrap(), serde_json::json!({"type":"expires_in","uuid":UUID,"expiresInSeconds":54}));
    assert_eq!(emitted(&s.on_message(WsMessage::Opened, 3)), [StatusEventType::Opened]);
    assert_eq!(emitted(&s.on_message(WsMessage::PreSigned, 4)), [StatusEventType::PreSigned]);
    assert_eq!(emitted(&s.on_message(WsMessage::Dispatched, 5)), [StatusEventType::Dispatched]);
    let names: Vec<&str> = [
        StatusEventType::Opened,
        StatusEventType::ExpiresIn,
        StatusEventType::PreSigned,
        StatusEventType::Dispatched,
        StatusEventType::Signed,
        StatusEventType::Rejected,
        StatusEventType::Expired,
        StatusEventType::Cancelled,
    ]
    .iter()
    .map(|t| t.as_str())
    .collect();
    assert_eq!(names, ["opened", "expires_in", "pre_signed", "dispatched", "signed", "rejected", "expired", "cancelled"]);
}

#[test]
fn signed_message_is_verified_by_a_get_then_resolves_and_closes() {
    let mut s = started();
    let fx = s.on_message(msg(r#"{"payload_uuidv4":"x","signed":true,"txid":"ABCD"}"#), 10);
    assert_eq!(fx, vec![Effect::FetchPayload { after_ms: 0 }], "no signed event before the GET confirms it");
    let fx = s.on_details(&details(SIGNED), 20);
    assert_eq!(emitted(&fx), [StatusEventType::Signed]);
    let Effect::Emit(ev) = &fx[0] else { unreachable!() };
    assert_eq!(ev.txid.as_deref(), Some("ABCD"));
    assert_eq!(ev.account.as_deref(), Some("rPEPPER7kfTD9w2To4CQk6UCfuHM9c6GDY"));
    assert_eq!(resolved_kind(&fx), Some(OutcomeKind::Signed));
    assert_eq!(fx.last(), Some(&Effect::Close));
    assert!(s.is_finished());
    // Once resolved, everything is ignored.
    assert!(s.on_message(WsMessage::Opened, 30).is_empty());
    assert!(s.on_message(WsMessage::Expired, 30).is_empty());
    assert!(s.on_close(false, 30).is_empty());
    assert!(s.on_details(&details(REJECTED), 30).is_empty());
    assert!(s.on_tick(1_000_000).is_empty());
    assert!(s.set_interest(0, false).is_empty());
}

#[test]
fn rejected_and_expired_messages() {
    let mut s = started();
    assert!(has_fetch(&s.on_message(msg(r#"{"signed":false}"#), 10)));
    let fx = s.on_details(&details(REJECTED), 11);
    assert_eq!(emitted(&fx), [StatusEventType::Rejected]);
    assert_eq!(resolved_kind(&fx), Some(OutcomeKind::Rejected));

    let mut s = started();
    assert!(has_fetch(&s.on_message(WsMessage::Expired, 10)));
    let fx = s.on_details(&details(EXPIRED), 11);
    assert_eq!(emitted(&fx), [StatusEventType::Expired]);
    assert_eq!(resolved_kind(&fx), Some(OutcomeKind::Expired));
    assert!(s.is_finished());
}

#[test]
fn a_get_that_does_not_show_the_resolution_yet_is_retried() {
    let mut s = started();
    s.on_message(msg(r#"{"signed":true}"#), 10);
    let fx = s.on_details(&details(OPENED), 11);
    assert!(fx.contains(&Effect::FetchPayload { after_ms: 500 }), "{fx:?}");
    assert_eq!(emitted(&fx), [StatusEventType::Opened], "the GET shows it opened: catch up the missed event");
    let fx = s.on_details(&details(OPENED), 600);
    assert_eq!(fx, vec![Effect::FetchPayload { after_ms: 1000 }]);
    let fx = s.on_details(&details(SIGNED), 1700);
    assert_eq!(resolved_kind(&fx), Some(OutcomeKind::Signed));
}

#[test]
fn triggers_during_a_pending_get_fetch_again_afterwards() {
    let mut s = started();
    assert!(has_fetch(&s.on_message(WsMessage::Expired, 10)));
    // A second trigger while the GET is in flight does not start another one now...
    assert!(s.on_message(msg(r#"{"signed":true}"#), 11).is_empty());
    // ...but after the first answer (taken before the signature) it GETs again.
    let fx = s.on_details(&details(EXPIRED_AFTER_OPEN), 12);
    assert!(has_fetch(&fx), "{fx:?}");
    assert_eq!(resolved_kind(&s.on_details(&details(SIGNED_AFTER_EXPIRY), 13)), Some(OutcomeKind::Signed));
}

#[test]
fn resolution_while_disconnected_is_found_after_reconnecting() {
    let mut s = started();
    assert_eq!(emitted(&s.on_message(WsMessage::Opened, 5)), [StatusEventType::Opened]);
    // Unclean close: reconnect with backoff.
    assert_eq!(s.on_close(false, 100), vec![Effect::Reconnect { after_ms: 500 }]);
    // The first reconnect fails too: the delay doubles.
    assert_eq!(s.on_close(false, 700), vec![Effect::Reconnect { after_ms: 1000 }]);
    // Meanwhile the user signed. The socket comes back: GET once.
    let fx = s.on_open(1800);
    assert_eq!(fx, vec![Effect::FetchPayload { after_ms: 0 }]);
    let fx = s.on_details(&details(SIGNED), 1850);
    assert_eq!(emitted(&fx), [StatusEventType::Signed]);
    assert_eq!(resolved_kind(&fx), Some(OutcomeKind::Signed));
    assert_eq!(fx.last(), Some(&Effect::Close));
}

#[test]
fn reconnect_backoff_caps_resets_and_gives_up() {
    let config = SubscriptionConfig { max_attempts: 6, ..SubscriptionConfig::default() };
    let mut s = Subscription::new(UUID, config, 0);
    // The very first open fails.
    let mut delays = vec![];
    for i in 0..6 {
        match s.on_close(false, i * 100).as_slice() {
            [Effect::Reconnect { after_ms }] => delays.push(*after_ms),
            other => panic!("attempt {i}: {other:?}"),
        }
    }
    assert_eq!(delays, [500, 1000, 2000, 4000, 8000, 10_000]);
    // Open + a message = healthy: the counter resets.
    assert!(has_fetch(&s.on_open(10_000)), "a reconnect GETs");
    s.on_message(WsMessage::Welcome, 10_001);
    s.on_details(&details(OPEN), 10_002);
    assert_eq!(s.on_close(true, 20_000), vec![Effect::Reconnect { after_ms: 500 }]);
    // An open that closes before any message does not reset the counter.
    for _ in 0..5 {
        assert!(has_fetch(&s.on_open(20_100)));
        assert!(s.on_details(&details(OPEN), 20_150).is_empty());
        assert!(matches!(s.on_close(false, 20_200).as_slice(), [Effect::Reconnect { .. }]));
    }
    // Attempts exhausted: a last GET; still open → fail with `network` and close.
    s.on_open(30_000);
    s.on_details(&details(OPEN), 30_050);
    let fx = s.on_close(false, 30_100);
    assert!(has_fetch(&fx), "{fx:?}");
    let fx = s.on_details(&details(OPEN), 30_200);
    match fx.as_slice() {
        [Effect::Fail(e), Effect::Close] => {
            assert_eq!(e.code, ErrorCode::Network);
            assert_eq!(
                e.message,
                format!(
                    "lost the status connection of payload {UUID} after 6 reconnect attempts; it is still open"
                )
            );
        }
        other => panic!("{other:?}"),
    }
    assert!(s.is_finished());
}

#[test]
fn giving_up_still_reports_a_resolution_found_by_the_last_get() {
    let config = SubscriptionConfig { max_attempts: 1, ..SubscriptionConfig::default() };
    let mut s = Subscription::new(UUID, config, 0);
    s.on_open(0);
    s.on_message(WsMessage::Welcome, 1);
    assert_eq!(s.on_close(false, 2), vec![Effect::Reconnect { after_ms: 500 }]);
    assert!(has_fetch(&s.on_close(false, 600)));
    assert_eq!(resolved_kind(&s.on_details(&details(REJECTED), 700)), Some(OutcomeKind::Rejected));
}

#[test]
fn closes_after_the_end_or_while_waiting_for_a_get_are_ignored() {
    let mut s = started();
    s.set_interest(0, false);
    assert!(s.on_close(false, 10).is_empty(), "closed by us: nothing to do");
    // A close while a reconnect is pending is a failed attempt: the delay doubles.
    let mut s = started();
    assert_eq!(s.on_close(false, 10), vec![Effect::Reconnect { after_ms: 500 }]);
    assert_eq!(s.on_close(false, 11), vec![Effect::Reconnect { after_ms: 1000 }]);
    // After "not found" the socket is down and the GET decides: further closes change nothing.
    let mut s = started();
    s.on_message(WsMessage::NotFound("gone".into()), 5);
    assert!(s.on_close(true, 6).is_empty());
    assert!(s.on_close(false, 7).is_empty());
}

#[test]
fn silent_socket_is_replaced() {
    let mut s = started();
    assert!(s.on_tick(30_000).is_empty());
    s.on_message(WsMessage::ExpiresIn(40), 30_000);
    assert!(s.on_tick(74_999).is_empty());
    assert_eq!(s.on_tick(75_000), vec![Effect::Reconnect { after_ms: 500 }]);
    assert_eq!(s.on_open(75_600), vec![Effect::FetchPayload { after_ms: 0 }]);
}

#[test]
fn fetch_failures_retry_then_fail() {
    let config = SubscriptionConfig { max_attempts: 3, ..SubscriptionConfig::default() };
    let mut s = Subscription::new(UUID, config, 0);
    s.on_open(0);
    s.on_message(WsMessage::Expired, 1);
    let net = XamanError::new(ErrorCode::Network, "offline");
    assert_eq!(s.on_fetch_failed(net.clone(), 2), vec![Effect::FetchPayload { after_ms: 500 }]);
    assert_eq!(s.on_fetch_failed(net.clone(), 3), vec![Effect::FetchPayload { after_ms: 1000 }]);
    assert_eq!(s.on_fetch_failed(net.clone(), 4), vec![Effect::FetchPayload { after_ms: 2000 }]);
    assert_eq!(s.on_fetch_failed(net.clone(), 5), vec![Effect::Fail(net), Effect::Close]);

    // A 404 (payload gone / other app's) fails at once.
    let mut s = started();
    s.on_message(WsMessage::Expired, 1);
    let gone = XamanError { status: Some(404), platform_code: Some(404), ..XamanError::new(ErrorCode::Platform, "gone") };
    assert_eq!(s.on_fetch_failed(gone.clone(), 2), vec![Effect::Fail(gone), Effect::Close]);
}

#[test]
fn payload_not_found_on_the_socket() {
    let mut s = started();
    let fx = s.on_message(WsMessage::NotFound("No such payload".into()), 5);
    assert!(has_fetch(&fx));
    // The server closes after that: no reconnect, the GET decides.
    assert!(s.on_close(true, 6).is_empty());
    let gone = XamanError { status: Some(404), ..XamanError::new(ErrorCode::Platform, "unknown payload") };
    assert!(matches!(s.on_fetch_failed(gone, 7).as_slice(), [Effect::Fail(_), Effect::Close]));

    // If the GET shows it exists after all, reconnect.
    let mut s = started();
    s.on_message(WsMessage::NotFound("hiccup".into()), 5);
    s.on_close(true, 6);
    assert_eq!(s.on_details(&details(OPEN), 7), vec![Effect::Reconnect { after_ms: 500 }]);
}

#[test]
fn cancel_resolves_as_cancelled() {
    let cancel = |cancelled: bool, reason: &str| -> CancelResponse {
        serde_json::from_str(&format!(
            r#"{{"result":{{"cancelled":{cancelled},"reason":"{reason}"}},"meta":{{"uuid":"{UUID}","expired":true}}}}"#
        ))
        .unwrap()
    };
    let mut s = started();
    assert!(has_fetch(&s.on_cancelled(&cancel(true, "OK"), 10)));
    // Even when the GET shows only `expired` (meta snapshot), the confirmed cancel wins.
    let fx = s.on_details(&details(EXPIRED), 11);
    assert_eq!(emitted(&fx), [StatusEventType::Cancelled]);
    assert_eq!(resolved_kind(&fx), Some(OutcomeKind::Cancelled));

    let mut s = started();
    s.on_cancelled(&cancel(true, "OK"), 10);
    assert_eq!(resolved_kind(&s.on_details(&details(CANCELLED), 11)), Some(OutcomeKind::Cancelled));

    // Already opened: not cancelled, nothing changes.
    let mut s = started();
    assert!(s.on_cancelled(&cancel(false, "ALREADY_OPENED"), 10).is_empty());
    assert!(!s.is_finished());
    // Already resolved: GET and report what really happened.
    assert!(has_fetch(&s.on_cancelled(&cancel(false, "ALREADY_RESOLVED"), 11)));
    assert_eq!(resolved_kind(&s.on_details(&details(SIGNED), 12)), Some(OutcomeKind::Signed));
}

#[test]
fn expired_after_opening_waits_for_the_user() {
    let config = SubscriptionConfig { opened_expiry_grace_ms: 60_000, ..SubscriptionConfig::default() };
    let mut s = Subscription::new(UUID, config, 0);
    s.on_open(0);
    s.on_message(WsMessage::Opened, 1);
    s.on_message(WsMessage::Expired, 1000);
    let fx = s.on_details(&details(EXPIRED_AFTER_OPEN), 1001);
    assert_eq!(resolved_kind(&fx), None, "the user may still sign: {fx:?}");
    assert!(!s.is_finished());
    // The user signs within the grace period.
    s.on_message(msg(r#"{"signed":true}"#), 30_000);
    assert_eq!(resolved_kind(&s.on_details(&details(SIGNED_AFTER_EXPIRY), 30_001)), Some(OutcomeKind::Signed));

    // The user never finishes: after the grace period, a last GET resolves it as expired.
    let mut s = Subscription::new(UUID, config, 0);
    s.on_open(0);
    s.on_message(WsMessage::Expired, 1000);
    s.on_details(&details(EXPIRED_AFTER_OPEN), 1001);
    s.on_message(WsMessage::ExpiresIn(-40), 40_000);
    assert!(s.on_tick(60_000).is_empty());
    s.on_message(WsMessage::ExpiresIn(-55), 55_000);
    let fx = s.on_tick(61_001);
    assert!(has_fetch(&fx), "{fx:?}");
    let fx = s.on_details(&details(EXPIRED_AFTER_OPEN), 61_002);
    assert_eq!(resolved_kind(&fx), Some(OutcomeKind::Expired));
    assert_eq!(emitted(&fx), [StatusEventType::Expired]);
}

#[test]
fn no_listeners_and_no_promise_closes() {
    let mut s = started();
    assert!(s.set_interest(1, false).is_empty());
    assert!(s.set_interest(0, true).is_empty());
    assert!(!s.is_finished());
    assert_eq!(s.set_interest(0, false), vec![Effect::Close]);
    assert!(s.is_finished());
    assert!(s.on_message(WsMessage::Opened, 5).is_empty());
}
