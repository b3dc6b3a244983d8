#![cfg(not(target_arch = "wasm32"))]
//! xApp bridge commands (reference §9.2), host events (§9.3) and the 1.5 s command queue.

use xaman_wasm::core::bridge::{BridgeCommand, CommandQueue, HostEvent, COMMAND_SPACING_MS};
use xaman_wasm::core::{ErrorCode, JsonValue};

fn j(text: &str) -> JsonValue {
    serde_json::from_str(text).unwrap()
}

fn sent(method: &str, args: &str) -> serde_json::Value {
    let cmd = BridgeCommand::from_js(method, &j(args)).unwrap_or_else(|e| panic!("{method}({args}): {e}"));
    serde_json::from_str(&cmd.to_json_string()).unwrap()
}

fn refused(method: &str, args: &str, needle: &str) {
    let e = BridgeCommand::from_js(method, &j(args)).expect_err(args);
    assert_eq!(e.code, ErrorCode::InvalidOption, "{method}({args})");
    assert!(e.message.contains(needle), "{method}({args}): {:?} lacks {needle:?}", e.message);
}

#[test]
fn commands_as_the_host_expects_them() {
    use serde_json::json;
    let uuid = "c0ffee00-5a4d-4b0b-8a11-000000000001";
    assert_eq!(sent("openSignRequest", &format!(r#"{{"uuid":"{uuid}"}}"#)), json!({"command":"openSignRequest","uuid":uuid}));
    assert_eq!(sent("close", "null"), json!({"command":"close"}));
    assert_eq!(sent("close", r#"{"refreshEvents":true}"#), json!({"command":"close","refreshEvents":true}));
    assert_eq!(sent("share", r#"{"text":"Look \"here\""}"#), json!({"command":"share","text":"Look \"here\""}));
    assert_eq!(sent("scanQr", "null"), json!({"command":"scanQr"}));
    assert_eq!(sent("openBrowser", r#"{"url":"https://xrpl.org/"}"#), json!({"command":"openBrowser","url":"https://xrpl.org/"}));
    assert_eq!(sent("selectDestination", "{}"), json!({"command":"selectDestination"}));
    assert_eq!(
        sent("selectDestination", r#"{"ignoreDestinationTag":false}"#),
        json!({"command":"selectDestination","ignoreDestinationTag":false})
    );
    let tx = "9B124C14528ED14C0BDA17075A39B90ABED598B77A22DFEEBD913CAC07A513BC";
    assert_eq!(
        sent("tx", &format!(r#"{{"tx":"{tx}","account":"rPEPPER7kfTD9w2To4CQk6UCfuHM9c6GDY"}}"#)),
        json!({"command":"txDetails","tx":tx,"account":"rPEPPER7kfTD9w2To4CQk6UCfuHM9c6GDY"})
    );
    assert_eq!(
        sent("navigate", r#"{"xApp":"xumm.more","title":"More","extra":{"a":1}}"#),
        json!({"command":"xAppNavigate","xApp":"xumm.more","title":"More","extra":{"a":1}})
    );
    assert_eq!(sent("ready", "null"), json!({"command":"ready"}));
    // The string is compact JSON, command first.
    let cmd = BridgeCommand::from_js("openSignRequest", &j(&format!(r#"{{"uuid":"{uuid}"}}"#))).unwrap();
    assert_eq!(cmd.to_json_string(), format!(r#"{{"command":"openSignRequest","uuid":"{uuid}"}}"#));
    assert_eq!(cmd.command_name(), "openSignRequest");
}

#[test]
fn command_arguments_are_checked() {
    refused("openSignRequest", "{}", "is not a payload UUID");
    refused("openSignRequest", r#"{"uuid":"00000000-1111-2222-af2f-f794874a80b0"}"#, "version-4 UUID");
    refused("openSignRequest", r#"{"uuid":42}"#, "42 is not a payload UUID");
    refused("openBrowser", r#"{"url":"http://xrpl.org"}"#, "must be an absolute https:// URL");
    refused("openBrowser", r#"{"url":"xrpl.org"}"#, "https://");
    refused("share", r#"{"text":""}"#, "`text` must be a non-empty string");
    refused("tx", r#"{"tx":"ABC","account":"rPEPPER7kfTD9w2To4CQk6UCfuHM9c6GDY"}"#, "64 hex characters");
    let tx = "9B124C14528ED14C0BDA17075A39B90ABED598B77A22DFEEBD913CAC07A513BC";
    refused("tx", &format!(r#"{{"tx":"{tx}","account":"rPEPPER7kfTD9w2To4CQk6UCfuHM9c6GDZ"}}"#), "checksum mismatch");
    refused("tx", &format!(r#"{{"tx":"{tx}"}}"#), "account must be an r-address string");
    refused("close", r#"{"refreshEvents":"yes"}"#, "`refreshEvents` must be true or false");
    refused("selectDestination", r#"{"ignoreDestinationTag":1}"#, "ignoreDestinationTag");
    refused("navigate", r#"{"title":"x"}"#, "`xApp` must be an xApp identifier");
    refused("scanQr", r#""now""#, "takes an options object, got a string");
    refused("sendMoney", "{}", "xapp.sendMoney() is not a bridge command");
}

#[test]
fn posted_text_is_compact_json_in_a_fixed_order() {
    let text = |method: &str, args: &str| BridgeCommand::from_js(method, &j(args)).unwrap().to_json_string();
    assert_eq!(text("close", r#"{"refreshEvents":false}"#), r#"{"command":"close","refreshEvents":false}"#);
    assert_eq!(text("scanQr", "null"), r#"{"command":"scanQr"}"#);
    assert_eq!(
        text("navigate", r#"{"xApp":"x.y","title":"T\"","data":{"a":[1,true]},"skip":null}"#),
        r#"{"command":"xAppNavigate","xApp":"x.y","title":"T\"","data":{"a":[1,true]}}"#
    );
}

#[test]
fn refusals_read_in_full() {
    let message = |method: &str, args: &str| BridgeCommand::from_js(method, &j(args)).expect_err(args).message;
    assert_eq!(
        message("openSignRequest", r#"{"uuid":42}"#),
        "xapp.openSignRequest({ uuid }): 42 is not a payload UUID (a version-4 UUID, req.uuid)"
    );
    assert_eq!(
        message("openBrowser", r#"{"url":"http://xrpl.org"}"#),
        "xapp.openBrowser({ url }): 'http://xrpl.org' must be an absolute https:// URL"
    );
    assert_eq!(
        message("tx", r#"{"tx":"ABC"}"#),
        "xapp.tx({ tx, account }): 'ABC' must be a transaction hash (64 hex characters)"
    );
    assert_eq!(message("close", r#"{"refreshEvents":"yes"}"#), "xapp.close(): `refreshEvents` must be true or false, got 'yes'");
    assert_eq!(message("scanQr", r#""now""#), "xapp.scanQr() takes an options object, got a string");
    assert_eq!(
        message("sendMoney", "{}"),
        "xapp.sendMoney() is not a bridge command"
    );
}

#[test]
fn host_events() {
    let e = HostEvent::parse(&j(r#"{"method":"payloadResolved","reason":"SIGNED","uuid":"u1"}"#)).unwrap();
    assert_eq!(e, HostEvent::PayloadResolved { reason: "SIGNED".into(), uuid: Some("u1".into()) });
    assert_eq!(e.js_name(), "payload");
    assert_eq!(e.data(), j(r#"{"reason":"SIGNED","uuid":"u1"}"#));
    let old_host = HostEvent::parse(&j(r#"{"method":"payloadResolved","reason":"DECLINED"}"#)).unwrap();
    assert_eq!(old_host.data(), j(r#"{"reason":"DECLINED"}"#));

    let e = HostEvent::parse(&j(r#"{"method":"scanQr","qrContents":"rPEPPER7kfTD9w2To4CQk6UCfuHM9c6GDY","reason":"SCANNED"}"#)).unwrap();
    assert_eq!(e.js_name(), "qr");
    assert_eq!(e.data(), j(r#"{"qrContents":"rPEPPER7kfTD9w2To4CQk6UCfuHM9c6GDY","reason":"SCANNED"}"#));
    let closed = HostEvent::parse(&j(r#"{"method":"scanQr","qrContents":null,"reason":"USER_CLOSE"}"#)).unwrap();
    assert_eq!(closed.data(), j(r#"{"qrContents":null,"reason":"USER_CLOSE"}"#));

    let e = HostEvent::parse(&j(
        r#"{"method":"selectDestination","destination":{"address":"rPEPPER7kfTD9w2To4CQk6UCfuHM9c6GDY","tag":null,"name":"P"},
            "info":{"blackHole":false,"disallowIncomingXRP":false,"exist":true,"possibleExchange":false,"requireDestinationTag":false,"risk":"UNKNOWS"},
            "reason":"SELECTED"}"#,
    ))
    .unwrap();
    assert_eq!(e.js_name(), "destination");
    let data = e.data();
    assert_eq!(data.get("destination").and_then(|d| d.get("name")).and_then(JsonValue::as_str), Some("P"));
    assert_eq!(data.get("info").and_then(|d| d.get("risk")).and_then(JsonValue::as_str), Some("UNKNOWS"));
    assert_eq!(data.get("reason").and_then(JsonValue::as_str), Some("SELECTED"));
    assert_eq!(data.get("method"), None);
    let closed = HostEvent::parse(&j(r#"{"method":"selectDestination","reason":"USER_CLOSE"}"#)).unwrap();
    assert_eq!(closed.data(), j(r#"{"reason":"USER_CLOSE"}"#));

    let e = HostEvent::parse(&j(r#"{"method":"networkSwitch","network":"TESTNET"}"#)).unwrap();
    assert_eq!((e.js_name(), e.data()), ("networkswitch", j(r#"{"network":"TESTNET"}"#)));

    for ignored in [
        r#"{"method":"kycVeriff","result":{}}"#,
        r#"{"method":"getLogs","result":[]}"#,
        r#"{"method":"networkSwitch"}"#,
        r#"{"command":"openSignRequest"}"#,
        r#""XAPP_PROXY_INIT_ACK""#,
        r#"{}"#,
        "null",
    ] {
        assert_eq!(HostEvent::parse(&j(ignored)), None, "{ignored}");
    }
}

#[test]
fn queue_spaces_commands_and_never_drops_them() {
    let mut q: CommandQueue<&str> = CommandQueue::default();
    assert_eq!(q.next_due(0), None);
    assert_eq!(q.pop_due(0), None);
    q.push("a", 1000);
    q.push("b", 1000);
    q.push("c", 1001);
    assert_eq!(q.len(), 3);
    assert_eq!(q.next_due(1000), Some(0), "the first goes at once");
    assert_eq!(q.pop_due(1000), Some("a"));
    assert_eq!(q.next_due(1000), Some(COMMAND_SPACING_MS));
    assert_eq!(q.pop_due(1000), None, "too early");
    assert_eq!(q.pop_due(2499), None);
    assert_eq!(q.next_due(2000), Some(500));
    assert_eq!(q.pop_due(2500), Some("b"));
    // A late timer sends right away; spacing counts from the actual send.
    assert_eq!(q.pop_due(5000), Some("c"));
    assert!(q.is_empty());
    q.push("d", 5100);
    assert_eq!(q.next_due(5100), Some(1400));
    assert_eq!(q.pop_due(6500), Some("d"));
    // Sends recorded by time, so 20 pushed at once go out 1.5 s apart in order.
    let mut q = CommandQueue::new(1500);
    for i in 0..20 {
        q.push(i, 0);
    }
    let mut now = 0;
    let mut out = vec![];
    while let Some(wait) = q.next_due(now) {
        now += wait;
        out.push((now, q.pop_due(now).unwrap()));
    }
    assert_eq!(out.len(), 20);
    assert!(out.windows(2).all(|w| w[1].0 - w[0].0 >= 1500 && w[1].1 == w[0].1 + 1));
}
