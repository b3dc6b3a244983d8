//! Native throughput of the core hot paths, with `serde_json::from_str` of the same text as
//! a baseline in the same process. Run: `cargo run --release --example core_bench`.
//!
//! What is measured per item:
//! - payload: JSON text → `PayloadRequest` (serde_json into `JsonValue`) → `validate` → body text.
//! - ws message: JSON text → `JsonValue` → `WsMessage::parse`.
//! - baseline: `serde_json::from_str::<serde_json::Value>` of the same text.

use std::hint::black_box;
use std::time::Instant;

use xaman_wasm::core::payload::{validate, PayloadRequest};
use xaman_wasm::core::qr::qr_svg;
use xaman_wasm::core::status::WsMessage;
use xaman_wasm::core::JsonValue;

fn rate(label: &str, n: usize, mut f: impl FnMut(usize)) -> f64 {
    // Warm up, then time.
    for i in 0..n / 10 {
        f(i);
    }
    let start = Instant::now();
    for i in 0..n {
        f(i);
    }
    let secs = start.elapsed().as_secs_f64();
    let per_sec = n as f64 / secs;
    println!("{label:<48} {per_sec:>12.0} /s   ({:.2} µs each)", secs * 1e6 / n as f64);
    per_sec
}

fn main() {
    let payloads = [
        r#"{"txjson":{"TransactionType":"SignIn"}}"#.to_owned(),
        r#"{"txjson":{"TransactionType":"Payment","Destination":"rwiETSee2wMz3SBnAG8hkMsCgvGy9LWbZ1","Amount":"1000000","DestinationTag":7},"options":{"submit":true,"expire":5,"signers":["rPEPPER7kfTD9w2To4CQk6UCfuHM9c6GDY"],"return_url":{"web":"https://x.test/?p={id}"}},"custom_meta":{"identifier":"order-1","blob":{"cart":[1,2,3]},"instruction":"Pay for order 1"}}"#.to_owned(),
        r#"{"txjson":{"TransactionType":"TrustSet","LimitAmount":{"currency":"USD","issuer":"rPEPPER7kfTD9w2To4CQk6UCfuHM9c6GDY","value":"1000"}}}"#.to_owned(),
    ];
    let messages = [
        r#"{"message":"Welcome 1289e9ae-7d5d-4d5f-b89c-18633112ce09"}"#,
        r#"{"expires_in_seconds":54}"#,
        r#"{"opened":true}"#,
        r#"{"payload_uuidv4":"1289e9ae-7d5d-4d5f-b89c-18633112ce09","reference_call_uuidv4":"5b7a9a2e-0000-4000-8000-000000000000","signed":true,"user_token":true,"return_url":{"app":null,"web":null},"opened_by_deeplink":false,"custom_meta":{},"txid":"9B124C14528ED14C0BDA17075A39B90ABED598B77A22DFEEBD913CAC07A513BC"}"#,
    ];
    let n = 200_000;
    println!("core_bench: {n} iterations each (native, release build recommended)\n");

    let base_p = rate("baseline: serde_json::from_str (payload text)", n, |i| {
        black_box(serde_json::from_str::<serde_json::Value>(&payloads[i % 3]).unwrap());
    });
    let core_p = rate("payload: parse + validate + body", n, |i| {
        let req: PayloadRequest = serde_json::from_str(&payloads[i % 3]).unwrap();
        validate(&req).unwrap();
        black_box(req.to_json_string());
    });
    let base_m = rate("baseline: serde_json::from_str (ws message)", n, |i| {
        black_box(serde_json::from_str::<serde_json::Value>(messages[i % 4]).unwrap());
    });
    let core_m = rate("ws message: parse + classify", n, |i| {
        let v: JsonValue = serde_json::from_str(messages[i % 4]).unwrap();
        black_box(WsMessage::parse(&v));
    });
    let qr_n = 5_000;
    rate("qr_svg of a 58-char sign URL", qr_n, |_| {
        black_box(qr_svg("https://xumm.app/sign/1289e9ae-7d5d-4d5f-b89c-18633112ce09").unwrap());
    });
    println!(
        "\npayload path costs {:.1}× a bare serde_json parse; ws message path {:.1}×",
        base_p / core_p,
        base_m / core_m
    );
}
