//! Where the page runs (xApp or browser), the SDK options, the context rule and route choice.

use serde::{Deserialize, Deserializer};

use crate::core::error::Result;
use crate::core::json::JsonValue;

/// `xaman.context`: the route payloads take now.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Context {
    /// Inside the Xaman app (xApp JWT).
    Xapp,
    /// Browser with OAuth2 sign-in (or only an apiKey: signed out).
    Web3,
    /// Browser through the developer's backend proxy.
    Proxy,
}

impl Context {
    /// `"xapp" | "web3" | "proxy"`.
    pub fn as_str(self) -> &'static str {
        match self {
            Context::Xapp => "xapp",
            Context::Web3 => "web3",
            Context::Proxy => "proxy",
        }
    }
}

/// `req.route`: how the payload reaches the user.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Route {
    /// Opened in the xApp host with `openSignRequest`.
    Xapp,
    /// Pushed to the user's phone.
    Push,
    /// Show `req.qrSvg()` (desktop).
    Qr,
    /// Open `req.deeplink` (phone).
    Deeplink,
}

impl Route {
    /// `"xapp" | "push" | "qr" | "deeplink"`.
    pub fn as_str(self) -> &'static str {
        match self {
            Route::Xapp => "xapp",
            Route::Push => "push",
            Route::Qr => "qr",
            Route::Deeplink => "deeplink",
        }
    }
}

/// What we know about an xApp launch.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct XappEnvironment {
    /// One-time token (from `xAppToken` or the user agent).
    pub ott: Option<String>,
    /// `xAppStyle` (LIGHT, DARK, …).
    pub style: Option<String>,
    /// Host app version from the user agent.
    pub version: Option<String>,
}

/// `true` when the user agent is an xApp webview (`xumm/xapp`, or `xAppBuilder`), any case.
pub fn is_xapp_user_agent(user_agent: &str) -> bool {
    todo!()
}

/// `(version, ott)` from a user agent `xumm/xapp:<ver> (ott:<uuid>)`.
pub fn parse_xapp_user_agent(user_agent: &str) -> (Option<String>, Option<String>) {
    todo!()
}

/// Detect an xApp from the user agent and the page query (`location.search`): `Some` when
/// the UA says so or an `xAppToken` is present. The query's `xAppToken` wins over the UA's OTT.
pub fn detect_xapp(user_agent: &str, query: &str) -> Option<XappEnvironment> {
    todo!()
}

/// `true` for phones and tablets (Android, iPhone, iPad, iPod, Mobile, …).
pub fn is_mobile_user_agent(user_agent: &str) -> bool {
    todo!()
}

/// Browser storage choice for sessions.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StorageKind {
    /// `localStorage` (default).
    Local,
    /// `sessionStorage`.
    Session,
    /// In memory only (lost on reload).
    Memory,
}

impl StorageKind {
    /// `"local" | "session" | "memory"`.
    pub fn as_str(self) -> &'static str {
        match self {
            StorageKind::Local => "local",
            StorageKind::Session => "session",
            StorageKind::Memory => "memory",
        }
    }
}

/// The options object of `Xaman.connect({...})`, kept raw until [`ConnectOptions::validate`].
#[derive(Clone, Debug, PartialEq, Default)]
pub struct ConnectOptions {
    /// The options as given (an object, or null/undefined).
    pub raw: JsonValue,
}

impl<'de> Deserialize<'de> for ConnectOptions {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> core::result::Result<Self, D::Error> {
        Ok(ConnectOptions { raw: JsonValue::deserialize(deserializer)? })
    }
}

/// Default platform endpoint.
pub const DEFAULT_ENDPOINT: &str = "https://xumm.app";
/// Default OAuth2 endpoint.
pub const DEFAULT_OAUTH_ENDPOINT: &str = "https://oauth2.xumm.app";

/// Validated SDK configuration.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Config {
    /// App API key (UUID), if given.
    pub api_key: Option<String>,
    /// Proxy base URL without trailing slash (absolute when a page URL was given, else as
    /// given: an absolute URL or an absolute path).
    pub proxy: Option<String>,
    /// Platform endpoint, no trailing slash.
    pub endpoint: String,
    /// OAuth2 endpoint, no trailing slash.
    pub oauth_endpoint: String,
    /// Storage choice.
    pub storage: StorageKind,
    /// Debug logging.
    pub debug: bool,
}

impl ConnectOptions {
    /// Validate into a [`Config`]. `page_url` (`location.href`) resolves a proxy path.
    /// Errors: `secret_in_browser` (apiSecret/secret/api_secret), `invalid_config`.
    pub fn validate(&self, page_url: Option<&str>) -> Result<Config> {
        todo!()
    }
}

/// The context rule: xApp → Xapp; signed in → Web3; proxy → Proxy; apiKey → Web3 (signed
/// out); else `no_route`.
pub fn choose_context(in_xapp: bool, signed_in: bool, config: &Config) -> Result<Context> {
    todo!()
}

/// Route of a created payload: xapp → Xapp; web3 → Push; proxy → Push if pushed, else Qr on a
/// desktop and Deeplink on a phone.
pub fn choose_route(context: Context, pushed: bool, mobile: bool) -> Route {
    todo!()
}
