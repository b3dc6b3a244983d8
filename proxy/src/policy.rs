//! Which payloads the proxy agrees to create on the app's behalf.
//!
//! Without a policy file only `SignIn` is allowed. A policy file (TOML) lists the allowed
//! transaction types, the allowed destinations and the maximum amounts:
//!
//! ```toml
//! transaction_types = ["SignIn", "Payment", "TrustSet"]
//! destinations = ["rPEPPER7kfTD9w2To4CQk6UCfuHM9c6GDY"]   # or ["*"] for any
//! allow_txblob = false
//!
//! [max_amounts]
//! XRP = "25000000"                                        # drops
//! USD = "100"                                             # USD of any issuer
//! "EUR/rhub8VRN55s94qWKDv6jmDy1pUykJzF3wq" = "50"          # EUR of that issuer only
//! ```
//!
//! Rules: the `TransactionType` must be listed. A transaction with a `Destination` needs that
//! destination listed (or `"*"`); without a `destinations` key no destination is allowed. Every
//! amount field (`Amount`, `SendMax`, `DeliverMax`, `DeliverMin`, `TakerGets`, `TakerPays`,
//! `LimitAmount`, `Amount2`, ...) needs a maximum for its currency (`CUR/issuer` first, then
//! `CUR`; XRP in drops; an MPT by its issuance id) and must not exceed it. The inner transactions
//! of a `Batch` are checked by the same rules. A `txblob` cannot be inspected, so it is refused
//! unless `allow_txblob = true`.

use std::cmp::Ordering;
use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::path::{Path, PathBuf};

use serde::Deserialize;
use serde_json::Value;

/// Transaction fields that carry an amount, all checked against `max_amounts`.
const AMOUNT_FIELDS: &[&str] = &[
    "Amount",
    "Amount2",
    "DeliverMax",
    "DeliverMin",
    "SendMax",
    "TakerGets",
    "TakerPays",
    "LimitAmount",
    "BidMin",
    "BidMax",
    "EPrice",
    "LPTokenIn",
    "LPTokenOut",
];

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct PolicyFile {
    transaction_types: Vec<String>,
    #[serde(default)]
    destinations: Option<Vec<String>>,
    #[serde(default)]
    max_amounts: BTreeMap<String, toml::Value>,
    #[serde(default)]
    allow_txblob: bool,
}

/// A loaded policy.
#[derive(Clone, Debug)]
pub struct Policy {
    source: Option<PathBuf>,
    transaction_types: BTreeSet<String>,
    /// None = any destination ("*").
    destinations: Option<BTreeSet<String>>,
    max_amounts: BTreeMap<String, Decimal>,
    allow_txblob: bool,
}

/// Why a policy file could not be used.
#[derive(Debug)]
pub struct PolicyError(pub String);

impl fmt::Display for PolicyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for PolicyError {}

/// Why a payload was refused (the message is shown to the developer, e.g. in the browser console).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Refusal(pub String);

impl Policy {
    /// The default: only `SignIn` payloads.
    pub fn only_sign_in() -> Self {
        Self {
            source: None,
            transaction_types: BTreeSet::from(["SignIn".to_owned()]),
            destinations: Some(BTreeSet::new()),
            max_amounts: BTreeMap::new(),
            allow_txblob: false,
        }
    }

    /// Reads a policy file.
    pub fn load(path: &Path) -> Result<Self, PolicyError> {
        let text = std::fs::read_to_string(path)
            .map_err(|e| PolicyError(format!("cannot read policy file {}: {e}", path.display())))?;
        let mut policy = Self::parse(&text)
            .map_err(|e| PolicyError(format!("policy file {}: {}", path.display(), e.0)))?;
        policy.source = Some(path.to_owned());
        Ok(policy)
    }

    /// Parses policy TOML text.
    pub fn parse(text: &str) -> Result<Self, PolicyError> {
        let file: PolicyFile = toml::from_str(text).map_err(|e| PolicyError(e.to_string()))?;
        if file.transaction_types.is_empty() {
            return Err(PolicyError(
                "transaction_types is empty: nothing would be allowed".into(),
            ));
        }
        let destinations = match file.destinations {
            None => Some(BTreeSet::new()),
            Some(list) if list.iter().any(|d| d == "*") => None,
            Some(list) => {
                for d in &list {
                    if !looks_like_classic_address(d) {
                        return Err(PolicyError(format!(
                            "destinations: {d:?} is not a classic r-address"
                        )));
                    }
                }
                Some(list.into_iter().collect())
            }
        };
        let mut max_amounts = BTreeMap::new();
        for (currency, value) in file.max_amounts {
            let text = match &value {
                toml::Value::String(s) => s.clone(),
                toml::Value::Integer(i) => i.to_string(),
                toml::Value::Float(f) => f.to_string(),
                other => {
                    return Err(PolicyError(format!(
                        "max_amounts.{currency}: expected a number, got {other}"
                    )))
                }
            };
            let limit = Decimal::parse(&text)
                .filter(|d| !d.negative)
                .ok_or_else(|| {
                    PolicyError(format!(
                        "max_amounts.{currency}: {text:?} is not a non-negative number"
                    ))
                })?;
            if currency == "XRP" && !is_drops(&text) {
                return Err(PolicyError(format!(
                    "max_amounts.XRP is in drops (a whole number), got {text:?}"
                )));
            }
            max_amounts.insert(currency, limit);
        }
        Ok(Self {
            source: None,
            transaction_types: file.transaction_types.into_iter().collect(),
            destinations,
            max_amounts,
            allow_txblob: file.allow_txblob,
        })
    }

    /// What the start line prints after `policy: `.
    pub fn describe(&self) -> String {
        match &self.source {
            Some(path) => path.display().to_string(),
            None => "none: only SignIn is allowed".to_owned(),
        }
    }

    /// Checks a payload request: `txjson` (an object) or a `txblob`.
    pub fn check_txjson(&self, tx: &Value) -> Result<(), Refusal> {
        self.check_tx(tx, 0)
    }

    /// Checks a `txblob` payload (opaque to the proxy).
    pub fn check_txblob(&self) -> Result<(), Refusal> {
        if self.allow_txblob {
            Ok(())
        } else {
            Err(Refusal(
                "txblob payloads are not allowed by the policy (the proxy cannot inspect them)"
                    .into(),
            ))
        }
    }

    fn check_tx(&self, tx: &Value, depth: usize) -> Result<(), Refusal> {
        let Some(tx) = tx.as_object() else {
            return Err(Refusal("txjson must be an object".into()));
        };
        let kind = tx
            .get("TransactionType")
            .and_then(Value::as_str)
            .ok_or_else(|| Refusal("txjson.TransactionType is missing".into()))?;
        if !self.transaction_types.contains(kind) {
            return Err(Refusal(format!(
                "TransactionType {kind} is not allowed by the policy"
            )));
        }
        if let Some(destination) = tx.get("Destination") {
            let destination = destination.as_str().unwrap_or_default();
            let allowed = match &self.destinations {
                None => true,
                Some(list) => list.contains(destination),
            };
            if !allowed {
                return Err(Refusal(format!(
                    "Destination {destination} is not allowed by the policy"
                )));
            }
        }
        for field in AMOUNT_FIELDS {
            if let Some(amount) = tx.get(*field) {
                self.check_amount(field, amount)?;
            }
        }
        if let Some(inner) = tx.get("RawTransactions") {
            if depth > 0 {
                return Err(Refusal("nested Batch transactions are not allowed".into()));
            }
            let list = inner
                .as_array()
                .ok_or_else(|| Refusal("RawTransactions must be an array".into()))?;
            for item in list {
                let raw = item.get("RawTransaction").ok_or_else(|| {
                    Refusal("RawTransactions entries must hold a RawTransaction".into())
                })?;
                self.check_tx(raw, depth + 1)?;
            }
        }
        Ok(())
    }

    fn check_amount(&self, field: &str, amount: &Value) -> Result<(), Refusal> {
        let (keys, value, unit): (Vec<String>, String, &str) = match amount {
            Value::String(drops) => (vec!["XRP".into()], drops.clone(), " drops"),
            Value::Number(n) => (vec!["XRP".into()], n.to_string(), " drops"),
            Value::Object(o) => {
                let value = o
                    .get("value")
                    .and_then(|v| {
                        v.as_str()
                            .map(str::to_owned)
                            .or_else(|| v.as_number().map(|n| n.to_string()))
                    })
                    .ok_or_else(|| Refusal(format!("{field} has no value")))?;
                if let Some(id) = o.get("mpt_issuance_id").and_then(Value::as_str) {
                    (vec![id.to_owned()], value, "")
                } else {
                    let currency = o
                        .get("currency")
                        .and_then(Value::as_str)
                        .ok_or_else(|| Refusal(format!("{field} has no currency")))?;
                    let mut keys = Vec::new();
                    if let Some(issuer) = o.get("issuer").and_then(Value::as_str) {
                        keys.push(format!("{currency}/{issuer}"));
                    }
                    keys.push(currency.to_owned());
                    (keys, value, "")
                }
            }
            _ => return Err(Refusal(format!("{field} is not an amount"))),
        };
        if unit == " drops" && !is_drops(&value) {
            return Err(Refusal(format!(
                "{field} must be a whole number of drops, got {value:?}"
            )));
        }
        let given = Decimal::parse(&value)
            .ok_or_else(|| Refusal(format!("{field} value {value:?} is not a number")))?;
        let Some((key, limit)) = keys
            .iter()
            .find_map(|k| self.max_amounts.get(k).map(|l| (k, l)))
        else {
            return Err(Refusal(format!(
                "{field} in {} is not allowed by the policy (no maximum set)",
                keys[0]
            )));
        };
        if given.cmp_value(limit) == Ordering::Greater {
            return Err(Refusal(format!(
                "{field} {value}{unit} exceeds the policy's maximum for {key} ({}{unit})",
                limit.original
            )));
        }
        Ok(())
    }
}

fn is_drops(s: &str) -> bool {
    !s.is_empty() && s.len() <= 20 && s.bytes().all(|b| b.is_ascii_digit())
}

fn looks_like_classic_address(s: &str) -> bool {
    const ALPHABET: &str = "rpshnaf39wBUDNEGHJKLM4PQRST7VWXYZ2bcdeCg65jkm8oFqi1tuvAxyz";
    s.starts_with('r') && (25..=35).contains(&s.len()) && s.chars().all(|c| ALPHABET.contains(c))
}

/// An exact decimal (sign, significant digits, power of ten) for comparing amounts without
/// floating-point rounding. Accepts `123`, `-1.5`, `.5`, `1e-3`, `1.2E+4`.
#[derive(Clone, Debug)]
struct Decimal {
    negative: bool,
    /// Significant digits without leading or trailing zeros ("" for zero).
    digits: String,
    /// The value is `0.digits × 10^exponent`.
    exponent: i64,
    original: String,
}

impl Decimal {
    fn parse(text: &str) -> Option<Self> {
        let s = text.trim();
        let (negative, s) = match s.as_bytes().first()? {
            b'-' => (true, &s[1..]),
            b'+' => (false, &s[1..]),
            _ => (false, s),
        };
        let (mantissa, exp) = match s.find(['e', 'E']) {
            Some(i) => (&s[..i], s[i + 1..].parse::<i64>().ok()?),
            None => (s, 0),
        };
        if exp.abs() > 10_000 {
            return None;
        }
        let (int_part, frac_part) = match mantissa.find('.') {
            Some(i) => (&mantissa[..i], &mantissa[i + 1..]),
            None => (mantissa, ""),
        };
        if int_part.is_empty() && frac_part.is_empty() {
            return None;
        }
        if !int_part
            .bytes()
            .chain(frac_part.bytes())
            .all(|b| b.is_ascii_digit())
        {
            return None;
        }
        let all = format!("{int_part}{frac_part}");
        let leading = all.len() - all.trim_start_matches('0').len();
        let digits = all.trim_matches('0').to_owned();
        let exponent = if digits.is_empty() {
            0
        } else {
            int_part.len() as i64 - leading as i64 + exp
        };
        Some(Self {
            negative: negative && !digits.is_empty(),
            digits,
            exponent,
            original: text.trim().to_owned(),
        })
    }

    fn cmp_value(&self, other: &Self) -> Ordering {
        match (self.negative, other.negative) {
            (true, false) => return Ordering::Less,
            (false, true) => return Ordering::Greater,
            _ => {}
        }
        let magnitude = match (self.digits.is_empty(), other.digits.is_empty()) {
            (true, true) => Ordering::Equal,
            (true, false) => Ordering::Less,
            (false, true) => Ordering::Greater,
            (false, false) => self
                .exponent
                .cmp(&other.exponent)
                .then_with(|| self.digits.as_str().cmp(other.digits.as_str())),
        };
        if self.negative {
            magnitude.reverse()
        } else {
            magnitude
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    const DEST: &str = "rPEPPER7kfTD9w2To4CQk6UCfuHM9c6GDY";
    const ISSUER: &str = "rhub8VRN55s94qWKDv6jmDy1pUykJzF3wq";

    fn policy() -> Policy {
        Policy::parse(&format!(
            r#"
            transaction_types = ["SignIn", "Payment", "TrustSet", "Batch"]
            destinations = ["{DEST}"]
            [max_amounts]
            XRP = "1000000"
            USD = "100"
            "EUR/{ISSUER}" = 50
            "#
        ))
        .unwrap()
    }

    #[test]
    fn the_example_policy_file_is_valid() {
        let p = Policy::parse(include_str!("../policy.example.toml")).unwrap();
        let bob = "rLTvnWuMqLnQgiJWSCkisDoMC9kXuiPRcA";
        let pay = |amount: &str| json!({"TransactionType": "Payment", "Destination": bob, "Amount": amount});
        assert!(p.check_txjson(&pay("100000000")).is_ok());
        assert!(p.check_txjson(&pay("100000001")).is_err());
        assert!(p.check_txjson(&json!({"TransactionType": "SignIn"})).is_ok());
    }

    #[test]
    fn default_allows_only_sign_in() {
        let p = Policy::only_sign_in();
        assert!(p
            .check_txjson(&json!({"TransactionType": "SignIn"}))
            .is_ok());
        let err = p
            .check_txjson(
                &json!({"TransactionType": "Payment", "Destination": DEST, "Amount": "1"}),
            )
            .unwrap_err();
        assert!(err.0.contains("Payment"), "{err:?}");
        assert!(p.check_txblob().is_err());
        assert_eq!(p.describe(), "none: only SignIn is allowed");
    }

    #[test]
    fn types_destinations_and_xrp_amounts() {
        let p = policy();
        assert!(p
            .check_txjson(
                &json!({"TransactionType": "Payment", "Destination": DEST, "Amount": "1000000"})
            )
            .is_ok());
        assert!(p
            .check_txjson(
                &json!({"TransactionType": "Payment", "Destination": DEST, "Amount": "1000001"})
            )
            .is_err());
        assert!(p
            .check_txjson(
                &json!({"TransactionType": "Payment", "Destination": ISSUER, "Amount": "1"})
            )
            .is_err());
        assert!(p
            .check_txjson(&json!({"TransactionType": "OfferCreate"}))
            .is_err());
        assert!(p.check_txjson(&json!({"Destination": DEST})).is_err());
        assert!(p
            .check_txjson(
                &json!({"TransactionType": "Payment", "Destination": DEST, "Amount": "1.5"})
            )
            .is_err());
    }

    #[test]
    fn issued_currency_limits_prefer_the_issuer_specific_one() {
        let p = policy();
        let usd = |v: &str| json!({"TransactionType": "Payment", "Destination": DEST, "Amount": {"currency": "USD", "issuer": ISSUER, "value": v}});
        assert!(p.check_txjson(&usd("100")).is_ok());
        assert!(p.check_txjson(&usd("1e2")).is_ok());
        assert!(p.check_txjson(&usd("100.0000001")).is_err());
        let eur = |v: &str, issuer: &str| json!({"TransactionType": "TrustSet", "LimitAmount": {"currency": "EUR", "issuer": issuer, "value": v}});
        assert!(p.check_txjson(&eur("50", ISSUER)).is_ok());
        assert!(p.check_txjson(&eur("51", ISSUER)).is_err());
        assert!(
            p.check_txjson(&eur("1", DEST)).is_err(),
            "EUR of another issuer has no maximum"
        );
        let send_max = json!({"TransactionType": "Payment", "Destination": DEST, "Amount": "1", "SendMax": "2000000"});
        assert!(
            p.check_txjson(&send_max).is_err(),
            "every amount field is capped"
        );
    }

    #[test]
    fn batch_inner_transactions_are_checked() {
        let p = policy();
        let ok = json!({"TransactionType": "Batch", "RawTransactions": [{"RawTransaction": {"TransactionType": "Payment", "Destination": DEST, "Amount": "5"}}]});
        assert!(p.check_txjson(&ok).is_ok());
        let bad = json!({"TransactionType": "Batch", "RawTransactions": [{"RawTransaction": {"TransactionType": "Payment", "Destination": DEST, "Amount": "5000000"}}]});
        assert!(p.check_txjson(&bad).is_err());
    }

    #[test]
    fn wildcard_destination_and_file_errors() {
        let p = Policy::parse(
            "transaction_types = [\"Payment\"]\ndestinations = [\"*\"]\n[max_amounts]\nXRP = 10",
        )
        .unwrap();
        assert!(p
            .check_txjson(
                &json!({"TransactionType": "Payment", "Destination": ISSUER, "Amount": "10"})
            )
            .is_ok());
        assert!(Policy::parse("transaction_types = [\"Payment\"]\ntypo = 1").is_err());
        assert!(Policy::parse("transaction_types = []").is_err());
        assert!(
            Policy::parse("transaction_types = [\"Payment\"]\ndestinations = [\"nope\"]").is_err()
        );
        assert!(
            Policy::parse("transaction_types = [\"Payment\"]\n[max_amounts]\nXRP = \"1.5\"")
                .is_err()
        );
        assert!(
            Policy::parse("transaction_types = [\"Payment\"]\n[max_amounts]\nUSD = \"-1\"")
                .is_err()
        );
    }

    #[test]
    fn decimal_comparison_is_exact() {
        let d = |s| Decimal::parse(s).unwrap();
        assert_eq!(d("100").cmp_value(&d("1e2")), Ordering::Equal);
        assert_eq!(d("0.1").cmp_value(&d(".10")), Ordering::Equal);
        assert_eq!(
            d("99.999999999999999999").cmp_value(&d("100")),
            Ordering::Less
        );
        assert_eq!(d("-5").cmp_value(&d("1")), Ordering::Less);
        assert_eq!(d("0").cmp_value(&d("-0")), Ordering::Equal);
        assert_eq!(d("12E-1").cmp_value(&d("1.2")), Ordering::Equal);
        assert!(Decimal::parse("1.2.3").is_none());
        assert!(Decimal::parse("abc").is_none());
        assert!(Decimal::parse("").is_none());
    }
}
