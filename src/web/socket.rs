//! A WebSocket with its handlers, reporting open / message / close to one callback. Dropping it
//! closes the socket; the handler closures are freed on a later microtask, so a socket can be
//! dropped from inside its own handler.

use crate::prelude::*;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{CloseEvent, MessageEvent, WebSocket};

/// What happened on the socket.
pub enum SocketEvent {
    /// The connection is open.
    Open,
    /// A text frame arrived.
    Message(String),
    /// The connection closed (or could not be opened). `clean`: closed normally (code 1000).
    Close {
        /// `true` for a normal close (code 1000 and a clean closing handshake).
        clean: bool,
    },
}

type Handler = Closure<dyn FnMut(JsValue)>;

/// An open (or opening) WebSocket.
pub struct Socket {
    ws: WebSocket,
    handlers: Option<[Handler; 3]>,
}

impl Socket {
    /// Connect to `url`; `Err` when the browser refuses the URL outright.
    pub fn open(url: &str, on_event: impl Fn(SocketEvent) + 'static) -> Result<Socket, JsValue> {
        let ws = WebSocket::new(url)?;
        let on_event = alloc::rc::Rc::new(on_event);

        let notify = on_event.clone();
        let open = Handler::new(move |_: JsValue| notify(SocketEvent::Open));
        let notify = on_event.clone();
        let message = Handler::new(move |event: JsValue| {
            let event: MessageEvent = event.unchecked_into();
            // Binary frames are not part of the protocol: ignored.
            if let Some(text) = event.data().as_string() {
                notify(SocketEvent::Message(text));
            }
        });
        let notify = on_event;
        let close = Handler::new(move |event: JsValue| {
            let clean = event
                .dyn_ref::<CloseEvent>()
                .is_some_and(|close| close.was_clean() && close.code() == 1000);
            notify(SocketEvent::Close { clean });
        });

        ws.set_onopen(Some(open.as_ref().unchecked_ref()));
        ws.set_onmessage(Some(message.as_ref().unchecked_ref()));
        ws.set_onclose(Some(close.as_ref().unchecked_ref()));
        Ok(Socket {
            ws,
            handlers: Some([open, message, close]),
        })
    }

    /// Send a text frame (ignored unless the socket is open).
    pub fn send(&self, text: &str) {
        if self.ws.ready_state() == WebSocket::OPEN {
            let _ = self.ws.send_with_str(text);
        }
    }
}

impl Drop for Socket {
    fn drop(&mut self) {
        self.ws.set_onopen(None);
        self.ws.set_onmessage(None);
        self.ws.set_onclose(None);
        let _ = self.ws.close_with_code(1000);
        if let Some(handlers) = self.handlers.take() {
            // The handler that is running right now may be one of these: free them later.
            crate::web::js::drop_later(Box::new(handlers));
        }
    }
}
