//! A small QR code encoder (ISO/IEC 18004): byte mode, error correction level M, versions
//! 1–40, mask chosen by the standard penalty rules. Written for size: the SDK only encodes
//! short URLs, so there is no numeric/alphanumeric segmenting.

/// Error correction codewords per block at level M, by version (1-based index − 1).
use crate::prelude::*;

const ECC_PER_BLOCK: [u8; 40] = [
    10, 16, 26, 18, 24, 16, 18, 22, 22, 26, 30, 22, 22, 24, 24, 28, 28, 26, 26, 26, 26, 28, 28, 28, 28, 28, 28, 28, 28,
    28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28,
];

/// Error correction blocks at level M, by version.
const BLOCKS: [u8; 40] = [
    1, 1, 1, 2, 2, 4, 4, 4, 5, 5, 5, 8, 9, 9, 10, 10, 11, 13, 14, 16, 17, 17, 18, 20, 21, 23, 25, 26, 28, 29, 31, 33, 35,
    37, 38, 40, 43, 45, 47, 49,
];

/// Modules available for data and error correction (everything but function patterns).
fn raw_data_modules(version: usize) -> usize {
    let mut modules = (16 * version + 128) * version + 64;
    if version >= 2 {
        let align = version / 7 + 2;
        modules -= (25 * align - 10) * align - 55;
        if version >= 7 {
            modules -= 36;
        }
    }
    modules
}

fn data_codewords(version: usize) -> usize {
    raw_data_modules(version) / 8 - ECC_PER_BLOCK[version - 1] as usize * BLOCKS[version - 1] as usize
}

/// Bits of the character count in byte mode.
fn count_bits(version: usize) -> usize {
    if version < 10 {
        8
    } else {
        16
    }
}

/// The smallest version that holds `len` bytes at level M.
pub(crate) fn version_for(len: usize) -> Option<usize> {
    (1..=40).find(|&v| 4 + count_bits(v) + 8 * len <= data_codewords(v) * 8)
}

struct Bits(Vec<u8>, usize);

impl Bits {
    fn push(&mut self, value: u32, count: usize) {
        for i in (0..count).rev() {
            if self.1 % 8 == 0 {
                self.0.push(0);
            }
            if (value >> i) & 1 == 1 {
                let last = self.0.len() - 1;
                self.0[last] |= 0x80 >> (self.1 % 8);
            }
            self.1 += 1;
        }
    }
}

/// Multiply in GF(2^8) with the QR polynomial x^8 + x^4 + x^3 + x^2 + 1.
fn gf_mul(mut a: u8, mut b: u8) -> u8 {
    let mut product = 0u8;
    while b != 0 {
        if b & 1 == 1 {
            product ^= a;
        }
        let carry = a & 0x80 != 0;
        a <<= 1;
        if carry {
            a ^= 0x1d;
        }
        b >>= 1;
    }
    product
}

/// Reed–Solomon generator polynomial of `degree` (coefficients, highest first, leading 1 dropped).
fn rs_generator(degree: usize) -> Vec<u8> {
    let mut coefs = vec![0u8; degree];
    coefs[degree - 1] = 1;
    let mut root = 1u8;
    for _ in 0..degree {
        for j in 0..degree {
            coefs[j] = gf_mul(coefs[j], root);
            if j + 1 < degree {
                coefs[j] ^= coefs[j + 1];
            }
        }
        root = gf_mul(root, 2);
    }
    coefs
}

fn rs_remainder(data: &[u8], generator: &[u8]) -> Vec<u8> {
    let mut rem = vec![0u8; generator.len()];
    for &b in data {
        let factor = b ^ rem[0];
        rem.remove(0);
        rem.push(0);
        for (r, &g) in rem.iter_mut().zip(generator) {
            *r ^= gf_mul(g, factor);
        }
    }
    rem
}

/// Data codewords + error correction, split in blocks and interleaved.
fn codewords(text: &[u8], version: usize) -> Vec<u8> {
    let capacity = data_codewords(version);
    let mut bits = Bits(Vec::with_capacity(capacity), 0);
    bits.push(0b0100, 4);
    bits.push(text.len() as u32, count_bits(version));
    for &b in text {
        bits.push(u32::from(b), 8);
    }
    let terminator = (capacity * 8 - bits.1).min(4);
    bits.push(0, terminator);
    bits.push(0, (8 - bits.1 % 8) % 8);
    let mut data = bits.0;
    let mut pad = 0xEC;
    while data.len() < capacity {
        data.push(pad);
        pad ^= 0xEC ^ 0x11;
    }
    let blocks = BLOCKS[version - 1] as usize;
    let ecc_len = ECC_PER_BLOCK[version - 1] as usize;
    let raw = raw_data_modules(version) / 8;
    let short_blocks = blocks - raw % blocks;
    let short_data = raw / blocks - ecc_len;
    let generator = rs_generator(ecc_len);
    let mut split = Vec::with_capacity(blocks);
    let mut start = 0;
    for i in 0..blocks {
        let len = short_data + usize::from(i >= short_blocks);
        let block = &data[start..start + len];
        split.push((block, rs_remainder(block, &generator)));
        start += len;
    }
    let mut out = Vec::with_capacity(raw);
    for i in 0..=short_data {
        for (block, _) in &split {
            if let Some(&b) = block.get(i) {
                out.push(b);
            }
        }
    }
    for i in 0..ecc_len {
        for (_, ecc) in &split {
            out.push(ecc[i]);
        }
    }
    out
}

struct Grid {
    size: usize,
    dark: Vec<bool>,
    function: Vec<bool>,
}

impl Grid {
    fn set(&mut self, x: usize, y: usize, dark: bool) {
        let i = y * self.size + x;
        self.dark[i] = dark;
        self.function[i] = true;
    }

    fn function_patterns(&mut self, version: usize) {
        let size = self.size;
        for i in 0..size {
            self.set(6, i, i % 2 == 0);
            self.set(i, 6, i % 2 == 0);
        }
        for (cx, cy) in [(3, 3), (size - 4, 3), (3, size - 4)] {
            for dy in -4i32..=4 {
                for dx in -4i32..=4 {
                    let (x, y) = (cx as i32 + dx, cy as i32 + dy);
                    if (0..size as i32).contains(&x) && (0..size as i32).contains(&y) {
                        let dist = dx.abs().max(dy.abs());
                        self.set(x as usize, y as usize, dist != 2 && dist != 4);
                    }
                }
            }
        }
        let centers = alignment_centers(version, size);
        let last = centers.len().saturating_sub(1);
        for (i, &cx) in centers.iter().enumerate() {
            for (j, &cy) in centers.iter().enumerate() {
                let corner = (i == 0 && (j == 0 || j == last)) || (i == last && j == 0);
                if corner {
                    continue;
                }
                for dy in -2i32..=2 {
                    for dx in -2i32..=2 {
                        self.set((cx as i32 + dx) as usize, (cy as i32 + dy) as usize, dx.abs().max(dy.abs()) != 1);
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
        let data = mask;
        let mut rem = data;
        for _ in 0..10 {
            rem = (rem << 1) ^ ((rem >> 9) * 0x537);
        }
        let bits = (data << 10 | rem) ^ 0x5412;
        let bit = |i: usize| (bits >> i) & 1 == 1;
        let size = self.size;
        for i in 0..6 {
            self.set(8, i, bit(i));
        }
        self.set(8, 7, bit(6));
        self.set(8, 8, bit(7));
        self.set(7, 8, bit(8));
        for i in 9..15 {
            self.set(14 - i, 8, bit(i));
        }
        for i in 0..8 {
            self.set(size - 1 - i, 8, bit(i));
        }
        for i in 8..15 {
            self.set(8, size - 15 + i, bit(i));
        }
        self.set(8, size - 8, true);
    }

    fn place(&mut self, data: &[u8]) {
        let size = self.size;
        let mut bit = 0;
        let mut right = size as i32 - 1;
        while right >= 1 {
            if right == 6 {
                right = 5;
            }
            let upward = (right + 1) & 2 == 0;
            for vert in 0..size {
                for j in 0..2 {
                    let x = right as usize - j;
                    let y = if upward { size - 1 - vert } else { vert };
                    let i = y * size + x;
                    if !self.function[i] && bit < data.len() * 8 {
                        self.dark[i] = (data[bit >> 3] >> (7 - (bit & 7))) & 1 == 1;
                        bit += 1;
                    }
                }
            }
            right -= 2;
        }
    }

    fn apply_mask(&mut self, mask: u32) {
        for y in 0..self.size {
            for x in 0..self.size {
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
                let i = y * self.size + x;
                if flip && !self.function[i] {
                    self.dark[i] ^= true;
                }
            }
        }
    }

    fn penalty(&self) -> usize {
        let size = self.size;
        let at = |x: usize, y: usize| self.dark[y * size + x];
        let mut score = 0;
        const FINDER_LIKE: [[bool; 11]; 2] = [
            [true, false, true, true, true, false, true, false, false, false, false],
            [false, false, false, false, true, false, true, true, true, false, true],
        ];
        for horizontal in [true, false] {
            for a in 0..size {
                let cell = |b: usize| if horizontal { at(b, a) } else { at(a, b) };
                let mut run = 1;
                for b in 1..size {
                    if cell(b) == cell(b - 1) {
                        run += 1;
                        if run == 5 {
                            score += 3;
                        } else if run > 5 {
                            score += 1;
                        }
                    } else {
                        run = 1;
                    }
                }
                for b in 0..size.saturating_sub(10) {
                    if FINDER_LIKE.iter().any(|p| p.iter().enumerate().all(|(k, &d)| cell(b + k) == d)) {
                        score += 40;
                    }
                }
            }
        }
        for y in 0..size - 1 {
            for x in 0..size - 1 {
                let c = at(x, y);
                if c == at(x + 1, y) && c == at(x, y + 1) && c == at(x + 1, y + 1) {
                    score += 3;
                }
            }
        }
        let total = size * size;
        let dark = self.dark.iter().filter(|&&d| d).count();
        let k = (dark * 20).abs_diff(total * 10).div_ceil(total).saturating_sub(1);
        score + k * 10
    }
}

fn alignment_centers(version: usize, size: usize) -> Vec<usize> {
    if version == 1 {
        return Vec::new();
    }
    let count = version / 7 + 2;
    let step = if version == 32 { 26 } else { (version * 4 + count * 2 + 1) / (count * 2 - 2) * 2 };
    let mut centers = vec![6];
    let mut pos = size - 7;
    let mut rest = Vec::with_capacity(count - 1);
    for _ in 1..count {
        rest.push(pos);
        pos -= step;
    }
    centers.extend(rest.into_iter().rev());
    centers
}

/// Encode `text` at level M: `(size, row-major dark modules)`, or `None` when too long.
pub(crate) fn encode(text: &[u8]) -> Option<(usize, Vec<bool>)> {
    let version = version_for(text.len())?;
    let size = version * 4 + 17;
    let mut grid = Grid { size, dark: vec![false; size * size], function: vec![false; size * size] };
    grid.function_patterns(version);
    grid.place(&codewords(text, version));
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
    Some((size, grid.dark))
}
