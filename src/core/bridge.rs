//! The xApp bridge: commands to the Xaman host (reference §9.2), host events (§9.3), and a
//! queue that spaces commands ≥ 1.5 s apart (the host silently drops faster ones).


use crate::core::encoding::{is_hex, is_uuid_v4};
use crate::core::error::{err, ErrorCode, Result};
use crate::core::message::{joined4, message_showing};
use crate::core::payload::check_address;
use crate::core::url::is_https_url;
use crate::core::json::{write_json_string, JsonValue};
use crate::prelude::*;

/// Sent to `window.parent` to ask an emulator frame for the bridge.
pub const PROXY_INIT: &str = "XAPP_PROXY_INIT";
/// The emulator's answer; from then on commands go to `window.parent`.
pub const PROXY_INIT_ACK: &str = "XAPP_PROXY_INIT_ACK";
/// Minimum spacing between two commands.
pub const COMMAND_SPACING_MS: u64 = 1500;

/// A validated bridge command.
#[derive(Clone, Debug, PartialEq)]
pub enum BridgeCommand {
    /// `openSignRequest({uuid})`: show a payload (v4 UUID).
    OpenSignRequest {
        /// Payload UUID.
        uuid: String,
    },
    /// `close({refreshEvents?})`.
    Close {
        /// Refresh the events list.
        refresh_events: Option<bool>,
    },
    /// `share({text})`.
    Share {
        /// Text to share.
        text: String,
    },
    /// `scanQr()`.
    ScanQr,
    /// `openBrowser({url})` (https only).
    OpenBrowser {
        /// URL.
        url: String,
    },
    /// `selectDestination({ignoreDestinationTag?})`.
    SelectDestination {
        /// Do not ask for a tag.
        ignore_destination_tag: Option<bool>,
    },
    /// `tx({tx, account})` → `txDetails`.
    TxDetails {
        /// 64-hex hash.
        tx: String,
        /// Classic address.
        account: String,
    },
    /// `navigate({xApp, title?, …})` → `xAppNavigate`; extra keys passed through.
    Navigate {
        /// Target xApp identifier.
        xapp: String,
        /// Other keys (title, data…).
        extra: Vec<(String, JsonValue)>,
    },
    /// `ready()`.
    Ready,
}

impl BridgeCommand {
    /// Build and validate from the JS method name (`openSignRequest`, `close`, `share`,
    /// `scanQr`, `openBrowser`, `selectDestination`, `tx`, `navigate`, `ready`) and its
    /// argument object (or null). Errors: `invalid_option`.
    pub fn from_js(method: &str, args: &JsonValue) -> Result<BridgeCommand> {
        let empty = JsonValue::Object(Vec::new());
        let args = match args {
            JsonValue::Null => &empty,
            JsonValue::Object(_) => args,
            other => return invalid(joined4("xapp.", method, "() takes an options object, got ", other.kind())),
        };
        let opt_bool = |key: &str| -> Result<Option<bool>> {
            match args.get(key) {
                None | Some(JsonValue::Null) => Ok(None),
                Some(JsonValue::Bool(b)) => Ok(Some(*b)),
                Some(other) => {
                    invalid(message_showing(&joined4("xapp.", method, "(): `", key), "` must be true or false, got ", other, ""))
                }
            }
        };
        let string = |key: &str| args.get(key).and_then(JsonValue::as_str).unwrap_or("");
        Ok(match method {
            "openSignRequest" => {
                let uuid = string("uuid");
                if !is_uuid_v4(uuid) {
                    return invalid(message_showing(
                        "xapp.openSignRequest({ uuid }): ",
                        "",
                        args.get("uuid").unwrap_or(&JsonValue::Null),
                        " is not a payload UUID (a version-4 UUID, req.uuid)",
                    ));
                }
                BridgeCommand::OpenSignRequest { uuid: uuid.to_owned() }
            }
            "close" => BridgeCommand::Close { refresh_events: opt_bool("refreshEvents")? },
            "share" => {
                let text = string("text");
                if text.is_empty() {
                    return invalid("xapp.share({ text }): `text` must be a non-empty string".to_owned());
                }
                BridgeCommand::Share { text: text.to_owned() }
            }
            "scanQr" => BridgeCommand::ScanQr,
            "openBrowser" => {
                let url = string("url");
                if !is_https_url(url) {
                    return invalid(message_showing(
                        "xapp.openBrowser({ url }): ",
                        "",
                        args.get("url").unwrap_or(&JsonValue::Null),
                        " must be an absolute https:// URL",
                    ));
                }
                BridgeCommand::OpenBrowser { url: url.to_owned() }
            }
            "selectDestination" => {
                BridgeCommand::SelectDestination { ignore_destination_tag: opt_bool("ignoreDestinationTag")? }
            }
            "tx" => {
                let tx = string("tx");
                if tx.len() != 64 || !is_hex(tx) {
                    return invalid(message_showing(
                        "xapp.tx({ tx, account }): ",
                        "",
                        args.get("tx").unwrap_or(&JsonValue::Null),
                        " must be a transaction hash (64 hex characters)",
                    ));
                }
                let account = args.get("account").unwrap_or(&JsonValue::Null);
                check_address("xapp.tx({ tx, account }): account", account, ErrorCode::InvalidOption)?;
                BridgeCommand::TxDetails { tx: tx.to_owned(), account: string("account").to_owned() }
            }
            "navigate" => {
                let xapp = string("xApp");
                if xapp.is_empty() {
                    return invalid("xapp.navigate({ xApp }): `xApp` must be an xApp identifier".to_owned());
                }
                let mut extra = Vec::new();
                for (k, v) in args.as_object().unwrap_or(&[]) {
                    if k != "xApp" && k != "command" && !v.is_null() {
                        extra.push((k.clone(), v.clone()));
                    }
                }
                BridgeCommand::Navigate { xapp: xapp.to_owned(), extra }
            }
            "ready" => BridgeCommand::Ready,
            other => {
                return invalid(joined4(
                    "xapp.",
                    other,
                    "() is not a bridge command",
                    "",
                ))
            }
        })
    }

    /// The `command` value sent to the host.
    pub fn command_name(&self) -> &'static str {
        match self {
            BridgeCommand::OpenSignRequest { .. } => "openSignRequest",
            BridgeCommand::Close { .. } => "close",
            BridgeCommand::Share { .. } => "share",
            BridgeCommand::ScanQr => "scanQr",
            BridgeCommand::OpenBrowser { .. } => "openBrowser",
            BridgeCommand::SelectDestination { .. } => "selectDestination",
            BridgeCommand::TxDetails { .. } => "txDetails",
            BridgeCommand::Navigate { .. } => "xAppNavigate",
            BridgeCommand::Ready => "ready",
        }
    }

    /// The JSON string posted to the host (`{"command":…,…}`).
    pub fn to_json_string(&self) -> String {
        // Written as text directly (no `JsonValue` tree): `,"key":` then the value.
        let mut out = String::from("{\"command\":");
        write_json_string(self.command_name(), &mut out);
        match self {
            BridgeCommand::OpenSignRequest { uuid } => write_json_string(uuid, key(&mut out, "uuid")),
            BridgeCommand::Close { refresh_events: Some(b) } => {
                JsonValue::Bool(*b).write_json(key(&mut out, "refreshEvents"))
            }
            BridgeCommand::Share { text } => write_json_string(text, key(&mut out, "text")),
            BridgeCommand::OpenBrowser { url } => write_json_string(url, key(&mut out, "url")),
            BridgeCommand::SelectDestination { ignore_destination_tag: Some(b) } => {
                JsonValue::Bool(*b).write_json(key(&mut out, "ignoreDestinationTag"))
            }
            BridgeCommand::TxDetails { tx, account } => {
                write_json_string(tx, key(&mut out, "tx"));
                write_json_string(account, key(&mut out, "account"));
            }
            BridgeCommand::Navigate { xapp, extra } => {
                write_json_string(xapp, key(&mut out, "xApp"));
                for (k, v) in extra {
                    v.write_json(key(&mut out, k));
                }
            }
            _ => {}
        }
        out.push('}');
        out
    }
}

/// Appends `,"k":` to `out` and gives it back for the value.
fn key<'a>(out: &'a mut String, k: &str) -> &'a mut String {
    out.push(',');
    write_json_string(k, out);
    out.push(':');
    out
}

/// An event from the host (`message` data, a JSON string already parsed).
#[derive(Clone, Debug, PartialEq)]
pub enum HostEvent {
    /// `payloadResolved`: `{reason: "SIGNED"|"DECLINED", uuid}`.
    PayloadResolved {
        /// SIGNED or DECLINED.
        reason: String,
        /// Payload UUID (old hosts omit it).
        uuid: Option<String>,
    },
    /// `scanQr`: `{qrContents, reason}`.
    ScanQr {
        /// Scanned text (absent when closed).
        qr_contents: Option<String>,
        /// SCANNED | USER_CLOSE | INVALID_QR.
        reason: String,
    },
    /// `selectDestination`: `{destination?, info?, reason}`.
    SelectDestination {
        /// `{address, tag, name}`.
        destination: Option<JsonValue>,
        /// Risk info.
        info: Option<JsonValue>,
        /// SELECTED | USER_CLOSE.
        reason: String,
    },
    /// `networkSwitch`: `{network}`.
    NetworkSwitch {
        /// Network key.
        network: String,
    },
}

impl HostEvent {
    /// Parse host data; `None` for unknown or malformed messages (ignored).
    pub fn parse(data: &JsonValue) -> Option<HostEvent> {
        let text = |key: &str| data.get(key).and_then(JsonValue::as_str).map(str::to_owned);
        let reason = || text("reason").unwrap_or_default();
        let present = |key: &str| data.get(key).filter(|v| !v.is_null()).cloned();
        Some(match data.get("method")?.as_str()? {
            "payloadResolved" => HostEvent::PayloadResolved { reason: reason(), uuid: text("uuid") },
            "scanQr" => HostEvent::ScanQr { qr_contents: text("qrContents"), reason: reason() },
            "selectDestination" => HostEvent::SelectDestination {
                destination: present("destination"),
                info: present("info"),
                reason: reason(),
            },
            "networkSwitch" => HostEvent::NetworkSwitch { network: text("network")? },
            _ => return None,
        })
    }

    /// JS event name for `xaman.xapp.on(name, cb)`: `"payload" | "qr" | "destination" | "networkswitch"`.
    pub fn js_name(&self) -> &'static str {
        match self {
            HostEvent::PayloadResolved { .. } => "payload",
            HostEvent::ScanQr { .. } => "qr",
            HostEvent::SelectDestination { .. } => "destination",
            HostEvent::NetworkSwitch { .. } => "networkswitch",
        }
    }

    /// The event data passed to JS listeners (the host message without `method`).
    pub fn data(&self) -> JsonValue {
        let mut m: Vec<(String, JsonValue)> = Vec::new();
        let mut add = |k: &str, v: JsonValue| m.push((k.to_owned(), v));
        match self {
            HostEvent::PayloadResolved { reason, uuid } => {
                add("reason", reason.as_str().into());
                if let Some(u) = uuid {
                    add("uuid", u.as_str().into());
                }
            }
            HostEvent::ScanQr { qr_contents, reason } => {
                add("qrContents", qr_contents.clone().into());
                add("reason", reason.as_str().into());
            }
            HostEvent::SelectDestination { destination, info, reason } => {
                if let Some(d) = destination {
                    add("destination", d.clone());
                }
                if let Some(i) = info {
                    add("info", i.clone());
                }
                add("reason", reason.as_str().into());
            }
            HostEvent::NetworkSwitch { network } => add("network", network.as_str().into()),
        }
        JsonValue::Object(m)
    }
}

/// Spaces commands ≥ [`COMMAND_SPACING_MS`] apart; queued, never dropped. A plain `Vec`: the
/// queue holds a handful of items, and the wasm then carries no `VecDeque` code.
#[derive(Clone, Debug)]
pub struct CommandQueue<T> {
    /// Newest first: pushed at the front, taken from the back.
    items: Vec<T>,
    last_sent_ms: Option<u64>,
    spacing_ms: u64,
}

impl<T> Default for CommandQueue<T> {
    fn default() -> Self {
        Self::new(COMMAND_SPACING_MS)
    }
}

impl<T> CommandQueue<T> {
    /// An empty queue with the given spacing.
    pub fn new(spacing_ms: u64) -> Self {
        CommandQueue { items: Vec::new(), last_sent_ms: None, spacing_ms }
    }

    /// Queue an item.
    pub fn push(&mut self, item: T, now_ms: u64) {
        let _ = now_ms;
        self.items.insert(0, item);
    }

    /// `None` when empty; else how long to wait (0 = send now).
    pub fn next_due(&self, now_ms: u64) -> Option<u64> {
        if self.items.is_empty() {
            return None;
        }
        Some(match self.last_sent_ms {
            None => 0,
            Some(last) => (last + self.spacing_ms).saturating_sub(now_ms),
        })
    }

    /// Take the next item if it may be sent now (and record the send time).
    pub fn pop_due(&mut self, now_ms: u64) -> Option<T> {
        if self.next_due(now_ms) != Some(0) {
            return None;
        }
        self.last_sent_ms = Some(now_ms);
        self.items.pop()
    }

    /// Items waiting.
    pub fn len(&self) -> usize {
        self.items.len()
    }

    /// `true` when nothing waits.
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }
}

fn invalid<T>(message: String) -> Result<T> {
    err(ErrorCode::InvalidOption, message)
}
