//! The SDK's own SHA-256 against the FIPS 180-4 vectors and the `sha2` crate.

use sha2::{Digest, Sha256};
use xaman_wasm::core::sha256::sha256;

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[test]
fn standard_vectors() {
    assert_eq!(
        hex(&sha256(b"")),
        "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
    );
    assert_eq!(
        hex(&sha256(b"abc")),
        "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
    );
    assert_eq!(
        hex(&sha256(b"abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")),
        "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"
    );
}

#[test]
fn same_digest_as_sha2_for_every_length_up_to_300_bytes() {
    let data: Vec<u8> = (0..300u32).map(|i| (i * 31 + 7) as u8).collect();
    for len in 0..=data.len() {
        let expected = Sha256::digest(&data[..len]);
        assert_eq!(sha256(&data[..len]).as_slice(), expected.as_slice(), "length {len}");
    }
}
