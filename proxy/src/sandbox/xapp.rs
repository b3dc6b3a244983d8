//! xApp launches: the one-time token (OTT) the wallet puts in the xApp's URL, the OTT data behind
//! it, and its exchange for a JWT.

use serde::Deserialize;
use serde_json::{json, Value};

use super::errors::{ApiError, ControlError};
use super::jwt::{self, JWT_LIFETIME_SECONDS};
use super::state::OttRecord;
use super::txtypes::default_network;
use super::users::{account_profile, find_user, sandbox_users, SandboxUser};
use super::Sandbox;

/// An OTT can be used for this long after the launch (the platform: one minute).
pub const OTT_LIFETIME_SECONDS: i64 = 60;

/// Body of `POST /sandbox/xapp/launch` (all optional).
#[derive(Debug, Default, Clone, Deserialize)]
pub struct LaunchRequest {
    /// The user opening the xApp (default: the first sandbox user).
    pub account: Option<String>,
    /// The xApp's URL; the answer's `url` is it with `xAppToken` and `xAppStyle` appended.
    pub url: Option<String>,
    /// `LIGHT` (default), `DARK`, `MOONLIGHT` or `ROYAL`.
    pub style: Option<String>,
    /// Data an `xAppNavigate` passed on (returned as OTT `xAppNavigateData`).
    pub navigate_data: Option<Value>,
}

const STYLES: [&str; 4] = ["LIGHT", "DARK", "MOONLIGHT", "ROYAL"];

/// Appends `xAppToken` and `xAppStyle` to an xApp URL.
pub fn launch_url(url: &str, ott: &str, style: &str) -> Result<String, String> {
    let mut parsed = url::Url::parse(url).map_err(|e| format!("url is not an absolute URL: {e}"))?;
    if !matches!(parsed.scheme(), "http" | "https") {
        return Err("url must be http(s)".into());
    }
    parsed.query_pairs_mut().append_pair("xAppToken", ott).append_pair("xAppStyle", style);
    Ok(parsed.to_string())
}

fn ott_data(user: &SandboxUser, record: &OttRecord) -> Value {
    let net = default_network();
    let mut data = json!({
        "version": "2.7.0",
        "locale": "en",
        "currency": "USD",
        "style": record.style,
        "nodetype": net.key,
        "nodewss": net.node,
        "networkid": net.network_id,
        "account": user.account,
        "accounttype": "REGULAR",
        "accountaccess": "FULL",
        "origin": { "type": record.origin_type, "data": record.origin_data },
        "user": user.user_uuid,
        "user_device": { "currency": "USD", "platform": "ios" },
        "account_info": account_profile(&user.account, Some(&user.name)),
        "subscriptions": [],
    });
    if let Some(nav) = &record.navigate_data {
        data["xAppNavigateData"] = nav.clone();
    }
    data
}

impl Sandbox {
    /// Launches an xApp for a user: a fresh OTT (and the URL to load, when one is given).
    pub fn launch_xapp(&self, request: LaunchRequest) -> Result<Value, ControlError> {
        let user = match &request.account {
            Some(a) => find_user(a).ok_or_else(|| ControlError::bad_request(format!("{a} is not a sandbox user")))?,
            None => sandbox_users()[0].clone(),
        };
        let style = request.style.clone().unwrap_or_else(|| "LIGHT".into()).to_uppercase();
        if !STYLES.contains(&style.as_str()) {
            return Err(ControlError::bad_request(format!("style must be one of {STYLES:?}")));
        }
        let ott = uuid::Uuid::new_v4().to_string();
        let url = match &request.url {
            Some(u) => Some(launch_url(u, &ott, &style).map_err(ControlError::bad_request)?),
            None => None,
        };
        let now = self.now();
        self.lock().otts.insert(
            ott.clone(),
            OttRecord {
                account: user.account.clone(),
                created: now,
                fetched: false,
                authorized: false,
                style: style.clone(),
                navigate_data: request.navigate_data.clone(),
                origin_type: if request.navigate_data.is_some() { "XAPP".into() } else { "EVENT_LIST".into() },
                origin_data: json!({}),
            },
        );
        Ok(json!({
            "ott": ott,
            "url": url,
            "account": user.account,
            "style": style,
            "expires_in_seconds": OTT_LIFETIME_SECONDS,
        }))
    }

    fn usable_ott(&self, ott: &str, now: i64) -> Result<OttRecord, ApiError> {
        let st = self.lock();
        let record = st.otts.get(ott).ok_or_else(|| ApiError::not_found("unknown one-time token"))?;
        if now - record.created > OTT_LIFETIME_SECONDS {
            return Err(ApiError::not_found("the one-time token expired (valid one minute)"));
        }
        Ok(record.clone())
    }

    /// `GET /api/v1/platform/xapp/ott/:ott`: the OTT data, once.
    pub(crate) fn fetch_ott(&self, ott: &str) -> Result<Value, ApiError> {
        let now = self.now();
        let record = self.usable_ott(ott, now)?;
        if record.fetched {
            return Err(ApiError::not_found("the one-time token was already fetched"));
        }
        self.lock().otts.get_mut(ott).expect("found above").fetched = true;
        let user = find_user(&record.account).expect("OTTs are issued for sandbox users");
        Ok(ott_data(&user, &record))
    }

    /// `GET /api/v1/jwt/authorize`: OTT → `{ott, app, jwt}`, once. Opening an xApp issues (or
    /// renews) the user's token, carried in the JWT as `usertoken_uuidv4`.
    pub(crate) fn authorize_ott(&self, ott: &str, origin: &str) -> Result<Value, ApiError> {
        let now = self.now();
        let record = self.usable_ott(ott, now)?;
        if record.authorized {
            return Err(ApiError::bad_credentials("the one-time token was already exchanged for a JWT"));
        }
        let user = find_user(&record.account).expect("OTTs are issued for sandbox users");
        let token = {
            let mut st = self.lock();
            st.otts.get_mut(ott).expect("found above").authorized = true;
            st.issue_or_renew_token(&user.account, now)
        };
        let config = self.config();
        let claims = json!({
            "client_id": config.api_key,
            "app_uuidv4": config.api_key,
            "app_name": config.app_name,
            "aud": config.api_key,
            "sub": user.account,
            "usr": user.user_uuid,
            "net": default_network().key,
            "ott_uuidv4": ott,
            "usertoken_uuidv4": token.user_token,
            "iat": now,
            "exp": now + JWT_LIFETIME_SECONDS,
            "iss": origin,
        });
        Ok(json!({
            "ott": ott_data(&user, &record),
            "app": { "name": config.app_name },
            "jwt": jwt::encode(&claims, &config.api_secret),
        }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn launch_url_appends_token_and_style() {
        assert_eq!(
            launch_url("http://127.0.0.1:8080/?load=true", "abc", "LIGHT").unwrap(),
            "http://127.0.0.1:8080/?load=true&xAppToken=abc&xAppStyle=LIGHT"
        );
        assert!(launch_url("javascript:alert(1)", "abc", "LIGHT").is_err());
        assert!(launch_url("/relative", "abc", "LIGHT").is_err());
    }
}
