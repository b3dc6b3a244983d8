//! Getting a JWT when `Xaman.connect` runs: the xApp one-time token exchange (kept per OTT in
//! storage, so a reload of the xApp page does not need a fresh OTT) and the end of a
//! full-page Web3 sign-in redirect.

use core::future::Future;

use wasm_bindgen::JsValue;

use crate::core::context::{Config, XappEnvironment};
use crate::core::pkce::{self, parse_redirect_query};
use crate::core::platform::JwtAuthorizeResponse;
use crate::core::session::{
    PendingPkce, Stored, Web3Session, XappSession, PKCE_PENDING_KEY, XAPP_JWT_KEY,
};
use crate::core::user::User;
use crate::core::{ErrorCode, XamanError};
use crate::prelude::*;
use crate::web::bindings::Window;
use crate::web::client::jwt_expired;
use crate::web::error::WebResult;
use crate::web::http::{Fetch, HttpRequest};
use crate::web::js;
use crate::web::oauth;
use crate::web::storage::Store;

/// The xApp JWT and the user it belongs to.
#[derive(Clone, Debug)]
pub struct XappAuth {
    /// Bearer token for the JWT endpoints.
    pub jwt: String,
    /// The user from the OTT data.
    pub user: Option<User>,
}

/// The xApp JWT for this launch, or the exchange that gets it.
pub enum XappStart {
    /// Known without a request: the stored JWT for the same OTT (or, without an OTT in the
    /// URL, any stored one that has not expired); `None` when there is no OTT and nothing
    /// stored.
    Ready(Option<XappAuth>),
    /// `GET {endpoint}/api/v1/jwt/authorize` under way, and its OTT: its answer goes to
    /// [`finish_xapp_auth`].
    Exchange(Fetch, String),
}

/// Start getting the xApp JWT: storage is read and the exchange request sent right away.
#[inline(never)]
pub fn start_xapp_auth(
    config: &Config,
    store: &Store,
    env: &XappEnvironment,
    timeout_ms: u32,
) -> XappStart {
    let stored = match XappSession::read(store.get_json(XAPP_JWT_KEY).as_ref()) {
        Stored::Valid(session) => Some(session),
        Stored::Corrupt => {
            store.remove(XAPP_JWT_KEY);
            None
        }
        Stored::Missing => None,
    };
    let reusable = stored
        .filter(|s| !jwt_expired(&s.jwt) && env.ott.as_ref().map_or(true, |ott| *ott == s.ott));
    if let Some(session) = reusable {
        return XappStart::Ready(Some(XappAuth {
            jwt: session.jwt,
            user: session.user,
        }));
    }
    let (Some(ott), Some(api_key)) = (env.ott.as_deref(), config.api_key.as_deref()) else {
        return XappStart::Ready(None);
    };
    let url = config.endpoint.clone() + "/api/v1/jwt/authorize";
    let request = HttpRequest::new("GET", &url, "exchanging the xApp one-time token")
        .header("x-api-key", api_key)
        .header("x-api-ott", ott)
        .send(timeout_ms);
    XappStart::Exchange(request, ott.to_owned())
}

/// The exchange's answer → the xApp session, kept for a reload of the same launch.
#[inline(never)]
pub fn finish_xapp_auth(
    answer: &JsValue,
    ott: String,
    store: &Store,
) -> WebResult<Option<XappAuth>> {
    let authorized: JwtAuthorizeResponse = js::from_js(answer).ok_or_else(|| {
        XamanError::new(
            ErrorCode::Platform,
            "unexpected answer while exchanging the xApp one-time token (no jwt)",
        )
    })?;
    let claims = oauth::claims_of(&authorized.jwt).ok();
    let user = User::from_ott(&authorized.ott, claims.as_ref());
    let session = XappSession {
        ott,
        jwt: authorized.jwt,
        user,
    };
    store.set_text(XAPP_JWT_KEY, &session.to_json_string());
    Ok(Some(XappAuth {
        jwt: session.jwt,
        user: session.user,
    }))
}

/// When the page is the return of a sign-in redirect started by this SDK (OAuth2 parameters in
/// the query and a pending PKCE entry): check the state, exchange the code, and remove the
/// parameters from the address bar. `Ok(None)` when this page load is not such a return;
/// else the code exchange, under way.
pub fn finish_redirect(
    window: &Window,
    search: &str,
    config: &Config,
    store: &Store,
    timeout_ms: u32,
) -> WebResult<Option<impl Future<Output = WebResult<Web3Session>>>> {
    let Some(callback) = parse_redirect_query(search) else {
        return Ok(None);
    };
    let pending_store = oauth::pending_store(store);
    let pending: PendingPkce =
        match PendingPkce::read(pending_store.get_json(PKCE_PENDING_KEY).as_ref()) {
            Stored::Valid(pending) => pending,
            Stored::Corrupt => {
                pending_store.remove(PKCE_PENDING_KEY);
                return Ok(None);
            }
            Stored::Missing => return Ok(None),
        };
    pending_store.remove(PKCE_PENDING_KEY);
    strip_oauth_params(window);
    let code = pkce::check_callback(&callback, &pending.state)?;
    Ok(Some(oauth::exchange(config, &code, &pending, timeout_ms)))
}

/// `history.replaceState` to the current URL without the OAuth2 return parameters.
fn strip_oauth_params(window: &Window) {
    let Some(href) = js::location(window, "href") else {
        return;
    };
    let clean = pkce::strip_oauth_params(&href);
    if clean != href {
        let history = js::get(window, "history");
        let _ = js::call(
            &history,
            "replaceState",
            &JsValue::NULL,
            &"".into(),
            &clean.into(),
        );
    }
}
