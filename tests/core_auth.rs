#![cfg(not(target_arch = "wasm32"))]
//! OAuth2 PKCE, JWT claims, the user object and what is kept in storage.

use xaman_wasm::core::encoding::base64url_encode;
use xaman_wasm::core::jwt::{decode_payload, is_expired, JwtClaims, EXPIRY_SKEW_SECS};
use xaman_wasm::core::pkce::{
    authorize_url, check_callback, code_challenge_s256, parse_popup_message, parse_redirect_query, state_from_random,
    strip_oauth_params, token_request_body, verifier_from_random, Callback,
};
use xaman_wasm::core::platform::{oauth_error, JwtAuthorizeResponse, ProxySession, TokenResponse, UserInfo};
use xaman_wasm::core::session::{PendingPkce, Stored, Web3Session, XappSession};
use xaman_wasm::core::url::parse_query;
use xaman_wasm::core::user::User;
use xaman_wasm::core::{ErrorCode, JsonValue};

const KEY: &str = "c0ffee00-5a4d-4b0b-8a11-000000000001";
const ACCOUNT: &str = "rPEPPER7kfTD9w2To4CQk6UCfuHM9c6GDY";

fn j(text: &str) -> JsonValue {
    serde_json::from_str(text).unwrap()
}

#[test]
fn rfc7636_appendix_b() {
    // RFC 7636 appendix B: these 32 octets → verifier → S256 challenge.
    let octets = [
        116, 24, 223, 180, 151, 153, 224, 37, 79, 250, 96, 125, 216, 173, 187, 186, 22, 212, 37, 77, 105, 214, 191,
        240, 91, 88, 5, 88, 83, 132, 141, 121,
    ];
    let verifier = verifier_from_random(&octets).unwrap();
    assert_eq!(verifier, "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk");
    assert_eq!(code_challenge_s256(&verifier), "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM");
    // A second vector, computed independently with Python's hashlib + base64.urlsafe_b64encode.
    assert_eq!(
        code_challenge_s256("dBjftJeZ4CVP-mJ92IZ1ihBC86LAb53wNMpo5pmDzpY"),
        "g9YuXfX_HrIa3b4k2QmaxqjGy1AjyDMAcMXjwgWqZvE"
    );
}

#[test]
fn verifier_and_state_lengths() {
    let bytes = [7u8; 96];
    for n in [32, 33, 64, 96] {
        let v = verifier_from_random(&bytes[..n]).unwrap();
        assert!((43..=128).contains(&v.len()), "{n} bytes → {} chars", v.len());
        assert!(v.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_'));
    }
    for n in [0, 31, 97] {
        let e = verifier_from_random(&vec![1u8; n]).unwrap_err();
        assert_eq!(e.code, ErrorCode::OauthFailed);
        assert!(e.message.contains("32 to 96"), "{}", e.message);
    }
    assert_eq!(state_from_random(&[0u8; 16]).unwrap().len(), 22);
    assert_eq!(state_from_random(&[0u8; 15]).unwrap_err().code, ErrorCode::OauthFailed);
}

#[test]
fn authorize_url_and_token_body() {
    let url = authorize_url(
        "http://127.0.0.1:8090/oauth2/",
        KEY,
        "http://127.0.0.1:8080/app/?tab=1&x=a b",
        "st-ate_1",
        "E9Melhoa2OwvFrEMTJguCHaoeKt8zR7mNGmBNsxjAdM",
    );
    assert_eq!(
        url,
        "http://127.0.0.1:8090/oauth2/auth?response_type=code&client_id=c0ffee00-5a4d-4b0b-8a11-000000000001\
         &state=st-ate_1&scope=XummPkce&redirect_uri=http%3A%2F%2F127.0.0.1%3A8080%2Fapp%2F%3Ftab%3D1%26x%3Da%20b\
         &code_challenge=E9Melhoa2OwvFrEMTJguCHaoeKt8zR7mNGmBNsxjAdM&code_challenge_method=S256"
    );
    let query = url.split_once('?').unwrap().1;
    let params = parse_query(query);
    assert!(params.contains(&("redirect_uri".into(), "http://127.0.0.1:8080/app/?tab=1&x=a b".into())));
    let body = token_request_body("c/o+de", KEY, "http://127.0.0.1:8080/", "dBjftJeZ4CVP-mJ92IZ1ihBC86LAb53wNMpo5pmDzpY");
    assert_eq!(
        body,
        "grant_type=authorization_code&code=c%2Fo%2Bde&client_id=c0ffee00-5a4d-4b0b-8a11-000000000001\
         &redirect_uri=http%3A%2F%2F127.0.0.1%3A8080%2F&code_verifier=dBjftJeZ4CVP-mJ92IZ1ihBC86LAb53wNMpo5pmDzpY"
    );
    let back = parse_query(&body);
    assert_eq!(back[1], ("code".into(), "c/o+de".into()));
}

#[test]
fn popup_messages() {
    let resolved = j(r#"{"source":"xumm_sign_request_resolved","options":{"code":"abc","state":"s1","redirect_uri":"http://127.0.0.1:8080/"}}"#);
    assert_eq!(parse_popup_message(&resolved), Some(Callback::Code { code: "abc".into(), state: Some("s1".into()) }));
    let by_authorization_code =
        j(r#"{"source":"xumm_sign_request_resolved","options":{"authorization_code":"xyz","state":"s1"}}"#);
    assert_eq!(
        parse_popup_message(&by_authorization_code),
        Some(Callback::Code { code: "xyz".into(), state: Some("s1".into()) })
    );
    let rejected = j(r#"{"source":"xumm_sign_request_rejected","options":{"error":"access_denied","error_description":"The XUMM sign in request has been rejected","state":"s1"}}"#);
    assert_eq!(
        parse_popup_message(&rejected),
        Some(Callback::Error {
            error: "access_denied".into(),
            description: Some("The XUMM sign in request has been rejected".into()),
            state: Some("s1".into())
        })
    );
    assert_eq!(parse_popup_message(&j(r#"{"source":"xumm_sign_request_popup_closed"}"#)), Some(Callback::PopupClosed));
    assert!(matches!(
        parse_popup_message(&j(r#"{"source":"xumm_sign_request_resolved","options":{}}"#)),
        Some(Callback::Error { .. })
    ));
    for unrelated in [r#"{"source":"xumm_sign_request"}"#, r#"{"source":"react-devtools"}"#, r#""XAPP_PROXY_INIT""#, r#"{}"#, "null"] {
        assert_eq!(parse_popup_message(&j(unrelated)), None, "{unrelated}");
    }
}

#[test]
fn redirect_queries() {
    assert_eq!(
        parse_redirect_query("?code=abc&state=s1"),
        Some(Callback::Code { code: "abc".into(), state: Some("s1".into()) })
    );
    assert_eq!(
        parse_redirect_query("?authorization_code=abc&code=abc&state=s1&nonce=n"),
        Some(Callback::Code { code: "abc".into(), state: Some("s1".into()) })
    );
    assert_eq!(
        parse_redirect_query("?error=access_denied&error_description=Rejected%20by%20user&state=s1"),
        Some(Callback::Error { error: "access_denied".into(), description: Some("Rejected by user".into()), state: Some("s1".into()) })
    );
    assert_eq!(parse_redirect_query("?tab=2"), None);
    assert_eq!(parse_redirect_query(""), None);
}

#[test]
fn state_is_checked() {
    let cb = Callback::Code { code: "abc".into(), state: Some("s1".into()) };
    assert_eq!(check_callback(&cb, "s1").unwrap(), "abc");
    let e = check_callback(&cb, "s2").unwrap_err();
    assert_eq!(e.code, ErrorCode::OauthFailed);
    assert!(e.message.contains("`state` is not this page's"), "{}", e.message);
    assert_eq!(check_callback(&cb, "").unwrap_err().code, ErrorCode::OauthFailed, "no stored state → refuse");
    let no_state = Callback::Code { code: "abc".into(), state: None };
    assert_eq!(check_callback(&no_state, "s1").unwrap_err().code, ErrorCode::OauthFailed);
    let denied = Callback::Error { error: "access_denied".into(), description: Some("nope".into()), state: Some("s1".into()) };
    let e = check_callback(&denied, "s1").unwrap_err();
    assert_eq!(e.code, ErrorCode::OauthFailed);
    assert_eq!(e.message, "the sign-in was rejected in Xaman (nope)");
    let other = Callback::Error { error: "invalid_request".into(), description: None, state: None };
    assert_eq!(check_callback(&other, "s1").unwrap_err().message, "the sign-in failed: invalid_request");
    assert_eq!(check_callback(&Callback::PopupClosed, "s1").unwrap_err().code, ErrorCode::PopupClosed);
}

#[test]
fn oauth_params_are_stripped() {
    assert_eq!(
        strip_oauth_params("http://127.0.0.1:8080/app/?tab=2&code=abc&state=s1&authorization_code=abc&scope=XummPkce&nonce=n#x"),
        "http://127.0.0.1:8080/app/?tab=2#x"
    );
    assert_eq!(
        strip_oauth_params("http://127.0.0.1:8080/?error=access_denied&error_description=Rejected&state=s1"),
        "http://127.0.0.1:8080/"
    );
    assert_eq!(strip_oauth_params("http://127.0.0.1:8080/?xAppToken=t"), "http://127.0.0.1:8080/?xAppToken=t");
}

#[test]
fn oauth_error_bodies() {
    let e = oauth_error("exchanging the sign-in code", 400, Some(&j(r#"{"error":"invalid_grant","error_description":"code expired"}"#)));
    assert_eq!(e.code, ErrorCode::OauthFailed);
    assert_eq!(e.status, Some(400));
    assert!(e.message.starts_with("exchanging the sign-in code failed (HTTP 400): invalid_grant: code expired"), "{}", e.message);
    let e = oauth_error("reading the user", 502, None);
    assert!(e.message.starts_with("reading the user failed (HTTP 502)."), "{}", e.message);
    assert_eq!(oauth_error("x", 0, None).code, ErrorCode::Network);
}

fn make_jwt(claims: &str) -> String {
    format!(
        "{}.{}.{}",
        base64url_encode(br#"{"alg":"HS256","typ":"JWT"}"#),
        base64url_encode(claims.as_bytes()),
        base64url_encode(b"signature-bytes")
    )
}

const OAUTH_CLAIMS: &str = r#"{"client_id":"c0ffee00-5a4d-4b0b-8a11-000000000001","state":"s","scope":"XummPkce",
 "aud":"c0ffee00-5a4d-4b0b-8a11-000000000001","sub":"rPEPPER7kfTD9w2To4CQk6UCfuHM9c6GDY",
 "email":"x@xumm.me","app_uuidv4":"c0ffee00-5a4d-4b0b-8a11-000000000001","app_name":"Some Super Cool App",
 "payload_uuidv4":"00000000-0000-4839-af2f-f794874a80b0","usertoken_uuidv4":"7ccc19cf-970a-4185-8bd3-49d507bf24ae",
 "network_type":"MAINNET","network_endpoint":"wss://xrplcluster.com","network_id":0,
 "iat":1669592882,"exp":1669679282,"iss":"https://oauth2.xumm.app"}"#;

#[test]
fn jwt_claims() {
    let jwt = make_jwt(OAUTH_CLAIMS);
    let text = decode_payload(&jwt).unwrap();
    let claims: JwtClaims = serde_json::from_str(&text).unwrap();
    assert_eq!(claims.sub.as_deref(), Some(ACCOUNT));
    assert_eq!(claims.exp, Some(1669679282));
    assert_eq!(claims.network_type.as_deref(), Some("MAINNET"));
    // Expiry with skew.
    let exp = 1669679282;
    assert!(!is_expired(&claims, exp - EXPIRY_SKEW_SECS - 1));
    assert!(is_expired(&claims, exp - EXPIRY_SKEW_SECS));
    assert!(is_expired(&claims, exp + 100));
    assert!(is_expired(&JwtClaims::default(), 0), "no exp → treat as expired");
    // xApp JWT claims.
    let xapp: JwtClaims = serde_json::from_str(&decode_payload(&make_jwt(
        r#"{"ott_uuidv4":"4a7c0f0e-9d1b-4c2a-8e3f-5b6a7c8d9e0f","app_uuidv4":"a","app_name":"n","iat":1,"exp":86401,"client_id":"k"}"#,
    )).unwrap()).unwrap();
    assert_eq!((xapp.sub, xapp.exp), (None, Some(86401)));
}

#[test]
fn malformed_jwts() {
    for bad in ["", "abc", "a.b", "a.b.c.d", "..", "x.!!!.y", "x..y"] {
        let e = decode_payload(bad).unwrap_err();
        assert_eq!(e.code, ErrorCode::OauthFailed, "{bad}");
        assert!(e.message.starts_with("not a JWT"), "{bad}: {}", e.message);
    }
    for (bad, parts) in [("", 1), ("abc", 1), ("a.b", 2), ("a.b.c.d", 4), ("..", 3), ("x..y", 3), (".b.c", 3), ("a.b.", 3), ("...", 4), ("é.🍻", 2), ("é..🍻", 3)] {
        let e = decode_payload(bad).unwrap_err();
        assert!(e.message.ends_with(&format!("three dot-separated parts, got {parts}")), "{bad}: {}", e.message);
    }
    let not_utf8 = format!("a.{}.c", base64url_encode(&[0xff, 0xfe]));
    assert!(decode_payload(&not_utf8).unwrap_err().message.contains("UTF-8"));
}

#[test]
fn users_from_every_source() {
    let claims: JwtClaims = serde_json::from_str(OAUTH_CLAIMS).unwrap();
    let info: UserInfo = serde_json::from_str(
        r#"{"sub":"rPEPPER7kfTD9w2To4CQk6UCfuHM9c6GDY","email":"x","picture":"https://xumm.app/avatar/r.png",
            "account":"rPEPPER7kfTD9w2To4CQk6UCfuHM9c6GDY","name":"Pepper","domain":null,"blocked":false,
            "source":"","kycApproved":false,"proSubscription":false,"profile":{"slug":null},
            "networkType":"TESTNET","networkEndpoint":"wss://s.altnet.rippletest.net:51233","networkId":1}"#,
    )
    .unwrap();
    let u = User::from_oauth(&claims, Some(&info)).unwrap();
    assert_eq!(
        u,
        User {
            account: ACCOUNT.into(),
            name: Some("Pepper".into()),
            network_type: Some("TESTNET".into()),
            network_endpoint: Some("wss://s.altnet.rippletest.net:51233".into()),
            token_expires_at: Some(1669679282),
        }
    );
    assert_eq!(
        serde_json::to_value(&u).unwrap(),
        serde_json::json!({"account":ACCOUNT,"name":"Pepper","networkType":"TESTNET",
            "networkEndpoint":"wss://s.altnet.rippletest.net:51233","tokenExpiresAt":1669679282})
    );
    assert_eq!(serde_json::to_value(&u).unwrap(), serde_json::from_str::<serde_json::Value>(&u.to_json().to_json_string()).unwrap());
    // Claims only: network from the claims.
    let u = User::from_oauth(&claims, None).unwrap();
    assert_eq!((u.name, u.network_type.as_deref()), (None, Some("MAINNET")));
    assert_eq!(User::from_oauth(&JwtClaims::default(), None), None);

    // xApp: OTT data from jwt/authorize.
    let auth: JwtAuthorizeResponse = serde_json::from_str(&format!(
        r#"{{"ott":{{"version":"2.7.0","locale":"en","currency":"USD","style":"LIGHT","nodetype":"MAINNET",
            "nodewss":"wss://xrplcluster.com","networkid":0,"account":"{ACCOUNT}","accounttype":"REGULAR",
            "accountaccess":"FULL","origin":{{"type":"EVENT_LIST","data":{{"payload":"x"}}}},"user":"u",
            "user_device":{{"currency":"USD","platform":"ios"}},
            "account_info":{{"account":"{ACCOUNT}","name":"Pepper","domain":null,"blocked":false,"source":"",
              "kycApproved":false,"proSubscription":false,"profile":{{"slug":null,"profileUrl":null,"accountSlug":null,"payString":null}}}},
            "subscriptions":[]}},"app":{{"name":"My xApp"}},"jwt":"{}"}}"#,
        make_jwt(r#"{"exp":2000000000}"#)
    ))
    .unwrap();
    assert_eq!(auth.ott.account_info.as_ref().unwrap().name.as_deref(), Some("Pepper"));
    let xclaims: JwtClaims = serde_json::from_str(&decode_payload(&auth.jwt).unwrap()).unwrap();
    let u = User::from_ott(&auth.ott, Some(&xclaims)).unwrap();
    assert_eq!(u.account, ACCOUNT);
    assert_eq!(u.name.as_deref(), Some("Pepper"));
    assert_eq!(u.network_type.as_deref(), Some("MAINNET"));
    assert_eq!(u.network_endpoint.as_deref(), Some("wss://xrplcluster.com"));
    assert_eq!(u.token_expires_at, Some(2000000000));

    // Proxy session.
    let s: ProxySession = serde_json::from_str(&format!(r#"{{"account":"{ACCOUNT}","tokenExpiresAt":1700000000}}"#)).unwrap();
    assert_eq!(
        serde_json::to_value(User::from_proxy_session(&s).unwrap()).unwrap(),
        serde_json::json!({"account":ACCOUNT,"tokenExpiresAt":1700000000})
    );
    let empty: ProxySession = serde_json::from_str("{}").unwrap();
    assert_eq!(User::from_proxy_session(&empty), None);
}

#[test]
fn token_response() {
    let t: TokenResponse = serde_json::from_str(r#"{"access_token":"a.b.c","token_type":"bearer","expires_in":86400,"refresh_token":"","scope":"XummPkce"}"#).unwrap();
    assert_eq!(t.access_token, "a.b.c");
    assert!(serde_json::from_str::<TokenResponse>(r#"{"token_type":"bearer"}"#).is_err(), "no access_token → error");
}

fn stored(text: &str) -> JsonValue {
    j(text)
}

#[test]
fn web3_session_storage() {
    let user = User {
        account: ACCOUNT.into(),
        name: Some("Pe\"pper\n".into()),
        network_type: Some("MAINNET".into()),
        network_endpoint: None,
        token_expires_at: Some(1700000000),
    };
    let session = Web3Session { jwt: "h.p.s".into(), user };
    let text = session.to_json_string();
    assert_eq!(
        text,
        r#"{"jwt":"h.p.s","user":{"account":"rPEPPER7kfTD9w2To4CQk6UCfuHM9c6GDY","name":"Pe\"pper\n","networkType":"MAINNET","tokenExpiresAt":1700000000}}"#
    );
    assert_eq!(Web3Session::read(Some(&stored(&text))), Stored::Valid(session));
    assert_eq!(Web3Session::read(None), Stored::Missing);
    for corrupt in [
        "null",
        "42",
        r#""h.p.s""#,
        r#"{}"#,
        r#"{"jwt":"h.p.s"}"#,
        r#"{"jwt":"not-a-jwt","user":{"account":"r"}}"#,
        r#"{"jwt":"h..s","user":{"account":"r"}}"#,
        r#"{"jwt":"h.p.s.x","user":{"account":"r"}}"#,
        r#"{"jwt":"h.p.s","user":{}}"#,
        r#"{"jwt":"h.p.s","user":{"account":""}}"#,
        r#"{"jwt":"h.p.s","user":{"account":"r","tokenExpiresAt":"soon"}}"#,
        r#"{"jwt":"h.p.s","user":{"account":"r","name":5}}"#,
        r#"{"jwt":5,"user":{"account":"r"}}"#,
    ] {
        assert_eq!(Web3Session::read(Some(&stored(corrupt))), Stored::Corrupt, "{corrupt}");
    }
}

#[test]
fn xapp_session_and_pending_pkce_storage() {
    let s = XappSession { ott: "4a7c0f0e-9d1b-4c2a-8e3f-5b6a7c8d9e0f".into(), jwt: "a.b.c".into(), user: None };
    let text = s.to_json_string();
    assert_eq!(text, r#"{"ott":"4a7c0f0e-9d1b-4c2a-8e3f-5b6a7c8d9e0f","jwt":"a.b.c","user":null}"#);
    assert_eq!(XappSession::read(Some(&stored(&text))), Stored::Valid(s.clone()));
    let with_user = XappSession {
        user: Some(User { account: ACCOUNT.into(), name: None, network_type: None, network_endpoint: None, token_expires_at: None }),
        ..s
    };
    assert_eq!(XappSession::read(Some(&stored(&with_user.to_json_string()))), Stored::Valid(with_user));
    assert_eq!(XappSession::read(Some(&stored(r#"{"jwt":"a.b.c"}"#))), Stored::Corrupt);
    assert_eq!(XappSession::read(Some(&stored(r#"{"ott":"o","jwt":"a.b.c","user":{"name":"x"}}"#))), Stored::Corrupt);

    let p = PendingPkce { state: "st".into(), verifier: "ve".into(), redirect_uri: "http://127.0.0.1:8080/?a=1".into() };
    let text = p.to_json_string();
    assert_eq!(text, r#"{"state":"st","verifier":"ve","redirectUri":"http://127.0.0.1:8080/?a=1"}"#);
    assert_eq!(PendingPkce::read(Some(&stored(&text))), Stored::Valid(p));
    assert_eq!(PendingPkce::read(Some(&stored(r#"{"state":"st","verifier":""}"#))), Stored::Corrupt);
    assert_eq!(PendingPkce::read(None), Stored::Missing);
}
