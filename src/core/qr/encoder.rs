//! A small QR code encoder (ISO/IEC 18004): byte mode, error correction level M, versions
//! 1–40, mask chosen by the standard penalty rules. Written for size: the SDK only encodes
//! short URLs, so there is no numeric/alphanumeric segmenting. Every module and table access
//! goes through `get`, so the encoder has no panic paths in the wasm.

use crate::prelude::*;

/// Error correction codewords per block at level M, by version (1-based index − 1).
const ECC_PER_BLOCK: [u8; 40] = [
    10, 16, 26, 18, 24, 16, 18, 22, 22, 26, 30, 22, 22, 24, 24, 28, 28, 26, 26, 26, 26, 28, 28, 28, 28, 28, 28, 28, 28,
    28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28,
];

/// Error correction blocks at level M, by version.
const BLOCKS: [u8; 40] = [
    1, 1, 1, 2, 2, 4, 4, 4, 5, 5, 5, 8, 9, 9, 10, 10, 11, 13, 14, 16, 17, 17, 18, 20, 21, 23, 25, 26, 28, 29, 31, 33, 35,
    37, 38, 40, 43, 45, 47, 49,
];

/// A module's bits in [`Grid::cells`]: dark, and part of a function pattern (not data).
const DARK: u8 = 1;
const FUNCTION: u8 = 2;

/// Codewords (data and error correction) a version holds: all modules but the function
/// patterns, in bytes.
fn raw_codewords(version: usize) -> usize {
    let mut modules = (16 * version + 128) * version + 64;
    if version >= 2 {
        let align = version / 7 + 2;
        modules -= (25 * align - 10) * align - 55;
        if version >= 7 {
            modules -= 36;
        }
    }
    modules / 8
}

/// Multiply in GF(2^8) with the QR polynomial x^8 + x^4 + x^3 + x^2 + 1.
fn gf_mul(mut a: u8, mut b: u8) -> u8 {
    let mut product = 0u8;
    while b != 0 {
        if b & 1 == 1 {
            product ^= a;
        }
        a = (a << 1) ^ if a & 0x80 != 0 { 0x1d } else { 0 };
        b >>= 1;
    }
    product
}

/// Reed–Solomon error correction of `data`: the remainder of `data · x^n` divided by the
/// generator polynomial of degree n = `generator.len()` (coefficients highest first, leading 1
/// dropped), appended to `out`.
fn push_remainder(data: &[u8], generator: &[u8], out: &mut Vec<u8>) {
    let mut rem = vec![0u8; generator.len()];
    for &b in data {
        let factor = b ^ rem.first().copied().unwrap_or(0);
        // Shift one coefficient left while adding factor · generator.
        let mut next = 0;
        for (r, &g) in rem.iter_mut().zip(generator).rev() {
            let shifted = next;
            next = *r;
            *r = shifted ^ gf_mul(g, factor);
        }
    }
    out.extend_from_slice(&rem);
}

/// Data codewords + error correction, split in blocks and interleaved; `None` when `text`
/// does not fit in any version. Returns the version too.
fn codewords(text: &[u8]) -> Option<(usize, Vec<u8>)> {
    let len = text.len();
    let mut version = 0;
    let (mut ecc_len, mut blocks, mut raw, mut capacity) = (0, 0, 0, 0);
    for (&ecc, &count) in ECC_PER_BLOCK.iter().zip(&BLOCKS) {
        version += 1;
        (ecc_len, blocks, raw) = (usize::from(ecc), usize::from(count), raw_codewords(version));
        capacity = raw - ecc_len * blocks;
        // Mode (4 bits) + character count (8 bits below version 10, else 16) + the bytes.
        if 4 + if version < 10 { 8 } else { 16 } + 8 * len <= capacity * 8 {
            break;
        }
        if version == 40 {
            return None;
        }
    }

    // Byte mode 0100, the count, the bytes and the terminator 0000 make whole bytes: every
    // byte is written 4 bits late. The terminator always fits, as the capacity is whole bytes.
    let mut data = Vec::with_capacity(raw);
    let mut carry = 0x4u8;
    let mut push = |b: u8| {
        data.push(carry << 4 | b >> 4);
        carry = b & 0x0f;
    };
    if version >= 10 {
        push((len >> 8) as u8);
    }
    push(len as u8);
    for &b in text {
        push(b);
    }
    data.push(carry << 4);
    let mut pad = 0xEC;
    while data.len() < capacity {
        data.push(pad);
        pad ^= 0xEC ^ 0x11;
    }

    // Blocks: the first `short_blocks` hold `short_data` codewords, the rest one more.
    let short_blocks = blocks - raw % blocks;
    let short_data = raw / blocks - ecc_len;
    let generator = rs_generator(ecc_len);
    let block_start = |i: usize| i * short_data + i.saturating_sub(short_blocks);
    let mut ecc = Vec::with_capacity(blocks * ecc_len);
    for i in 0..blocks {
        let (start, end) = (block_start(i), block_start(i + 1));
        push_remainder(data.get(start..end).unwrap_or_default(), &generator, &mut ecc);
    }

    let mut out = Vec::with_capacity(raw);
    for k in 0..=short_data {
        for i in 0..blocks {
            // The last column only exists in the long blocks.
            if k < short_data || i >= short_blocks {
                if let Some(&b) = data.get(block_start(i) + k) {
                    out.push(b);
                }
            }
        }
    }
    for k in 0..ecc_len {
        for i in 0..blocks {
            if let Some(&b) = ecc.get(i * ecc_len + k) {
                out.push(b);
            }
        }
    }
    Some((version, out))
}

/// Reed–Solomon generator polynomial of `degree` (coefficients, highest first, leading 1 dropped).
fn rs_generator(degree: usize) -> Vec<u8> {
    let mut coefs = vec![0u8; degree];
    if let Some(last) = coefs.last_mut() {
        *last = 1;
    }
    let mut root = 1u8;
    for _ in 0..degree {
        let mut next = 0;
        for c in coefs.iter_mut().rev() {
            let higher = next;
            next = *c;
            *c = gf_mul(*c, root) ^ higher;
        }
        root = gf_mul(root, 2);
    }
    coefs
}

struct Grid {
    size: usize,
    /// Row-major modules: [`DARK`] | [`FUNCTION`] bits.
    cells: Vec<u8>,
}

impl Grid {
    fn at(&self, x: usize, y: usize) -> u8 {
        if x < self.size && y < self.size {
            self.cells.get(y * self.size + x).copied().unwrap_or(0)
        } else {
            0
        }
    }

    fn set(&mut self, x: usize, y: usize, dark: bool) {
        if x < self.size && y < self.size {
            if let Some(cell) = self.cells.get_mut(y * self.size + x) {
                *cell = FUNCTION | u8::from(dark);
            }
        }
    }

    /// A square pattern centred on (`cx`, `cy`) with `radius`; ring `d` (0 = centre) is dark
    /// when bit `d` of `dark_rings` is set. Modules outside the grid are skipped.
    fn square(&mut self, cx: usize, cy: usize, radius: usize, dark_rings: u32) {
        for y in (cy + 4 - radius)..=(cy + 4 + radius) {
            for x in (cx + 4 - radius)..=(cx + 4 + radius) {
                let ring = x.abs_diff(cx + 4).max(y.abs_diff(cy + 4));
                // Shifted by 4 so that the finders' separators at −1 stay unsigned.
                self.set(x.wrapping_sub(4), y.wrapping_sub(4), dark_rings >> ring & 1 == 1);
            }
        }
    }

    fn function_patterns(&mut self, version: usize) {
        let size = self.size;
        for i in 0..size {
            self.set(6, i, i % 2 == 0);
            self.set(i, 6, i % 2 == 0);
        }
        // Finders with their light separators: rings 0, 1 and 3 dark.
        for (cx, cy) in [(3, 3), (size - 4, 3), (3, size - 4)] {
            self.square(cx, cy, 4, 0b01011);
        }
        // Alignment patterns on a grid of centres: 6, then evenly spaced up to size − 7;
        // none where they would overlap a finder.
        if version >= 2 {
            let count = version / 7 + 2;
            let step = if version == 32 { 26 } else { (version * 4 + count * 2 + 1) / (count * 2 - 2) * 2 };
            let center = |k: usize| if k == 0 { 6 } else { size - 7 - (count - 1 - k) * step };
            for i in 0..count {
                for j in 0..count {
                    let corner = (i == 0 && (j == 0 || j == count - 1)) || (i == count - 1 && j == 0);
                    if !corner {
                        self.square(center(i), center(j), 2, 0b101);
                    }
                }
            }
        }
        if version >= 7 {
            let mut rem = version as u32;
            for _ in 0..12 {
                rem = (rem << 1) ^ ((rem >> 11) * 0x1F25);
            }
            let bits = (version as u32) << 12 | rem;
            for i in 0..18 {
                let bit = (bits >> i) & 1 == 1;
                let (a, b) = (size - 11 + i % 3, i / 3);
                self.set(a, b, bit);
                self.set(b, a, bit);
            }
        }
        self.format_bits(0);
    }

    /// Level M (format bits 00) and the mask number, with the fixed dark module.
    fn format_bits(&mut self, mask: u32) {
        let mut rem = mask;
        for _ in 0..10 {
            rem = (rem << 1) ^ ((rem >> 9) * 0x537);
        }
        let bits = (mask << 10 | rem) ^ 0x5412;
        let size = self.size;
        for i in 0..15 {
            let bit = (bits >> i) & 1 == 1;
            // First copy: down column 8 (skipping the timing row), then left along row 8
            // (skipping the timing column). Second copy: along row 8 from the right edge, then
            // up column 8 from the bottom.
            if i < 8 {
                self.set(8, i + usize::from(i >= 6), bit);
                self.set(size - 1 - i, 8, bit);
            } else {
                self.set(15 - i - usize::from(i >= 9), 8, bit);
                self.set(8, size - 15 + i, bit);
            }
        }
        self.set(8, size - 8, true);
    }

    /// Data bits in the standard zigzag: column pairs from the right, alternately up and down.
    fn place(&mut self, data: &[u8]) {
        let size = self.size;
        let mut bit = 0;
        let mut right = size - 1;
        while right >= 1 {
            if right == 6 {
                right = 5;
            }
            let upward = (right + 1) & 2 == 0;
            for vert in 0..size {
                let y = if upward { size - 1 - vert } else { vert };
                for x in [right, right - 1] {
                    if let Some(cell) = self.cells.get_mut(y * size + x) {
                        if *cell & FUNCTION == 0 {
                            let byte = data.get(bit >> 3).copied().unwrap_or(0);
                            *cell = (byte >> (7 - (bit & 7))) & DARK;
                            bit += 1;
                        }
                    }
                }
            }
            right = right.saturating_sub(2);
        }
    }

    fn apply_mask(&mut self, mask: u32) {
        let (mut x, mut y) = (0, 0);
        for cell in &mut self.cells {
            let flip = match mask {
                0 => (x + y) % 2 == 0,
                1 => y % 2 == 0,
                2 => x % 3 == 0,
                3 => (x + y) % 3 == 0,
                4 => (x / 3 + y / 2) % 2 == 0,
                5 => x * y % 2 + x * y % 3 == 0,
                6 => (x * y % 2 + x * y % 3) % 2 == 0,
                _ => ((x + y) % 2 + x * y % 3) % 2 == 0,
            };
            if flip && *cell & FUNCTION == 0 {
                *cell ^= DARK;
            }
            x += 1;
            if x == self.size {
                x = 0;
                y += 1;
            }
        }
    }

    fn dark(&self, x: usize, y: usize) -> bool {
        self.at(x, y) & DARK != 0
    }

    /// The standard penalty: runs of 5+, 2×2 blocks, finder-like 1:1:3:1:1 runs with 4 light
    /// modules on one side, and the distance of the dark share from 50 %.
    fn penalty(&self) -> usize {
        let size = self.size;
        let (mut score, mut dark_count) = (0, 0);
        for horizontal in [true, false] {
            for a in 0..size {
                let mut run = 0;
                let mut window = 0u32;
                let mut previous = false;
                for b in 0..size {
                    let (x, y) = if horizontal { (b, a) } else { (a, b) };
                    let dark = self.dark(x, y);
                    run = if b > 0 && dark == previous { run + 1 } else { 1 };
                    if run == 5 {
                        score += 3;
                    } else if run > 5 {
                        score += 1;
                    }
                    previous = dark;
                    // The last 11 modules, oldest in the highest bit.
                    window = (window << 1 | u32::from(dark)) & 0x7FF;
                    if b >= 10 && (window == 0b101_1101_0000 || window == 0b000_0101_1101) {
                        score += 40;
                    }
                    // Once per module: the dark count and the 2×2 block below-right.
                    if horizontal {
                        dark_count += usize::from(dark);
                        if x + 1 < size
                            && y + 1 < size
                            && dark == self.dark(x + 1, y)
                            && dark == self.dark(x, y + 1)
                            && dark == self.dark(x + 1, y + 1)
                        {
                            score += 3;
                        }
                    }
                }
            }
        }
        // Never 0 (`max`: no division-by-zero panic path).
        let total = (size * size).max(1);
        let k = (dark_count * 20).abs_diff(total * 10).div_ceil(total).saturating_sub(1);
        score + k * 10
    }
}

/// Encode `text` at level M: `(size, row-major dark modules)`, or `None` when too long.
pub(crate) fn encode(text: &[u8]) -> Option<(usize, Vec<bool>)> {
    let (version, data) = codewords(text)?;
    let size = version * 4 + 17;
    let mut grid = Grid { size, cells: vec![0; size * size] };
    grid.function_patterns(version);
    grid.place(&data);
    let mut best = (usize::MAX, 0);
    for mask in 0..8 {
        grid.apply_mask(mask);
        grid.format_bits(mask);
        let penalty = grid.penalty();
        if penalty < best.0 {
            best = (penalty, mask);
        }
        grid.apply_mask(mask);
    }
    grid.apply_mask(best.1);
    grid.format_bits(best.1);
    let mut modules = Vec::with_capacity(grid.cells.len());
    for &c in &grid.cells {
        modules.push(c & DARK != 0);
    }
    Some((size, modules))
}
