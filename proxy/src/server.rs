//! The two listeners: the app (`--port`: www at `/`, the npm package at `/pkg/`, the proxy API at
//! `/api/xaman`) and, in sandbox mode, the simulated platform (`--sandbox-port`, at the root of
//! its own origin). [`start`] binds both, serves them in the background and returns the URLs;
//! tests use it in-process, the binary prints [`RunningServer::start_lines`].

use std::fmt;
use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use axum::extract::Request;
use axum::http::{header, HeaderValue, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use tokio::net::TcpListener;
use tokio::sync::watch;
use tokio::task::JoinHandle;
use tower_http::services::ServeDir;

use crate::api::{self, ApiState, Limits, PublicConfig};
use crate::clock::Clock;
use crate::policy::Policy;
use crate::sandbox::{Sandbox, SandboxConfig, SANDBOX_API_KEY, SANDBOX_API_SECRET};
use crate::store::{SessionStore, SqliteStore};
use crate::upstream::{Credentials, Upstream};

/// Where the proxy API is mounted on the app listener.
pub const API_PATH: &str = "/api/xaman";

/// Which platform the proxy talks to.
#[derive(Clone, Debug)]
pub enum Mode {
    /// Serve the built-in sandbox on `port` (0 = any free port) and use it as the platform.
    Sandbox { port: u16 },
    /// Use a platform elsewhere (the live one, `https://xumm.app`, or a sandbox run separately).
    Live {
        upstream: String,
        oauth_endpoint: String,
    },
}

/// Everything [`start`] needs.
#[derive(Clone, Debug)]
pub struct ServerConfig {
    pub host: IpAddr,
    /// App listener port (0 = any free port).
    pub port: u16,
    pub mode: Mode,
    /// The app credentials. `None` is allowed in sandbox mode only (the fixed sandbox ones).
    pub credentials: Option<Credentials>,
    pub www: Option<PathBuf>,
    pub pkg: Option<PathBuf>,
    /// SQLite path or `:memory:`.
    pub db: String,
    pub policy: Policy,
    /// Normalized origins allowed to call the API cross-origin with credentials.
    pub allowed_origins: Vec<String>,
    pub limits: Limits,
    /// "Now" for token expiry and webhook timestamps; in sandbox mode the sandbox shares it, so
    /// `POST /sandbox/clock` moves both.
    pub clock: Clock,
}

impl ServerConfig {
    /// Sandbox mode on free ports, in-memory database, default policy and limits.
    pub fn sandbox_on_free_ports() -> Self {
        Self {
            host: IpAddr::V4(Ipv4Addr::LOCALHOST),
            port: 0,
            mode: Mode::Sandbox { port: 0 },
            credentials: None,
            www: None,
            pkg: None,
            db: ":memory:".into(),
            policy: Policy::only_sign_in(),
            allowed_origins: Vec::new(),
            limits: Limits::default(),
            clock: Clock::new(),
        }
    }
}

/// Why the server could not start.
#[derive(Debug)]
pub struct StartError(pub String);

impl fmt::Display for StartError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for StartError {}

/// A started server. Dropping it does not stop it: call [`RunningServer::shutdown`].
pub struct RunningServer {
    pub app_addr: SocketAddr,
    pub sandbox_addr: Option<SocketAddr>,
    app_origin: String,
    platform_origin: String,
    oauth_endpoint: String,
    api_key: String,
    shown_secret: Option<String>,
    policy: String,
    db: String,
    sandbox: Option<Sandbox>,
    clock: Clock,
    stop: watch::Sender<bool>,
    tasks: Vec<JoinHandle<()>>,
}

impl RunningServer {
    /// `http://127.0.0.1:P` (no trailing slash).
    pub fn app_origin(&self) -> &str {
        &self.app_origin
    }

    /// `http://127.0.0.1:P/api/xaman`.
    pub fn api_url(&self) -> String {
        format!("{}{API_PATH}", self.app_origin)
    }

    /// The platform origin the proxy uses (the sandbox's, in sandbox mode).
    pub fn platform_origin(&self) -> &str {
        &self.platform_origin
    }

    /// The sandbox, in sandbox mode.
    pub fn sandbox(&self) -> Option<&Sandbox> {
        self.sandbox.as_ref()
    }

    /// The clock the proxy uses (shared with the sandbox in sandbox mode).
    pub fn clock(&self) -> &Clock {
        &self.clock
    }

    /// The lines the binary prints at start (without the final `ready`).
    pub fn start_lines(&self) -> Vec<String> {
        let mut lines = vec![
            format!("app: {}/", self.app_origin),
            format!("proxy api: {}", self.api_url()),
            format!("platform: {}", self.platform_origin),
            format!("oauth: {}", self.oauth_endpoint),
        ];
        if self.sandbox.is_some() {
            lines.push(format!("phone: {}/sandbox/phone", self.platform_origin));
            lines.push(format!(
                "xapp host: {}/sandbox/xapp?url=",
                self.platform_origin
            ));
        }
        lines.push(format!("api key: {}", self.api_key));
        if let Some(secret) = &self.shown_secret {
            lines.push(format!("api secret: {secret}"));
        }
        lines.push(format!("policy: {}", self.policy));
        lines.push(format!("webhook: {}/webhook", self.api_url()));
        lines.push(format!("db: {}", self.db));
        lines
    }

    /// Stops accepting connections, lets requests in flight finish (up to 5 s), then returns.
    pub async fn shutdown(self) {
        let _ = self.stop.send(true);
        for task in self.tasks {
            let abort = task.abort_handle();
            if tokio::time::timeout(Duration::from_secs(5), task)
                .await
                .is_err()
            {
                abort.abort();
            }
        }
    }
}

fn display_host(ip: IpAddr) -> String {
    match ip {
        ip if ip.is_unspecified() => "127.0.0.1".into(),
        IpAddr::V6(v6) => format!("[{v6}]"),
        IpAddr::V4(v4) => v4.to_string(),
    }
}

async fn bind(
    host: IpAddr,
    port: u16,
    what: &str,
) -> Result<(TcpListener, SocketAddr), StartError> {
    let listener = TcpListener::bind(SocketAddr::new(host, port))
        .await
        .map_err(|e| {
            StartError(format!(
                "cannot listen on {host}:{port} for the {what}: {e}"
            ))
        })?;
    let addr = listener
        .local_addr()
        .map_err(|e| StartError(e.to_string()))?;
    Ok((listener, addr))
}

/// Sets the MIME types browsers insist on for the package files, and `no-cache` so a rebuilt
/// package is picked up on reload.
async fn static_headers(request: Request, next: Next) -> Response {
    let path = request.uri().path().to_owned();
    let mut response = next.run(request).await;
    let mime = if path.ends_with(".wasm") {
        Some("application/wasm")
    } else if path.ends_with(".js") || path.ends_with(".mjs") {
        Some("text/javascript; charset=utf-8")
    } else {
        None
    };
    if response.status().is_success() {
        if let Some(mime) = mime {
            response
                .headers_mut()
                .insert(header::CONTENT_TYPE, HeaderValue::from_static(mime));
        }
    }
    response
        .headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    response
}

async fn no_www() -> Response {
    (
        StatusCode::OK,
        [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
        "xaman-proxy is running. No --www directory was given; the proxy API is at /api/xaman.\n",
    )
        .into_response()
}

fn app_router(state: Arc<ApiState>, www: Option<PathBuf>, pkg: Option<PathBuf>) -> Router {
    let mut router = Router::new().nest(API_PATH, api::router(state));
    if let Some(pkg) = pkg {
        router = router.nest_service("/pkg", ServeDir::new(pkg));
    }
    router = match www {
        Some(www) => {
            router.fallback_service(ServeDir::new(www).append_index_html_on_directories(true))
        }
        None => router.route("/", get(no_www)),
    };
    router.layer(middleware::from_fn(static_headers_unless_api))
}

async fn static_headers_unless_api(request: Request, next: Next) -> Response {
    if request.uri().path().starts_with(API_PATH) {
        next.run(request).await
    } else {
        static_headers(request, next).await
    }
}

fn serve(listener: TcpListener, router: Router, mut stop: watch::Receiver<bool>) -> JoinHandle<()> {
    tokio::spawn(async move {
        let service = router.into_make_service_with_connect_info::<SocketAddr>();
        let shutdown = async move {
            let _ = stop.wait_for(|stopped| *stopped).await;
        };
        if let Err(e) = axum::serve(listener, service)
            .with_graceful_shutdown(shutdown)
            .await
        {
            eprintln!("xaman-proxy: server error: {e}");
        }
    })
}

/// Binds the listeners, opens the database, and serves in the background.
pub async fn start(config: ServerConfig) -> Result<RunningServer, StartError> {
    let host = display_host(config.host);
    let (app_listener, app_addr) = bind(config.host, config.port, "app").await?;
    let app_origin = format!("http://{host}:{}", app_addr.port());
    let webhook_url = format!("{app_origin}{API_PATH}/webhook");

    let (credentials, shown_secret) = match (&config.credentials, &config.mode) {
        (Some(c), _) => (c.clone(), None),
        (None, Mode::Sandbox { .. }) => (
            Credentials {
                api_key: SANDBOX_API_KEY.into(),
                api_secret: SANDBOX_API_SECRET.into(),
            },
            Some(SANDBOX_API_SECRET.to_owned()),
        ),
        (None, Mode::Live { .. }) => {
            return Err(StartError(
                "the live platform needs XAMAN_API_KEY and XAMAN_API_SECRET".into(),
            ))
        }
    };

    let (stop, stop_rx) = watch::channel(false);
    let mut tasks = Vec::new();
    let (sandbox, sandbox_addr, platform_origin, oauth_endpoint) = match &config.mode {
        Mode::Sandbox { port } => {
            let (listener, addr) = bind(config.host, *port, "sandbox").await?;
            let origin = format!("http://{host}:{}", addr.port());
            let sandbox_config = SandboxConfig {
                clock: config.clock.clone(),
                webhook_url: Some(webhook_url.clone()),
                ..SandboxConfig::with_credentials(&credentials.api_key, &credentials.api_secret)
            };
            let sandbox = Sandbox::new(sandbox_config);
            sandbox.set_webhook_url(Some(webhook_url.clone()));
            tasks.push(serve(listener, sandbox.router(), stop_rx.clone()));
            let oauth = format!("{origin}/oauth2");
            (Some(sandbox), Some(addr), origin, oauth)
        }
        Mode::Live {
            upstream,
            oauth_endpoint,
        } => (
            None,
            None,
            upstream.trim_end_matches('/').to_owned(),
            oauth_endpoint.trim_end_matches('/').to_owned(),
        ),
    };

    let upstream =
        Upstream::new(&platform_origin, credentials.clone()).map_err(|e| StartError(e.0))?;
    let db = config.db.clone();
    let store: Arc<dyn SessionStore> = Arc::new(
        tokio::task::spawn_blocking(move || SqliteStore::open(&db))
            .await
            .map_err(|e| StartError(e.to_string()))?
            .map_err(|e| StartError(e.to_string()))?,
    );
    let public = PublicConfig {
        api_key: credentials.api_key.clone(),
        endpoint: platform_origin.clone(),
        oauth_endpoint: oauth_endpoint.clone(),
    };
    let state = Arc::new(ApiState::new(
        Arc::clone(&store),
        upstream,
        config.policy.clone(),
        config.clock.clone(),
        public,
        config.allowed_origins.clone(),
        API_PATH,
        &config.limits,
    ));
    tasks.push(serve(
        app_listener,
        app_router(state, config.www.clone(), config.pkg.clone()),
        stop_rx.clone(),
    ));
    tasks.push(purge_task(store, config.clock.clone(), stop_rx));

    Ok(RunningServer {
        app_addr,
        sandbox_addr,
        app_origin,
        platform_origin,
        oauth_endpoint,
        api_key: credentials.api_key,
        shown_secret,
        policy: config.policy.describe(),
        db: config.db,
        sandbox,
        clock: config.clock,
        stop,
        tasks,
    })
}

/// Sessions idle this long without a live token are deleted.
const IDLE_SESSION_SECONDS: i64 = 90 * 24 * 3600;

fn purge_task(
    store: Arc<dyn SessionStore>,
    clock: Clock,
    mut stop: watch::Receiver<bool>,
) -> JoinHandle<()> {
    tokio::spawn(async move {
        loop {
            let now = clock.now_unix();
            let store = Arc::clone(&store);
            let _ = tokio::task::spawn_blocking(move || {
                store.purge_idle(now - IDLE_SESSION_SECONDS, now)
            })
            .await;
            tokio::select! {
                _ = tokio::time::sleep(Duration::from_secs(3600)) => {}
                _ = stop.wait_for(|stopped| *stopped) => return,
            }
        }
    })
}
