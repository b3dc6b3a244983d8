//! The xApp bridge: commands to the Xaman host (reference §9.2), host events (§9.3), and a
//! queue that spaces commands ≥ 1.5 s apart (the host silently drops faster ones).

use std::collections::VecDeque;

use crate::core::error::Result;
use crate::core::json::JsonValue;

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
        todo!()
    }

    /// The `command` value sent to the host.
    pub fn command_name(&self) -> &'static str {
        todo!()
    }

    /// The JSON string posted to the host (`{"command":…,…}`).
    pub fn to_json_string(&self) -> String {
        todo!()
    }
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
        todo!()
    }

    /// JS event name for `xaman.xapp.on(name, cb)`: `"payload" | "qr" | "destination" | "networkswitch"`.
    pub fn js_name(&self) -> &'static str {
        todo!()
    }

    /// The event data passed to JS listeners (the host message without `method`).
    pub fn data(&self) -> JsonValue {
        todo!()
    }
}

/// Spaces commands ≥ [`COMMAND_SPACING_MS`] apart; queued, never dropped.
#[derive(Clone, Debug)]
pub struct CommandQueue<T> {
    items: VecDeque<T>,
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
        CommandQueue { items: VecDeque::new(), last_sent_ms: None, spacing_ms }
    }

    /// Queue an item.
    pub fn push(&mut self, item: T, now_ms: u64) {
        todo!()
    }

    /// `None` when empty; else how long to wait (0 = send now).
    pub fn next_due(&self, now_ms: u64) -> Option<u64> {
        todo!()
    }

    /// Take the next item if it may be sent now (and record the send time).
    pub fn pop_due(&mut self, now_ms: u64) -> Option<T> {
        todo!()
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
