//! XRPL classic addresses (`r…`): base58 with the XRPL alphabet, version byte 0, 20-byte
//! account id and a 4-byte double-SHA256 checksum.

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
        todo!()
    }
}

/// Check a classic address; `Err` says what is wrong.
pub fn check_classic_address(address: &str) -> Result<(), AddressProblem> {
    todo!()
}

/// `true` when `address` is a valid XRPL classic address (checksum checked).
pub fn is_valid_classic_address(address: &str) -> bool {
    check_classic_address(address).is_ok()
}
