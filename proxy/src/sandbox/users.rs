//! The simulated phone's users: a fixed, deterministic set of wallet owners with valid classic
//! addresses. Each user's key pair is simulated: the public key is derived from the user's name and
//! the account id from the public key exactly as the XRP Ledger does
//! (RIPEMD-160 of SHA-256 of the public key), so address, account id and `signer_pubkey` agree.

use ripemd::Ripemd160;
use serde::Serialize;
use serde_json::{json, Value};
use sha2::{Digest, Sha256};

use super::address::encode_account_id;

/// One user of the simulated phone.
#[derive(Clone, Debug, Serialize, PartialEq, Eq)]
pub struct SandboxUser {
    /// Display name (the account name shown in the wallet).
    pub name: String,
    /// Classic address, `r…`.
    pub account: String,
    /// The platform's id of this Xaman user (`response.user`, OTT `user`).
    pub user_uuid: String,
    /// Hex public key (`response.signer_pubkey`): `ED` + 32 bytes, an Ed25519-style key.
    pub public_key: String,
}

/// The platform's public profile of an account, as the xApp OTT data (`account_info`) and the
/// OAuth2 `userinfo` answer show it: `account`, `name`, and the fields that are the same for every
/// sandbox user (no domain, not blocked, no KYC, no Pro subscription, no profile page).
pub(crate) fn account_profile(account: &str, name: Option<&str>) -> Value {
    json!({
        "account": account,
        "name": name,
        "domain": null,
        "blocked": false,
        "source": "",
        "kycApproved": false,
        "proSubscription": false,
        "profile": { "slug": null, "profileUrl": null, "accountSlug": null, "payString": null },
    })
}

const NAMES: [&str; 4] = ["Alice", "Bob", "Carol", "Dave"];

fn derive(name: &str) -> SandboxUser {
    let seed = Sha256::digest(format!("xaman-sandbox user {name}").as_bytes());
    let mut public_key = Vec::with_capacity(33);
    public_key.push(0xED);
    public_key.extend_from_slice(&seed);
    let account_id: [u8; 20] = Ripemd160::digest(Sha256::digest(&public_key)).into();

    let id = Sha256::digest(format!("xaman-sandbox user id {name}").as_bytes());
    let mut uuid_bytes = [0u8; 16];
    uuid_bytes.copy_from_slice(&id[..16]);
    let user_uuid = uuid::Builder::from_random_bytes(uuid_bytes).into_uuid().to_string();

    SandboxUser {
        name: name.to_string(),
        account: encode_account_id(&account_id),
        user_uuid,
        public_key: hex::encode_upper(&public_key),
    }
}

/// The sandbox's users, always the same ones in the same order (the first is the default signer).
pub fn sandbox_users() -> Vec<SandboxUser> {
    NAMES.iter().map(|n| derive(n)).collect()
}

/// The user with this classic address, if it is one of the sandbox's users.
pub fn find_user(account: &str) -> Option<SandboxUser> {
    sandbox_users().into_iter().find(|u| u.account == account)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sandbox::address::is_valid_classic_address;

    #[test]
    fn users_are_deterministic_and_valid() {
        let a = sandbox_users();
        let b = sandbox_users();
        assert_eq!(a, b);
        assert_eq!(a.len(), 4);
        for u in &a {
            assert!(is_valid_classic_address(&u.account), "{}", u.account);
            assert_eq!(u.public_key.len(), 66);
            assert!(uuid::Uuid::parse_str(&u.user_uuid).is_ok());
        }
        let mut accounts: Vec<_> = a.iter().map(|u| &u.account).collect();
        accounts.dedup();
        assert_eq!(accounts.len(), 4);
        assert_eq!(find_user(&a[1].account).map(|u| u.name), Some("Bob".to_string()));
        assert_eq!(find_user("rPEPPER7kfTD9w2To4CQk6UCfuHM9c6GDY"), None);
    }
}
