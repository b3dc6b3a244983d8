//! A created payload as the page holds it (`req`): its identity and route, the QR, status
//! listeners, the `resolved` promise and `cancel()`.

use wasm_bindgen::JsValue;

use crate::core::context::Route;
use crate::core::platform::CreatedPayload;
use crate::core::qr::qr_svg;
use crate::prelude::*;
use crate::web::bindings::{Function, Promise};
use crate::web::error::WebResult;
use crate::web::js;
use crate::web::status::Follower;

/// One created payload. Dropping it tells the status follower that the page let go of it.
pub struct PayloadHandle {
    created: CreatedPayload,
    raw: JsValue,
    route: Route,
    follower: Follower,
}

impl PayloadHandle {
    /// Wrap a create answer (typed and raw) and its running follower.
    pub fn new(
        created: CreatedPayload,
        raw: JsValue,
        route: Route,
        follower: Follower,
    ) -> PayloadHandle {
        PayloadHandle {
            created,
            raw,
            route,
            follower,
        }
    }

    /// Payload UUID.
    pub fn uuid(&self) -> String {
        self.created.uuid.clone()
    }

    /// `true` when the platform pushed it to the user's phone.
    pub fn pushed(&self) -> bool {
        self.created.pushed
    }

    /// `"xapp" | "push" | "qr" | "deeplink"`.
    pub fn route(&self) -> &'static str {
        self.route.as_str()
    }

    /// `next` of the create answer (`{always, no_push_msg_received?}`).
    pub fn next(&self) -> JsValue {
        js::get(&self.raw, "next")
    }

    /// The sign URL (`next.always`): a link that opens Xaman on a phone.
    pub fn deeplink(&self) -> String {
        self.created.next.always.clone()
    }

    /// The whole create answer.
    pub fn created(&self) -> JsValue {
        self.raw.clone()
    }

    /// The QR code of `next.always` as a standalone SVG string.
    pub fn qr_svg(&self) -> WebResult<String> {
        qr_svg(&self.created.next.always)
    }

    /// `req.on("status", cb)`.
    pub fn on(&self, event: &JsValue, callback: Function) -> Result<Function, JsValue> {
        self.follower.add_listener(event, callback)
    }

    /// `req.resolved`.
    pub fn resolved(&self) -> Promise {
        self.follower.resolved()
    }

    /// `req.cancel()`: resolves with `{cancelled, reason}`; `req.resolved` then settles with
    /// the verified outcome.
    pub fn cancel(&self) -> Promise {
        self.follower.cancel()
    }
}

impl Drop for PayloadHandle {
    fn drop(&mut self) {
        self.follower.handle_dropped();
    }
}
