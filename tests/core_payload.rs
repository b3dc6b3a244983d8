#![cfg(not(target_arch = "wasm32"))]
//! Payload rules: every accepted shape and every refusal, with its code and message.

use xaman_wasm::core::payload::{validate, PayloadRequest, TRANSACTION_TYPES};
use xaman_wasm::core::{ErrorCode, JsonValue, XamanError};

const DEST: &str = "rwiETSee2wMz3SBnAG8hkMsCgvGy9LWbZ1";
const ISSUER: &str = "rPEPPER7kfTD9w2To4CQk6UCfuHM9c6GDY";
/// rwiETSee2wMz3SBnAG8hkMsCgvGy9LWbZ1 with its last character changed.
const TYPO: &str = "rwiETSee2wMz3SBnAG8hkMsCgvGy9LWbZ2";

fn req(text: &str) -> PayloadRequest {
    serde_json::from_str(text).unwrap_or_else(|e| panic!("{text}: {e}"))
}

fn ok(text: &str) {
    if let Err(e) = validate(&req(text)) {
        panic!("{text} refused: {e}");
    }
}

fn refused(text: &str) -> XamanError {
    match validate(&req(text)) {
        Ok(()) => panic!("{text} was accepted"),
        Err(e) => e,
    }
}

fn refused_with(text: &str, code: ErrorCode, needle: &str) {
    let e = refused(text);
    assert_eq!(e.code, code, "{text}: {}", e.message);
    assert!(e.message.contains(needle), "{text}: message {:?} lacks {:?}", e.message, needle);
    assert_eq!(e.status, None);
}

fn payment(extra: &str) -> String {
    format!(r#"{{"txjson":{{"TransactionType":"Payment","Destination":"{DEST}","Amount":"1000000"{extra}}}}}"#)
}

#[test]
fn accepted_payloads() {
    ok(r#"{"txjson":{"TransactionType":"SignIn"}}"#);
    ok(&payment(""));
    ok(&payment(r#","DestinationTag":4294967295,"Fee":"12","Flags":0"#));
    ok(&format!(
        r#"{{"txjson":{{"TransactionType":"Payment","Destination":"{DEST}","Amount":{{"currency":"USD","issuer":"{ISSUER}","value":"10.5"}}}}}}"#
    ));
    ok(&format!(
        r#"{{"txjson":{{"TransactionType":"Payment","Destination":"{DEST}","DeliverMax":"5","SendMax":{{"currency":"0158415500000000C1F76FF6ECB0BAC600000000","issuer":"{ISSUER}","value":"1e-3"}}}}}}"#
    ));
    ok(&format!(
        r#"{{"txjson":{{"TransactionType":"Payment","Destination":"{DEST}","Amount":{{"mpt_issuance_id":"0000012FFD9EE5DA93AC614B4DB94D7E0FCE415CA51BED47","value":"100"}}}}}}"#
    ));
    ok(&format!(
        r#"{{"txjson":{{"TransactionType":"TrustSet","LimitAmount":{{"currency":"USD","issuer":"{ISSUER}","value":"0"}}}}}}"#
    ));
    ok(r#"{"txjson":{"TransactionType":"PaymentChannelAuthorize","Channel":"5DB01B7FFED6B67E6B0414DED11E051D2EE2B7619CE0EAA6286D67A3A4D5BDB3","Amount":"1000000"}}"#);
    ok(r#"{"txblob":"1200002280000000240000000361D4838D7EA4C6800000000000000000000000000055534400000000004B4E9C06F24296074F7BC48F92A97916C6DC5EA9684000000000002710"}"#);
    ok(r#"{"txjson":{"TransactionType":"SignIn"},"txblob":null,"options":null,"custom_meta":null}"#);
    // Every listed type is accepted when its own required fields are there.
    for t in TRANSACTION_TYPES {
        let tx = match *t {
            "Payment" => payment(""),
            "PaymentChannelAuthorize" => continue,
            other => format!(r#"{{"txjson":{{"TransactionType":"{other}"}}}}"#),
        };
        ok(&tx);
    }
}

#[test]
fn full_example_from_the_reference() {
    ok(&format!(
        r#"{{"txjson":{{"TransactionType":"Payment","Destination":"{DEST}","Amount":"1000000"}},
            "options":{{"submit":true,"multisign":false,"expire":500,"force_network":"MAINNET",
                        "pathfinding":true,"pathfinding_fallback":false,"signers":["{ISSUER}","{DEST}"],
                        "return_url":{{"app":"https://x.test/?p={{id}}","web":"https://x.test/?p={{id}}"}}}},
            "custom_meta":{{"identifier":"MY_OWN_UNIQUE_INTERNAL_ID_123","blob":{{"clientAge":32}},
                            "instruction":"Hey! Please sign for:\n\nThis\nand\nthat"}}}}"#
    ));
}

#[test]
fn shape_of_the_request() {
    refused_with(r#""Payment""#, ErrorCode::InvalidPayload, "takes an object");
    refused_with(r#"[]"#, ErrorCode::InvalidPayload, "got an array");
    refused_with(r#"{}"#, ErrorCode::InvalidPayload, "needs txjson");
    refused_with(r#"{"options":{"submit":true}}"#, ErrorCode::InvalidPayload, "needs txjson");
    refused_with(
        r#"{"txjson":{"TransactionType":"SignIn"},"txblob":"1200"}"#,
        ErrorCode::InvalidPayload,
        "either txjson or txblob, not both",
    );
    refused_with(r#"{"TransactionType":"SignIn"}"#, ErrorCode::InvalidPayload, "inside txjson");
    refused_with(r#"{"txjson":{"TransactionType":"SignIn"},"txJson":1}"#, ErrorCode::InvalidPayload, "'txJson' is not a payload field");
}

#[test]
fn secrets_and_user_tokens_are_refused() {
    for key in ["user_token", "apiSecret", "api_secret", "secret", "API_SECRET", "x-api-secret", "userToken"] {
        let text = format!(r#"{{"txjson":{{"TransactionType":"SignIn"}},"{key}":"5ec7e700-0000-4000-8000-000000000002"}}"#);
        let e = refused(&text);
        assert_eq!(e.code, ErrorCode::SecretInBrowser, "{key}");
        assert!(e.message.contains(key), "{key}: {}", e.message);
        assert!(e.message.contains("never"), "{}", e.message);
    }
    // Even when the rest is broken, the secret is what is reported.
    refused_with(r#"{"user_token":"x"}"#, ErrorCode::SecretInBrowser, "user_token");
    refused_with(
        r#"{"txjson":{"TransactionType":"SignIn"},"options":{"user_token":"7ccc19cf-970a-4185-8bd3-49d507bf24ae"}}"#,
        ErrorCode::SecretInBrowser,
        "options.user_token",
    );
    refused_with(
        r#"{"txjson":{"TransactionType":"Payment","secret":"snoPBrXtMeMyMHUVTgbuqAfg1SUTb"}}"#,
        ErrorCode::SecretInBrowser,
        "txjson.secret",
    );
    refused_with(r#"{"txjson":{"TransactionType":"SignIn","seed":"s…"}}"#, ErrorCode::SecretInBrowser, "txjson.seed");
}

#[test]
fn transaction_type() {
    refused_with(r#"{"txjson":"Payment"}"#, ErrorCode::InvalidPayload, "txjson must be an object");
    refused_with(r#"{"txjson":{}}"#, ErrorCode::InvalidPayload, "txjson.TransactionType is missing");
    refused_with(r#"{"txjson":{"TransactionFoo":"hi"}}"#, ErrorCode::InvalidPayload, "TransactionType is missing");
    refused_with(r#"{"txjson":{"TransactionType":5}}"#, ErrorCode::InvalidPayload, "must be a string, got a number");
    refused_with(r#"{"txjson":{"TransactionType":"Paymnet"}}"#, ErrorCode::InvalidPayload, "'Paymnet' is not a transaction type");
    refused_with(r#"{"txjson":{"TransactionType":"payment"}}"#, ErrorCode::InvalidPayload, "did you mean 'Payment'");
    refused_with(r#"{"txjson":{"TransactionType":""}}"#, ErrorCode::InvalidPayload, "'' is not a transaction type");
}

#[test]
fn payment_rules() {
    refused_with(
        r#"{"txjson":{"TransactionType":"Payment","Amount":"1"}}"#,
        ErrorCode::InvalidPayload,
        "txjson.Destination is missing",
    );
    refused_with(
        &format!(r#"{{"txjson":{{"TransactionType":"Payment","Destination":"{DEST}"}}}}"#),
        ErrorCode::InvalidPayload,
        "txjson.Amount is missing",
    );
    let e = refused(&format!(r#"{{"txjson":{{"TransactionType":"Payment","Destination":"{TYPO}","Amount":"1"}}}}"#));
    assert_eq!(e.code, ErrorCode::InvalidPayload);
    assert_eq!(
        e.message,
        format!("txjson.Destination: '{TYPO}' is not a valid XRPL classic address (checksum mismatch)")
    );
    refused_with(
        r#"{"txjson":{"TransactionType":"Payment","Destination":42,"Amount":"1"}}"#,
        ErrorCode::InvalidPayload,
        "txjson.Destination must be an r-address string, got a number",
    );
    for (amount, needle) in [
        ("1000000", "must be a string of whole drops"),
        (r#""1.5""#, "'1.5' must be a string of whole drops"),
        (r#""-5""#, "must be a string of whole drops"),
        (r#""""#, "must be a string of whole drops"),
        (r#"" 5""#, "must be a string of whole drops"),
        (r#""0""#, "must be more than 0"),
        (r#""100000000000000001""#, "more XRP than exists"),
        (r#""99999999999999999999999""#, "more XRP than exists"),
        ("true", "must be a string of whole drops"),
        (r#"{"currency":"USD","value":"1"}"#, "txjson.Amount.issuer is missing"),
        (&format!(r#"{{"currency":"USD","issuer":"{TYPO}","value":"1"}}"#), "txjson.Amount.issuer: '"),
        (&format!(r#"{{"issuer":"{ISSUER}","value":"1"}}"#), "txjson.Amount.currency is missing"),
        (&format!(r#"{{"currency":"XRP","issuer":"{ISSUER}","value":"1"}}"#), "XRP is not an issued currency"),
        (&format!(r#"{{"currency":"US","issuer":"{ISSUER}","value":"1"}}"#), "'US' is not a currency code"),
        (&format!(r#"{{"currency":"USD","issuer":"{ISSUER}"}}"#), "txjson.Amount.value is missing"),
        (&format!(r#"{{"currency":"USD","issuer":"{ISSUER}","value":10}}"#), "is a number; issued amounts are decimal strings"),
        (&format!(r#"{{"currency":"USD","issuer":"{ISSUER}","value":"1,5"}}"#), "'1,5' is not a decimal number"),
        (r#"{"mpt_issuance_id":"XYZ","value":"1"}"#, "not an MPT issuance id"),
        (r#"{"mpt_issuance_id":"0000012FFD9EE5DA93AC614B4DB94D7E0FCE415CA51BED47","value":"1.5"}"#, "must be a string of digits"),
    ] {
        let text = format!(r#"{{"txjson":{{"TransactionType":"Payment","Destination":"{DEST}","Amount":{amount}}}}}"#);
        refused_with(&text, ErrorCode::InvalidPayload, needle);
    }
}

#[test]
fn address_like_fields_and_numbers_anywhere() {
    for field in ["Account", "Destination", "Owner", "RegularKey", "Authorize", "Issuer", "Holder"] {
        let text = format!(r#"{{"txjson":{{"TransactionType":"AccountSet","{field}":"{TYPO}"}}}}"#);
        refused_with(&text, ErrorCode::InvalidPayload, &format!("txjson.{field}: '{TYPO}' is not a valid XRPL classic address"));
        let good = format!(r#"{{"txjson":{{"TransactionType":"AccountSet","{field}":"{ISSUER}"}}}}"#);
        ok(&good);
    }
    refused_with(&payment(r#","DestinationTag":-1"#), ErrorCode::InvalidPayload, "txjson.DestinationTag");
    refused_with(&payment(r#","DestinationTag":4294967296"#), ErrorCode::InvalidPayload, "0 to 4294967295");
    refused_with(&payment(r#","DestinationTag":"12""#), ErrorCode::InvalidPayload, "whole number");
    refused_with(&payment(r#","SourceTag":1.5"#), ErrorCode::InvalidPayload, "txjson.SourceTag");
    refused_with(&payment(r#","Fee":12"#), ErrorCode::InvalidPayload, "txjson.Fee");
    ok(&payment(r#","Fee":"0""#));
    refused_with(
        &format!(r#"{{"txjson":{{"TransactionType":"OfferCreate","TakerGets":"1","TakerPays":{{"currency":"USD","issuer":"{TYPO}","value":"1"}}}}}}"#),
        ErrorCode::InvalidPayload,
        "txjson.TakerPays.issuer",
    );
}

#[test]
fn payment_channel_authorize() {
    let channel = "5DB01B7FFED6B67E6B0414DED11E051D2EE2B7619CE0EAA6286D67A3A4D5BDB3";
    refused_with(
        r#"{"txjson":{"TransactionType":"PaymentChannelAuthorize","Amount":"1"}}"#,
        ErrorCode::InvalidPayload,
        "txjson.Channel is missing",
    );
    refused_with(
        r#"{"txjson":{"TransactionType":"PaymentChannelAuthorize","Channel":"ABC","Amount":"1"}}"#,
        ErrorCode::InvalidPayload,
        "'ABC' is not a channel id",
    );
    refused_with(
        &format!(r#"{{"txjson":{{"TransactionType":"PaymentChannelAuthorize","Channel":"{channel}"}}}}"#),
        ErrorCode::InvalidPayload,
        "txjson.Amount is missing",
    );
    refused_with(
        &format!(r#"{{"txjson":{{"TransactionType":"PaymentChannelAuthorize","Channel":"{channel}","Amount":1}}}}"#),
        ErrorCode::InvalidPayload,
        "string of whole drops",
    );
}

#[test]
fn txblob_rules() {
    refused_with(r#"{"txblob":""}"#, ErrorCode::InvalidPayload, "txblob is empty");
    refused_with(r#"{"txblob":"12000"}"#, ErrorCode::InvalidPayload, "odd number of hex digits (5)");
    refused_with(r#"{"txblob":"12zz"}"#, ErrorCode::InvalidPayload, "only hex digits");
    refused_with(r#"{"txblob":1200}"#, ErrorCode::InvalidPayload, "txblob must be a hex string, got a number");
    ok(r#"{"txblob":"12ab"}"#);
}

fn with_options(options: &str) -> String {
    format!(r#"{{"txjson":{{"TransactionType":"SignIn"}},"options":{options}}}"#)
}

#[test]
fn options_rules() {
    ok(&with_options(r#"{}"#));
    ok(&with_options(r#"{"expire":1,"signers":[],"return_url":{"app":null,"web":"http://127.0.0.1:8080/done"}}"#));
    for (options, needle) in [
        (r#"[]"#, "options must be an object"),
        (r#"{"submit":"yes"}"#, "options.submit must be true or false, got 'yes'"),
        (r#"{"multisign":1}"#, "options.multisign must be true or false"),
        (r#"{"pathfinding":"true"}"#, "options.pathfinding"),
        (r#"{"pathfinding_fallback":0}"#, "options.pathfinding_fallback"),
        (r#"{"expire":0}"#, "options.expire: 0 must be whole minutes, 1 or more"),
        (r#"{"expire":-5}"#, "must be whole minutes, 1 or more"),
        (r#"{"expire":1.5}"#, "must be whole minutes, 1 or more"),
        (r#"{"expire":"5"}"#, "must be whole minutes, 1 or more"),
        (r#"{"signers":"rPEPPER7kfTD9w2To4CQk6UCfuHM9c6GDY"}"#, "options.signers must be an array"),
        (r#"{"force_network":"mainnet"}"#, "options.force_network: 'mainnet' must be an upper-case network key"),
        (r#"{"force_network":""}"#, "upper-case network key"),
        (r#"{"force_network":"MAIN NET"}"#, "upper-case network key"),
        (r#"{"force_network":1}"#, "upper-case network key"),
        (r#"{"return_url":"https://x.test"}"#, "options.return_url must be an object"),
        (r#"{"return_url":{"app":"/relative"}}"#, "options.return_url.app: '/relative' must be an absolute http(s) URL"),
        (r#"{"return_url":{"web":"javascript:alert(1)"}}"#, "options.return_url.web"),
        (r#"{"return_url":{"mobile":"https://x.test"}}"#, "options.return_url.mobile is not allowed"),
        (r#"{"forceAccount":true}"#, "use options.signers"),
        (r#"{"expires":5}"#, "did you mean options.expire"),
        (r#"{"colour":"red"}"#, "options.colour is not a payload option"),
    ] {
        refused_with(&with_options(options), ErrorCode::InvalidOption, needle);
    }
    let e = refused(&with_options(&format!(r#"{{"signers":["{ISSUER}","{TYPO}"]}}"#)));
    assert_eq!(e.code, ErrorCode::InvalidOption);
    assert_eq!(e.message, format!("options.signers[1]: '{TYPO}' is not a valid XRPL classic address (checksum mismatch)"));
}

fn with_meta(meta: &str) -> String {
    format!(r#"{{"txjson":{{"TransactionType":"SignIn"}},"custom_meta":{meta}}}"#)
}

#[test]
fn custom_meta_limits_count_like_javascript() {
    let id40 = "a".repeat(40);
    ok(&with_meta(&format!(r#"{{"identifier":"{id40}"}}"#)));
    refused_with(
        &with_meta(&format!(r#"{{"identifier":"{id40}b"}}"#)),
        ErrorCode::InvalidOption,
        "custom_meta.identifier is 41 characters long; the limit is 40",
    );
    // 20 beer mugs are 20 chars for Rust's chars() but 40 UTF-16 units: accepted; 21 are 42.
    ok(&with_meta(&format!(r#"{{"identifier":"{}"}}"#, "🍻".repeat(20))));
    refused_with(&with_meta(&format!(r#"{{"identifier":"{}"}}"#, "🍻".repeat(21))), ErrorCode::InvalidOption, "42 characters");

    ok(&with_meta(&format!(r#"{{"instruction":"{}"}}"#, "x".repeat(280))));
    refused_with(&with_meta(&format!(r#"{{"instruction":"{}"}}"#, "x".repeat(281))), ErrorCode::InvalidOption, "the limit is 280");
    refused_with(&with_meta(&format!(r#"{{"instruction":"{}"}}"#, "é".repeat(141).repeat(2))), ErrorCode::InvalidOption, "282 characters");

    // The blob is measured as JSON text: {"k":"…"} is 8 characters plus the value.
    ok(&with_meta(&format!(r#"{{"blob":{{"k":"{}"}}}}"#, "v".repeat(1492))));
    refused_with(
        &with_meta(&format!(r#"{{"blob":{{"k":"{}"}}}}"#, "v".repeat(1493))),
        ErrorCode::InvalidOption,
        "custom_meta.blob is 1501 characters long; the limit is 1500",
    );
    // Escapes count: a newline is two characters in JSON.
    refused_with(
        &with_meta(&format!(r#"{{"blob":{{"k":"{}"}}}}"#, "\\n".repeat(747))),
        ErrorCode::InvalidOption,
        "1502 characters",
    );
    refused_with(&with_meta(r#"{"blob":"text"}"#), ErrorCode::InvalidOption, "custom_meta.blob must be an object");
    refused_with(&with_meta(r#"{"identifier":""}"#), ErrorCode::InvalidOption, "custom_meta.identifier is empty");
    refused_with(&with_meta(r#"{"identifier":7}"#), ErrorCode::InvalidOption, "custom_meta.identifier must be a string");
    refused_with(&with_meta(r#"{"note":"x"}"#), ErrorCode::InvalidOption, "custom_meta.note is not allowed");
    refused_with(&with_meta(r#""x""#), ErrorCode::InvalidOption, "custom_meta must be an object");
    ok(&with_meta(r#"{"identifier":null,"blob":null,"instruction":null}"#));
}

#[test]
fn body_is_exactly_what_was_validated() {
    let r = req(&format!(
        r#"{{"custom_meta":{{"instruction":"Say \"hi\"\n🍻"}},"options":{{"expire":5}},"txjson":{{"TransactionType":"Payment","Destination":"{DEST}","Amount":"1000000"}},"txblob":null}}"#
    ));
    validate(&r).unwrap();
    assert_eq!(r.transaction_type(), Some("Payment"));
    let body = r.to_json_string();
    assert_eq!(
        body,
        format!(
            r#"{{"txjson":{{"TransactionType":"Payment","Destination":"{DEST}","Amount":"1000000"}},"options":{{"expire":5}},"custom_meta":{{"instruction":"Say \"hi\"\n🍻"}}}}"#
        )
    );
    let back: serde_json::Value = serde_json::from_str(&body).unwrap();
    assert_eq!(back["custom_meta"]["instruction"], "Say \"hi\"\n🍻");
    let blob = req(r#"{"txblob":"ABCD"}"#);
    assert_eq!(blob.to_json_string(), r#"{"txblob":"ABCD"}"#);
    assert_eq!(blob.transaction_type(), None);
    assert_eq!(PayloadRequest::from_json(JsonValue::Null).not_an_object, Some("null"));
}

#[test]
fn every_listed_type_is_accepted_in_its_exact_spelling_only() {
    const CHANNEL: &str = "5DB01B7FFED6B67E6B0414DED11E051D2EE2B7619CE0EAA6286D67A3A4D5BDB3";
    let tx = |t: &str, required: &str| format!(r#"{{"txjson":{{"TransactionType":"{t}"{required}}}}}"#);
    for t in TRANSACTION_TYPES {
        let required = match *t {
            "Payment" => format!(r#","Destination":"{DEST}","Amount":"1""#),
            "PaymentChannelAuthorize" => format!(r#","Channel":"{CHANNEL}","Amount":"1""#),
            _ => String::new(),
        };
        ok(&tx(t, &required));
        let lower = t.to_ascii_lowercase();
        let e = refused(&tx(&lower, &required));
        assert_eq!(
            (e.code, e.message),
            (
                ErrorCode::InvalidPayload,
                format!(
                    "txjson.TransactionType: '{lower}' is not a transaction type Xaman can sign (did you mean '{t}'?)"
                )
            )
        );
        let cut = &t[..t.len() - 1];
        for near in [format!("{t} "), format!(" {t}"), format!("{t}s"), cut.to_owned()] {
            if TRANSACTION_TYPES.contains(&near.as_str()) {
                continue;
            }
            let e = refused(&tx(&near, &required));
            assert_eq!(
                e.message,
                format!(
                    "txjson.TransactionType: '{near}' is not a transaction type Xaman can sign"
                )
            );
        }
    }
}

/// Whole messages, one for each way a refusal message is put together (shown value cut at 60
/// code points, JSON kind, quoted text, path and text, secret wording, address problem).
#[test]
fn messages_are_exact() {
    let long = "é".repeat(61);
    for (request, code, message) in [
        (
            format!(r#"{{"txjson":{{"TransactionType":"TrustSet","Account":"{TYPO}"}}}}"#),
            ErrorCode::InvalidPayload,
            format!("txjson.Account: '{TYPO}' is not a valid XRPL classic address (checksum mismatch)"),
        ),
        (
            r#"{"txjson":{"TransactionType":"TrustSet","Account":[]}}"#.to_owned(),
            ErrorCode::InvalidPayload,
            "txjson.Account must be an r-address string, got an array".to_owned(),
        ),
        (
            r#"{"txjson":{"TransactionType":"TrustSet","Fee":"1.5"}}"#.to_owned(),
            ErrorCode::InvalidPayload,
            r#"txjson.Fee: '1.5' must be a string of whole drops, e.g. "1000000" = 1 XRP"#.to_owned(),
        ),
        (
            r#"{"txjson":{"TransactionType":"TrustSet","Amount":"0"}}"#.to_owned(),
            ErrorCode::InvalidPayload,
            "txjson.Amount: the amount must be more than 0".to_owned(),
        ),
        (
            format!(r#"{{"txjson":{{"TransactionType":"TrustSet","Flags":"{long}"}}}}"#),
            ErrorCode::InvalidPayload,
            format!("txjson.Flags: '{}…' must be a whole number from 0 to 4294967295", "é".repeat(60)),
        ),
        (
            format!(r#"{{"txjson":{{"TransactionType":"TrustSet","LimitAmount":{{"currency":"XRP","issuer":"{ISSUER}","value":"1"}}}}}}"#),
            ErrorCode::InvalidPayload,
            "txjson.LimitAmount.currency: XRP is not an issued currency; give XRP as a string of drops instead of an object"
                .to_owned(),
        ),
        (
            r#"{"txjson":{"TransactionType":"SignIn","Seed":"x"}}"#.to_owned(),
            ErrorCode::SecretInBrowser,
            "txjson.Seed: a secret never belongs in a payload".to_owned(),
        ),
        (
            r#"{"txjson":{"TransactionType":"SignIn"},"options":{"userToken":"x"}}"#.to_owned(),
            ErrorCode::SecretInBrowser,
            "options.userToken: a user_token must stay on your backend (the `proxy` adds it); never give it to the browser"
                .to_owned(),
        ),
        (
            r#"{"txjson":{"TransactionType":"SignIn"},"expire":5}"#.to_owned(),
            ErrorCode::InvalidPayload,
            "'expire' is not a payload field: use txjson or txblob, options, custom_meta".to_owned(),
        ),
        (
            r#"{"txjson":{"TransactionType":"SignIn"},"options":{"expiry":5}}"#.to_owned(),
            ErrorCode::InvalidOption,
            "options.expiry is not a payload option (did you mean options.expire, in minutes?); known options: submit, \
             multisign, expire, signers, force_network, return_url, pathfinding, pathfinding_fallback"
                .to_owned(),
        ),
        (
            r#"{"txjson":{"TransactionType":"SignIn"},"options":{"submit":"yes"}}"#.to_owned(),
            ErrorCode::InvalidOption,
            "options.submit must be true or false, got 'yes'".to_owned(),
        ),
        (
            r#"{"txjson":{"TransactionType":"SignIn"},"custom_meta":{"blob":"x"}}"#.to_owned(),
            ErrorCode::InvalidOption,
            "custom_meta.blob must be an object or array, got a string".to_owned(),
        ),
    ] {
        let e = refused(&request);
        assert_eq!((e.code, e.message.as_str()), (code, message.as_str()), "{request}");
    }
}

/// Every top-level field with a rule is checked by its kind, and when several are wrong the
/// first refused is, in this order: addresses, 32-bit numbers, amounts, then Fee.
#[test]
fn every_checked_field_and_the_order_of_the_checks() {
    let kinds = [
        (
            "is not a valid XRPL classic address",
            &["Account", "Destination", "Owner", "RegularKey", "Authorize", "Unauthorize", "Holder", "Issuer", "Subject", "Delegate"][..],
        ),
        (
            "must be a whole number from 0 to 4294967295",
            &["DestinationTag", "SourceTag", "Flags", "Sequence", "LastLedgerSequence", "TicketSequence", "NetworkID"][..],
        ),
        ("the amount must be more than 0", &["Amount", "DeliverMax", "SendMax", "DeliverMin", "LimitAmount", "TakerGets", "TakerPays"][..]),
    ];
    let bad = |field: &str| match field {
        f if kinds[0].1.contains(&f) => format!(r#""{f}":"{TYPO}""#),
        f if kinds[1].1.contains(&f) => format!(r#""{f}":-1"#),
        f => format!(r#""{f}":"0""#),
    };
    let mut all = Vec::new();
    for (needle, fields) in kinds {
        for field in fields {
            let text = format!(r#"{{"txjson":{{"TransactionType":"AccountSet",{}}}}}"#, bad(field));
            refused_with(&text, ErrorCode::InvalidPayload, &format!("txjson.{field}"));
            refused_with(&text, ErrorCode::InvalidPayload, needle);
            all.push(bad(field));
        }
    }
    all.push(r#""Fee":"-1""#.to_owned());
    // Each field, in the order above, is the one refused while it and every later one are wrong
    // (the wrong fields written in reverse order, so member order cannot be what decides).
    let fields: Vec<&str> = kinds.iter().flat_map(|(_, f)| f.iter().copied()).chain(["Fee"]).collect();
    for (i, field) in fields.iter().enumerate() {
        let members: Vec<&str> = all[i..].iter().rev().map(String::as_str).collect();
        let text = format!(r#"{{"txjson":{{"TransactionType":"AccountSet",{}}}}}"#, members.join(","));
        refused_with(&text, ErrorCode::InvalidPayload, &format!("txjson.{field}:"));
    }
}
