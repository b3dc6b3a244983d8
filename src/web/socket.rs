//! A WebSocket with its handlers, reporting open / message / close to one callback. Dropping it
//! closes the socket; the handler closure is freed on a later microtask, so a socket can be
//! dropped from inside its own handler. The socket itself lives in JS (src/web/io.js).

use crate::prelude::*;
use wasm_bindgen::prelude::*;

#[wasm_bindgen(module = "/src/web/io.js")]
extern "C" {
    /// `new WebSocket(url)` reporting `null` (open), text frames, and `true`/`false` (closed,
    /// cleanly or not) to `callback`.
    #[wasm_bindgen(js_name = openSocket, catch)]
    fn open_socket(url: &str, callback: &JsValue) -> Result<JsValue, JsValue>;
    /// Drop the handlers and `close(1000)`.
    #[wasm_bindgen(js_name = closeSocket)]
    fn close_socket(ws: &JsValue);
}

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

/// An open (or opening) WebSocket.
pub struct Socket {
    ws: JsValue,
    handler: Option<Closure<dyn FnMut(JsValue)>>,
}

impl Socket {
    /// Connect to `url`; `Err` when the browser refuses the URL outright.
    pub fn open(url: &str, on_event: impl Fn(SocketEvent) + 'static) -> Result<Socket, JsValue> {
        let handler = Closure::<dyn FnMut(JsValue)>::new(move |value: JsValue| {
            on_event(if value.is_null() {
                SocketEvent::Open
            } else if let Some(text) = value.as_string() {
                SocketEvent::Message(text)
            } else {
                SocketEvent::Close {
                    clean: value.as_bool() == Some(true),
                }
            })
        });
        let ws = open_socket(url, handler.as_ref())?;
        Ok(Socket {
            ws,
            handler: Some(handler),
        })
    }
}

impl Drop for Socket {
    fn drop(&mut self) {
        close_socket(&self.ws);
        if let Some(handler) = self.handler.take() {
            // The handler may be running right now: free it later.
            crate::web::js::drop_later(Box::new(handler));
        }
    }
}
