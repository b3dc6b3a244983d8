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

/// A decimal string as the ledger accepts for issued amounts: `-?digits[.digits][e±digits]`.
fn is_decimal_string(s: &str) -> bool {
    // One pass over the bytes. `part`: 0 mantissa before a `.`, 1 after it, 2 exponent.
    let mut part = 0;
    let mut mantissa_digits = false;
    let mut exponent_digits = false;
    for (i, b) in s.bytes().enumerate() {
        match b {
            b'0'..=b'9' if part < 2 => mantissa_digits = true,
            b'0'..=b'9' => exponent_digits = true,
            b'-' if i == 0 => {}
            b'.' if part == 0 => part = 1,
            b'e' | b'E' if part < 2 && mantissa_digits => part = 2,
            b'-' | b'+' if part == 2 && !exponent_digits && matches!(s.as_bytes().get(i - 1), Some(b'e' | b'E')) => {}
            _ => return false,
        }
    }
    mantissa_digits && (part < 2 || exponent_digits)
}

fn check_currency(path: &str, value: Option<&JsonValue>) -> Result<()> {
    match value {
        None => invalid(joined(path, ".currency is missing: give a 3-letter code like \"USD\" or 40 hex characters")),
        Some(JsonValue::String(c)) if c == "XRP" => invalid(joined(
            path,
            ".currency: XRP is not an issued currency; give XRP as a string of drops instead of an object",
        )),
        Some(JsonValue::String(c))
            if (c.len() == 3 && c.bytes().all(|b| b.is_ascii_graphic())) || (c.len() == 40 && is_hex(c)) =>
        {
            Ok(())
        }
        Some(other) => invalid(message_showing(
            path,
            ".currency: ",
            other,
            " is not a currency code (3 characters like \"USD\", or 40 hex characters)",
        )),
    }
}

fn check_amount(path: &str, value: &JsonValue) -> Result<()> {
    let JsonValue::Object(_) = value else {
        return check_drops(path, value, false);
    };
    let value_path = joined(path, ".value");
    if let Some(id) = value.get("mpt_issuance_id") {
        match id {
            JsonValue::String(s) if s.len() == 48 && is_hex(s) => {}
            other => return invalid(message_showing(
                path,
                ".mpt_issuance_id: ",
                other,
                " is not an MPT issuance id (48 hex characters)",
            )),
        }
        return match value.get("value") {
            Some(JsonValue::String(v)) if !v.is_empty() && v.bytes().all(|b| b.is_ascii_digit()) => Ok(()),
            Some(other) => invalid(message_showing(&value_path, ": ", other, " must be a string of digits")),
            None => invalid(joined(&value_path, " is missing")),
        };
    }
    check_currency(path, value.get("currency"))?;
    match value.get("issuer") {
        None => return invalid(joined(path, ".issuer is missing: an issued amount needs the issuer's r-address")),
        Some(issuer) => check_address(&joined(path, ".issuer"), issuer, ErrorCode::InvalidPayload)?,
    }
    match value.get("value") {
        None => invalid(joined(&value_path, " is missing: give the amount as a decimal string, e.g. \"10.5\"")),
        Some(JsonValue::String(v)) if is_decimal_string(v) => Ok(()),
        Some(JsonValue::Number(_)) => invalid(message_showing(
            &value_path,
            ": ",
            value.get("value").unwrap_or(&JsonValue::Null),
            " is a number; issued amounts are decimal strings, e.g. \"10.5\"",
        )),
        Some(other) => invalid(message_showing(
            &value_path,
            ": ",
            other,
            " is not a decimal number string like \"10.5\"",
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::is_decimal_string;

    #[test]
    fn decimal_strings() {
        for ok in ["1", "10.5", "-3", "0.000001", "1e10", "1.5E-3", ".5", "5.", "1e+2"] {
            assert!(is_decimal_string(ok), "{ok}");
        }
        for bad in ["", "-", ".", "1e", "abc", "1,5", " 1", "1.2.3", "e5", "0x10", "1e-"] {
            assert!(!is_decimal_string(bad), "{bad}");
        }
    }

    /// The grammar `-?digits[.digits][(e|E)[+-]digits]` (at least one mantissa digit), written
    /// with splits, agrees with the byte scanner on every short string of the relevant bytes.
    #[test]
    fn decimal_strings_match_the_grammar_exhaustively() {
        fn by_grammar(s: &str) -> bool {
            let s = s.strip_prefix('-').unwrap_or(s);
            let (mantissa, exponent) = match s.split_once(['e', 'E']) {
                Some((m, e)) => (m, Some(e)),
                None => (s, None),
            };
            let (int, frac) = mantissa.split_once('.').unwrap_or((mantissa, ""));
            let digits = |t: &str| t.bytes().all(|b| b.is_ascii_digit());
            let exponent_ok = exponent.map_or(true, |e| {
                let e = e.strip_prefix(['-', '+']).unwrap_or(e);
                !e.is_empty() && digits(e)
            });
            digits(int) && digits(frac) && int.len() + frac.len() > 0 && exponent_ok
        }
        let alphabet = ['1', '0', '-', '+', '.', 'e', 'E', 'x'];
        let mut strings = vec![String::new()];
        for _ in 0..6 {
            let longer: Vec<String> =
                strings.iter().flat_map(|s| alphabet.iter().map(move |c| format!("{s}{c}"))).collect();
            for s in &longer {
                assert_eq!(is_decimal_string(s), by_grammar(s), "{s:?}");
            }
            strings = longer;
        }
    }
}
