//! `RefCell` for the web layer: the same borrow rules, but a conflicting borrow (a bug) stops
//! the wasm with a trap instead of a panic, so no panic message (and its formatting code) is
//! kept for each borrow. Same method names as `core::cell::RefCell`.

use core::cell::{Ref, RefMut};

/// A mutable memory location with dynamically checked borrows.
#[derive(Default)]
pub struct RefCell<T>(core::cell::RefCell<T>);

impl<T> RefCell<T> {
    /// A new cell holding `value`.
    pub const fn new(value: T) -> RefCell<T> {
        RefCell(core::cell::RefCell::new(value))
    }

    /// Borrow immutably; traps while it is mutably borrowed.
    #[inline]
    pub fn borrow(&self) -> Ref<'_, T> {
        match self.0.try_borrow() {
            Ok(value) => value,
            Err(_) => trap(),
        }
    }

    /// Borrow mutably; traps while it is borrowed.
    #[inline]
    pub fn borrow_mut(&self) -> RefMut<'_, T> {
        match self.0.try_borrow_mut() {
            Ok(value) => value,
            Err(_) => trap(),
        }
    }

    /// Put `value` in, return the old one.
    pub fn replace(&self, value: T) -> T {
        core::mem::replace(&mut *self.borrow_mut(), value)
    }
}

#[cold]
fn trap() -> ! {
    core::arch::wasm32::unreachable()
}
