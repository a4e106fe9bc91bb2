//! Strings built without `core::fmt`. Every string the module builds is plain concatenation of
//! text and decimal or hex numbers, and `format!`'s machinery (the `Formatter`, padding, the
//! integer and hex `Display` impls, and the panic messages they keep alive) is about 3 KB of the
//! brotli'd `.wasm` (BENCHMARKS.md, "Where the .wasm bytes go").
#[allow(unused_imports)]
use crate::prelude::*;

/// Something [`cat!`] can append.
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

macro_rules! decimal {
    ($($t:ty),*) => {$(
        impl Piece for $t {
            fn push_to(&self, out: &mut String) {
                let n = i128::from(*self);
                if n < 0 {
                    out.push('-');
                }
                push_digits(out, n.unsigned_abs() as u64, 10, 1, false);
            }
        }
    )*};
}
decimal!(u32, u64, i32, i64);

impl Piece for usize {
    fn push_to(&self, out: &mut String) {
        (*self as u64).push_to(out);
    }
}

/// `n` in hex, at least `width` digits (`{n:0width$x}`, or `X` when `upper`).
#[derive(Clone, Copy)]
pub struct Hex {
    pub n: u32,
    pub width: usize,
    pub upper: bool,
}

impl Piece for Hex {
    fn push_to(&self, out: &mut String) {
        push_digits(out, u64::from(self.n), 16, self.width, self.upper);
    }
}

fn push_digits(out: &mut String, mut n: u64, radix: u64, width: usize, upper: bool) {
    let mut buf = [b'0'; 20];
    let mut i = buf.len();
    while i > 0 && (n > 0 || buf.len() - i < width.max(1)) {
        i -= 1;
        let d = (n % radix) as u8;
        buf[i] = match d {
            0..=9 => b'0' + d,
            _ if upper => b'A' + d - 10,
            _ => b'a' + d - 10,
        };
        n /= radix;
    }
    for &b in &buf[i..] {
        out.push(char::from(b));
    }
}

/// `s.chars().count()`, as a plain loop (core's is 1 KB of unrolled code in the `.wasm`).
pub fn char_count(s: &str) -> usize {
    s.bytes().filter(|&b| !(0x80..0xC0).contains(&b)).count()
}

/// `format!` for concatenation: `cat!("line ", line, " column ", column)` appends each piece
/// ([`Piece`]: text, a char, a decimal integer, a [`Hex`]) to a new `String`.
macro_rules! cat {
    ($($piece:expr),+ $(,)?) => {{
        let mut out = $crate::prelude::String::new();
        $( $crate::text::Piece::push_to(&$piece, &mut out); )+
        out
    }};
}
pub(crate) use cat;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pieces_read_as_format_would_write_them() {
        assert_eq!(cat!("a", 'b', String::from("c"), 0usize, 42u32), "abc042");
        assert_eq!(
            cat!(-7i32, " ", i64::MIN, " ", u64::MAX),
            format!("-7 {} {}", i64::MIN, u64::MAX)
        );
        let h = |n, width, upper| cat!(Hex { n, width, upper });
        assert_eq!(h(0xd800, 4, false), format!("{:04x}", 0xd800));
        assert_eq!(h(0x7, 2, false), "07");
        assert_eq!(h(0x1f600, 8, false), "0001f600");
        assert_eq!(h(0xdead, 0, true), "DEAD");
        assert_eq!(h(0, 0, true), "0");
    }
}
