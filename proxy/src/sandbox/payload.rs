//! A payload (sign request): how a create body is validated, what the sandbox stores, and the
//! JSON views the platform answers with (create, GET, DELETE, the websocket resolve message).

use serde_json::{json, Map, Value};

use super::address::is_valid_classic_address;
use super::timefmt::{iso_millis, iso_seconds};
use super::txtypes::{blob_type, is_known_type, is_pseudo, Network};
use super::users::find_user;

/// Default lifetime of a payload when `options.expire` is not given: 240 minutes.
pub const DEFAULT_EXPIRE_MINUTES: i64 = 240;
/// Longest accepted `options.expire` (30 days, in minutes). The platform's own limit is not
/// documented; the sandbox refuses anything longer so typos do not create eternal payloads.
pub const MAX_EXPIRE_MINUTES: i64 = 30 * 24 * 60;

/// `custom_meta` of a payload.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct CustomMeta {
    pub identifier: Option<String>,
    pub blob: Option<Value>,
    pub instruction: Option<String>,
}

impl CustomMeta {
    pub fn to_json(&self) -> Value {
        json!({
            "identifier": self.identifier,
            "blob": self.blob,
            "instruction": self.instruction,
        })
    }
}

/// The `options` of a payload, with the platform's defaults applied.
#[derive(Clone, Debug, PartialEq)]
pub struct PayloadOptions {
    pub submit: bool,
    pub multisign: bool,
    pub expire_minutes: i64,
    pub signers: Option<Vec<String>>,
    pub force_network: Option<String>,
    pub pathfinding: bool,
    pub pathfinding_fallback: bool,
    pub return_url_app: Option<String>,
    pub return_url_web: Option<String>,
}

impl Default for PayloadOptions {
    fn default() -> Self {
        Self {
            submit: true,
            multisign: false,
            expire_minutes: DEFAULT_EXPIRE_MINUTES,
            signers: None,
            force_network: None,
            pathfinding: false,
            pathfinding_fallback: false,
            return_url_app: None,
            return_url_web: None,
        }
    }
}

/// A validated create request.
#[derive(Clone, Debug, PartialEq)]
pub struct CreateRequest {
    /// What GET answers as `payload.request_json`.
    pub request_json: Value,
    pub tx_type: String,
    pub txblob: Option<String>,
    pub options: PayloadOptions,
    pub custom_meta: CustomMeta,
    pub user_token: Option<String>,
}

fn bool_option(options: &Map<String, Value>, key: &str, default: bool) -> Result<bool, String> {
    match options.get(key) {
        None | Some(Value::Null) => Ok(default),
        Some(Value::Bool(b)) => Ok(*b),
        Some(_) => Err(format!("options.{key} must be a boolean")),
    }
}

fn optional_string(map: &Map<String, Value>, key: &str, label: &str) -> Result<Option<String>, String> {
    match map.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) => Ok(Some(s.clone())),
        Some(_) => Err(format!("{label}.{key} must be a string")),
    }
}

fn parse_options(value: Option<&Value>) -> Result<PayloadOptions, String> {
    let mut out = PayloadOptions::default();
    let options = match value {
        None | Some(Value::Null) => return Ok(out),
        Some(Value::Object(map)) => map,
        Some(_) => return Err("options must be an object".into()),
    };
    out.submit = bool_option(options, "submit", true)?;
    out.multisign = bool_option(options, "multisign", false)?;
    out.pathfinding = bool_option(options, "pathfinding", false)?;
    out.pathfinding_fallback = bool_option(options, "pathfinding_fallback", false)?;
    match options.get("expire") {
        None | Some(Value::Null) => {}
        Some(v) => {
            let minutes = v
                .as_i64()
                .ok_or("options.expire must be a whole number of minutes")?;
            if !(1..=MAX_EXPIRE_MINUTES).contains(&minutes) {
                return Err(format!("options.expire must be between 1 and {MAX_EXPIRE_MINUTES} minutes"));
            }
            out.expire_minutes = minutes;
        }
    }
    match options.get("signers") {
        None | Some(Value::Null) => {}
        Some(Value::Array(items)) => {
            let mut signers = Vec::with_capacity(items.len());
            for item in items {
                match item.as_str() {
                    Some(a) if is_valid_classic_address(a) => signers.push(a.to_string()),
                    _ => return Err("options.signers must be valid classic addresses (r…)".into()),
                }
            }
            if !signers.is_empty() {
                out.signers = Some(signers);
            }
        }
        Some(_) => return Err("options.signers must be an array of addresses".into()),
    }
    out.force_network = optional_string(options, "force_network", "options")?;
    if let Some(network) = &out.force_network {
        if super::txtypes::network(network).is_none() {
            return Err(format!("options.force_network {network:?} is not a known network"));
        }
    }
    match options.get("return_url") {
        None | Some(Value::Null) => {}
        Some(Value::Object(urls)) => {
            out.return_url_app = optional_string(urls, "app", "options.return_url")?;
            out.return_url_web = optional_string(urls, "web", "options.return_url")?;
        }
        Some(_) => return Err("options.return_url must be an object {app?, web?}".into()),
    }
    Ok(out)
}

fn parse_custom_meta(value: Option<&Value>) -> Result<CustomMeta, String> {
    let map = match value {
        None | Some(Value::Null) => return Ok(CustomMeta::default()),
        Some(Value::Object(map)) => map,
        Some(_) => return Err("custom_meta must be an object".into()),
    };
    let identifier = optional_string(map, "identifier", "custom_meta")?;
    if let Some(id) = &identifier {
        if id.chars().count() > 40 {
            return Err("custom_meta.identifier is longer than 40 characters".into());
        }
    }
    let instruction = optional_string(map, "instruction", "custom_meta")?;
    if let Some(text) = &instruction {
        if text.chars().count() > 280 {
            return Err("custom_meta.instruction is longer than 280 characters".into());
        }
    }
    let blob = match map.get("blob") {
        None | Some(Value::Null) => None,
        Some(v @ Value::Object(_)) | Some(v @ Value::Array(_)) => {
            if v.to_string().chars().count() > 1500 {
                return Err("custom_meta.blob is longer than 1500 characters as JSON".into());
            }
            Some(v.clone())
        }
        Some(_) => return Err("custom_meta.blob must be an object".into()),
    };
    Ok(CustomMeta { identifier, blob, instruction })
}

/// Validates a create body the way the platform does. The error text says what is wrong
/// (the platform itself only answers code 602).
pub fn parse_create(body: &Value) -> Result<CreateRequest, String> {
    let obj = body.as_object().ok_or("the body must be a JSON object")?;
    let txjson = obj.get("txjson").filter(|v| !v.is_null());
    let txblob = obj.get("txblob").filter(|v| !v.is_null());
    let (request_json, tx_type, txblob) = match (txjson, txblob) {
        (Some(_), Some(_)) => return Err("give either txjson or txblob, not both".into()),
        (None, None) => return Err("txjson (or txblob) is required".into()),
        (Some(Value::Object(tx)), None) => {
            let tx_type = match tx.get("TransactionType") {
                Some(Value::String(t)) => t.clone(),
                None => return Err("txjson.TransactionType is required".into()),
                Some(_) => return Err("txjson.TransactionType must be a string".into()),
            };
            if !is_known_type(&tx_type) {
                return Err(format!("txjson.TransactionType {tx_type:?} is not a known transaction type"));
            }
            for field in ["Destination", "Account"] {
                if let Some(v) = tx.get(field) {
                    if !v.as_str().is_some_and(is_valid_classic_address) {
                        return Err(format!("txjson.{field} is not a valid classic address"));
                    }
                }
            }
            if tx_type == "PaymentChannelAuthorize" && (!tx.contains_key("Channel") || !tx.contains_key("Amount")) {
                return Err("PaymentChannelAuthorize requires Channel and Amount".into());
            }
            let mut request = tx.clone();
            if tx_type == "SignIn" {
                request.insert("SignIn".into(), Value::Bool(true));
            }
            (Value::Object(request), tx_type, None)
        }
        (Some(_), None) => return Err("txjson must be an object".into()),
        (None, Some(Value::String(blob))) => {
            let tx_type = blob_type(blob).ok_or("txblob is not a hex transaction blob")?;
            (json!({ "TransactionType": tx_type }), tx_type.to_string(), Some(blob.to_uppercase()))
        }
        (None, Some(_)) => return Err("txblob must be a hex string".into()),
    };
    let options = parse_options(obj.get("options"))?;
    let custom_meta = parse_custom_meta(obj.get("custom_meta"))?;
    let user_token = match obj.get("user_token") {
        None | Some(Value::Null) => None,
        Some(Value::String(t)) => Some(t.clone()),
        Some(_) => return Err("user_token must be a string".into()),
    };
    Ok(CreateRequest { request_json, tx_type, txblob, options, custom_meta, user_token })
}

/// How the user got to the payload.
#[derive(Clone, Debug, PartialEq)]
pub struct Opened {
    /// `PUSH_NOTIFICATION`, `QR`, `DEEP_LINK`, `XAPP`, `EVENT_LIST`.
    pub origintype: String,
    pub by_deeplink: bool,
}

/// The outcome of a payload the user resolved.
#[derive(Clone, Debug, PartialEq)]
pub struct Resolution {
    pub signed: bool,
    pub at_millis: i64,
    pub reference_call: String,
    pub user_uuid: String,
    /// Signed only: the signing account, its public key, the tx hash and blob.
    pub account: Option<String>,
    pub signer_pubkey: Option<String>,
    pub txid: Option<String>,
    pub hex: Option<String>,
    /// The wallet's network when it resolved.
    pub network: Network,
    /// True when the transaction was submitted (signed, `submit`, not a pseudo type).
    pub dispatched: bool,
    /// The user token issued (or renewed) by this signature.
    pub issued_user_token: Option<String>,
}

/// A stored payload.
#[derive(Clone, Debug)]
pub struct PayloadRecord {
    pub uuid: String,
    pub created_at: i64,
    pub expires_at: i64,
    pub request: CreateRequest,
    /// The account the payload was pushed to (a live user token, or the JWT's user).
    pub pushed_to: Option<String>,
    /// Created with an xApp JWT.
    pub is_xapp: bool,
    pub opened: Option<Opened>,
    pub cancelled: bool,
    pub resolution: Option<Resolution>,
    /// A phone action (sign / reject) is in progress: other actions and cancel wait for it.
    pub busy: bool,
}

/// What the GET view needs besides the record.
pub struct ViewContext<'a> {
    pub now: i64,
    pub app_name: &'a str,
    pub app_uuid: &'a str,
    pub origin: &'a str,
}

impl PayloadRecord {
    /// `meta.expired`: the expiry moment has passed, or the payload was cancelled.
    pub fn expired(&self, now: i64) -> bool {
        self.cancelled || now >= self.expires_at
    }

    pub fn resolved(&self) -> bool {
        self.resolution.is_some()
    }

    pub fn signed(&self) -> bool {
        self.resolution.as_ref().is_some_and(|r| r.signed)
    }

    pub fn destination(&self) -> Option<&str> {
        self.request.request_json.get("Destination").and_then(Value::as_str)
    }

    fn return_url(&self, template: &Option<String>) -> Value {
        let Some(template) = template else { return Value::Null };
        let r = self.resolution.as_ref();
        let filled = template
            .replace("{id}", &self.uuid)
            .replace("{cid}", self.request.custom_meta.identifier.as_deref().unwrap_or(""))
            .replace("{txid}", r.and_then(|r| r.txid.as_deref()).unwrap_or(""))
            .replace("{txblob}", r.and_then(|r| r.hex.as_deref()).unwrap_or(""));
        Value::String(filled)
    }

    /// `{app, web}` with the replacement tags filled in.
    pub fn return_urls(&self) -> Value {
        json!({
            "app": self.return_url(&self.request.options.return_url_app),
            "web": self.return_url(&self.request.options.return_url_web),
        })
    }

    /// The `meta` object of GET and DELETE.
    pub fn meta(&self, now: i64) -> Value {
        let o = &self.request.options;
        let destination = self.destination().unwrap_or("");
        let resolved_destination = find_user(destination).map(|u| u.name).unwrap_or_default();
        json!({
            "exists": true,
            "uuid": self.uuid,
            "multisign": o.multisign,
            "submit": o.submit && !is_pseudo(&self.request.tx_type),
            "pathfinding": o.pathfinding,
            "pathfinding_fallback": o.pathfinding_fallback,
            "force_network": o.force_network,
            "destination": destination,
            "resolved_destination": resolved_destination,
            "resolved": self.resolved(),
            "signed": self.signed(),
            "cancelled": self.cancelled,
            "expired": self.expired(now),
            "pushed": self.pushed_to.is_some(),
            "app_opened": self.opened.is_some(),
            "opened_by_deeplink": self.opened.as_ref().map(|o| o.by_deeplink),
            "return_url_app": self.return_url(&o.return_url_app),
            "return_url_web": self.return_url(&o.return_url_web),
            "is_xapp": self.is_xapp,
            "signers": o.signers,
        })
    }

    /// The create answer. `origin` is the sandbox origin the caller used (`http://host:port`).
    pub fn created_view(&self, origin: &str) -> Value {
        let ws_origin = ws_origin(origin);
        let uuid = &self.uuid;
        // As on the platform: the fallback URL for "the push did not arrive" comes with pushed
        // payloads only (the SDK fixture of an unpushed payload has `always` alone).
        let mut next = json!({ "always": format!("{origin}/sign/{uuid}") });
        if self.pushed_to.is_some() {
            next["no_push_msg_received"] = Value::String(format!("{origin}/sign/{uuid}/qr"));
        }
        json!({
            "uuid": uuid,
            "next": next,
            "refs": {
                "qr_png": format!("{origin}/sign/{uuid}_q.png"),
                "qr_matrix": format!("{origin}/sign/{uuid}_q.json"),
                "qr_uri_quality_opts": ["m", "q", "h"],
                "websocket_status": format!("{ws_origin}/sign/{uuid}"),
            },
            "pushed": self.pushed_to.is_some(),
        })
    }

    fn response_view(&self) -> Value {
        let Some(r) = &self.resolution else {
            return json!({
                "hex": null, "txid": null, "resolved_at": null,
                "dispatched_nodetype": null, "dispatched_to": null, "dispatched_result": null,
                "dispatched_to_node": null,
                "environment_nodeuri": null, "environment_nodetype": null, "environment_networkid": null,
                "multisign_account": null, "account": null, "signer": null, "user": null,
            });
        };
        let mut view = json!({
            "hex": r.hex,
            "txid": r.txid,
            "resolved_at": iso_millis(r.at_millis),
            "dispatched_nodetype": if r.dispatched { Value::from(r.network.key) } else { Value::Null },
            "dispatched_to": if r.dispatched { Value::from(r.network.node) } else { Value::Null },
            "dispatched_result": if r.dispatched { Value::from("tesSUCCESS") } else { Value::Null },
            "dispatched_to_node": r.signed && r.dispatched,
            "environment_nodeuri": r.network.node,
            "environment_nodetype": r.network.key,
            "environment_networkid": r.network.network_id,
            "multisign_account": if r.signed && self.request.options.multisign { Value::from(r.account.clone()) } else { Value::Null },
            "account": r.account,
            "signer": r.account,
            "user": r.user_uuid,
        });
        if r.signed {
            view["signer_pubkey"] = Value::from(r.signer_pubkey.clone());
            view["approved_with"] = Value::from("BIOMETRIC");
        }
        view
    }

    /// The full GET answer.
    pub fn get_view(&self, ctx: &ViewContext) -> Value {
        let dest_tag = self.request.request_json.get("DestinationTag").and_then(Value::as_u64);
        json!({
            "meta": self.meta(ctx.now),
            "application": {
                "name": ctx.app_name,
                "description": "An application on the Xaman sandbox",
                "disabled": 0,
                "uuidv4": ctx.app_uuid,
                "icon_url": format!("{}/sandbox/app-icon.svg", ctx.origin),
                "issued_user_token": self.resolution.as_ref().and_then(|r| r.issued_user_token.clone()),
            },
            "payload": {
                "tx_type": self.request.tx_type,
                "tx_destination": self.destination().unwrap_or(""),
                "tx_destination_tag": dest_tag,
                "request_json": self.request.request_json,
                "origintype": self.opened.as_ref().map(|o| o.origintype.clone()),
                "signmethod": if self.signed() { Value::from("BIOMETRIC") } else { Value::Null },
                "created_at": iso_seconds(self.created_at),
                "expires_at": iso_seconds(self.expires_at),
                "expires_in_seconds": self.expires_at - ctx.now,
            },
            "response": self.response_view(),
            "custom_meta": self.request.custom_meta.to_json(),
        })
    }

    /// The websocket resolve message (reference §4).
    pub fn resolve_message(&self) -> Value {
        let r = self.resolution.as_ref();
        let mut msg = json!({
            "payload_uuidv4": self.uuid,
            "reference_call_uuidv4": r.map(|r| r.reference_call.clone()),
            "signed": self.signed(),
            "user_token": r.is_some_and(|r| r.issued_user_token.is_some()),
            "return_url": self.return_urls(),
            "opened_by_deeplink": self.opened.as_ref().map(|o| o.by_deeplink).unwrap_or(false),
            "custom_meta": self.request.custom_meta.to_json(),
        });
        if let Some(txid) = r.and_then(|r| r.txid.clone()) {
            msg["txid"] = Value::String(txid);
        }
        msg
    }
}

/// `http://h` → `ws://h`, `https://h` → `wss://h`.
pub fn ws_origin(origin: &str) -> String {
    if let Some(rest) = origin.strip_prefix("https://") {
        format!("wss://{rest}")
    } else if let Some(rest) = origin.strip_prefix("http://") {
        format!("ws://{rest}")
    } else {
        origin.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn create_validation() {
        let ok = parse_create(&json!({"txjson": {"TransactionType": "SignIn"}})).unwrap();
        assert_eq!(ok.request_json, json!({"TransactionType": "SignIn", "SignIn": true}));
        assert_eq!(ok.options.expire_minutes, 240);
        assert!(parse_create(&json!({"txjson": {"TransactionFoo": "hi"}})).is_err());
        assert!(parse_create(&json!({"txjson": {"TransactionType": "Nope"}})).is_err());
        assert!(parse_create(&json!({})).is_err());
        assert!(parse_create(&json!({"txjson": {"TransactionType": "Payment", "Destination": "rBad"}})).is_err());
        assert!(parse_create(&json!({"txjson": {"TransactionType": "SignIn"}, "options": {"expire": 0}})).is_err());
        assert!(parse_create(&json!({"txjson": {"TransactionType": "SignIn"}, "custom_meta": {"identifier": "x".repeat(41)}})).is_err());
        assert!(parse_create(&json!({"txjson": {"TransactionType": "SignIn"}, "custom_meta": {"instruction": "x".repeat(281)}})).is_err());
        let blob = parse_create(&json!({"txblob": "1200002280000000"})).unwrap();
        assert_eq!(blob.tx_type, "Payment");
        assert!(parse_create(&json!({"txblob": "zz"})).is_err());
    }
}
