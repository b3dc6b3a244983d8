//! Transaction types the platform accepts, their binary codes (to read a `txblob`), and the
//! networks a simulated wallet can be on.

/// Xaman's pseudo transaction types: signed by the wallet, never submitted to a ledger.
pub const PSEUDO_TYPES: [&str; 2] = ["SignIn", "PaymentChannelAuthorize"];

/// Ledger transaction types with their `TransactionType` field codes (XRPL and Xahau).
const LEDGER_TYPES: &[(&str, Option<u16>)] = &[
    ("Payment", Some(0)),
    ("EscrowCreate", Some(1)),
    ("EscrowFinish", Some(2)),
    ("AccountSet", Some(3)),
    ("EscrowCancel", Some(4)),
    ("SetRegularKey", Some(5)),
    ("OfferCreate", Some(7)),
    ("OfferCancel", Some(8)),
    ("TicketCreate", Some(10)),
    ("SignerListSet", Some(12)),
    ("PaymentChannelCreate", Some(13)),
    ("PaymentChannelFund", Some(14)),
    ("PaymentChannelClaim", Some(15)),
    ("CheckCreate", Some(16)),
    ("CheckCash", Some(17)),
    ("CheckCancel", Some(18)),
    ("DepositPreauth", Some(19)),
    ("TrustSet", Some(20)),
    ("AccountDelete", Some(21)),
    ("SetHook", Some(22)),
    ("NFTokenMint", Some(25)),
    ("NFTokenBurn", Some(26)),
    ("NFTokenCreateOffer", Some(27)),
    ("NFTokenCancelOffer", Some(28)),
    ("NFTokenAcceptOffer", Some(29)),
    ("Clawback", Some(30)),
    ("AMMClawback", Some(31)),
    ("AMMCreate", Some(35)),
    ("AMMDeposit", Some(36)),
    ("AMMWithdraw", Some(37)),
    ("AMMVote", Some(38)),
    ("AMMBid", Some(39)),
    ("AMMDelete", Some(40)),
    ("XChainCreateClaimID", Some(41)),
    ("XChainCommit", Some(42)),
    ("XChainClaim", Some(43)),
    ("XChainAccountCreateCommit", Some(44)),
    ("XChainAddClaimAttestation", Some(45)),
    ("XChainAddAccountCreateAttestation", Some(46)),
    ("XChainModifyBridge", Some(47)),
    ("XChainCreateBridge", Some(48)),
    ("DIDSet", Some(49)),
    ("DIDDelete", Some(50)),
    ("OracleSet", Some(51)),
    ("OracleDelete", Some(52)),
    ("LedgerStateFix", Some(53)),
    ("MPTokenIssuanceCreate", Some(54)),
    ("MPTokenIssuanceDestroy", Some(55)),
    ("MPTokenIssuanceSet", Some(56)),
    ("MPTokenAuthorize", Some(57)),
    ("CredentialCreate", Some(58)),
    ("CredentialAccept", Some(59)),
    ("CredentialDelete", Some(60)),
    ("NFTokenModify", Some(61)),
    ("PermissionedDomainSet", Some(62)),
    ("PermissionedDomainDelete", Some(63)),
    ("DelegateSet", Some(64)),
    ("Batch", Some(71)),
    // Xahau-only types: their codes overlap XRPL ones, so a blob never maps to them.
    ("ClaimReward", None),
    ("Invoke", None),
    ("Import", None),
    ("Remit", None),
    ("URITokenMint", None),
    ("URITokenBurn", None),
    ("URITokenBuy", None),
    ("URITokenCreateSellOffer", None),
    ("URITokenCancelSellOffer", None),
];

/// True for a `TransactionType` the platform accepts in `txjson`.
pub fn is_known_type(name: &str) -> bool {
    PSEUDO_TYPES.contains(&name) || LEDGER_TYPES.iter().any(|(n, _)| *n == name)
}

/// True for Xaman's pseudo types (never submitted, so never `dispatched`).
pub fn is_pseudo(name: &str) -> bool {
    PSEUDO_TYPES.contains(&name)
}

/// The binary `TransactionType` code of an XRP Ledger type.
pub fn type_code(name: &str) -> Option<u16> {
    LEDGER_TYPES
        .iter()
        .find(|(n, _)| *n == name)
        .and_then(|(_, c)| *c)
}

/// Reads the transaction type of a hex transaction blob: canonical serialisation starts with the
/// `TransactionType` field (`0x12` + big-endian UInt16). `None` when the blob is not hex, too
/// short, or starts with anything else.
pub fn blob_type(txblob: &str) -> Option<&'static str> {
    if txblob.len() < 6 || txblob.len() % 2 != 0 {
        return None;
    }
    let bytes = hex::decode(txblob).ok()?;
    if bytes[0] != 0x12 {
        return None;
    }
    let code = u16::from_be_bytes([bytes[1], bytes[2]]);
    LEDGER_TYPES
        .iter()
        .find(|(_, c)| *c == Some(code))
        .map(|(n, _)| *n)
}

/// A network the simulated wallet signs for (the `rails` key, its node and network id).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Network {
    pub key: &'static str,
    pub node: &'static str,
    pub network_id: u32,
}

const NETWORKS: [Network; 4] = [
    Network { key: "MAINNET", node: "wss://xrplcluster.com", network_id: 0 },
    Network { key: "TESTNET", node: "wss://s.altnet.rippletest.net:51233", network_id: 1 },
    Network { key: "XAHAU", node: "wss://xahau.network", network_id: 21337 },
    Network { key: "XAHAUTESTNET", node: "wss://xahau-test.net", network_id: 21338 },
];

/// The network with this key (case-insensitive), if the sandbox knows it.
pub fn network(key: &str) -> Option<Network> {
    NETWORKS.iter().find(|n| n.key.eq_ignore_ascii_case(key)).cloned()
}

/// The network the simulated wallet is on unless a payload forces another one.
pub fn default_network() -> Network {
    NETWORKS[0].clone()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn types_and_blobs() {
        assert!(is_known_type("SignIn"));
        assert!(is_known_type("Payment"));
        assert!(is_known_type("URITokenMint"));
        assert!(!is_known_type("TransactionFoo"));
        assert!(!is_known_type("payment"));
        assert_eq!(blob_type("120000228000000024"), Some("Payment"));
        assert_eq!(blob_type("12000322800000"), Some("AccountSet"));
        assert_eq!(blob_type("130000"), None);
        assert_eq!(blob_type("12zz00"), None);
        assert_eq!(type_code("TrustSet"), Some(20));
        assert_eq!(type_code("URITokenMint"), None);
        assert_eq!(network("testnet").map(|n| n.network_id), Some(1));
    }
}
