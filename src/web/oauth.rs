//! Web3 sign-in: OAuth2 authorization code with PKCE (S256) against `oauthEndpoint`, in a
//! popup (opened synchronously inside the caller's click) or by a full-page redirect that the
//! next `Xaman.connect` finishes. The PKCE math and message parsing are in `core::pkce`.

use core::future::Future;
use core::pin::Pin;
use core::task::{ready, Context, Poll};

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::core::context::{Config, StorageKind};
use crate::core::encoding::cut;
use crate::core::jwt::{decode_payload, JwtClaims};
use crate::core::pkce::{self, Callback};
use crate::core::platform::{TokenResponse, UserInfo};
use crate::core::session::{PendingPkce, Web3Session, PKCE_PENDING_KEY};
use crate::core::url::origin_of;
use crate::core::user::User;
use crate::core::{ErrorCode, XamanError};
use crate::prelude::*;
use crate::web::api::bearer;
use crate::web::bindings::{Crypto, Window};
use crate::web::error::{to_js_error, WebResult};
use crate::web::executor::Settled;
use crate::web::http::HttpRequest;
use crate::web::js::{self, Interval};
use crate::web::storage::Store;

/// Name of the sign-in popup window.
const POPUP_NAME: &str = "XamanSignIn";
/// Size and chrome of the popup.
const POPUP_FEATURES: &str = "popup=yes,width=600,height=790,resizable=yes,scrollbars=yes";
/// How often to check whether the popup was closed.
const POPUP_POLL_MS: u32 = 500;
/// A result message can arrive just after the popup closed: wait this long before
/// `popup_closed`.
const CLOSE_GRACE_MS: f64 = 1_000.0;

/// Random state, verifier and the authorize URL for one sign-in.
pub fn prepare(config: &Config, window: &Window) -> WebResult<(PendingPkce, String)> {
    let Some(client_id) = config.api_key.as_deref() else {
        return Err(XamanError::new(
            ErrorCode::InvalidConfig,
            "signIn() needs the apiKey option",
        ));
    };
    let verifier = pkce::verifier_from_random(&random_bytes(window, 48)?)?;
    let state = pkce::state_from_random(&random_bytes(window, 24)?)?;
    let redirect_uri = redirect_uri(window);
    let challenge = pkce::code_challenge_s256(&verifier);
    let url = pkce::authorize_url(
        &config.oauth_endpoint,
        client_id,
        &redirect_uri,
        &state,
        &challenge,
    );
    Ok((
        PendingPkce {
            state,
            verifier,
            redirect_uri,
        },
        url,
    ))
}

/// This page's URL without the OAuth2 return parameters and the fragment.
pub fn redirect_uri(window: &Window) -> String {
    let href = js::location(window, "href").unwrap_or_default();
    let (without_fragment, _) = cut(&href, b'#');
    pkce::strip_oauth_params(without_fragment)
}

/// `window.open` the sign-in popup; `None` when the browser blocked it.
pub fn open_popup(window: &Window, url: &str) -> Option<Window> {
    let popup = js::call(
        window,
        "open",
        &url.into(),
        &POPUP_NAME.into(),
        &POPUP_FEATURES.into(),
    )
    .ok()?;
    popup.is_object().then(|| popup.unchecked_into())
}

/// The store that keeps the PKCE values across a redirect: this tab's `sessionStorage` when
/// the browser has one, else the configured storage.
pub fn pending_store(configured: &Store) -> Store {
    let session = Store::open(StorageKind::Session);
    if session.is_persistent() {
        session
    } else {
        configured.clone()
    }
}

/// Leave the page for the authorize URL; the next `Xaman.connect` finishes the sign-in.
pub fn redirect(window: &Window, store: &Store, pending: &PendingPkce, url: &str) -> WebResult<()> {
    if !pending_store(store).set_text(PKCE_PENDING_KEY, &pending.to_json_string()) {
        return Err(XamanError::new(
            ErrorCode::Storage,
            "could not keep the sign-in state for the redirect",
        ));
    }
    let location = js::get(window, "location");
    js::call_str(&location, "assign", url, "")
        .map(|_| ())
        .map_err(|_| {
            XamanError::new(
                ErrorCode::OauthFailed,
                "the browser refused to open the sign-in page",
            )
        })
}

/// Start listening for the popup's result message (only from the OAuth2 origin, state
/// checked) and watching whether it was closed. The future gives the code, or `popup_closed`
/// when the user closes the popup first.
pub fn wait_for_popup(
    window: &Window,
    popup: Window,
    oauth_endpoint: &str,
    state: &str,
) -> PopupWait {
    let expected_origin = origin_of(oauth_endpoint).unwrap_or_default();
    let state = state.to_owned();
    // Settled by the first result; later calls of `resolve` or `reject` do nothing.
    let (promise, resolve, reject) = js::deferred();

    let on_message = {
        let reject = reject.clone();
        Closure::<dyn FnMut(JsValue)>::new(move |event: JsValue| {
            if js::get_string(&event, "origin").as_deref() != Some(expected_origin.as_str()) {
                return;
            }
            let data = js::get(&event, "data");
            let parsed = match data.as_string() {
                Some(text) => js::parse_json(&text),
                None => Some(data),
            };
            let Some(callback) = parsed
                .and_then(|v| js::to_json_value(&v))
                .and_then(|v| pkce::parse_popup_message(&v))
            else {
                return;
            };
            if callback == Callback::PopupClosed {
                return; // the poll below decides, after the grace period
            }
            let _ = match pkce::check_callback(&callback, &state) {
                Ok(code) => resolve.call1(&JsValue::UNDEFINED, &JsValue::from_str(&code)),
                Err(error) => reject.call1(&JsValue::UNDEFINED, &to_js_error(&error)),
            };
        })
    };
    js::listen_messages(window, on_message.as_ref(), true);

    let mut closed_since = None::<f64>;
    let poll = Interval::every(POPUP_POLL_MS, move || {
        if js::get(&popup, "closed").as_bool() != Some(true) {
            return;
        }
        let since = *closed_since.get_or_insert_with(js::now_ms);
        if js::now_ms() - since >= CLOSE_GRACE_MS {
            let error = XamanError::new(
                ErrorCode::PopupClosed,
                "the sign-in window was closed before signing in",
            );
            let _ = reject.call1(&JsValue::UNDEFINED, &to_js_error(&error));
        }
    });

    PopupWait {
        result: crate::web::executor::settled(&promise),
        window: window.clone(),
        listening: Some((poll, on_message)),
    }
}

/// The sign-in popup's result on its way ([`wait_for_popup`]): the code, or the error.
pub struct PopupWait {
    result: Settled,
    window: Window,
    /// The close poll and the message handler, until the result came.
    listening: Option<(Interval, Closure<dyn FnMut(JsValue)>)>,
}

impl Future for PopupWait {
    type Output = WebResult<String>;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let result = ready!(Pin::new(&mut self.result).poll(cx));
        if let Some((poll, on_message)) = self.listening.take() {
            drop(poll);
            js::listen_messages(&self.window, on_message.as_ref(), false);
            js::drop_later(Box::new(on_message));
        }
        Poll::Ready(match result {
            Ok(code) => Ok(code.as_string().unwrap_or_default()),
            Err(error) => Err(js_to_xaman(&error)),
        })
    }
}

/// Exchange the code for the JWT, read `userinfo`, and build the session. The token request
/// leaves right away.
pub fn exchange(
    config: &Config,
    code: &str,
    pending: &PendingPkce,
    timeout_ms: u32,
) -> impl Future<Output = WebResult<Web3Session>> {
    let client_id = config.api_key.as_deref().unwrap_or_default();
    let token_url = config.oauth_endpoint.clone() + "/token";
    let body = pkce::token_request_body(code, client_id, &pending.redirect_uri, &pending.verifier);
    let token = HttpRequest::new("POST", &token_url, "exchanging the sign-in code")
        .form(body)
        .oauth_errors()
        .send(timeout_ms);
    let userinfo_url = config.oauth_endpoint.clone() + "/userinfo";
    async move {
        let (jwt, claims) = read_token(&token.await?)?;
        let userinfo = HttpRequest::new("GET", &userinfo_url, "reading the signed-in user")
            .header("authorization", bearer(&jwt))
            .oauth_errors()
            .send(timeout_ms)
            .await;
        session_of(jwt, &claims, userinfo.ok())
    }
}

/// The JWT of a token answer, and its claims.
#[inline(never)]
fn read_token(answer: &JsValue) -> WebResult<(String, JwtClaims)> {
    let token: TokenResponse = js::from_js(answer).ok_or_else(|| {
        XamanError::new(
            ErrorCode::OauthFailed,
            "the token answer has no access_token",
        )
    })?;
    let jwt = token.access_token;
    let claims = claims_of(&jwt)?;
    Ok((jwt, claims))
}

/// The session from the JWT, its claims and the `userinfo` answer (if it came).
#[inline(never)]
fn session_of(
    jwt: String,
    claims: &JwtClaims,
    userinfo: Option<JsValue>,
) -> WebResult<Web3Session> {
    let userinfo: Option<UserInfo> = userinfo.and_then(|answer| js::from_js(&answer));
    let user = User::from_oauth(claims, userinfo.as_ref()).ok_or_else(|| {
        XamanError::new(ErrorCode::OauthFailed, "the sign-in token names no account")
    })?;
    Ok(Web3Session { jwt, user })
}

/// The claims of a JWT (decoded, not verified).
pub fn claims_of(jwt: &str) -> WebResult<JwtClaims> {
    let text = decode_payload(jwt)?;
    js::parse_json(&text)
        .and_then(|value| js::from_js(&value))
        .ok_or_else(|| {
            XamanError::new(
                ErrorCode::OauthFailed,
                "the token's claims are not readable",
            )
        })
}

/// `n` bytes from `crypto.getRandomValues`.
fn random_bytes(window: &Window, n: usize) -> WebResult<Vec<u8>> {
    let mut bytes = vec![0u8; n];
    let crypto: Crypto = js::get(window, "crypto").unchecked_into();
    crypto.get_random_values(&mut bytes).map_err(|_| {
        XamanError::new(
            ErrorCode::OauthFailed,
            "this browser has no crypto.getRandomValues",
        )
    })?;
    Ok(bytes)
}

/// Back from a JS rejection made by [`to_js_error`] to a core error.
pub fn js_to_xaman(error: &JsValue) -> XamanError {
    let mut code = ErrorCode::OauthFailed;
    if let Some(text) = js::get_string(error, "code") {
        for known in ErrorCode::ALL {
            if known.as_str() == text {
                code = known;
            }
        }
    }
    XamanError::new(code, crate::web::error::message_of(error))
}
