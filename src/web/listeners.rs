//! The page's event listeners of one SDK object (`xaman.on`, `req.on`, `xaman.xapp.on`): one
//! registry type for all three, so the wasm carries one `on` and one unsubscribe closure.

use crate::web::cell::RefCell;
use alloc::rc::Rc;

use wasm_bindgen::prelude::*;

use crate::core::{ErrorCode, XamanError};
use crate::prelude::*;
use crate::web::bindings::Function;
use crate::web::error::to_js_error;
use crate::web::js;

/// Listeners by event (the index of the event's name in the object's list of names).
/// Clone = the same registry.
#[derive(Clone)]
pub struct Listeners(Rc<RefCell<List>>);

struct List {
    entries: Vec<(u32, usize, Function)>,
    next_id: u32,
    /// Called after a listener was removed by its unsubscribe function.
    removed: Option<Rc<dyn Fn()>>,
}

impl Listeners {
    /// An empty registry; `removed` runs after an unsubscribe function removed a listener.
    pub fn new(removed: Option<Rc<dyn Fn()>>) -> Listeners {
        Listeners(Rc::new(RefCell::new(List {
            entries: Vec::new(),
            next_id: 0,
            removed,
        })))
    }

    /// `on(name, callback)` as the page calls it: `name` must be one of `names` (else the JS
    /// `invalid_option` error with the message `unknown <kind>event "<name>": use <choices>`;
    /// a name that is not a string is unknown like a wrong one). Returns the event's index and
    /// the function that removes the listener.
    #[inline(never)]
    pub fn add(
        &self,
        names: &[&str],
        kind: &str,
        choices: &str,
        name: &JsValue,
        callback: Function,
    ) -> Result<(usize, Function), JsValue> {
        let name = name.as_string().unwrap_or_default();
        let Some(event) = names.iter().position(|n| *n == name) else {
            let mut message = String::from("unknown ");
            message.push_str(kind);
            message.push_str("event \"");
            message.push_str(&name);
            message.push_str("\": use ");
            message.push_str(choices);
            return Err(to_js_error(&XamanError::new(
                ErrorCode::InvalidOption,
                message,
            )));
        };
        let id = {
            let mut list = self.0.borrow_mut();
            let id = list.next_id;
            list.next_id = id.wrapping_add(1);
            list.entries.push((id, event, callback));
            id
        };
        let weak = Rc::downgrade(&self.0);
        // `off()` passes no argument; the parameter gives it the shape of the SDK's other
        // closures (one closure shape in the wasm).
        let off = Closure::<dyn FnMut(JsValue)>::new(move |_: JsValue| {
            let Some(list) = weak.upgrade() else { return };
            let removed = {
                let mut list = list.borrow_mut();
                let before = list.entries.len();
                list.entries.retain(|(other, _, _)| *other != id);
                if list.entries.len() == before {
                    return;
                }
                list.removed.clone()
            };
            if let Some(removed) = removed {
                removed();
            }
        });
        Ok((event, off.into_js_value().into()))
    }

    /// The listeners of `event`, in the order they were added.
    pub fn of(&self, event: usize) -> Vec<Function> {
        let mut listeners = Vec::new();
        for (_, e, f) in &self.0.borrow().entries {
            if *e == event {
                listeners.push(f.clone());
            }
        }
        listeners
    }

    /// How many listeners there are.
    pub fn len(&self) -> usize {
        self.0.borrow().entries.len()
    }

    /// `true` without listeners.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Remove them all.
    pub fn clear(&self) {
        let entries = core::mem::take(&mut self.0.borrow_mut().entries);
        drop(entries);
    }

    /// Call each listener of `event` with `value` (logged first when `debug` is on, with
    /// `label`); no borrow is held while they run.
    pub fn emit(&self, event: usize, label: &str, value: &JsValue, debug: bool) {
        let listeners = self.of(event);
        js::debug_log(debug, label, value);
        for listener in &listeners {
            js::call_listener(listener, value, debug);
        }
    }
}
