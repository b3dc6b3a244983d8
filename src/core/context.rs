//! Where the page runs (xApp or browser), the SDK options, the context rule and route choice.

use serde::{Deserialize, Deserializer};

use crate::core::encoding::{find_ignoring_case, has_space_or_control, is_uuid, strip_byte, trim_end_byte};
use crate::core::error::{err, ErrorCode, Result};
use crate::core::message::{joined, joined4, message_showing, message_with_kind};
use crate::core::payload::is_secret_key;
use crate::core::url::{is_absolute_http_url, origin_of, parse_query};
use crate::core::json::JsonValue;
use crate::prelude::*;

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
    find_ignoring_case(user_agent, "xumm/xapp").is_some() || find_ignoring_case(user_agent, "xappbuilder").is_some()
}

/// `(version, ott)` from a user agent `xumm/xapp:<ver> (ott:<uuid>)`.
pub fn parse_xapp_user_agent(user_agent: &str) -> (Option<String>, Option<String>) {
    let version = find_ignoring_case(user_agent, "xumm/xapp:").and_then(|i| {
        let rest = user_agent.get(i + "xumm/xapp:".len()..)?;
        let end = rest.bytes().position(|b| !b.is_ascii_digit() && b != b'.').unwrap_or(rest.len());
        rest.get(..end).filter(|v| !v.is_empty()).map(str::to_owned)
    });
    let ott = find_ignoring_case(user_agent, "ott:").and_then(|i| {
        let rest = user_agent.get(i + 4..)?;
        let candidate = rest.get(..36)?;
        is_uuid(candidate).then(|| candidate.to_owned())
    });
    (version, ott)
}

/// Detect an xApp from the user agent and the page query (`location.search`): `Some` when
/// the UA says so or an `xAppToken` is present. The query's `xAppToken` wins over the UA's OTT.
pub fn detect_xapp(user_agent: &str, query: &str) -> Option<XappEnvironment> {
    let params = parse_query(query);
    let param = |name: &str| params.iter().find(|(k, v)| k == name && !v.is_empty()).map(|(_, v)| v.clone());
    let token = param("xAppToken");
    if token.is_none() && !is_xapp_user_agent(user_agent) {
        return None;
    }
    let (version, ua_ott) = parse_xapp_user_agent(user_agent);
    Some(XappEnvironment { ott: token.or(ua_ott), style: param("xAppStyle"), version })
}

/// `true` for phones and tablets (Android, iPhone, iPad, iPod, Mobile, …).
pub fn is_mobile_user_agent(user_agent: &str) -> bool {
    ["android", "iphone", "ipad", "ipod", "mobile", "windows phone", "blackberry", "opera mini", "iemobile", "xumm/xapp"]
        .iter()
        .any(|needle| find_ignoring_case(user_agent, needle).is_some())
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
    /// `timeoutMs`: how long one request may take before it fails with `timeout`, in
    /// milliseconds ([`TIMEOUT_MS_RANGE`]); `None` = the web layer's default.
    pub timeout_ms: Option<u32>,
}

/// The accepted values of the `timeoutMs` option (milliseconds): 100 ms to 10 minutes (the
/// refusal message names these bounds).
pub const TIMEOUT_MS_RANGE: core::ops::RangeInclusive<i64> = 100..=600_000;

impl ConnectOptions {
    /// Validate into a [`Config`]. `page_url` (`location.href`) resolves a proxy path.
    /// Errors: `secret_in_browser` (apiSecret/secret/api_secret), `invalid_config`.
    pub fn validate(&self, page_url: Option<&str>) -> Result<Config> {
        let members = match &self.raw {
            JsonValue::Null => &[][..],
            JsonValue::Object(m) => m.as_slice(),
            other => return invalid(message_with_kind("Xaman.connect() takes an options object, got ", "", other)),
        };
        if let Some((key, _)) = members.iter().find(|(k, _)| is_secret_key(k)) {
            return err(
                ErrorCode::SecretInBrowser,
                joined4(
                    "Xaman.connect(): `",
                    key,
                    "` must stay on your backend (the `proxy`); the browser gets only the apiKey",
                    "",
                ),
            );
        }
        let mut config = Config {
            api_key: None,
            proxy: None,
            endpoint: DEFAULT_ENDPOINT.to_owned(),
            oauth_endpoint: DEFAULT_OAUTH_ENDPOINT.to_owned(),
            storage: StorageKind::Local,
            debug: false,
            timeout_ms: None,
        };
        for (key, value) in members {
            if value.is_null() {
                continue;
            }
            // Each arm takes the value or names what is wrong with it; every refusal then has
            // one shape: `<key>: <value shown> <what is wrong>`.
            let problem = match key.as_str() {
                "apiKey" => match value.as_str() {
                    Some(k) if is_uuid(k) => {
                        config.api_key = Some(k.to_ascii_lowercase());
                        continue;
                    }
                    _ => {
                        " is not an API key (the app's UUID from the Xaman Developer Console)"
                    }
                },
                "endpoint" | "oauthEndpoint" => match value.as_str() {
                    Some(u) if is_absolute_http_url(u) => {
                        let url = trim_end_byte(u, b'/').to_owned();
                        if key == "endpoint" {
                            config.endpoint = url;
                        } else {
                            config.oauth_endpoint = url;
                        }
                        continue;
                    }
                    _ => " must be an absolute http(s) URL",
                },
                "proxy" => match proxy_url(value, page_url) {
                    Some(url) => {
                        config.proxy = Some(url);
                        continue;
                    }
                    None => {
                        " must be your backend proxy's http(s) URL or absolute path, e.g. \"/api/xaman\""
                    }
                },
                "storage" => {
                    let kind = match value.as_str() {
                        Some("local") => Some(StorageKind::Local),
                        Some("session") => Some(StorageKind::Session),
                        Some("memory") => Some(StorageKind::Memory),
                        _ => None,
                    };
                    match kind {
                        Some(kind) => {
                            config.storage = kind;
                            continue;
                        }
                        None => " must be \"local\", \"session\" or \"memory\"",
                    }
                }
                "timeoutMs" => match value.as_i64() {
                    Some(ms) if TIMEOUT_MS_RANGE.contains(&ms) => {
                        config.timeout_ms = Some(ms as u32);
                        continue;
                    }
                    _ => " must be whole milliseconds from 100 to 600000",
                },
                "debug" => match value.as_bool() {
                    Some(b) => {
                        config.debug = b;
                        continue;
                    }
                    None => return invalid(message_showing("debug must be true or false, got ", "", value, "")),
                },
                _ => {
                    return invalid(joined4(
                        "`",
                        key,
                        "` is not a Xaman.connect() option; known options: apiKey, proxy, endpoint, oauthEndpoint, \
                         storage, timeoutMs, debug",
                        "",
                    ))
                }
            };
            return invalid(message_showing(key, ": ", value, problem));
        }
        Ok(config)
    }
}

/// The context rule: xApp → Xapp; signed in → Web3; proxy → Proxy; apiKey → Web3 (signed
/// out); else `no_route`.
pub fn choose_context(in_xapp: bool, signed_in: bool, config: &Config) -> Result<Context> {
    if in_xapp {
        Ok(Context::Xapp)
    } else if signed_in {
        Ok(Context::Web3)
    } else if config.proxy.is_some() {
        Ok(Context::Proxy)
    } else if config.api_key.is_some() {
        Ok(Context::Web3)
    } else {
        err(
            ErrorCode::NoRoute,
            "Xaman.connect() needs `apiKey` (sign-in with Xaman) and/or `proxy` (your backend, e.g. \"/api/xaman\")",
        )
    }
}

/// Route of a created payload: xapp → Xapp; web3 → Push; proxy → Push if pushed, else Qr on a
/// desktop and Deeplink on a phone.
pub fn choose_route(context: Context, pushed: bool, mobile: bool) -> Route {
    match context {
        Context::Xapp => Route::Xapp,
        Context::Web3 => Route::Push,
        Context::Proxy if pushed => Route::Push,
        Context::Proxy if mobile => Route::Deeplink,
        Context::Proxy => Route::Qr,
    }
}

fn invalid<T>(message: String) -> Result<T> {
    err(ErrorCode::InvalidConfig, message)
}

/// The proxy base: an absolute http(s) URL, or an absolute path resolved against `page_url`
/// when given. Trailing slashes are removed. `None` when it is neither.
fn proxy_url(value: &JsonValue, page_url: Option<&str>) -> Option<String> {
    let text = value.as_str().unwrap_or("");
    if is_absolute_http_url(text) {
        return Some(trim_end_byte(text, b'/').to_owned());
    }
    let is_path = strip_byte(text, b'/').is_some_and(|after| strip_byte(after, b'/').is_none())
        && !has_space_or_control(text)
        && !text.bytes().any(|b| b == b'?' || b == b'#');
    if !is_path {
        return None;
    }
    let path = trim_end_byte(text, b'/');
    match page_url.and_then(origin_of) {
        Some(origin) => Some(joined(&origin, path)),
        None if path.is_empty() => None,
        None => Some(path.to_owned()),
    }
}
