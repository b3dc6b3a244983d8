//! The `TransactionType`s the SDK accepts in `txjson`.
//!
//! The list = the official JS SDK's list (XRPL + Xahau types and the two Xaman pseudo types)
//! plus the XRP Ledger mainnet types added since (AMM, Clawback, DID, Oracle, Credentials,
//! MPTokens, Permissioned Domains, NFTokenModify, Batch, DelegateSet, Vaults, XChain bridges,
//! LedgerStateFix). The platform accepts every mainnet type; a name not in this list is almost
//! always a typo, and is refused before anything is sent.

use crate::core::encoding::cut;

/// Pseudo types: signed by Xaman but never submitted to a ledger.
pub const PSEUDO_TYPES: &[&str] = &["SignIn", "PaymentChannelAuthorize"];

/// Defines `TRANSACTION_TYPES` from the list below, and `NAMES`: the same names in one text,
/// each followed by a space, which the checks scan (the wasm then holds no table of pointers).
/// The list stays a plain `pub const` in the source: scripts/build.sh reads it for index.d.ts.
macro_rules! transaction_types {
    ($(#[$doc:meta])* pub const TRANSACTION_TYPES: &[&str] = &[$($name:literal),+ $(,)?];) => {
        $(#[$doc])*
        pub const TRANSACTION_TYPES: &[&str] = &[$($name),+];
        const NAMES: &str = concat!($($name, " "),+);
    };
}

transaction_types! {
/// Every accepted `TransactionType`, sorted.
pub const TRANSACTION_TYPES: &[&str] = &[
    "AMMBid",
    "AMMClawback",
    "AMMCreate",
    "AMMDelete",
    "AMMDeposit",
    "AMMVote",
    "AMMWithdraw",
    "AccountDelete",
    "AccountSet",
    "Batch",
    "CheckCancel",
    "CheckCash",
    "CheckCreate",
    "ClaimReward",
    "Clawback",
    "CredentialAccept",
    "CredentialCreate",
    "CredentialDelete",
    "DIDDelete",
    "DIDSet",
    "DelegateSet",
    "DepositPreauth",
    "EscrowCancel",
    "EscrowCreate",
    "EscrowFinish",
    "Import",
    "Invoke",
    "LedgerStateFix",
    "MPTokenAuthorize",
    "MPTokenIssuanceCreate",
    "MPTokenIssuanceDestroy",
    "MPTokenIssuanceSet",
    "NFTokenAcceptOffer",
    "NFTokenBurn",
    "NFTokenCancelOffer",
    "NFTokenCreateOffer",
    "NFTokenMint",
    "NFTokenModify",
    "OfferCancel",
    "OfferCreate",
    "OracleDelete",
    "OracleSet",
    "Payment",
    "PaymentChannelAuthorize",
    "PaymentChannelClaim",
    "PaymentChannelCreate",
    "PaymentChannelFund",
    "PermissionedDomainDelete",
    "PermissionedDomainSet",
    "Remit",
    "SetHook",
    "SetRegularKey",
    "SignIn",
    "SignerListSet",
    "TicketCreate",
    "TrustSet",
    "URITokenBurn",
    "URITokenBuy",
    "URITokenCancelSellOffer",
    "URITokenCreateSellOffer",
    "URITokenMint",
    "VaultClawback",
    "VaultCreate",
    "VaultDelete",
    "VaultDeposit",
    "VaultSet",
    "VaultWithdraw",
    "XChainAccountCreateCommit",
    "XChainAddAccountCreateAttestation",
    "XChainAddClaimAttestation",
    "XChainClaim",
    "XChainCommit",
    "XChainCreateBridge",
    "XChainCreateClaimID",
    "XChainModifyBridge",
];
}

/// `true` when `name` is an accepted type (case-sensitive, as the ledger is).
pub fn is_known(name: &str) -> bool {
    find_name(name, false).is_some()
}

/// The accepted type that differs from `name` only in letter case, if any.
pub fn case_insensitive_match(name: &str) -> Option<&'static str> {
    find_name(name, true)
}

/// The name in `NAMES` equal to `name` (ignoring ASCII case when asked). Every name there is
/// followed by a space, so the scan ends on the empty rest after the last one.
fn find_name(name: &str, ignore_case: bool) -> Option<&'static str> {
    let mut rest = NAMES;
    while let (candidate, Some(next)) = cut(rest, b' ') {
        if candidate == name || (ignore_case && candidate.eq_ignore_ascii_case(name)) {
            return Some(candidate);
        }
        rest = next;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn list_is_sorted_and_has_the_reference_types() {
        let mut sorted = TRANSACTION_TYPES.to_vec();
        sorted.sort_unstable();
        sorted.dedup();
        assert_eq!(sorted, TRANSACTION_TYPES, "keep TRANSACTION_TYPES sorted and unique");
        for t in [
            "SignIn", "PaymentChannelAuthorize", "AccountDelete", "AccountSet", "CheckCancel", "CheckCash",
            "CheckCreate", "ClaimReward", "DepositPreauth", "EscrowCancel", "EscrowCreate", "EscrowFinish",
            "Import", "Invoke", "NFTokenAcceptOffer", "NFTokenBurn", "NFTokenCancelOffer", "NFTokenCreateOffer",
            "NFTokenMint", "OfferCancel", "OfferCreate", "Payment", "PaymentChannelClaim",
            "PaymentChannelCreate", "PaymentChannelFund", "Remit", "SetHook", "SetRegularKey", "SignerListSet",
            "TicketCreate", "TrustSet", "URITokenBurn", "URITokenBuy", "URITokenCancelSellOffer",
            "URITokenCreateSellOffer", "URITokenMint",
        ] {
            assert!(is_known(t), "{t}");
        }
        for p in PSEUDO_TYPES {
            assert!(is_known(p));
        }
        assert_eq!(NAMES.split_terminator(' ').collect::<Vec<_>>(), TRANSACTION_TYPES);
        assert!(!is_known(""));
        assert!(!is_known("Payment "));
        assert!(!is_known("payment"));
        assert!(!is_known("Paymnet"));
        assert_eq!(case_insensitive_match("payment"), Some("Payment"));
        assert_eq!(case_insensitive_match("signin"), Some("SignIn"));
        assert_eq!(case_insensitive_match("xchainmodifybridge"), Some("XChainModifyBridge"));
        assert_eq!(case_insensitive_match("AMMBID"), Some("AMMBid"));
        assert_eq!(case_insensitive_match(""), None);
        assert_eq!(case_insensitive_match("payment "), None);
        assert_eq!(case_insensitive_match("Payment Clawback"), None);
    }
}
