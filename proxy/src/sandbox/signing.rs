//! The simulated wallet's signature: a transaction blob in the XRP Ledger's canonical binary
//! format (the common fields, the signing account, and a stand-in signature) and its real
//! transaction hash (SHA-512Half of `TXN\0` + blob). Nothing is ever submitted anywhere.

use serde_json::Value;
use sha2::{Digest, Sha256, Sha512};

use super::address::decode_classic_address;
use super::txtypes::{type_code, Network};
use super::users::SandboxUser;

fn push_vl(out: &mut Vec<u8>, bytes: &[u8]) {
    // Lengths up to 192 fit the one-byte length prefix, which is all this builder writes.
    out.push(bytes.len() as u8);
    out.extend_from_slice(bytes);
}

fn xrp_amount(drops: u64) -> [u8; 8] {
    (0x4000_0000_0000_0000u64 | drops).to_be_bytes()
}

fn u32_field(tx: &Value, key: &str) -> Option<u32> {
    tx.get(key).and_then(Value::as_u64).and_then(|v| u32::try_from(v).ok())
}

fn drops_field(tx: &Value, key: &str) -> Option<u64> {
    tx.get(key).and_then(Value::as_str).and_then(|s| s.parse::<u64>().ok()).filter(|d| *d < (1 << 62))
}

/// Signs `request_json` as `user` on `network`; `nonce` (the payload uuid) makes the sequence and
/// signature differ between payloads. Returns `(hex blob, txid)`, both upper-case hex.
pub fn sign(request_json: &Value, tx_type: &str, user: &SandboxUser, network: &Network, nonce: &str) -> (String, String) {
    let public_key = hex::decode(&user.public_key).unwrap_or_default();
    let account_id = decode_classic_address(&user.account).unwrap_or([0u8; 20]);
    let seed = Sha256::digest(format!("{nonce}:{}", user.account).as_bytes());
    let sequence = 1_000_000 + (u32::from_be_bytes([seed[0], seed[1], seed[2], seed[3]]) % 50_000_000);

    // Fields in canonical order: (type code, field code) ascending.
    let mut blob = Vec::with_capacity(200);
    if let Some(code) = type_code(tx_type) {
        blob.push(0x12); // UInt16 TransactionType
        blob.extend_from_slice(&code.to_be_bytes());
    }
    if network.network_id > 1024 {
        blob.push(0x21); // UInt32 NetworkID
        blob.extend_from_slice(&network.network_id.to_be_bytes());
    }
    blob.push(0x22); // UInt32 Flags
    blob.extend_from_slice(&u32_field(request_json, "Flags").unwrap_or(0).to_be_bytes());
    blob.push(0x24); // UInt32 Sequence
    blob.extend_from_slice(&sequence.to_be_bytes());
    if let Some(tag) = u32_field(request_json, "DestinationTag") {
        blob.push(0x2E); // UInt32 DestinationTag
        blob.extend_from_slice(&tag.to_be_bytes());
    }
    if let Some(amount) = drops_field(request_json, "Amount") {
        blob.push(0x61); // Amount
        blob.extend_from_slice(&xrp_amount(amount));
    }
    blob.push(0x68); // Amount Fee
    blob.extend_from_slice(&xrp_amount(drops_field(request_json, "Fee").unwrap_or(12)));
    blob.push(0x73); // Blob SigningPubKey
    push_vl(&mut blob, &public_key);
    // A stand-in Ed25519-sized signature: deterministic, not verifiable.
    let signature = Sha512::digest([seed.as_slice(), &public_key].concat());
    blob.push(0x74); // Blob TxnSignature
    push_vl(&mut blob, &signature);
    blob.push(0x81); // AccountID Account
    push_vl(&mut blob, &account_id);
    if let Some(dest) = request_json.get("Destination").and_then(Value::as_str).and_then(decode_classic_address) {
        blob.push(0x83); // AccountID Destination
        push_vl(&mut blob, &dest);
    }

    let mut hasher = Sha512::new();
    hasher.update(b"TXN\0");
    hasher.update(&blob);
    let txid = hex::encode_upper(&hasher.finalize()[..32]);
    (hex::encode_upper(&blob), txid)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sandbox::txtypes::default_network;
    use crate::sandbox::users::sandbox_users;
    use serde_json::json;

    #[test]
    fn blob_and_txid_are_well_formed() {
        let user = &sandbox_users()[0];
        let tx = json!({"TransactionType": "Payment", "Destination": sandbox_users()[1].account, "Amount": "1000000"});
        let (blob, txid) = sign(&tx, "Payment", user, &default_network(), "p1");
        assert!(blob.starts_with("120000"));
        assert_eq!(txid.len(), 64);
        assert!(txid.chars().all(|c| c.is_ascii_hexdigit()));
        assert!(blob.contains(&user.public_key));
        let (_, other) = sign(&tx, "Payment", user, &default_network(), "p2");
        assert_ne!(txid, other);
        assert_eq!(sign(&tx, "Payment", user, &default_network(), "p1").1, txid);
    }
}
