//! Messages built from pieces without `core::fmt`, so the npm package's wasm carries none of
//! Rust's formatting machinery: `text!("got ", n, " bytes")` makes the same `String` as
//! `format!("got {n} bytes")`. Pieces are string slices, `String`s, `char`s and integers
//! (written as decimal digits).

use crate::prelude::*;

/// One piece of a [`text!`] message: appends itself to `out`.
pub trait Piece {
    fn push_to(&self, out: &mut String);
}

impl Piece for str {
    fn push_to(&self, out: &mut String) {
        out.push_str(self);
    }
}

impl Piece for String {
    fn push_to(&self, out: &mut String) {
        out.push_str(self);
    }
}

impl Piece for char {
    fn push_to(&self, out: &mut String) {
        out.push(*self);
    }
}

impl<T: Piece + ?Sized> Piece for &T {
    fn push_to(&self, out: &mut String) {
        (**self).push_to(out);
    }
}

macro_rules! unsigned_piece {
    ($($t:ty),*) => {$(
        impl Piece for $t {
            fn push_to(&self, out: &mut String) {
                push_decimal(false, *self as u64, out);
            }
        }
    )*};
}
unsigned_piece!(u8, u16, u32, u64, usize);

impl Piece for i64 {
    fn push_to(&self, out: &mut String) {
        push_decimal(*self < 0, self.unsigned_abs(), out);
    }
}

impl Piece for i32 {
    fn push_to(&self, out: &mut String) {
        push_decimal(*self < 0, u64::from(self.unsigned_abs()), out);
    }
}

/// Decimal digits of `magnitude`, after a `-` when `negative`.
pub fn push_decimal(negative: bool, magnitude: u64, out: &mut String) {
    if negative {
        out.push('-');
    }
    push_digits(magnitude, out);
}

/// Most significant digit first, by recursion: no digit buffer to index.
fn push_digits(n: u64, out: &mut String) {
    if n >= 10 {
        push_digits(n / 10, out);
    }
    out.push(char::from(b'0' + (n % 10) as u8));
}

/// The decimal digits of an integer as a `String` (`n.to_string()` without `core::fmt`).
pub fn decimal<T: Piece>(n: T) -> String {
    let mut out = String::new();
    n.push_to(&mut out);
    out
}

/// `text!(a, b, …)`: a `String` of the pieces one after the other (see the module docs).
macro_rules! text {
    ($($piece:expr),+ $(,)?) => {{
        let mut out = $crate::prelude::String::new();
        $( $crate::core::text::Piece::push_to(&$piece, &mut out); )+
        out
    }};
}
pub(crate) use text;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pieces_make_the_same_text_as_format() {
        let owned = String::from("b");
        let n: usize = 42;
        assert_eq!(text!("a", owned, &owned, 'c', n, " ", -7i64, " ", u64::MAX), format!("abbc{n} -7 {}", u64::MAX));
        assert_eq!(text!(i64::MIN), i64::MIN.to_string());
        assert_eq!(decimal(0u32), "0");
        assert_eq!(decimal(4_294_967_295u32), "4294967295");
        assert_eq!(decimal(-2_147_483_648i32), "-2147483648");
    }
}
