//! xaman-wasm: create Xaman sign requests ("payloads") from web dApps and xApps.
//!
//! This file is the JS surface only (`#[wasm_bindgen]` exports, no logic): the rules live in
//! `core` (pure Rust, tested natively) and the browser IO in `web`. The npm loader
//! (`pkg-template/index.js`) initialises the wasm on the first `Xaman.connect()`.
//!
//! The npm package's wasm is built without the default `std` feature: it is then `no_std`
//! (alloc only), and a panic stops the wasm with an `unreachable` trap, which the page sees as
//! a `RuntimeError` thrown by the call that panicked. Nothing is printed.
#![cfg_attr(all(target_arch = "wasm32", not(feature = "std")), no_std)]

extern crate alloc;

pub mod core;
mod prelude;
#[cfg(target_arch = "wasm32")]
pub mod web;

/// Without std a panic traps at once: no message is formatted, no hook runs, nothing prints.
#[cfg(all(target_arch = "wasm32", not(feature = "std")))]
#[panic_handler]
fn panic(_: &::core::panic::PanicInfo) -> ! {
    ::core::arch::wasm32::unreachable()
}

#[cfg(target_arch = "wasm32")]
pub use surface::{PayloadRequest, Xaman, XappBridge};

#[cfg(target_arch = "wasm32")]
mod surface {
    use crate::web::bindings::{Function, Promise};
    use wasm_bindgen::prelude::*;

    use crate::prelude::*;
    use crate::web::bridge::Bridge;
    use crate::web::client::Client;
    use crate::web::error::to_js_error;
    use crate::web::js::promise;
    use crate::web::request::PayloadHandle;

    /// The SDK, connected to its context. Create it with `await Xaman.connect(options)`.
    #[wasm_bindgen]
    pub struct Xaman {
        client: Client,
        xapp: JsValue,
    }

    impl Xaman {
        /// `Xaman.connect` for Rust callers (the wasm tests); the page's is [`Xaman::connect_js`].
        pub async fn connect(options: JsValue) -> Result<Xaman, JsValue> {
            match Client::connect(options).await {
                Ok(client) => Ok(Xaman::new(client)),
                Err(error) => Err(to_js_error(&error)),
            }
        }

        fn new(client: Client) -> Xaman {
            let xapp = match client.bridge() {
                Some(bridge) => JsValue::from(XappBridge { bridge }),
                None => JsValue::NULL,
            };
            Xaman { client, xapp }
        }
    }

    #[wasm_bindgen]
    impl Xaman {
        /// Validate the options, detect the context (xApp, Web3 session, proxy) and restore
        /// any session. Rejects with `invalid_config`, `secret_in_browser`, `no_route`, or the
        /// error of the xApp token exchange.
        #[wasm_bindgen(js_name = connect)]
        pub fn connect_js(options: JsValue) -> Promise {
            promise(Box::pin(async move {
                let client = Client::connect(options).await?;
                Ok(JsValue::from(Xaman::new(client)))
            }))
        }

        /// `"xapp" | "web3" | "proxy"`: the route new payloads take now.
        #[wasm_bindgen(getter)]
        pub fn context(&self) -> JsValue {
            self.client.context().into()
        }

        /// The signed-in user (`{account, name?, networkType?, networkEndpoint?,
        /// tokenExpiresAt?}`) or `null`.
        #[wasm_bindgen(getter)]
        pub fn user(&self) -> JsValue {
            self.client.user()
        }

        /// The xApp bridge inside Xaman (or an xApp emulator frame); `null` elsewhere.
        #[wasm_bindgen(getter)]
        pub fn xapp(&self) -> JsValue {
            self.xapp.clone()
        }

        /// Web3 sign-in (OAuth2 PKCE). Call it from a click handler: the popup opens before
        /// anything is awaited. `{redirect: true}` (or a blocked popup) leaves the page and the
        /// next `Xaman.connect` finishes the sign-in. Resolves with the user.
        #[wasm_bindgen(js_name = signIn)]
        pub fn sign_in(&self, options: JsValue) -> Promise {
            self.client.sign_in(&options)
        }

        /// Forget the Web3 session and log out of the proxy session.
        #[wasm_bindgen(js_name = signOut)]
        pub fn sign_out(&self) -> Promise {
            promise(Box::pin(self.client.clone().sign_out()))
        }

        /// Listen to `"signedIn" | "signedOut" | "error"`; returns the unsubscribe function.
        pub fn on(&self, event: JsValue, callback: Function) -> Result<Function, JsValue> {
            self.client.on(&event, callback)
        }

        /// Create a sign request: `{txjson | txblob, options?, custom_meta?}`, second argument
        /// `{open?: boolean}` (xApp: open it in Xaman, default true). Validated before anything
        /// is sent. Resolves with a `PayloadRequest`.
        pub fn payload(&self, request: JsValue, options: JsValue) -> Promise {
            let client = self.client.clone();
            promise(Box::pin(async move {
                let handle = client.payload(&request, &options).await?;
                Ok(JsValue::from(PayloadRequest { handle }))
            }))
        }
    }

    /// A created sign request. Its status socket closes when it resolves; call `free()` (or
    /// let it be garbage-collected) to stop following it earlier when `resolved` was never read
    /// and no status listener is left.
    #[wasm_bindgen]
    pub struct PayloadRequest {
        handle: PayloadHandle,
    }

    #[wasm_bindgen]
    impl PayloadRequest {
        /// Payload UUID.
        #[wasm_bindgen(getter)]
        pub fn uuid(&self) -> JsValue {
            self.handle.uuid().into()
        }

        /// `true` when the platform pushed it to the user's phone.
        #[wasm_bindgen(getter)]
        pub fn pushed(&self) -> bool {
            self.handle.pushed()
        }

        /// `"xapp" | "push" | "qr" | "deeplink"`: how to bring it to the user.
        #[wasm_bindgen(getter)]
        pub fn route(&self) -> JsValue {
            self.handle.route().into()
        }

        /// `{always, no_push_msg_received?}` of the create answer.
        #[wasm_bindgen(getter)]
        pub fn next(&self) -> JsValue {
            self.handle.next()
        }

        /// The sign URL (`next.always`); opens Xaman on a phone.
        #[wasm_bindgen(getter)]
        pub fn deeplink(&self) -> JsValue {
            self.handle.deeplink().into()
        }

        /// The platform's whole create answer.
        #[wasm_bindgen(getter)]
        pub fn created(&self) -> JsValue {
            self.handle.created()
        }

        /// The QR code of `next.always`, rendered locally as an SVG string.
        #[wasm_bindgen(js_name = qrSvg)]
        pub fn qr_svg(&self) -> Result<JsValue, JsValue> {
            match self.handle.qr_svg() {
                Ok(svg) => Ok(svg.into()),
                Err(e) => Err(to_js_error(&e)),
            }
        }

        /// Listen to `"status"` events; returns the unsubscribe function.
        pub fn on(&self, event: JsValue, callback: Function) -> Result<Function, JsValue> {
            self.handle.on(&event, callback)
        }

        /// Resolves with `{outcome, uuid, txid?, account?, hex?, payload}` for every user
        /// outcome (verified by a GET); rejects only on errors.
        #[wasm_bindgen(getter)]
        pub fn resolved(&self) -> Promise {
            self.handle.resolved()
        }

        /// Cancel it (DELETE). Resolves with `{cancelled, reason}`.
        pub fn cancel(&self) -> Promise {
            self.handle.cancel()
        }
    }

    /// Commands to the Xaman host and its events (`xaman.xapp`).
    #[wasm_bindgen]
    pub struct XappBridge {
        bridge: Bridge,
    }

    #[wasm_bindgen]
    impl XappBridge {
        /// Show a payload in Xaman: `{uuid}`.
        #[wasm_bindgen(js_name = openSignRequest)]
        pub fn open_sign_request(&self, args: JsValue) -> Promise {
            self.bridge.command("openSignRequest", &args)
        }

        /// Close the xApp: `{refreshEvents?}`.
        pub fn close(&self, args: JsValue) -> Promise {
            self.bridge.command("close", &args)
        }

        /// Open the share sheet: `{text}`.
        pub fn share(&self, args: JsValue) -> Promise {
            self.bridge.command("share", &args)
        }

        /// Open the QR scanner; the result arrives as a `qr` event.
        #[wasm_bindgen(js_name = scanQr)]
        pub fn scan_qr(&self) -> Promise {
            self.bridge.command("scanQr", &JsValue::NULL)
        }

        /// Open an https URL in the browser: `{url}`.
        #[wasm_bindgen(js_name = openBrowser)]
        pub fn open_browser(&self, args: JsValue) -> Promise {
            self.bridge.command("openBrowser", &args)
        }

        /// Let the user pick a destination; the result arrives as a `destination` event.
        #[wasm_bindgen(js_name = selectDestination)]
        pub fn select_destination(&self, args: JsValue) -> Promise {
            self.bridge.command("selectDestination", &args)
        }

        /// Open another xApp: `{xApp, title?, …}`.
        pub fn navigate(&self, args: JsValue) -> Promise {
            self.bridge.command("navigate", &args)
        }

        /// Show a transaction's details: `{tx, account}`.
        pub fn tx(&self, args: JsValue) -> Promise {
            self.bridge.command("tx", &args)
        }

        /// Tell Xaman the xApp finished loading.
        pub fn ready(&self) -> Promise {
            self.bridge.command("ready", &JsValue::NULL)
        }

        /// Listen to `"payload" | "qr" | "destination" | "networkswitch"`; returns the
        /// unsubscribe function.
        pub fn on(&self, event: JsValue, callback: Function) -> Result<Function, JsValue> {
            self.bridge.add_listener(&event, callback)
        }
    }
}
