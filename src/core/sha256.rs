//! SHA-256 (FIPS 180-4), written out here because the SDK hashes only a few short inputs (the
//! address checksum, the PKCE challenge) and a plain loop is smaller in the wasm than the
//! `sha2` crate's block machinery. Tested against the standard vectors and against `sha2`
//! (tests/core_sha256.rs).

/// The first 32 bits of the fractional part of the square (`root` 2) or cube (`root` 3)
/// root of `n`: the integer root of n·2^(32·root), bit by bit, keeps them as its low 32 bits.
/// SHA-256's constants are these for the first primes (FIPS 180-4 §4.2.2, §5.3.3). They are
/// derived at compile time (`const fn`), so no magic numbers are typed in and no time is spent
/// on them per hash.
const fn root_fraction(n: u32, root: u32) -> u32 {
    let target = (n as u128) << (32 * root);
    let mut x = 0u64;
    let mut bit = 40;
    while bit > 0 {
        bit -= 1;
        let candidate = x | 1 << bit;
        let c = candidate as u128;
        let power = if root == 3 { c * c * c } else { c * c };
        if power <= target {
            x = candidate;
        }
    }
    x as u32
}

/// The roots' fractions of the first `N` primes.
const fn prime_root_fractions<const N: usize>(root: u32) -> [u32; N] {
    let mut out = [0u32; N];
    let (mut found, mut n) = (0, 2);
    while found < N {
        let mut d = 2;
        while d < n && n % d != 0 {
            d += 1;
        }
        if d == n {
            out[found] = root_fraction(n, root);
            found += 1;
        }
        n += 1;
    }
    out
}

/// Round constants K: cube roots of the first 64 primes.
const K: [u32; 64] = prime_root_fractions(3);
/// Initial hash value: square roots of the first 8 primes.
const H0: [u32; 8] = prime_root_fractions(2);

/// The SHA-256 digest of `data`.
pub fn sha256(data: &[u8]) -> [u8; 32] {
    // The padded message is read byte by byte, never built: the data, the 0x80 marker, zeros
    // up to 56 mod 64, then the bit length (big-endian) in the last 8 bytes.
    let len = data.len();
    let total = (len + 9).div_ceil(64) * 64;
    let bit_len = (len as u64) << 3;
    let byte = |k: usize| -> u32 {
        u32::from(match data.get(k) {
            Some(&b) => b,
            None if k == len => 0x80,
            None if k >= total - 8 => (bit_len >> (8 * (total - 1 - k))) as u8,
            None => 0,
        })
    };

    let mut state = H0;
    let mut w = [0u32; 64];
    for block in (0..total).step_by(64) {
        for i in 0..64 {
            w[i] = if i < 16 {
                let at = block + 4 * i;
                byte(at) << 24 | byte(at + 1) << 16 | byte(at + 2) << 8 | byte(at + 3)
            } else {
                let (a, b) = (w[i - 15], w[i - 2]);
                let s0 = a.rotate_right(7) ^ a.rotate_right(18) ^ (a >> 3);
                let s1 = b.rotate_right(17) ^ b.rotate_right(19) ^ (b >> 10);
                w[i - 16].wrapping_add(s0).wrapping_add(w[i - 7]).wrapping_add(s1)
            };
        }
        // v = [a, b, c, d, e, f, g, h]
        let mut v = state;
        for i in 0..64 {
            let [a, b, c, d, e, f, g, h] = v;
            let s1 = e.rotate_right(6) ^ e.rotate_right(11) ^ e.rotate_right(25);
            let choose = (e & f) ^ (!e & g);
            let t1 = h.wrapping_add(s1).wrapping_add(choose).wrapping_add(K[i]).wrapping_add(w[i]);
            let s0 = a.rotate_right(2) ^ a.rotate_right(13) ^ a.rotate_right(22);
            let majority = (a & b) ^ (a & c) ^ (b & c);
            v = [t1.wrapping_add(s0).wrapping_add(majority), a, b, c, d.wrapping_add(t1), e, f, g];
        }
        for i in 0..8 {
            state[i] = state[i].wrapping_add(v[i]);
        }
    }
    let mut out = [0u8; 32];
    for i in 0..32 {
        out[i] = (state[i / 4] >> (24 - 8 * (i % 4))) as u8;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn computed_constants_are_the_standard_ones() {
        // FIPS 180-4: the first and last round constants and the initial hash value.
        assert_eq!((K[0], K[1], K[62], K[63]), (0x428a2f98, 0x71374491, 0xbef9a3f7, 0xc67178f2));
        assert_eq!(H0, [0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19]);
    }
}
