//! The wasm's memory allocator: power-of-two size classes with one free list each, carved from
//! the end of linear memory, and whole 64 KiB pages for blocks above the largest class.
//!
//! Why not the default (dlmalloc): the SDK is single-threaded and keeps few, short-lived
//! allocations, and this allocator is about 1 KB of wasm instead of about 7 KB. The trade is
//! memory: a block takes up to twice its size, freed blocks are reused only for the same class,
//! and memory is never given back (as with dlmalloc on wasm). When memory cannot grow (or a
//! block asks for an alignment above 64 KiB) the wasm traps instead of returning null.
//! `tests/web_alloc.rs` checks alignment, reuse and growth in the browser.

use core::alloc::{GlobalAlloc, Layout};
use core::cell::UnsafeCell;
use core::ptr::{null_mut, NonNull};

const PAGE: usize = 65536;
/// Classes 16 B, 32 B, …, 32 KiB; larger blocks are runs of whole pages.
const MIN_SHIFT: usize = 4;
const CLASSES: usize = 12;

struct State {
    /// Head of the free list of each class (the first word of a free block is the next one).
    free: [usize; CLASSES],
    /// Free page runs: first word the next run, second word its length in pages.
    free_pages: usize,
    /// Unused memory between `next` and `end` (`next == 0`: not set up yet).
    next: usize,
    end: usize,
}

/// Power-of-two classes over a growing wasm memory. Registered as the global allocator of the
/// wasm build.
pub struct ClassAllocator {
    state: UnsafeCell<State>,
}

// The wasm build has one thread; nothing else touches the state.
unsafe impl Sync for ClassAllocator {}

impl ClassAllocator {
    /// An allocator that takes memory from the end of the heap as it needs it.
    pub const fn new() -> ClassAllocator {
        ClassAllocator {
            state: UnsafeCell::new(State { free: [0; CLASSES], free_pages: 0, next: 0, end: 0 }),
        }
    }

    /// A block for `layout`, or null when the memory cannot grow (or for an alignment above
    /// 64 KiB).
    unsafe fn alloc_or_null(&self, layout: Layout) -> *mut u8 {
        let state = &mut *self.state.get();
        match class_of(layout.size(), layout.align()) {
            Some(class) => {
                // `class_of` keeps `class` below CLASSES: the `else` is never taken.
                let Some(slot) = state.free.get_mut(class) else {
                    return null_mut();
                };
                let head = *slot;
                if head != 0 {
                    *slot = *(head as *const usize);
                    return head as *mut u8;
                }
                state.carve(1 << (class + MIN_SHIFT)) as *mut u8
            }
            // Page runs are 64 KiB aligned; a larger alignment is not supported.
            None if layout.align() <= PAGE => {
                state.alloc_pages(pages_for(layout.size())) as *mut u8
            }
            None => null_mut(),
        }
    }

    /// A block for `layout`; traps when there is none (see [`out_of_memory`]).
    ///
    /// Its own function, returning `NonNull`, so that the compiler marks the result non-null
    /// (`nonnull` in LLVM). `alloc` inlines into the allocator shim `__rust_alloc`, which then
    /// carries the mark too, and a caller that sees it drops its null check and the call to
    /// `handle_alloc_error` behind it.
    #[inline(never)]
    unsafe fn block(&self, layout: Layout) -> NonNull<u8> {
        match NonNull::new(self.alloc_or_null(layout)) {
            Some(ptr) => ptr,
            None => out_of_memory(),
        }
    }
}

impl Default for ClassAllocator {
    fn default() -> Self {
        Self::new()
    }
}

/// The class of a block of `size` bytes aligned to `align`, or `None` for a page run.
fn class_of(size: usize, align: usize) -> Option<usize> {
    let need = size.max(align).max(1 << MIN_SHIFT);
    let shift = (usize::BITS - (need - 1).leading_zeros()) as usize;
    (shift - MIN_SHIFT < CLASSES).then_some(shift - MIN_SHIFT)
}

fn pages_for(size: usize) -> usize {
    size.div_ceil(PAGE)
}

/// Grow the memory by `pages`; the address of the new pages, or `None` when the browser
/// refuses.
fn grow(pages: usize) -> Option<usize> {
    let old = core::arch::wasm32::memory_grow(0, pages);
    (old != usize::MAX).then_some(old * PAGE)
}

impl State {
    /// `size` bytes aligned to `size` (a power of two up to 32 KiB) from the unused tail.
    fn carve(&mut self, size: usize) -> usize {
        loop {
            let start = (self.next + size - 1) & !(size - 1);
            if self.next != 0 && start + size <= self.end {
                self.next = start + size;
                return start;
            }
            let pages = pages_for(size);
            let Some(base) = grow(pages) else { return 0 };
            // New pages right after the tail extend it; otherwise start over at them.
            if base != self.end || self.next == 0 {
                self.next = base;
            }
            self.end = base + pages * PAGE;
        }
    }

    fn alloc_pages(&mut self, pages: usize) -> usize {
        // First fit among freed runs (the whole run is taken).
        let mut link: *mut usize = &mut self.free_pages;
        unsafe {
            while *link != 0 {
                let run = *link as *mut usize;
                if *run.add(1) >= pages {
                    *link = *run;
                    return run as usize;
                }
                link = run;
            }
        }
        grow(pages).unwrap_or(0)
    }
}

/// Stop the wasm (a trap) when memory cannot be had: what `handle_alloc_error` would end in
/// too (the panic handler traps), reached without going through it. `alloc` never returns
/// null, so `realloc` needs no null path. (Callers compiled apart from this crate, such as
/// the `alloc` library's own code when the build is not link-time optimised, do not see the
/// non-null mark of [`ClassAllocator::block`] and keep their null checks.)
#[cold]
fn out_of_memory() -> ! {
    core::arch::wasm32::unreachable()
}

unsafe impl GlobalAlloc for ClassAllocator {
    #[inline(always)]
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        self.block(layout).as_ptr()
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        let state = &mut *self.state.get();
        let block = ptr as *mut usize;
        match class_of(layout.size(), layout.align()) {
            Some(class) => {
                // `class_of` keeps `class` below CLASSES: the `if` always holds.
                if let Some(slot) = state.free.get_mut(class) {
                    *block = *slot;
                    *slot = ptr as usize;
                }
            }
            None => {
                // Record the pages this layout needs (a reused longer run keeps its tail).
                *block = state.free_pages;
                *block.add(1) = pages_for(layout.size());
                state.free_pages = ptr as usize;
            }
        }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let old = class_of(layout.size(), layout.align());
        let new = class_of(new_size, layout.align());
        let same_block = match (old, new) {
            (Some(a), Some(b)) => a == b,
            (None, None) => pages_for(layout.size()) == pages_for(new_size),
            _ => false,
        };
        if same_block {
            return ptr;
        }
        let new_layout = Layout::from_size_align_unchecked(new_size, layout.align());
        // Never null: `alloc` traps instead.
        let new_ptr = self.alloc(new_layout);
        core::ptr::copy_nonoverlapping(ptr, new_ptr, layout.size().min(new_size));
        self.dealloc(ptr, layout);
        new_ptr
    }
}
