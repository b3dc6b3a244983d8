//! The wasm build's allocator (`src/web/alloc.rs`) in a real browser: blocks are aligned and
//! keep their contents, freed blocks are reused by their class, page runs above the largest
//! class work, and the global allocator survives a mixed workload.
#![cfg(target_arch = "wasm32")]

use std::alloc::{GlobalAlloc, Layout};

use wasm_bindgen_test::*;
use xaman_wasm::web::alloc::ClassAllocator;

wasm_bindgen_test_configure!(run_in_browser);

static OWN: ClassAllocator = ClassAllocator::new();

fn layout(size: usize, align: usize) -> Layout {
    Layout::from_size_align(size, align).unwrap()
}

#[wasm_bindgen_test]
fn blocks_are_aligned_distinct_and_keep_their_bytes() {
    let mut blocks = Vec::new();
    for (i, (size, align)) in [(1, 1), (16, 8), (17, 4), (100, 64), (4096, 4096), (40_000, 8), (200_000, 16)]
        .into_iter()
        .enumerate()
    {
        let l = layout(size, align);
        let p = unsafe { OWN.alloc(l) };
        assert!(!p.is_null(), "size {size}");
        assert_eq!(p as usize % align, 0, "size {size} align {align}");
        unsafe { std::ptr::write_bytes(p, i as u8 + 1, size) };
        blocks.push((p, l, i as u8 + 1));
    }
    for (p, l, fill) in &blocks {
        let bytes = unsafe { std::slice::from_raw_parts(*p, l.size()) };
        assert!(bytes.iter().all(|b| b == fill), "block of {} bytes was overwritten", l.size());
    }
    for (p, l, _) in blocks {
        unsafe { OWN.dealloc(p, l) };
    }
}

#[wasm_bindgen_test]
fn freed_blocks_are_reused_by_their_class() {
    unsafe {
        let a = OWN.alloc(layout(24, 8));
        OWN.dealloc(a, layout(24, 8));
        // 17..=32 bytes share a class: the freed block comes back.
        let b = OWN.alloc(layout(32, 4));
        assert_eq!(a, b);
        // Another class does not take it.
        let c = OWN.alloc(layout(64, 8));
        assert_ne!(b, c);
        OWN.dealloc(b, layout(32, 4));
        OWN.dealloc(c, layout(64, 8));

        let big = OWN.alloc(layout(150_000, 8));
        OWN.dealloc(big, layout(150_000, 8));
        let again = OWN.alloc(layout(100_000, 8));
        assert_eq!(big, again, "a freed page run is reused when it is long enough");
        let longer = OWN.alloc(layout(300_000, 8));
        assert_ne!(longer, again);
        OWN.dealloc(again, layout(100_000, 8));
        OWN.dealloc(longer, layout(300_000, 8));
    }
}

#[wasm_bindgen_test]
fn realloc_keeps_the_contents_across_classes_and_page_runs() {
    unsafe {
        let mut l = layout(10, 1);
        let mut p = OWN.alloc(l);
        for i in 0..10 {
            *p.add(i) = i as u8;
        }
        for new_size in [12, 100, 5000, 70_000, 140_000, 20] {
            p = OWN.realloc(p, l, new_size);
            assert!(!p.is_null());
            l = layout(new_size, 1);
            for i in 0..10 {
                assert_eq!(*p.add(i), i as u8, "after growing to {new_size}");
            }
        }
        OWN.dealloc(p, l);
    }
}

#[wasm_bindgen_test]
fn the_global_allocator_survives_a_mixed_workload() {
    let mut strings: Vec<String> = Vec::new();
    let mut checksum = 0usize;
    for round in 0..2000usize {
        let len = (round * 7919) % 3000;
        let s: String = std::iter::repeat(char::from(b'a' + (round % 26) as u8)).take(len).collect();
        checksum += s.len();
        strings.push(s);
        if round % 3 == 0 {
            let removed = strings.swap_remove((round * 31) % strings.len());
            checksum -= removed.len();
        }
    }
    assert_eq!(strings.iter().map(String::len).sum::<usize>(), checksum);
    for s in &strings {
        let first = s.as_bytes().first().copied();
        assert!(s.bytes().all(|b| Some(b) == first), "a string was overwritten");
    }
    let big: Vec<u64> = (0..100_000u64).collect();
    assert_eq!(big.iter().sum::<u64>(), 100_000 * 99_999 / 2);
}
