//! Rules for `txjson`: a known `TransactionType`, valid addresses, amounts and tags, and the
//! required fields of Payment and the pseudo types.

use super::{is_one_of, is_secret_key, joined, joined4, message_showing, message_with_kind, tx_types};
use crate::core::address::check_classic_address;
use crate::core::encoding::{cut, is_hex};
use crate::core::error::{err, ErrorCode, Result};
use crate::core::json::JsonValue;
use crate::prelude::*;

/// The checked top-level txjson fields, in the order they are checked, each followed by a
/// space and preceded by what it must hold: `@` an account address, `#` an unsigned 32-bit
/// integer, `$` an amount (drops string or issued/MPT amount object), `%` a fee (drops, zero
/// allowed). One text and one loop instead of a table and a loop per kind (smaller wasm).
const CHECKED_FIELDS: &str = "@Account @Destination @Owner @RegularKey @Authorize @Unauthorize @Holder @Issuer \
    @Subject @Delegate #DestinationTag #SourceTag #Flags #Sequence #LastLedgerSequence #TicketSequence #NetworkID \
    $Amount $DeliverMax $SendMax $DeliverMin $LimitAmount $TakerGets $TakerPays %Fee ";

/// Largest XRP amount in drops (100 billion XRP).
const MAX_DROPS: u64 = 100_000_000_000_000_000;

fn invalid<T>(message: String) -> Result<T> {
    err(ErrorCode::InvalidPayload, message)
}

pub(super) fn validate_txjson(tx: &JsonValue) -> Result<()> {
    let Some(members) = tx.as_object() else {
        return invalid(message_with_kind("txjson must be an object, got ", "", tx));
    };
    if let Some((key, _)) = members.iter().find(|(k, _)| is_secret_key(k) || is_seed_key(k)) {
        return err(
            ErrorCode::SecretInBrowser,
            joined4("txjson.", key, ": a secret never belongs in a payload", ""),
        );
    }
    let tx_type = match tx.get("TransactionType") {
        None | Some(JsonValue::Null) => {
            return invalid(
                "txjson.TransactionType is missing (e.g. \"Payment\" or \"SignIn\")".into(),
            )
        }
        Some(JsonValue::String(t)) => t.as_str(),
        Some(other) => return invalid(message_with_kind("txjson.TransactionType must be a string, got ", "", other)),
    };
    if !tx_types::is_known(tx_type) {
        let hint = match tx_types::case_insensitive_match(tx_type) {
            Some(right) => joined4(" (did you mean '", right, "'?)", ""),
            None => String::new(),
        };
        return invalid(joined4(
            "txjson.TransactionType: '",
            tx_type,
            "' is not a transaction type Xaman can sign",
            &hint,
        ));
    }
    let mut rest = CHECKED_FIELDS;
    while let (entry, Some(next)) = cut(rest, b' ') {
        rest = next;
        let (Some(&check), Some(field)) = (entry.as_bytes().first(), entry.get(1..)) else { continue };
        let Some(value) = tx.get(field) else { continue };
        let path = joined("txjson.", field);
        match check {
            b'@' => check_address(&path, value, ErrorCode::InvalidPayload),
            b'#' => check_uint32(&path, value),
            b'$' => check_amount(&path, value),
            _ => check_drops(&path, value, true),
        }?;
    }
    let missing = |field: &str| invalid(joined4("txjson.", field, " is missing: a ", tx_type) + " needs it");
    match tx_type {
        "Payment" => {
            if tx.get("Destination").is_none() {
                return missing("Destination");
            }
            if tx.get("Amount").is_none() && tx.get("DeliverMax").is_none() {
                return missing("Amount");
            }
        }
        "PaymentChannelAuthorize" => {
            match tx.get("Channel") {
                None => return missing("Channel"),
                Some(JsonValue::String(c)) if c.len() == 64 && is_hex(c) => {}
                Some(other) => {
                    return invalid(message_showing(
                        "txjson.Channel",
                        ": ",
                        other,
                        " is not a channel id (64 hex characters)",
                    ))
                }
            }
            match tx.get("Amount") {
                None => return missing("Amount"),
                Some(amount) => check_drops("txjson.Amount", amount, false)?,
            }
        }
        _ => {}
    }
    Ok(())
}

pub(super) fn is_seed_key(key: &str) -> bool {
    is_one_of(key, "seed masterseed master_seed privatekey private_key mnemonic passphrase ", false)
}

/// `value` must be a valid classic address string.
pub(crate) fn check_address(path: &str, value: &JsonValue, code: ErrorCode) -> Result<()> {
    match value {
        JsonValue::String(a) => check_classic_address(a).map_err(|problem| {
            let mut message = joined4(path, ": '", a, "' is not a valid XRPL classic address (");
            message.push_str(problem.describe());
            message.push(')');
            crate::core::XamanError::new(code, message)
        }),
        other => err(code, message_with_kind(path, " must be an r-address string, got ", other)),
    }
}

fn check_uint32(path: &str, value: &JsonValue) -> Result<()> {
    match value.as_i64() {
        Some(n) if (0..=u32::MAX as i64).contains(&n) => Ok(()),
        _ => invalid(message_showing(path, ": ", value, " must be a whole number from 0 to 4294967295")),
    }
}

/// An XRP amount: a string of digits (drops). `allow_zero` for fees.
fn check_drops(path: &str, value: &JsonValue, allow_zero: bool) -> Result<()> {
    let text = match value {
        JsonValue::String(s) if !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit()) => s,
        other => {
            return invalid(message_showing(path, ": ", other, " must be a string of whole drops, e.g. \"1000000\" = 1 XRP"))
        }
    };
    // Up to 18 digits fit a u64 without overflow; more are always above the maximum.
    let drops = text.bytes().fold(0u64, |n, b| n.wrapping_mul(10).wrapping_add(u64::from(b - b'0')));
    if text.len() > 18 || drops > MAX_DROPS {
        return invalid(joined4(path, ": '", text, "' drops is more XRP than exists"));
    }
    if drops == 0 && !allow_zero {
        return invalid(joined(path, ": the amount must be more than 0"));
    }
    Ok(())
}

/// An amount: XRP as a string of drops, or a token amount object. Token amounts are checked
/// for their shape only: `{ currency, issuer, value }` (the issuer a valid address) or
/// `{ mpt_issuance_id, value }`, every member a non-empty string. The currency code and the
/// decimal value are left to the platform (this keeps the wasm small; see the README).
fn check_amount(path: &str, value: &JsonValue) -> Result<()> {
    let JsonValue::Object(_) = value else {
        return check_drops(path, value, false);
    };
    let has = |key: &str| value.get(key).and_then(JsonValue::as_str).is_some_and(|s| !s.is_empty());
    let mpt = has("mpt_issuance_id");
    if !has("value") || !(mpt || (has("currency") && has("issuer"))) {
        return invalid(joined(
            path,
            " must be { currency, issuer, value } or { mpt_issuance_id, value } with string members, \
             e.g. { currency: \"USD\", issuer: \"r…\", value: \"10.5\" }",
        ));
    }
    match value.get("issuer") {
        Some(issuer) if !mpt => check_address(&joined(path, ".issuer"), issuer, ErrorCode::InvalidPayload),
        _ => Ok(()),
    }
}
