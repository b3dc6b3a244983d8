//! The connected SDK (`Xaman`): configuration, context, the signed-in user, events, sign-in and
//! sign-out, and payload creation on the route the context allows. The rules themselves
//! (option validation, context and route choice, session entries) are in `core`.

use crate::web::cell::RefCell;
use alloc::rc::{Rc, Weak};
use core::future::Future;

use wasm_bindgen::prelude::*;

use crate::core::bridge::{BridgeCommand, HostEvent};
use crate::core::context::{
    self, choose_context, choose_route, Config, ConnectOptions, Context, Route,
};
use crate::core::jwt::is_expired;
use crate::core::message::joined4;
use crate::core::payload::{validate, PayloadRequest};
use crate::core::platform::{CreatedPayload, ProxySession};
use crate::core::session::{Stored, Web3Session, WEB3_SESSION_KEY};
use crate::core::user::User;
use crate::core::{ErrorCode, JsonValue, XamanError};
use crate::prelude::*;
use crate::web::api::{Backend, PayloadApi};
use crate::web::bindings::{Function, Promise, Window};
use crate::web::bridge::Bridge;
use crate::web::convert;
use crate::web::error::{to_js_error, WebResult};
use crate::web::http::{Fetch, HttpRequest, DEFAULT_TIMEOUT_MS};
use crate::web::js::{self, Task, Timeout};
use crate::web::listeners::Listeners;
use crate::web::oauth;
use crate::web::request::PayloadHandle;
use crate::web::sessions::{self, XappStart};
use crate::web::status::{Follower, ResolvedHook, WeakFollower};
use crate::web::storage::Store;

/// The events of `xaman.on(name, cb)` (their names: [`EVENT_NAMES`], in this order).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ClientEvent {
    /// A user signed in (argument: the user).
    SignedIn,
    /// The user signed out or the session expired (argument: `{reason}`).
    SignedOut,
    /// Something failed in the background (argument: the `XamanError`).
    Error,
}

/// The event names of `xaman.on(name, cb)`, in the order of [`ClientEvent`].
pub const EVENT_NAMES: [&str; 3] = ["signedIn", "signedOut", "error"];

/// The connected SDK. Clone = same instance.
#[derive(Clone)]
pub struct Client {
    inner: Rc<RefCell<Inner>>,
}

struct Inner {
    config: Config,
    store: Store,
    timeout_ms: u32,
    context: Context,
    xapp: Option<sessions::XappAuth>,
    web3: Option<Web3Session>,
    proxy_user: Option<User>,
    bridge: Option<Bridge>,
    listeners: Listeners,
    /// Events that happened during `connect`, kept for the first listener of their kind.
    early_events: Vec<(usize, JsValue)>,
    connected: bool,
    expiry_timer: Option<Timeout>,
    followers: Vec<WeakFollower>,
    sign_in: Option<Promise>,
}

impl Client {
    /// `Xaman.connect(options)`.
    pub async fn connect(options: JsValue) -> WebResult<Client> {
        js::install_number_writer();
        let window = js::window();
        let config = connect_options(&options, window.as_ref())?;
        // Neither apiKey nor proxy: say what to configure before touching anything.
        choose_context(false, false, &config)?;

        let store = Store::open(config.storage);
        let timeout_ms = config.timeout_ms.unwrap_or(DEFAULT_TIMEOUT_MS);
        let search = match &window {
            Some(w) => js::location(w, "search").unwrap_or_default(),
            None => String::new(),
        };
        let xapp_env = window.as_ref().and_then(|w| {
            let user_agent = user_agent(w).unwrap_or_default();
            context::detect_xapp(&user_agent, &search)
        });
        let debug = config.debug;
        let has_api_key = config.api_key.is_some();

        let client = Client {
            inner: Rc::new(RefCell::new(Inner {
                config,
                store,
                timeout_ms,
                context: Context::Proxy,
                xapp: None,
                web3: None,
                proxy_user: None,
                bridge: None,
                listeners: Listeners::new(None),
                early_events: Vec::new(),
                connected: false,
                expiry_timer: None,
                followers: Vec::new(),
                sign_in: None,
            })),
        };

        let xapp_auth = match (xapp_env, &window) {
            (Some(env), Some(window)) => {
                let bridge = Bridge::new(window.clone(), debug);
                bridge.set_hook(client.host_hook());
                let mut inner = client.inner.borrow_mut();
                inner.bridge = Some(bridge);
                has_api_key.then(|| {
                    sessions::start_xapp_auth(&inner.config, &inner.store, &env, timeout_ms)
                })
            }
            _ => None,
        };
        let auth = match xapp_auth {
            Some(XappStart::Ready(auth)) => auth,
            Some(XappStart::Exchange(request, ott)) => {
                let answer = request.await?;
                sessions::finish_xapp_auth(&answer, ott, &client.inner.borrow().store)?
            }
            None => None,
        };
        client.inner.borrow_mut().xapp = auth;

        let in_xapp = client.inner.borrow().xapp.is_some();
        if !in_xapp {
            let exchange = window
                .as_ref()
                .and_then(|window| client.start_redirect_exchange(window, &search));
            if let Some(exchange) = exchange {
                let session = exchange.await;
                client.redirect_exchanged(session);
            }
            if client.inner.borrow().web3.is_none() {
                client.restore_web3();
            }
            client.arm_expiry();
            let read_proxy_session = {
                let inner = client.inner.borrow();
                inner.web3.is_none() && inner.config.proxy.is_some()
            };
            if read_proxy_session {
                client.refresh_proxy_session(false).await;
            }
        }
        client.update_context()?;
        let debug = {
            let mut inner = client.inner.borrow_mut();
            inner.connected = true;
            inner.config.debug
        };
        js::debug_log(
            debug,
            "connected, context",
            &JsValue::from_str(client.context()),
        );
        Ok(client)
    }

    /// `xaman.context`.
    pub fn context(&self) -> &'static str {
        self.inner.borrow().context.as_str()
    }

    /// `xaman.user` (a fresh plain object, or null).
    pub fn user(&self) -> JsValue {
        match self.current_user() {
            Some(user) => convert::user(&user),
            None => JsValue::NULL,
        }
    }

    /// The xApp bridge, when the page runs inside Xaman (or an xApp emulator).
    pub fn bridge(&self) -> Option<Bridge> {
        self.inner.borrow().bridge.clone()
    }

    /// `xaman.on(name, cb)`; returns the function that removes the listener.
    pub fn on(&self, name: &JsValue, callback: Function) -> Result<Function, JsValue> {
        let listeners = self.inner.borrow().listeners.clone();
        let (event, off) = listeners.add(
            &EVENT_NAMES,
            "",
            "signedIn, signedOut or error",
            name,
            callback.clone(),
        )?;
        let (early, debug) = {
            let mut inner = self.inner.borrow_mut();
            let mut early = Vec::new();
            for (e, value) in core::mem::take(&mut inner.early_events) {
                if e == event {
                    early.push(value);
                } else {
                    inner.early_events.push((e, value));
                }
            }
            (early, inner.config.debug)
        };
        if !early.is_empty() {
            // Delivered after `on` returns, like any other event.
            js::spawn(Box::pin(async move {
                for value in early {
                    js::call_listener(&callback, &value, debug);
                }
            }));
        }
        Ok(off)
    }

    /// `xaman.signIn({redirect?})`. Synchronous up to `window.open`, so the popup counts as
    /// opened by the user's click.
    pub fn sign_in(&self, options: &JsValue) -> Promise {
        match self.start_sign_in(options) {
            Ok(promise) => promise,
            Err(error) => Promise::reject(&to_js_error(&error)),
        }
    }

    fn start_sign_in(&self, options: &JsValue) -> WebResult<Promise> {
        let redirect = parse_flag_options(options, "signIn", "redirect")?;
        if let Some(pending) = self.inner.borrow().sign_in.clone() {
            return Ok(pending);
        }
        {
            let inner = self.inner.borrow();
            // Inside Xaman the user is already known; a Web3 session is kept until signOut().
            if inner.xapp.is_some() || inner.web3.is_some() {
                return Ok(Promise::resolve(&self.user()));
            }
        }
        let window = js::window().ok_or_else(|| {
            XamanError::new(ErrorCode::OauthFailed, "signIn() needs a browser window")
        })?;
        let (pending, url, oauth_endpoint, store) = {
            let inner = self.inner.borrow();
            let (pending, url) = oauth::prepare(&inner.config, &window)?;
            let endpoint = inner.config.oauth_endpoint.clone();
            (pending, url, endpoint, inner.store.clone())
        };

        let popup = if redirect {
            None
        } else {
            oauth::open_popup(&window, &url)
        };
        let Some(popup) = popup else {
            // Asked for, or the popup was blocked: leave the page; connect() finishes it.
            oauth::redirect(&window, &store, &pending, &url)?;
            return Ok(js::deferred().0);
        };

        let client = self.clone();
        let promise = js::promise(Box::pin(async move {
            let code = oauth::wait_for_popup(&window, popup, &oauth_endpoint, &pending.state).await;
            let result = match code {
                Ok(code) => {
                    let exchange = {
                        let inner = client.inner.borrow();
                        oauth::exchange(&inner.config, &code, &pending, inner.timeout_ms)
                    };
                    exchange.await
                }
                Err(error) => Err(error),
            };
            client.inner.borrow_mut().sign_in = None;
            client.signed_in(result?)?;
            Ok(client.user())
        }));
        self.inner.borrow_mut().sign_in = Some(promise.clone());
        Ok(promise)
    }

    /// `xaman.signOut()`: forget the Web3 session and log out of the proxy session. Resolves
    /// with `undefined`.
    pub async fn sign_out(self) -> WebResult<JsValue> {
        let had_user = {
            let mut inner = self.inner.borrow_mut();
            if inner.xapp.is_some() {
                return Ok(JsValue::UNDEFINED); // inside Xaman the host decides who is signed in
            }
            let had_user = inner.web3.is_some() || inner.proxy_user.is_some();
            inner.store.remove(WEB3_SESSION_KEY);
            inner.web3 = None;
            inner.expiry_timer = None;
            inner.proxy_user = None;
            had_user
        };
        self.update_context()?;
        let logout = self.proxy_request(
            "POST",
            "/session/logout",
            "signing out of the proxy session",
        );
        let result = match logout {
            Some(request) => request.await.map(|_| JsValue::UNDEFINED),
            None => Ok(JsValue::UNDEFINED),
        };
        if had_user {
            self.emit(ClientEvent::SignedOut, signed_out_reason("signOut"));
        }
        result
    }

    /// `xaman.payload(request, {open?})`: validate, create on the current route, follow.
    pub async fn payload(&self, request: &JsValue, options: &JsValue) -> WebResult<PayloadHandle> {
        let (api, body, context, open) = self.prepare_payload(request, options)?;
        let answer = api.create(body).await;
        self.follow_payload(api, answer?, context, open)
    }

    /// The synchronous part of `payload` before the request: validate, pick the backend.
    #[inline(never)]
    fn prepare_payload(
        &self,
        request: &JsValue,
        options: &JsValue,
    ) -> WebResult<(PayloadApi, String, Context, bool)> {
        let json = js::to_json_value(request).ok_or_else(|| {
            XamanError::new(
                ErrorCode::InvalidPayload,
                "the payload must be a plain object",
            )
        })?;
        let request = PayloadRequest::from_json(json);
        validate(&request)?;
        let open = !matches!(parse_open_option(options)?, Some(false));

        self.check_expiry();
        let api = self.payload_api()?;
        let context = self.inner.borrow().context;
        Ok((api, request.to_json_string(), context, open))
    }

    /// The synchronous part of `payload` after the create answer: route, follow, open.
    #[inline(never)]
    fn follow_payload(
        &self,
        api: PayloadApi,
        answer: JsValue,
        context: Context,
        open: bool,
    ) -> WebResult<PayloadHandle> {
        let created: CreatedPayload = js::from_js(&answer).ok_or_else(|| {
            XamanError::new(
                ErrorCode::Platform,
                "unexpected answer while creating the payload (no uuid/next/refs)",
            )
        })?;
        let debug = self.inner.borrow().config.debug;
        let route = choose_route(context, created.pushed, is_mobile());
        let hook = (context == Context::Proxy).then(|| self.proxy_resolved_hook());
        let follower = Follower::start(
            &created.uuid,
            &created.refs.websocket_status,
            api,
            debug,
            hook,
        );
        {
            let mut inner = self.inner.borrow_mut();
            inner
                .followers
                .retain(|f| f.upgrade().is_some_and(|f| !f.is_finished()));
            inner.followers.push(follower.downgrade());
        }
        if route == Route::Xapp && open {
            self.open_in_xapp(&created.uuid);
        }
        Ok(PayloadHandle::new(created, answer, route, follower))
    }

    /// The backend for a new payload, by context. `not_signed_in` in a signed-out Web3 context.
    fn payload_api(&self) -> WebResult<PayloadApi> {
        let inner = self.inner.borrow();
        // The token of the signed-in route (xApp or Web3), or the proxy: one refusal for all.
        let jwt = match inner.context {
            Context::Xapp => inner.xapp.as_ref().map(|auth| &auth.jwt),
            Context::Web3 => inner.web3.as_ref().map(|session| &session.jwt),
            Context::Proxy => None,
        };
        let backend = match (jwt, &inner.config.proxy) {
            (Some(jwt), _) => Backend::Jwt {
                endpoint: inner.config.endpoint.clone(),
                jwt: jwt.clone(),
            },
            (None, Some(base)) if inner.context == Context::Proxy => Backend::Proxy { base: base.clone() },
            _ => return Err(not_signed_in()),
        };
        Ok(PayloadApi {
            backend,
            timeout_ms: inner.timeout_ms,
        })
    }

    /// Ask the xApp host to show the payload; a failure is reported as an `error` event (the
    /// payload itself exists and is followed either way).
    fn open_in_xapp(&self, uuid: &str) {
        let Some(bridge) = self.bridge() else { return };
        let promise = bridge.send(&BridgeCommand::OpenSignRequest {
            uuid: uuid.to_owned(),
        });
        let weak = Rc::downgrade(&self.inner);
        js::spawn(Box::pin(async move {
            if let Err(error) = crate::web::executor::settled(&promise).await {
                if let Some(inner) = weak.upgrade() {
                    Client { inner }.emit(ClientEvent::Error, error);
                }
            }
        }));
    }

    /// After a signed outcome on the proxy route, re-read the proxy session so `xaman.user`
    /// shows who signed by the time `req.resolved` settles.
    fn proxy_resolved_hook(&self) -> ResolvedHook {
        let weak: Weak<RefCell<Inner>> = Rc::downgrade(&self.inner);
        Box::new(move |signed: bool, resolve: Function, result: JsValue| {
            Box::pin(async move {
                if let (true, Some(inner)) = (signed, weak.upgrade()) {
                    Client { inner }.refresh_proxy_session(true).await;
                }
                let _ = resolve.call1(&JsValue::UNDEFINED, &result);
            }) as Task<()>
        })
    }

    /// `GET {proxy}/session` → `xaman.user` (proxy context). With `announce` (after a signed
    /// payload): `signedIn` when the account changed, and a failure is an `error` event;
    /// without (in `connect`): a failure is only logged in debug mode.
    async fn refresh_proxy_session(&self, announce: bool) {
        if let Some(request) = self.proxy_request("GET", "/session", "reading the proxy session") {
            let answer = request.await;
            self.proxy_session_read(answer, announce);
        }
    }

    /// A call to the proxy (with its cookies), sent right away; `None` without a proxy.
    fn proxy_request(&self, method: &'static str, path: &str, what: &'static str) -> Option<Fetch> {
        let inner = self.inner.borrow();
        let url = inner.config.proxy.clone()? + path;
        Some(
            HttpRequest::new(method, &url, what)
                .with_credentials()
                .send(inner.timeout_ms),
        )
    }

    /// The proxy's `/session` answer → `xaman.user`; `signedIn` when `announce` and the
    /// account changed. A failure: an `error` event when `announce`, else a debug log.
    #[inline(never)]
    fn proxy_session_read(&self, answer: WebResult<JsValue>, announce: bool) {
        let answer = match answer {
            Ok(answer) => answer,
            Err(error) => {
                let error = to_js_error(&error);
                if announce {
                    self.emit(ClientEvent::Error, error);
                } else {
                    let debug = self.inner.borrow().config.debug;
                    js::debug_log(debug, "proxy session unavailable", &error);
                }
                return;
            }
        };
        let session: ProxySession = js::from_js(&answer).unwrap_or_default();
        let user = User::from_proxy_session(&session);
        let changed = {
            let mut inner = self.inner.borrow_mut();
            let changed =
                user.as_ref().map(|u| &u.account) != inner.proxy_user.as_ref().map(|u| &u.account);
            inner.proxy_user = user.clone();
            changed && inner.web3.is_none() && inner.xapp.is_none()
        };
        if announce && changed {
            if let Some(user) = user {
                self.emit(ClientEvent::SignedIn, convert::user(&user));
            }
        }
    }

    /// Store a fresh Web3 session, switch to the web3 context, announce it.
    fn signed_in(&self, session: Web3Session) -> WebResult<()> {
        let user = session.user.clone();
        {
            let mut inner = self.inner.borrow_mut();
            if !inner
                .store
                .set_text(WEB3_SESSION_KEY, &session.to_json_string())
            {
                js::debug_log(
                    inner.config.debug,
                    "could not store the session",
                    &JsValue::NULL,
                );
            }
            inner.web3 = Some(session);
        }
        self.arm_expiry();
        self.update_context()?;
        self.emit(ClientEvent::SignedIn, convert::user(&user));
        Ok(())
    }

    /// Back from a full-page sign-in redirect: clean the URL and start the code exchange
    /// (`None` when this page load is not such a return, or it failed: reported as `error`).
    fn start_redirect_exchange(
        &self,
        window: &Window,
        search: &str,
    ) -> Option<impl Future<Output = WebResult<Web3Session>>> {
        let started = {
            let inner = self.inner.borrow();
            sessions::finish_redirect(
                window,
                search,
                &inner.config,
                &inner.store,
                inner.timeout_ms,
            )
        };
        match started {
            Ok(exchange) => exchange,
            Err(error) => {
                self.emit(ClientEvent::Error, to_js_error(&error));
                None
            }
        }
    }

    /// The redirect's code exchange finished: sign in, or report the failure as `error`.
    fn redirect_exchanged(&self, session: WebResult<Web3Session>) {
        match session {
            Ok(session) => {
                let _ = self.signed_in(session);
            }
            Err(error) => self.emit(ClientEvent::Error, to_js_error(&error)),
        }
    }

    /// A stored Web3 session from an earlier visit (expired → removed, `signedOut`).
    fn restore_web3(&self) {
        let store = self.inner.borrow().store.clone();
        let session = match Web3Session::read(store.get_json(WEB3_SESSION_KEY).as_ref()) {
            Stored::Valid(session) => session,
            Stored::Corrupt => {
                store.remove(WEB3_SESSION_KEY);
                return;
            }
            Stored::Missing => return,
        };
        if jwt_expired(&session.jwt) {
            store.remove(WEB3_SESSION_KEY);
            self.emit(ClientEvent::SignedOut, signed_out_reason("expired"));
        } else {
            self.inner.borrow_mut().web3 = Some(session);
        }
    }

    /// Sign out when the Web3 JWT has expired (checked before each payload and by a timer).
    fn check_expiry(&self) {
        let expired = self
            .inner
            .borrow()
            .web3
            .as_ref()
            .is_some_and(|s| jwt_expired(&s.jwt));
        if expired {
            {
                let mut inner = self.inner.borrow_mut();
                inner.store.remove(WEB3_SESSION_KEY);
                inner.web3 = None;
                inner.expiry_timer = None;
            }
            let _ = self.update_context();
            self.emit(ClientEvent::SignedOut, signed_out_reason("expired"));
        }
    }

    /// A timer at the Web3 JWT's expiry.
    fn arm_expiry(&self) {
        let exp = self
            .inner
            .borrow()
            .web3
            .as_ref()
            .and_then(|s| oauth::claims_of(&s.jwt).ok())
            .and_then(|claims| claims.exp);
        let Some(exp) = exp else {
            self.inner.borrow_mut().expiry_timer = None;
            return;
        };
        let skew_ms = crate::core::jwt::EXPIRY_SKEW_SECS as f64 * 1000.0;
        let delay =
            (exp as f64 * 1000.0 - skew_ms - js::now_ms()).clamp(0.0, i32::MAX as f64) as u32;
        let weak = Rc::downgrade(&self.inner);
        let timer = Timeout::new(delay.saturating_add(50), move || {
            if let Some(inner) = weak.upgrade() {
                Client { inner }.check_expiry();
            }
        });
        self.inner.borrow_mut().expiry_timer = Some(timer);
    }

    fn update_context(&self) -> WebResult<()> {
        let mut inner = self.inner.borrow_mut();
        let context = choose_context(inner.xapp.is_some(), inner.web3.is_some(), &inner.config)?;
        inner.context = context;
        Ok(())
    }

    fn current_user(&self) -> Option<User> {
        let inner = self.inner.borrow();
        match inner.context {
            Context::Xapp => inner.xapp.as_ref().and_then(|a| a.user.clone()),
            Context::Web3 => inner.web3.as_ref().map(|s| s.user.clone()),
            Context::Proxy => inner.proxy_user.clone(),
        }
    }

    /// Host events: a `payload` event makes the matching payload verify its state.
    fn host_hook(&self) -> Rc<dyn Fn(&HostEvent)> {
        let weak = Rc::downgrade(&self.inner);
        Rc::new(move |event: &HostEvent| {
            let HostEvent::PayloadResolved { reason, uuid } = event else {
                return;
            };
            let Some(inner) = weak.upgrade() else { return };
            let mut followers: Vec<Follower> = Vec::new();
            for weak in &inner.borrow().followers {
                if let Some(follower) = weak.upgrade() {
                    if uuid.as_deref().map_or(true, |u| follower.has_uuid(u)) {
                        followers.push(follower);
                    }
                }
            }
            for follower in followers {
                follower.host_resolved(reason == "SIGNED");
            }
        })
    }

    fn emit(&self, event: ClientEvent, value: JsValue) {
        let event = event as usize;
        let (listeners, debug) = {
            let mut inner = self.inner.borrow_mut();
            if !inner.connected && inner.listeners.of(event).is_empty() {
                inner.early_events.push((event, value));
                return;
            }
            (inner.listeners.clone(), inner.config.debug)
        };
        listeners.emit(event, "event", &value, debug);
    }
}

fn not_signed_in() -> XamanError {
    XamanError::new(
        ErrorCode::NotSignedIn,
        "no signed-in user: call signIn() first (or give a `proxy`)",
    )
}

fn signed_out_reason(reason: &str) -> JsValue {
    let value = js::object();
    js::set(&value, "reason", reason);
    value
}

/// `true` when the JWT has expired (or its claims cannot be read).
pub fn jwt_expired(jwt: &str) -> bool {
    let now_secs = (js::now_ms() / 1000.0) as i64;
    oauth::claims_of(jwt)
        .map(|claims| is_expired(&claims, now_secs))
        .unwrap_or(true)
}

fn is_mobile() -> bool {
    js::window()
        .and_then(|w| user_agent(&w))
        .is_some_and(|ua| context::is_mobile_user_agent(&ua))
}

/// `navigator.userAgent`.
fn user_agent(window: &Window) -> Option<String> {
    js::get_string(&js::get(window, "navigator"), "userAgent")
}

/// The validated options of `Xaman.connect`.
fn connect_options(options: &JsValue, window: Option<&Window>) -> WebResult<Config> {
    let page_url = window.and_then(|w| js::location(w, "href"));
    let raw = if options.is_undefined() || options.is_null() {
        JsonValue::Null
    } else {
        js::to_json_value(options).ok_or_else(|| {
            XamanError::new(
                ErrorCode::InvalidConfig,
                "Xaman.connect options must be a plain object",
            )
        })?
    };
    ConnectOptions { raw }.validate(page_url.as_deref())
}

/// `{open?: boolean}` of `xaman.payload(request, options)`.
fn parse_open_option(options: &JsValue) -> WebResult<Option<bool>> {
    if options.is_undefined() || options.is_null() {
        return Ok(None);
    }
    let json = js::to_json_value(options).unwrap_or(JsonValue::Null);
    let Some(members) = json.as_object() else {
        return Err(XamanError::new(
            ErrorCode::InvalidOption,
            "the second argument of payload() must be an object like {open: false}",
        ));
    };
    let mut open = None;
    for (key, value) in members {
        match (key.as_str(), value) {
            ("open", JsonValue::Bool(b)) => open = Some(*b),
            ("open", JsonValue::Null) => {}
            ("open", _) => {
                return Err(XamanError::new(
                    ErrorCode::InvalidOption,
                    "payload(…, {open}) must be a boolean",
                ))
            }
            _ => {
                return Err(XamanError::new(
                    ErrorCode::InvalidOption,
                    joined4("unknown payload() option \"", key, "\": only open is supported", ""),
                ));
            }
        }
    }
    Ok(open)
}

/// `{<flag>?: boolean}` options of `signIn`.
fn parse_flag_options(options: &JsValue, method: &str, flag: &str) -> WebResult<bool> {
    if options.is_undefined() || options.is_null() {
        return Ok(false);
    }
    let json = js::to_json_value(options).unwrap_or(JsonValue::Null);
    let bad = || {
        XamanError::new(ErrorCode::InvalidOption, joined4(method, "() accepts only {", flag, ": boolean}"))
    };
    let members = json.as_object().ok_or_else(bad)?;
    let mut value = false;
    for (key, v) in members {
        match (key == flag, v) {
            (true, JsonValue::Bool(b)) => value = *b,
            (true, JsonValue::Null) => {}
            _ => return Err(bad()),
        }
    }
    Ok(value)
}
