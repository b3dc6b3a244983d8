//! XRPL classic addresses (`r…`): base58 with the XRPL alphabet, version byte 0, 20-byte
//! account id and a 4-byte double-SHA256 checksum.

use crate::core::sha256::sha256;
use crate::prelude::*;

const ALPHABET: &[u8; 58] = b"rpshnaf39wBUDNEGHJKLM4PQRST7VWXYZ2bcdeCg65jkm8oFqi1tuvAxyz";

/// Why a string is not a classic address (used in error messages).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AddressProblem {
    /// Not a string starting with `r` of 25–35 characters.
    Shape,
    /// A character outside the XRPL base58 alphabet.
    Alphabet,
    /// Decodes to the wrong length or version byte.
    Length,
    /// Checksum mismatch (a typo).
    Checksum,
}

impl AddressProblem {
    /// Human explanation, e.g. "checksum mismatch".
    pub fn describe(self) -> &'static str {
        match self {
            AddressProblem::Shape => "an XRPL classic address starts with 'r' and has 25 to 35 characters",
            AddressProblem::Alphabet => "it contains a character outside the XRPL base58 alphabet (no 0, O, I or l)",
            AddressProblem::Length => "it does not decode to a 20-byte account id",
            AddressProblem::Checksum => "checksum mismatch",
        }
    }
}

fn digit(c: u8) -> Option<u32> {
    ALPHABET.iter().position(|&a| a == c).map(|p| p as u32)
}

/// Decode XRPL base58 text to bytes (leading `r`s become leading zero bytes).
fn base58_decode(text: &str) -> Result<Vec<u8>, AddressProblem> {
    let mut bytes: Vec<u8> = Vec::with_capacity(32);
    for &c in text.as_bytes() {
        let mut carry = digit(c).ok_or(AddressProblem::Alphabet)?;
        for b in bytes.iter_mut().rev() {
            carry += u32::from(*b) * 58;
            *b = carry as u8;
            carry >>= 8;
        }
        while carry > 0 {
            bytes.insert(0, carry as u8);
            carry >>= 8;
        }
    }
    let zeros = text.bytes().take_while(|&c| c == ALPHABET[0]).count();
    let mut out = vec![0u8; zeros];
    out.extend(bytes.into_iter().skip_while(|&b| b == 0));
    Ok(out)
}

/// Check a classic address; `Err` says what is wrong.
pub fn check_classic_address(address: &str) -> Result<(), AddressProblem> {
    if !address.starts_with('r') || !(25..=35).contains(&address.len()) {
        return Err(AddressProblem::Shape);
    }
    let bytes = base58_decode(address)?;
    if bytes.len() != 25 || bytes[0] != 0 {
        return Err(AddressProblem::Length);
    }
    let first = sha256(&bytes[..21]);
    let second = sha256(&first);
    if second[..4] != bytes[21..] {
        return Err(AddressProblem::Checksum);
    }
    Ok(())
}

/// `true` when `address` is a valid XRPL classic address (checksum checked).
pub fn is_valid_classic_address(address: &str) -> bool {
    check_classic_address(address).is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    const GOOD: &[&str] = &[
        "rPEPPER7kfTD9w2To4CQk6UCfuHM9c6GDY",
        "rwiETSee2wMz3SBnAG8hkMsCgvGy9LWbZ1",
        "rrrrrrrrrrrrrrrrrrrrrhoLvTp",
        "rrrrrrrrrrrrrrrrrrrrBZbvji",
        "rHb9CJAWyB4rj91VRWn96DkukG4bwdtyTh",
        "r4bA4uZgXadPMzURqGLCvCmD48FmXJWHCG",
        "rXUMMMaopSo4RUvucwS993hBegnK8WmwV",
        "rwietsevLFg8XSmG3bEZzFein1g8RBqWDZ",
    ];

    #[test]
    fn known_good_addresses() {
        for a in GOOD {
            assert_eq!(check_classic_address(a), Ok(()), "{a}");
        }
    }

    #[test]
    fn every_single_character_corruption_is_caught() {
        for a in GOOD {
            for i in 1..a.len() {
                for &c in ALPHABET.iter() {
                    if a.as_bytes()[i] == c {
                        continue;
                    }
                    let mut bad = a.as_bytes().to_vec();
                    bad[i] = c;
                    let bad = String::from_utf8(bad).unwrap();
                    assert!(!is_valid_classic_address(&bad), "{bad} accepted (from {a})");
                }
            }
        }
    }

    #[test]
    fn problems_are_named() {
        assert_eq!(check_classic_address(""), Err(AddressProblem::Shape));
        assert_eq!(check_classic_address("xPEPPER7kfTD9w2To4CQk6UCfuHM9c6GDY"), Err(AddressProblem::Shape));
        assert_eq!(check_classic_address("rPEPPER7kfTD9w2To4CQk6UCfuHM9c6GD0"), Err(AddressProblem::Alphabet));
        assert_eq!(check_classic_address("rPEPPER7kfTD9w2To4CQk6UCfuHM9c6GDZ"), Err(AddressProblem::Checksum));
        assert_eq!(check_classic_address("rPEPPER7kfTD9w2To4CQk6UCfuHM9c6GDYY"), Err(AddressProblem::Length));
        // An X-address or a secret is not a classic address.
        assert!(!is_valid_classic_address("X7AcgcsBL6XDcUb289X4mJ8djcdyKaB5hJDWMArnXr61cqZ"));
        assert!(!is_valid_classic_address("snoPBrXtMeMyMHUVTgbuqAfg1SUTb"));
    }
}
