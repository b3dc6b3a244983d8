//! XRPL classic addresses: base58 with the XRPL alphabet over `0x00 ‖ account id ‖ checksum`,
//! where the checksum is the first four bytes of SHA-256(SHA-256(version ‖ account id)).

use sha2::{Digest, Sha256};

const ALPHABET: &[u8; 58] = b"rpshnaf39wBUDNEGHJKLM4PQRST7VWXYZ2bcdeCg65jkm8oFqi1tuvAxyz";
const ACCOUNT_VERSION: u8 = 0x00;

fn checksum(data: &[u8]) -> [u8; 4] {
    let twice = Sha256::digest(Sha256::digest(data));
    [twice[0], twice[1], twice[2], twice[3]]
}

fn base58_encode(bytes: &[u8]) -> String {
    let zeros = bytes.iter().take_while(|b| **b == 0).count();
    // Repeated division of the big-endian number by 58, digits collected least significant first.
    let mut digits: Vec<u8> = Vec::with_capacity(bytes.len() * 138 / 100 + 1);
    for &byte in &bytes[zeros..] {
        let mut carry = byte as u32;
        for digit in digits.iter_mut() {
            carry += (*digit as u32) << 8;
            *digit = (carry % 58) as u8;
            carry /= 58;
        }
        while carry > 0 {
            digits.push((carry % 58) as u8);
            carry /= 58;
        }
    }
    let mut out = String::with_capacity(zeros + digits.len());
    out.extend(std::iter::repeat(ALPHABET[0] as char).take(zeros));
    out.extend(digits.iter().rev().map(|d| ALPHABET[*d as usize] as char));
    out
}

fn base58_decode(text: &str) -> Option<Vec<u8>> {
    let zeros = text.bytes().take_while(|c| *c == ALPHABET[0]).count();
    let mut bytes: Vec<u8> = Vec::new(); // little-endian
    for c in text.bytes().skip(zeros) {
        let mut carry = ALPHABET.iter().position(|a| *a == c)? as u32;
        for byte in bytes.iter_mut() {
            carry += (*byte as u32) * 58;
            *byte = (carry & 0xff) as u8;
            carry >>= 8;
        }
        while carry > 0 {
            bytes.push((carry & 0xff) as u8);
            carry >>= 8;
        }
    }
    let mut out = vec![0u8; zeros];
    out.extend(bytes.iter().rev());
    Some(out)
}

/// The classic address (`r…`) of a 20-byte account id.
pub fn encode_account_id(account_id: &[u8; 20]) -> String {
    let mut data = Vec::with_capacity(25);
    data.push(ACCOUNT_VERSION);
    data.extend_from_slice(account_id);
    let sum = checksum(&data);
    data.extend_from_slice(&sum);
    base58_encode(&data)
}

/// The 20-byte account id of a classic address, or `None` when the text is not a valid address
/// (wrong alphabet, length, version byte or checksum).
pub fn decode_classic_address(address: &str) -> Option<[u8; 20]> {
    if !address.starts_with('r') || address.len() < 25 || address.len() > 35 {
        return None;
    }
    let data = base58_decode(address)?;
    if data.len() != 25 || data[0] != ACCOUNT_VERSION {
        return None;
    }
    if checksum(&data[..21]) != data[21..] {
        return None;
    }
    let mut id = [0u8; 20];
    id.copy_from_slice(&data[1..21]);
    Some(id)
}

/// True for a valid classic address.
pub fn is_valid_classic_address(address: &str) -> bool {
    decode_classic_address(address).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_addresses_round_trip() {
        // The "account zero" and "account one" addresses of the XRP Ledger documentation.
        assert_eq!(encode_account_id(&[0u8; 20]), "rrrrrrrrrrrrrrrrrrrrrhoLvTp");
        let mut one = [0u8; 20];
        one[19] = 1;
        assert_eq!(encode_account_id(&one), "rrrrrrrrrrrrrrrrrrrrBZbvji");
        // A real mainnet address (from the reference fixtures) decodes and re-encodes.
        let id = decode_classic_address("rPEPPER7kfTD9w2To4CQk6UCfuHM9c6GDY").expect("valid");
        assert_eq!(encode_account_id(&id), "rPEPPER7kfTD9w2To4CQk6UCfuHM9c6GDY");
    }

    #[test]
    fn bad_addresses_are_refused() {
        assert!(!is_valid_classic_address("rPEPPER7kfTD9w2To4CQk6UCfuHM9c6GDZ"));
        assert!(!is_valid_classic_address("xPEPPER7kfTD9w2To4CQk6UCfuHM9c6GDY"));
        assert!(!is_valid_classic_address("r0OIl"));
        assert!(!is_valid_classic_address(""));
    }
}
