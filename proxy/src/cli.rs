//! The command line: `xaman-proxy --sandbox` for development and tests, or the live platform
//! with the app's credentials from the environment.

use std::net::IpAddr;
use std::path::PathBuf;

use clap::Parser;

use crate::api::guard::normalize_origin;
use crate::api::Limits;
use crate::clock::Clock;
use crate::policy::Policy;
use crate::server::{Mode, ServerConfig};
use crate::upstream::Credentials;

const LIVE_PLATFORM: &str = "https://xumm.app";
const LIVE_OAUTH: &str = "https://oauth2.xumm.app";

const AFTER_HELP: &str = "\
ENVIRONMENT:
  XAMAN_API_KEY      The app's API key (a UUID from https://apps.xumm.dev). Required without
                     --sandbox. With --sandbox it replaces the fixed sandbox key.
  XAMAN_API_SECRET   The app's API secret. Required without --sandbox; with --sandbox it
                     replaces the fixed sandbox secret. Never printed, never sent to a browser,
                     and deliberately not accepted as a flag (it would show in `ps`).

SANDBOX CREDENTIALS (used with --sandbox unless the variables above are set; public values):
  API key     c0ffee00-5a4d-4b0b-8a11-000000000001
  API secret  5ec7e700-0000-4000-8000-000000000002

ROUTES (on --port):
  /                  the --www directory (index.html for directories)
  /pkg/              the --pkg directory (.wasm as application/wasm, .js as text/javascript)
  /api/xaman/        the proxy API: POST payload, GET|DELETE payload/:uuid, GET session,
                     POST session/logout, POST webhook, GET config. Errors are
                     {\"error\":{\"code\":\"<stable code>\",\"message\":\"...\"}}.
  In sandbox mode --sandbox-port serves the simulated platform at the root of its own origin
  (REST /api/v1/..., websocket /sign/:uuid, /oauth2/..., and the control API, phone page and
  xApp host under /sandbox/). The proxy registers its /api/xaman/webhook there.

POLICY (--policy FILE, TOML): which payloads the proxy creates. Without it only SignIn.
  transaction_types = [\"SignIn\", \"Payment\"]      # required
  destinations = [\"rPEPPER7kfTD9w2To4CQk6UCfuHM9c6GDY\"]  # or [\"*\"]; missing = none allowed
  allow_txblob = false                              # blobs cannot be inspected
  [max_amounts]                                     # every amount field needs a maximum
  XRP = \"25000000\"                                  # drops
  USD = \"100\"                                       # any issuer
  \"EUR/rhub8VRN55s94qWKDv6jmDy1pUykJzF3wq\" = \"50\"    # one issuer
  Refusals answer 403 {\"error\":{\"code\":\"policy\",...}}.

SESSIONS: an httpOnly, SameSite=Lax cookie `xaman_proxy_session` (Secure except over http to a
loopback host), kept in SQLite (--db). The user_token learned when a payload is signed is used
for 30 days after the last payload signed with it, and never leaves the proxy.

START LINES (stdout): app, proxy api, platform, oauth, phone and xapp host (sandbox only),
api key, api secret (sandbox credentials only), policy, webhook, db, then `ready`.
Ctrl-C or SIGTERM stops it gracefully (requests in flight finish, up to 5 s).";

/// `xaman-proxy` command-line flags.
#[derive(Parser, Debug, Clone)]
#[command(
    name = "xaman-proxy",
    version,
    about = "Backend proxy for xaman-wasm (keeps the API secret and users' user_tokens server-side), with a wire-compatible sandbox of the Xaman platform",
    after_help = AFTER_HELP
)]
pub struct Cli {
    /// Run against the built-in sandbox (simulated platform, phone, OAuth2 and xApp host) on
    /// --sandbox-port instead of the live platform.
    #[arg(long)]
    pub sandbox: bool,

    /// Address to bind both listeners to.
    #[arg(long, value_name = "IP", default_value = "127.0.0.1")]
    pub host: IpAddr,

    /// Port of the app listener (www, /pkg/, /api/xaman). 0 picks a free port.
    #[arg(long, value_name = "PORT", default_value_t = 8080)]
    pub port: u16,

    /// Port of the sandbox platform (sandbox mode only). 0 picks a free port.
    #[arg(long, value_name = "PORT", default_value_t = 8090)]
    pub sandbox_port: u16,

    /// Directory served at / (the demo dApp); index.html for directories.
    #[arg(long, value_name = "DIR")]
    pub www: Option<PathBuf>,

    /// Directory served at /pkg/ (the built npm package).
    #[arg(long, value_name = "DIR")]
    pub pkg: Option<PathBuf>,

    /// SQLite database for sessions; `:memory:` keeps them in memory only.
    /// Default: `:memory:` with --sandbox (the sandbox forgets its tokens on exit too),
    /// `xaman-proxy.db` in the working directory otherwise.
    #[arg(long, value_name = "PATH")]
    pub db: Option<String>,

    /// Policy file (TOML) listing allowed transaction types, destinations and maximum amounts.
    /// Without it only SignIn payloads are created.
    #[arg(long, value_name = "FILE")]
    pub policy: Option<PathBuf>,

    /// An origin (scheme://host[:port]) allowed to call the proxy API cross-origin with
    /// credentials (CORS). Repeatable. Default: same-origin only.
    #[arg(long = "allow-origin", value_name = "ORIGIN")]
    pub allow_origins: Vec<String>,

    /// The live platform's origin (without --sandbox).
    #[arg(long, value_name = "URL", conflicts_with = "sandbox", default_value = LIVE_PLATFORM)]
    pub upstream: String,

    /// The OAuth2 provider the SDK should use, reported by GET /api/xaman/config (without --sandbox).
    #[arg(long, value_name = "URL", conflicts_with = "sandbox", default_value = LIVE_OAUTH)]
    pub oauth_endpoint: String,

    /// Requests per minute allowed per client IP (bursts up to the same number); 0 = no limit.
    #[arg(long, value_name = "N", default_value_t = 600)]
    pub rate_per_ip: u32,

    /// Requests per minute allowed per session (bursts up to the same number); 0 = no limit.
    #[arg(long, value_name = "N", default_value_t = 240)]
    pub rate_per_session: u32,

    /// Largest request body accepted, in bytes (larger → 413).
    #[arg(long, value_name = "BYTES", default_value_t = 64 * 1024)]
    pub body_limit: usize,

    /// Webhooks whose timestamp is older than this many seconds are refused.
    #[arg(long, value_name = "SECONDS", default_value_t = 300)]
    pub webhook_tolerance: i64,

    /// How many reverse proxies stand in front of this one. The per-IP rate limit then counts
    /// the address those proxies report in `X-Forwarded-For` (the N-th entry from the right)
    /// instead of the connecting address. 0 = the header is ignored (it can be forged).
    #[arg(long, value_name = "N", default_value_t = 0)]
    pub trusted_proxies: usize,
}

fn env_value(name: &str) -> Option<String> {
    std::env::var(name)
        .ok()
        .map(|v| v.trim().to_owned())
        .filter(|v| !v.is_empty())
}

fn check_uuid(name: &str, value: &str) -> Result<(), String> {
    uuid::Uuid::try_parse(value).map(|_| ()).map_err(|_| {
        format!("{name} must be a UUID like the ones the Xaman developer console issues")
    })
}

impl Cli {
    /// The server configuration, or a message explaining what is wrong (missing credentials,
    /// unreadable policy, bad origin).
    pub fn into_config(self) -> Result<ServerConfig, String> {
        let key = env_value("XAMAN_API_KEY");
        let secret = env_value("XAMAN_API_SECRET");
        let credentials = match (key, secret) {
            (Some(api_key), Some(api_secret)) => {
                check_uuid("XAMAN_API_KEY", &api_key)?;
                check_uuid("XAMAN_API_SECRET", &api_secret)?;
                Some(Credentials { api_key, api_secret })
            }
            (None, None) if self.sandbox => None,
            (None, None) => {
                return Err("the live platform needs the app's credentials: set XAMAN_API_KEY and XAMAN_API_SECRET \
                     in the environment (or run with --sandbox)"
                    .into())
            }
            (Some(_), None) => return Err("XAMAN_API_KEY is set but XAMAN_API_SECRET is not: set both or neither".into()),
            (None, Some(_)) => return Err("XAMAN_API_SECRET is set but XAMAN_API_KEY is not: set both or neither".into()),
        };
        let policy = match &self.policy {
            Some(path) => Policy::load(path).map_err(|e| e.to_string())?,
            None => Policy::only_sign_in(),
        };
        let allowed_origins = self
            .allow_origins
            .iter()
            .map(|o| normalize_origin(o).map_err(|e| format!("--allow-origin: {e}")))
            .collect::<Result<Vec<_>, _>>()?;
        for (flag, dir) in [("--www", &self.www), ("--pkg", &self.pkg)] {
            if let Some(dir) = dir {
                if !dir.is_dir() {
                    return Err(format!("{flag} {}: not a directory", dir.display()));
                }
            }
        }
        let mode = if self.sandbox {
            Mode::Sandbox {
                port: self.sandbox_port,
            }
        } else {
            Mode::Live {
                upstream: self.upstream.trim_end_matches('/').to_owned(),
                oauth_endpoint: self.oauth_endpoint,
            }
        };
        let db = self.db.unwrap_or_else(|| {
            if self.sandbox {
                ":memory:".into()
            } else {
                "xaman-proxy.db".into()
            }
        });
        Ok(ServerConfig {
            host: self.host,
            port: self.port,
            mode,
            credentials,
            www: self.www,
            pkg: self.pkg,
            db,
            policy,
            allowed_origins,
            limits: Limits {
                body_bytes: self.body_limit,
                per_ip_per_minute: self.rate_per_ip,
                per_session_per_minute: self.rate_per_session,
                webhook_tolerance_seconds: self.webhook_tolerance,
                trusted_proxies: self.trusted_proxies,
            },
            clock: Clock::new(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn the_command_definition_is_consistent() {
        Cli::command().debug_assert();
    }

    #[test]
    fn sandbox_defaults() {
        let cli = Cli::try_parse_from(["xaman-proxy", "--sandbox"]).unwrap();
        assert_eq!((cli.port, cli.sandbox_port), (8080, 8090));
        assert_eq!(cli.host.to_string(), "127.0.0.1");
        assert!(cli.allow_origins.is_empty());
    }

    #[test]
    fn upstream_conflicts_with_sandbox_and_origins_repeat() {
        assert!(
            Cli::try_parse_from(["xaman-proxy", "--sandbox", "--upstream", "https://x.test"])
                .is_err()
        );
        let cli = Cli::try_parse_from([
            "xaman-proxy",
            "--sandbox",
            "--allow-origin",
            "http://a.test",
            "--allow-origin",
            "http://b.test:81",
        ])
        .unwrap();
        assert_eq!(cli.allow_origins.len(), 2);
    }
}
