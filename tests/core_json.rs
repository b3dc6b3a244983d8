#![cfg(not(target_arch = "wasm32"))]
//! `JsonValue`: reads any JSON, writes it back as `JSON.stringify` would.

use xaman_wasm::core::JsonValue;

fn round(text: &str) -> String {
    serde_json::from_str::<JsonValue>(text).unwrap().to_json_string()
}

#[test]
fn writes_compact_json_like_json_stringify() {
    assert_eq!(round(r#" { "b" : [1, 2.5, -3, true, false, null], "a": {"z": {}}, "e": [] } "#), r#"{"b":[1,2.5,-3,true,false,null],"a":{"z":{}},"e":[]}"#);
    // Escapes: quotes, backslash, control characters; other characters as they are.
    assert_eq!(round(r#""q\" b\\ n\n r\r t\t b\b f\f u\u0001 \u001f é 🍻 \u2028""#), "\"q\\\" b\\\\ n\\n r\\r t\\t b\\b f\\f u\\u0001 \\u001f é 🍻 \u{2028}\"");
    // Numbers as JS prints them.
    for (input, js) in [
        ("0", "0"),
        ("-0.0", "0"),
        ("1000000", "1000000"),
        ("1.0", "1"),
        ("0.1", "0.1"),
        ("-2.75", "-2.75"),
        ("123456789012", "123456789012"),
        ("9007199254740993", "9007199254740992"),
        ("1e21", "1e+21"),
        ("1.5e300", "1.5e+300"),
        ("0.000001", "0.000001"),
        ("1.5e-7", "1.5e-7"),
        ("100000000000000000000", "100000000000000000000"),
    ] {
        assert_eq!(round(input), js, "{input}");
    }
    assert_eq!(JsonValue::Number(f64::NAN).to_json_string(), "null");
    assert_eq!(JsonValue::Number(f64::INFINITY).to_json_string(), "null");
}

#[test]
fn keeps_key_order_and_reads_back() {
    let text = r#"{"z":1,"a":{"y":[{"k":"v"}],"b":null},"m":"x"}"#;
    let v: JsonValue = serde_json::from_str(text).unwrap();
    assert_eq!(v.to_json_string(), text);
    assert_eq!(v.get("a").and_then(|a| a.get("y")).and_then(JsonValue::as_array).map(<[_]>::len), Some(1));
    assert_eq!(v.get("z").and_then(JsonValue::as_i64), Some(1));
    assert_eq!(v.get("missing"), None);
    assert_eq!(JsonValue::Number(1.5).as_i64(), None);
    assert_eq!(JsonValue::str("x").get("x"), None);
    // Serialize gives the same JSON through serde too.
    assert_eq!(serde_json::to_string(&v).unwrap(), text);
    let back: serde_json::Value = serde_json::from_str(&v.to_json_string()).unwrap();
    assert_eq!(back, serde_json::from_str::<serde_json::Value>(text).unwrap());
}

#[test]
fn kinds_for_messages() {
    let kinds: Vec<&str> = ["null", "true", "1", "\"s\"", "[]", "{}"]
        .iter()
        .map(|t| serde_json::from_str::<JsonValue>(t).unwrap().kind())
        .collect();
    assert_eq!(kinds, ["null", "a boolean", "a number", "a string", "an array", "an object"]);
}

/// The writer the web layer injects (JS `String(n)` there); here one that marks its output.
fn marking_writer(n: f64, out: &mut String) {
    out.push_str(&format!("<{n:?}>"));
}

#[test]
fn an_injected_number_writer_gets_every_number_but_small_integers() {
    let value = |text: &str| serde_json::from_str::<JsonValue>(text).unwrap();
    let doc = value(r#"[0, -0.0, 7, -42, 1.0, 9007199254740991, -9007199254740991, 2.5, -0.1, 9007199254740992, 1e21, 1.5e-7]"#);
    // A thread of its own: the writer is per thread, and the other tests expect Rust's fallback.
    let injected = std::thread::spawn(move || {
        xaman_wasm::core::json::set_number_writer(marking_writer);
        let text = doc.to_json_string();
        let non_finite = JsonValue::Array(vec![f64::NAN.into(), f64::INFINITY.into(), f64::NEG_INFINITY.into()]).to_json_string();
        let mut direct = String::new();
        xaman_wasm::core::json::write_number(0.5, &mut direct);
        (text, non_finite, direct)
    })
    .join()
    .unwrap();
    assert_eq!(
        injected.0,
        "[0,0,7,-42,1,9007199254740991,-9007199254740991,<2.5>,<-0.1>,<9007199254740992.0>,<1e21>,<1.5e-7>]",
        "integers below 2^53 are written by core, the rest by the writer"
    );
    assert_eq!(injected.1, "[null,null,null]", "NaN and ±Infinity are null, as in JSON.stringify, without asking the writer");
    assert_eq!(injected.2, "<0.5>");
    // This thread never set a writer: JS-shaped Rust formatting.
    assert_eq!(value("[2.5, 9007199254740992, 1e21]").to_json_string(), "[2.5,9007199254740992,1e+21]");
}

#[test]
fn clones_are_deep_and_equal() {
    let text = r#"{"a":[1,"two",{"three":[true,null]}],"b":{"c":"d","e":[]},"f":-2.5}"#;
    let original: JsonValue = serde_json::from_str(text).unwrap();
    let mut copy = original.clone();
    assert_eq!(copy, original);
    assert_eq!(copy.to_json_string(), text);
    // Changing the copy leaves the original as it was.
    if let JsonValue::Object(members) = &mut copy {
        members[0].1 = JsonValue::Null;
    }
    assert_ne!(copy, original);
    assert_eq!(original.to_json_string(), text);
}
