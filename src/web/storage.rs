//! Where the SDK keeps its session between page loads: `localStorage` ("local", default),
//! `sessionStorage` ("session") or nowhere ("memory"). Values are JSON text under the keys of
//! `core::session`. An entry that does not read back is removed and treated as missing: corrupt
//! storage never breaks `Xaman.connect`. A storage the browser refuses (privacy mode, sandboxed
//! frame, Node) falls back to memory.

use crate::web::cell::RefCell;

use alloc::rc::Rc;
use wasm_bindgen::JsValue;

use crate::core::context::StorageKind;
use crate::core::JsonValue;
use crate::prelude::*;
use crate::web::js;

/// A key/value store of JSON values.
#[derive(Clone)]
pub struct Store {
    backend: Backend,
}

#[derive(Clone)]
enum Backend {
    /// `localStorage` or `sessionStorage`.
    Browser(JsValue),
    /// A few entries at most: a list is smaller in the wasm than a hash map.
    Memory(Rc<RefCell<Vec<(String, String)>>>),
}

impl Store {
    /// Open the storage of `kind`; falls back to memory when the browser refuses it.
    pub fn open(kind: StorageKind) -> Store {
        let name = match kind {
            StorageKind::Local => "localStorage",
            StorageKind::Session => "sessionStorage",
            StorageKind::Memory => return Store::memory(),
        };
        // Reading the property can throw (a sandboxed frame): then it is undefined.
        let browser = js::window().map(|window| js::get(&window, name));
        match browser {
            Some(storage) if storage.is_object() && usable(&storage) => Store {
                backend: Backend::Browser(storage),
            },
            _ => Store::memory(),
        }
    }

    /// A fresh in-memory store.
    pub fn memory() -> Store {
        Store {
            backend: Backend::Memory(Rc::default()),
        }
    }

    /// `true` when values survive a reload.
    pub fn is_persistent(&self) -> bool {
        matches!(self.backend, Backend::Browser(_))
    }

    /// The raw text under `key`.
    pub fn get_text(&self, key: &str) -> Option<String> {
        match &self.backend {
            Backend::Browser(storage) => js::call_str(storage, "getItem", key, "")
                .ok()
                .and_then(|text| text.as_string()),
            Backend::Memory(list) => list
                .borrow()
                .iter()
                .find(|(k, _)| k == key)
                .map(|(_, v)| v.clone()),
        }
    }

    /// The entry under `key` as JSON: `None` when absent, `Some(Null)` when it is not JSON
    /// (the `core::session` readers then report it corrupt and the caller removes it).
    pub fn get_json(&self, key: &str) -> Option<JsonValue> {
        let text = self.get_text(key)?;
        Some(
            js::parse_json(&text)
                .and_then(|v| js::to_json_value(&v))
                .unwrap_or(JsonValue::Null),
        )
    }

    /// Store raw text under `key`. Returns `false` if the browser refused (quota).
    pub fn set_text(&self, key: &str, text: &str) -> bool {
        match &self.backend {
            Backend::Browser(storage) => js::call_str(storage, "setItem", key, text).is_ok(),
            Backend::Memory(list) => {
                self.remove(key);
                list.borrow_mut().push((key.to_owned(), text.to_owned()));
                true
            }
        }
    }

    /// Remove `key`.
    pub fn remove(&self, key: &str) {
        match &self.backend {
            Backend::Browser(storage) => {
                let _ = js::call_str(storage, "removeItem", key, "");
            }
            Backend::Memory(list) => list.borrow_mut().retain(|(k, _)| k != key),
        }
    }
}

/// A storage object can exist yet throw on every write (Safari private mode, full quota).
fn usable(storage: &JsValue) -> bool {
    let probe = "xaman-wasm:probe";
    let ok = js::call_str(storage, "setItem", probe, "1").is_ok();
    let _ = js::call_str(storage, "removeItem", probe, "");
    ok
}
