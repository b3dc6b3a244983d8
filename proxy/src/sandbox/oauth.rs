//! OAuth2 (authorization code + PKCE S256, and the implicit variant) under `/oauth2`, as the
//! platform's provider at oauth2.xumm.app does it: `auth` creates a SignIn payload and shows it;
//! once the phone signs, the page hands the code to the opener window (popup) or redirects;
//! `token` exchanges the code; `userinfo` answers who signed in.

use axum::extract::{Path, Query, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Form, Json, Router};
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use serde::Deserialize;
use serde_json::{json, Value};
use sha2::{Digest, Sha256};
use subtle::ConstantTimeEq;

use super::jwt::{self, JWT_LIFETIME_SECONDS};
use super::jwt_routes::open_cors;
use super::lifecycle::PushTarget;
use super::origin::RequestOrigin;
use super::pages::{escape, page};
use super::payload::{parse_create, PayloadRecord};
use super::state::{AuthRequest, CodeRecord};
use super::users::{account_profile, find_user};
use super::{faults, qr, Sandbox};

/// An authorization code can be exchanged this long after it was issued.
pub const CODE_LIFETIME_SECONDS: i64 = 600;

const OAUTH_JS: &str = include_str!("assets/oauth.js");

pub(crate) fn routes(sandbox: &Sandbox) -> Router<Sandbox> {
    let api = Router::new()
        .route("/token", post(token))
        .route("/userinfo", get(userinfo))
        .route("/.well-known/openid-configuration", get(discovery))
        .layer(open_cors());
    Router::new()
        .route("/auth", get(auth))
        .route("/authorize", get(auth))
        .route("/auth/{id}/result", post(result))
        .merge(api)
        .layer(axum::middleware::from_fn_with_state(sandbox.clone(), faults::apply))
}

#[derive(Deserialize, Default)]
struct AuthParams {
    response_type: Option<String>,
    client_id: Option<String>,
    redirect_uri: Option<String>,
    state: Option<String>,
    scope: Option<String>,
    nonce: Option<String>,
    code_challenge: Option<String>,
    code_challenge_method: Option<String>,
}

fn error_page(status: StatusCode, error: &str, description: &str) -> Response {
    let body = format!(
        "<main class=\"card\" data-testid=\"oauth-error\" data-error=\"{e}\"><h1>Sign in failed</h1>\
         <p><code>{e}</code></p><p>{d}</p></main>",
        e = escape(error),
        d = escape(description)
    );
    (status, page("Sign in failed", &body)).into_response()
}

/// `redirect_uri` with `params` appended to its query.
fn with_params(redirect_uri: &str, params: &[(&str, &str)]) -> String {
    match url::Url::parse(redirect_uri) {
        Ok(mut url) => {
            {
                let mut query = url.query_pairs_mut();
                for (k, v) in params {
                    query.append_pair(k, v);
                }
            }
            url.to_string()
        }
        Err(_) => redirect_uri.to_string(),
    }
}

fn redirect(location: &str) -> Response {
    (StatusCode::FOUND, [(header::LOCATION, location.to_string())]).into_response()
}

/// Any loopback origin, or one of the configured extra origins.
fn redirect_allowed(sandbox: &Sandbox, redirect_uri: &str) -> Result<url::Url, String> {
    let url = url::Url::parse(redirect_uri).map_err(|_| "redirect_uri is not an absolute URL".to_string())?;
    if !matches!(url.scheme(), "http" | "https") {
        return Err("redirect_uri must be http(s)".into());
    }
    if url.fragment().is_some() {
        return Err("redirect_uri must not have a fragment".into());
    }
    let loopback = match url.host() {
        Some(url::Host::Domain(d)) => d.eq_ignore_ascii_case("localhost"),
        Some(url::Host::Ipv4(ip)) => ip.is_loopback(),
        Some(url::Host::Ipv6(ip)) => ip.is_loopback(),
        None => false,
    };
    let origin = url.origin().ascii_serialization();
    let listed = sandbox
        .config()
        .oauth_redirect_origins
        .iter()
        .any(|o| o.trim_end_matches('/').eq_ignore_ascii_case(&origin));
    if loopback || listed {
        Ok(url)
    } else {
        Err(format!("redirect_uri origin {origin} is not allowed (loopback origins and the configured ones are)"))
    }
}

async fn auth(
    State(sandbox): State<Sandbox>,
    RequestOrigin(origin): RequestOrigin,
    Query(p): Query<AuthParams>,
) -> Response {
    let config = sandbox.config();
    let Some(client_id) = p.client_id.filter(|c| !c.is_empty()) else {
        return error_page(StatusCode::BAD_REQUEST, "invalid_request", "client_id is missing");
    };
    if client_id != config.api_key {
        return error_page(StatusCode::UNAUTHORIZED, "invalid_client", "unknown client_id (the app's API key)");
    }
    let Some(redirect_uri) = p.redirect_uri.filter(|r| !r.is_empty()) else {
        return error_page(StatusCode::BAD_REQUEST, "invalid_request", "redirect_uri is missing");
    };
    let redirect_url = match redirect_allowed(&sandbox, &redirect_uri) {
        Ok(url) => url,
        Err(why) => return error_page(StatusCode::BAD_REQUEST, "invalid_request", &why),
    };
    // From here on errors go back to the (trusted) redirect URI.
    let state = p.state.clone();
    let fail = |error: &str, description: &str| {
        let mut params = vec![("error", error), ("error_description", description)];
        if let Some(s) = &state {
            params.push(("state", s));
        }
        redirect(&with_params(&redirect_uri, &params))
    };
    let response_type = p.response_type.unwrap_or_default();
    if response_type != "code" && response_type != "token" {
        return fail("unsupported_response_type", "response_type must be code (with PKCE) or token");
    }
    if response_type == "code" {
        if p.code_challenge.as_deref().unwrap_or("").is_empty() {
            return fail("invalid_request", "code_challenge is required (PKCE)");
        }
        if p.code_challenge_method.as_deref() != Some("S256") {
            return fail("invalid_request", "code_challenge_method must be S256");
        }
    }
    let host = match redirect_url.port() {
        Some(port) => format!("{}:{port}", redirect_url.host_str().unwrap_or("")),
        None => redirect_url.host_str().unwrap_or("").to_string(),
    };
    let request = parse_create(&json!({
        "txjson": { "TransactionType": "SignIn" },
        "custom_meta": { "instruction": format!("Sign in to {host}") },
    }))
    .expect("a SignIn payload is valid");
    let created = match sandbox.create_payload(request, PushTarget::Nobody, &origin) {
        Ok(created) => created,
        Err(e) => return fail("server_error", &e.message),
    };
    let uuid = created["uuid"].as_str().unwrap_or_default().to_string();
    let id = uuid::Uuid::new_v4().to_string();
    sandbox.lock().auth_requests.insert(
        id.clone(),
        AuthRequest {
            payload_uuid: uuid.clone(),
            redirect_uri: redirect_uri.clone(),
            state: p.state,
            scope: p.scope.unwrap_or_default(),
            nonce: p.nonce,
            response_type,
            code_challenge: p.code_challenge,
            code: None,
        },
    );
    auth_page(&sandbox, &origin, &id, &uuid, &created, &host, &redirect_url.origin().ascii_serialization())
}

fn auth_page(sandbox: &Sandbox, origin: &str, id: &str, uuid: &str, created: &Value, host: &str, target: &str) -> Response {
    let sign_url = created["next"]["always"].as_str().unwrap_or_default();
    let config = json!({
        "uuid": uuid,
        "websocket": created["refs"]["websocket_status"],
        "resultUrl": format!("{origin}/oauth2/auth/{id}/result"),
        "targetOrigin": target,
    });
    // JSON inside <script>: no "<" so nothing can close the element.
    let config = config.to_string().replace('<', "\\u003c");
    let u = escape(uuid);
    let body = format!(
        "<main class=\"card\" data-uuid=\"{u}\" data-testid=\"oauth-signin\">\
         <p class=\"muted\">{app}</p><h1>Sign in to {host}</h1>\
         <p>Scan the code with Xaman, or sign with the simulated phone.</p>\
         <div class=\"qr\" data-testid=\"oauth-qr\">{qr}</div>\
         <p><a class=\"button\" data-testid=\"open-phone\" target=\"_blank\" rel=\"noopener\" \
         href=\"/sandbox/phone?payload={u}\">Open the sandbox phone</a></p>\
         <p class=\"status\" data-testid=\"oauth-status\" aria-live=\"polite\">Waiting for the signature…</p>\
         <p class=\"muted small\">{u}</p></main>\
         <script type=\"application/json\" id=\"oauth-config\">{config}</script><script>{OAUTH_JS}</script>",
        app = escape(&sandbox.config().app_name),
        host = escape(host),
        qr = qr::svg(sign_url, 240),
    );
    let mut response = page(&format!("Sign in to {host}"), &body).into_response();
    response.headers_mut().insert(header::CACHE_CONTROL, "no-store".parse().expect("static header"));
    response
}

/// Polled by the auth page: `pending`, or how to finish (the message for the opener and the
/// redirect URL). Issues the code once the payload is signed.
async fn result(State(sandbox): State<Sandbox>, RequestOrigin(origin): RequestOrigin, Path(id): Path<String>) -> Response {
    let now = sandbox.now();
    let mut st = sandbox.lock();
    let Some(req) = st.auth_requests.get(&id).cloned() else {
        return (StatusCode::NOT_FOUND, Json(json!({ "error": "invalid_request", "error_description": "unknown sign-in request" }))).into_response();
    };
    let Some(payload) = st.payloads.get(&req.payload_uuid).cloned() else {
        return (StatusCode::NOT_FOUND, Json(json!({ "error": "invalid_request" }))).into_response();
    };
    let target_origin = url::Url::parse(&req.redirect_uri).map(|u| u.origin().ascii_serialization()).unwrap_or_default();
    let state = req.state.clone().unwrap_or_default();

    let refused = |description: &str| {
        let redirect = with_params(&req.redirect_uri, &[("error", "access_denied"), ("error_description", description), ("state", &state)]);
        Json(json!({
            "status": "rejected",
            "redirect": redirect,
            "target_origin": target_origin,
            "message": {
                "source": "xumm_sign_request_rejected",
                "options": { "error": "access_denied", "error_description": description, "state": req.state },
            },
        }))
        .into_response()
    };
    match &payload.resolution {
        None if payload.cancelled || (payload.opened.is_none() && payload.expired(now)) => {
            return refused("The sign in request expired")
        }
        None => return Json(json!({ "status": "pending" })).into_response(),
        Some(r) if !r.signed => return refused("The sign in request was rejected"),
        Some(_) => {}
    }

    let mut params: Vec<(String, String)> = Vec::new();
    if req.response_type == "token" {
        let Some(jwt) = access_token(&sandbox, &origin, &req, &payload, now) else {
            return refused("The sign in request could not be completed");
        };
        params.push(("access_token".into(), jwt));
        params.push(("token_type".into(), "bearer".into()));
        params.push(("expires_in".into(), JWT_LIFETIME_SECONDS.to_string()));
        params.push(("refresh_token".into(), String::new()));
        params.push(("scope".into(), req.scope.clone()));
    } else {
        let code = match &req.code {
            Some(code) => code.clone(),
            None => {
                let code = URL_SAFE_NO_PAD.encode(Sha256::digest(uuid::Uuid::new_v4().as_bytes()));
                st.codes.insert(code.clone(), CodeRecord { request_id: id.clone(), created: now, used: false });
                st.auth_requests.get_mut(&id).expect("found above").code = Some(code.clone());
                code
            }
        };
        params.push(("code".into(), code.clone()));
        params.push(("authorization_code".into(), code));
    }
    if let Some(s) = &req.state {
        params.push(("state".into(), s.clone()));
    }
    if let Some(n) = &req.nonce {
        params.push(("nonce".into(), n.clone()));
    }
    let pairs: Vec<(&str, &str)> = params.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    let full = with_params(&req.redirect_uri, &pairs);
    let mut options = serde_json::Map::new();
    for (k, v) in &params {
        options.insert(k.clone(), Value::String(v.clone()));
    }
    options.insert("redirect_uri".into(), Value::String(req.redirect_uri.clone()));
    options.insert("full_redirect_uri".into(), Value::String(full.clone()));
    Json(json!({
        "status": "signed",
        "redirect": full,
        "target_origin": target_origin,
        "message": { "source": "xumm_sign_request_resolved", "options": options },
    }))
    .into_response()
}

/// The HS256 access token for a signed sign-in (claims as the platform's OAuth2 JWT).
fn access_token(sandbox: &Sandbox, origin: &str, req: &AuthRequest, payload: &PayloadRecord, now: i64) -> Option<String> {
    let r = payload.resolution.as_ref().filter(|r| r.signed)?;
    let account = r.account.clone()?;
    let config = sandbox.config();
    let mut claims = json!({
        "client_id": config.api_key,
        "scope": req.scope,
        "aud": config.api_key,
        "sub": account,
        "email": format!("{}+{}@xumm.me", config.api_key, account),
        "app_uuidv4": config.api_key,
        "app_name": config.app_name,
        "payload_uuidv4": payload.uuid,
        "usertoken_uuidv4": r.issued_user_token,
        "network_type": r.network.key,
        "network_endpoint": r.network.node,
        "network_id": r.network.network_id,
        "iat": now,
        "exp": now + JWT_LIFETIME_SECONDS,
        "iss": format!("{origin}/oauth2"),
    });
    if let Some(s) = &req.state {
        claims["state"] = Value::String(s.clone());
    }
    if let Some(n) = &req.nonce {
        claims["nonce"] = Value::String(n.clone());
    }
    Some(jwt::encode(&claims, &config.api_secret))
}

fn oauth_error(status: StatusCode, error: &str, description: &str) -> Response {
    (
        status,
        [(header::CACHE_CONTROL, "no-store")],
        Json(json!({ "error": error, "error_description": description })),
    )
        .into_response()
}

#[derive(Deserialize)]
struct TokenForm {
    grant_type: Option<String>,
    code: Option<String>,
    client_id: Option<String>,
    redirect_uri: Option<String>,
    code_verifier: Option<String>,
}

fn s256(verifier: &str) -> String {
    URL_SAFE_NO_PAD.encode(Sha256::digest(verifier.as_bytes()))
}

async fn token(
    State(sandbox): State<Sandbox>,
    RequestOrigin(origin): RequestOrigin,
    form: Result<Form<TokenForm>, axum::extract::rejection::FormRejection>,
) -> Response {
    let Ok(Form(form)) = form else {
        return oauth_error(StatusCode::BAD_REQUEST, "invalid_request", "expected an application/x-www-form-urlencoded body");
    };
    if form.grant_type.as_deref() != Some("authorization_code") {
        return oauth_error(StatusCode::BAD_REQUEST, "unsupported_grant_type", "grant_type must be authorization_code");
    }
    let (Some(code), Some(client_id), Some(redirect_uri), Some(verifier)) =
        (form.code, form.client_id, form.redirect_uri, form.code_verifier)
    else {
        return oauth_error(StatusCode::BAD_REQUEST, "invalid_request", "code, client_id, redirect_uri and code_verifier are required");
    };
    if client_id != sandbox.config().api_key {
        return oauth_error(StatusCode::UNAUTHORIZED, "invalid_client", "unknown client_id");
    }
    let now = sandbox.now();
    let mut st = sandbox.lock();
    let Some(record) = st.codes.get(&code).cloned() else {
        return oauth_error(StatusCode::BAD_REQUEST, "invalid_grant", "unknown authorization code");
    };
    if record.used {
        return oauth_error(StatusCode::BAD_REQUEST, "invalid_grant", "the authorization code was already used");
    }
    if now - record.created > CODE_LIFETIME_SECONDS {
        return oauth_error(StatusCode::BAD_REQUEST, "invalid_grant", "the authorization code expired");
    }
    let Some(req) = st.auth_requests.get(&record.request_id).cloned() else {
        return oauth_error(StatusCode::BAD_REQUEST, "invalid_grant", "unknown authorization code");
    };
    if req.redirect_uri != redirect_uri {
        return oauth_error(StatusCode::BAD_REQUEST, "invalid_grant", "redirect_uri differs from the authorization request");
    }
    let challenge = req.code_challenge.clone().unwrap_or_default();
    if !bool::from(s256(&verifier).as_bytes().ct_eq(challenge.as_bytes())) {
        return oauth_error(StatusCode::BAD_REQUEST, "invalid_grant", "code_verifier does not match the code_challenge (S256)");
    }
    let Some(payload) = st.payloads.get(&req.payload_uuid).cloned() else {
        return oauth_error(StatusCode::BAD_REQUEST, "invalid_grant", "the sign-in payload is gone");
    };
    let Some(access_token) = access_token(&sandbox, &origin, &req, &payload, now) else {
        return oauth_error(StatusCode::BAD_REQUEST, "invalid_grant", "the sign-in payload is not signed");
    };
    st.codes.get_mut(&code).expect("found above").used = true;
    drop(st);
    (
        [(header::CACHE_CONTROL, "no-store")],
        Json(json!({
            "access_token": access_token,
            "token_type": "bearer",
            "expires_in": JWT_LIFETIME_SECONDS,
            "refresh_token": "",
            "scope": req.scope,
        })),
    )
        .into_response()
}

async fn userinfo(State(sandbox): State<Sandbox>, RequestOrigin(origin): RequestOrigin, headers: HeaderMap) -> Response {
    let token = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer ").or_else(|| v.strip_prefix("bearer ")))
        .map(str::trim);
    let Some(token) = token else {
        return oauth_error(StatusCode::UNAUTHORIZED, "invalid_token", "Authorization: Bearer <access token> is required");
    };
    let claims = match jwt::verify(token, &sandbox.config().api_secret, sandbox.now()) {
        Ok(c) => c,
        Err(e) => return oauth_error(StatusCode::UNAUTHORIZED, "invalid_token", &e.to_string()),
    };
    let Some(account) = claims.get("sub").and_then(Value::as_str) else {
        return oauth_error(StatusCode::UNAUTHORIZED, "invalid_token", "the token has no subject");
    };
    let name = find_user(account).map(|u| u.name);
    let mut info = account_profile(account, name.as_deref());
    let fields = [
        ("sub", json!(account)),
        ("email", json!(claims.get("email"))),
        ("picture", json!(format!("{origin}/sandbox/avatar/{account}.svg"))),
        ("networkType", json!(claims.get("network_type").or_else(|| claims.get("net")))),
        ("networkEndpoint", json!(claims.get("network_endpoint"))),
        ("networkId", json!(claims.get("network_id"))),
    ];
    for (key, value) in fields {
        info[key] = value;
    }
    Json(info).into_response()
}

async fn discovery(RequestOrigin(origin): RequestOrigin) -> Json<Value> {
    Json(json!({
        "issuer": format!("{origin}/oauth2"),
        "authorization_endpoint": format!("{origin}/oauth2/auth"),
        "token_endpoint": format!("{origin}/oauth2/token"),
        "userinfo_endpoint": format!("{origin}/oauth2/userinfo"),
        "response_types_supported": ["code", "token"],
        "grant_types_supported": ["authorization_code", "implicit"],
        "code_challenge_methods_supported": ["S256"],
        "token_endpoint_auth_methods_supported": ["none"],
        "id_token_signing_alg_values_supported": [],
    }))
}
