//! The SDK's own small executor: tasks polled on microtasks, and JS promises awaited. It does
//! what `wasm_bindgen_futures::spawn_local` and `JsFuture` do for this single-threaded SDK,
//! with less code in the wasm (no run queue, no JSPI or multi-thread paths).
//!
//! A woken task is polled on its own microtask (`queueMicrotask`), so tasks run in the order
//! they were woken, after the code that woke them returned.

use core::cell::Cell;

use crate::prelude::*;
use crate::web::bindings::{Array, Promise};
use crate::web::cell::RefCell;
use alloc::rc::Rc;
use core::future::Future;
use core::pin::Pin;
use core::task::{Context, Poll, RawWaker, RawWakerVTable, Waker};

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

#[wasm_bindgen(module = "/src/web/io.js")]
extern "C" {
    /// `callback([true, value])` or `callback([false, reason])` once `promise` settles.
    #[wasm_bindgen(js_name = whenSettled)]
    fn when_settled(promise: &Promise, callback: JsValue);
}

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_name = queueMicrotask)]
    fn queue_microtask(callback: &JsValue);
}

/// A boxed future of the SDK (every task is this one type).
pub type Task<T> = Pin<Box<dyn Future<Output = T>>>;

struct Slot {
    /// `None` while it is being polled, and once it finished.
    future: RefCell<Option<Task<()>>>,
    /// A poll is already queued.
    queued: Cell<bool>,
}

/// Run `task` to completion, starting on a microtask.
pub fn spawn(task: Task<()>) {
    schedule(Rc::new(Slot {
        future: RefCell::new(Some(task)),
        queued: Cell::new(false),
    }));
}

fn schedule(slot: Rc<Slot>) {
    if slot.queued.replace(true) {
        return;
    }
    queue_microtask(&Closure::once_into_js(move |_: JsValue| poll(slot)));
}

fn poll(slot: Rc<Slot>) {
    slot.queued.set(false);
    let Some(mut future) = slot.future.borrow_mut().take() else {
        return;
    };
    let waker = waker(slot.clone());
    if future
        .as_mut()
        .poll(&mut Context::from_waker(&waker))
        .is_pending()
    {
        *slot.future.borrow_mut() = Some(future);
    }
}

const VTABLE: RawWakerVTable = RawWakerVTable::new(clone_raw, wake_raw, wake_by_ref_raw, drop_raw);

fn waker(slot: Rc<Slot>) -> Waker {
    // SAFETY: the vtable below treats the pointer as the `Rc<Slot>` it comes from; the wasm
    // build is single-threaded, so the waker never crosses threads.
    unsafe { Waker::from_raw(RawWaker::new(Rc::into_raw(slot).cast(), &VTABLE)) }
}

// The waker functions: `data` is always a pointer from `Rc::into_raw` of a `Slot`, and every
// waker owns one strong count.
unsafe fn clone_raw(data: *const ()) -> RawWaker {
    Rc::increment_strong_count(data.cast::<Slot>());
    RawWaker::new(data, &VTABLE)
}

unsafe fn wake_raw(data: *const ()) {
    schedule(Rc::from_raw(data.cast::<Slot>()));
}

unsafe fn wake_by_ref_raw(data: *const ()) {
    Rc::increment_strong_count(data.cast::<Slot>());
    schedule(Rc::from_raw(data.cast::<Slot>()));
}

unsafe fn drop_raw(data: *const ()) {
    drop(Rc::from_raw(data.cast::<Slot>()));
}

/// A JS promise as a future: its value, or its rejection reason.
pub struct Settled {
    state: Rc<RefCell<SettledState>>,
}

/// The outcome once the promise settled, and the waker of the task waiting for it.
type SettledState = (Option<Result<JsValue, JsValue>>, Option<Waker>);

/// Await `promise`.
pub fn settled(promise: &Promise) -> Settled {
    let state: Rc<RefCell<SettledState>> = Rc::default();
    let target = state.clone();
    // One argument, like the SDK's other closures: the wasm carries one closure shape less.
    let callback = Closure::once_into_js(move |outcome: JsValue| {
        let outcome: &Array = outcome.unchecked_ref();
        let value = outcome.get(1);
        let waker = {
            let mut state = target.borrow_mut();
            state.0 = Some(if outcome.get(0).as_bool() == Some(true) {
                Ok(value)
            } else {
                Err(value)
            });
            state.1.take()
        };
        if let Some(waker) = waker {
            waker.wake();
        }
    });
    when_settled(promise, callback);
    Settled { state }
}

impl Future for Settled {
    type Output = Result<JsValue, JsValue>;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let mut state = self.state.borrow_mut();
        match state.0.take() {
            Some(result) => Poll::Ready(result),
            None => {
                state.1 = Some(cx.waker().clone());
                Poll::Pending
            }
        }
    }
}
