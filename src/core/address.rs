//! XRPL classic addresses (`r…`): base58 with the XRPL alphabet, version byte 0, 20-byte
//! account id and a 4-byte double-SHA256 checksum.

use crate::core::sha256::sha256;

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
            AddressProblem::Shape => "it must start with 'r' and have 25 to 35 characters",
            AddressProblem::Alphabet => "a character is not in the XRPL alphabet (no 0, O, I or l)",
            AddressProblem::Length => "not a 20-byte account id",
            AddressProblem::Checksum => "checksum mismatch",
        }
    }
}

fn digit(c: u8) -> Option<u32> {
    ALPHABET.iter().position(|&a| a == c).map(|p| p as u32)
}

/// Check a classic address; `Err` says what is wrong.
pub fn check_classic_address(address: &str) -> Result<(), AddressProblem> {
    if address.as_bytes().first() != Some(&b'r') || !(25..=35).contains(&address.len()) {
        return Err(AddressProblem::Shape);
    }
    // The base58 digits as one big-endian number. 35 digits are at most 58^35 < 2^206, so 26
    // bytes always hold it, and one byte more than an address needs shows a too-long one.
    let mut number = [0u8; 26];
    for c in address.bytes() {
        let mut carry = digit(c).ok_or(AddressProblem::Alphabet)?;
        for byte in number.iter_mut().rev() {
            carry += u32::from(*byte) * 58;
            *byte = carry as u8;
            carry >>= 8;
        }
    }
    // Each leading `r` (digit 0) stands for a leading zero byte: the version byte 0 comes from
    // the first one. The decoded length is those zero bytes plus the number's own bytes.
    let zeros = address.bytes().take_while(|&c| c == ALPHABET[0]).count();
    let significant = number.iter().position(|&b| b != 0).map_or(0, |first| number.len() - first);
    if zeros + significant != 25 {
        return Err(AddressProblem::Length);
    }
    // Now number[1..] is the version byte 0, the 20-byte account id and the checksum.
    let first = sha256(&number[1..22]);
    let second = sha256(&first);
    if second[..4] != number[22..] {
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
    use crate::core::text::text;

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
        // Too short or too long once decoded, at both ends of the accepted text lengths.
        assert_eq!(check_classic_address(&"r".repeat(35)), Err(AddressProblem::Length));
        assert_eq!(check_classic_address(&text!("r", "z".repeat(34))), Err(AddressProblem::Length));
        assert_eq!(check_classic_address(&text!("r", "z".repeat(24))), Err(AddressProblem::Length));
        // 25 zero bytes have the right length and version; their checksum is not zero.
        assert_eq!(check_classic_address(&"r".repeat(25)), Err(AddressProblem::Checksum));
        // An X-address or a secret is not a classic address.
        assert!(!is_valid_classic_address("X7AcgcsBL6XDcUb289X4mJ8djcdyKaB5hJDWMArnXr61cqZ"));
        assert!(!is_valid_classic_address("snoPBrXtMeMyMHUVTgbuqAfg1SUTb"));
    }
}
