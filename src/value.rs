//! The JSON value the server's parser builds (Python's `json` module), and its renderings:
//! compact JSON as DRF's `JSONRenderer` writes it, and Python's `str()` for error messages.

#[allow(unused_imports)]
use crate::prelude::*;
use crate::text::{Hex, Piece};

/// `n` as `{n:0width$x}`.
fn hex(n: impl Into<u32>, width: usize) -> Hex {
    Hex {
        n: n.into(),
        width,
        upper: false,
    }
}

/// A Python `str` from JSON text. Python strings may hold lone surrogates (from `\ud800` escapes);
/// Rust strings may not, so each lone surrogate is kept as U+FFFD in `text` and recorded in `lone`
/// with its byte offset in `text`. Valid escaped pairs are combined into one code point, as Python does.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct Str {
    pub text: String,
    /// `(byte offset of the U+FFFD in text, surrogate)`, in order; `None` when there are none.
    pub lone: Option<Box<[(u32, u16)]>>,
}

impl Str {
    pub fn new(text: impl Into<String>) -> Str {
        Str {
            text: text.into(),
            lone: None,
        }
    }

    /// The first lone surrogate, as Django's `ProhibitSurrogateCharactersValidator` reports it.
    pub fn first_surrogate(&self) -> Option<u16> {
        self.lone
            .as_deref()
            .and_then(|l| l.first())
            .map(|&(_, s)| s)
    }

    pub fn has_surrogate(&self) -> bool {
        self.lone.is_some()
    }

    /// Calls `f` with each code point, lone surrogates as their own value.
    pub fn for_each_code_point(&self, f: impl FnMut(u32)) {
        for_each_code_point(&self.text, self.lone.as_deref().unwrap_or(&[]), f);
    }
}

/// [`Str::for_each_code_point`] of `text` with its `lone` surrogates.
fn for_each_code_point(text: &str, lone: &[(u32, u16)], mut f: impl FnMut(u32)) {
    let mut next = lone.iter().peekable();
    for (i, c) in text.char_indices() {
        match next.peek() {
            Some(&&(at, s)) if at as usize == i => {
                next.next();
                f(u32::from(s));
            }
            _ => f(c as u32),
        }
    }
}

/// A parsed JSON value, with Python's types: `int` is exact, `float` may be infinite (`1e400`).
#[derive(Clone, Debug, Default, PartialEq)]
pub enum Value {
    #[default]
    Null,
    Bool(bool),
    /// Canonical decimal digits, `-` for negatives, no `-0`: Python's `str(int)`.
    Int(Box<str>),
    Float(f64),
    Str(Str),
    Array(Vec<Value>),
    /// Keys unique, in first-insertion order with the last value, as Python's `dict` built from pairs.
    Object(Vec<(Str, Value)>),
}

/// Dropped from a list of its own, not by recursion: values nest 1,401 levels, and the derived
/// drop takes two Wasm frames a level, more stack than a JS caller may have left.
impl Drop for Value {
    #[inline]
    fn drop(&mut self) {
        // Scalars, which most drops are, go as before; containers by `drop_nested`.
        if matches!(self, Value::Array(_) | Value::Object(_)) {
            drop_nested(self);
        }
    }
}

#[inline(never)]
fn drop_nested(v: &mut Value) {
    let mut todo = Vec::new();
    hand_over(v, &mut todo);
    while let Some(mut v) = todo.pop() {
        hand_over(&mut v, &mut todo);
        // `v` holds no containers now: its own drop ends at once.
    }
}

/// Moves the containers `v` holds to `todo`, leaving `null` in their place.
fn hand_over(v: &mut Value, todo: &mut Vec<Value>) {
    let nested =
        |x: &mut Value| matches!(x, Value::Array(_) | Value::Object(_)).then(|| core::mem::take(x));
    match v {
        Value::Array(items) => todo.extend(items.iter_mut().filter_map(nested)),
        Value::Object(members) => todo.extend(members.iter_mut().filter_map(|(_, x)| nested(x))),
        _ => {}
    }
}

impl Value {
    pub fn get(&self, key: &str) -> Option<&Value> {
        match self {
            Value::Object(members) => members
                .iter()
                .find(|(k, _)| k.lone.is_none() && k.text == key)
                .map(|(_, v)| v),
            _ => None,
        }
    }

    /// Python's `type(value).__name__` for the types JSON produces.
    pub fn py_type_name(&self) -> &'static str {
        match self {
            Value::Null => "NoneType",
            Value::Bool(_) => "bool",
            Value::Int(_) => "int",
            Value::Float(_) => "float",
            Value::Str(_) => "str",
            Value::Array(_) => "list",
            Value::Object(_) => "dict",
        }
    }

    /// How deep containers nest: 0 for a scalar, 1 for `[]`.
    pub fn depth(&self) -> usize {
        // Iterative, so a deep value cannot exhaust the stack.
        let mut deepest = 0;
        let mut stack = vec![(self, 0usize)];
        while let Some((v, d)) = stack.pop() {
            match v {
                Value::Array(items) => {
                    deepest = deepest.max(d + 1);
                    stack.extend(items.iter().map(|i| (i, d + 1)));
                }
                Value::Object(members) => {
                    deepest = deepest.max(d + 1);
                    stack.extend(members.iter().map(|(_, i)| (i, d + 1)));
                }
                _ => {}
            }
        }
        deepest
    }
}

/// Python's `==` on parsed JSON: objects as maps, numbers by value (`1 == 1.0`).
pub fn same_json(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Int(x), Value::Float(f)) | (Value::Float(f), Value::Int(x)) => int_eq_float(x, *f),
        (Value::Array(x), Value::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(p, q)| same_json(p, q))
        }
        (Value::Object(x), Value::Object(y)) if x.len() != y.len() => false,
        (Value::Object(x), Value::Object(y)) if x.len() <= 16 => x
            .iter()
            .all(|(k, v)| y.iter().any(|(k2, v2)| k == k2 && same_json(v, v2))),
        // Keys are unique (the parser keeps the last duplicate); sorting keeps objects of 100,000
        // keys at n log n, where pairwise search would take minutes.
        (Value::Object(x), Value::Object(y)) => {
            fn key(k: &Str) -> (&str, Option<&[(u32, u16)]>) {
                (k.text.as_str(), k.lone.as_deref())
            }
            let key_of = |i: usize| y.get(i).map(|m| key(&m.0));
            let sorted = crate::platform::sorted_indices(y.len(), &|a, b| key_of(a) < key_of(b));
            x.iter().all(|(k, v)| {
                sorted
                    .binary_search_by(|&i| key_of(i).cmp(&Some(key(k))))
                    .is_ok_and(|at| {
                        sorted
                            .get(at)
                            .and_then(|&i| y.get(i))
                            .is_some_and(|m| same_json(v, &m.1))
                    })
            })
        }
        _ => a == b,
    }
}

/// Python's `int == float`, for an int's canonical digits: whether the float is that integer
/// exactly, decided without the float's digits. Below 2^53 both fit a u64. Past it, a double is
/// m·2^e (m of 53 bits, e ≥ 1) and its neighbours are at least 2^(e-1) away, so the int equals
/// it when it rounds to it (it is then within 2^(e-1)) and 2^e divides it.
pub(crate) fn int_eq_float(digits: &str, f: f64) -> bool {
    let magnitude = digits.trim_start_matches('-');
    let a = f.abs();
    if !a.is_finite() || (a != 0.0 && (magnitude.len() < digits.len()) != (f < 0.0)) {
        return false;
    }
    if a < 9_007_199_254_740_992.0 {
        return (a as u64) as f64 == a && magnitude.parse::<u64>() == Ok(a as u64);
    }
    if crate::platform::parse_f64(magnitude) != a {
        return false;
    }
    let e = ((a.to_bits() >> 52) as usize & 0x7ff) - 1075;
    // The int's trailing zeros give as many factors of 2; the digits before them, mod 2^1024
    // (the int is below 10^309), the rest.
    let b = magnitude.as_bytes();
    let zeros = b.iter().rev().take_while(|&&d| d == b'0').count();
    let mut rest = [0u64; 16]; // little-endian
    for &d in b.get(..b.len() - zeros).unwrap_or_default() {
        let mut carry = u128::from(d - b'0');
        for w in rest.iter_mut() {
            let x = u128::from(*w) * 10 + carry;
            *w = x as u64;
            carry = x >> 64;
        }
    }
    let twos = (rest.iter().enumerate())
        .find(|(_, &w)| w != 0)
        .map_or(1024, |(i, w)| i * 64 + w.trailing_zeros() as usize);
    zeros + twos >= e
}

/// How big integers are written by [`write_json`].
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum BigInts {
    /// As their digits, exactly: the server's bytes.
    Digits,
    /// Integers that a JS number cannot hold (`JSON.parse` then `JSON.stringify` would change
    /// their digits) as a string `"\uDEADn"` where n indexes the list the caller keeps; the JS
    /// boundary turns these into `BigInt`s. No other output string starts with a lone surrogate.
    Marked,
}

/// Compact JSON, as DRF's `JSONRenderer` writes it (`ensure_ascii=False`, U+2028/U+2029 escaped,
/// floats as Python's `repr`).
pub struct JsonWriter<'a> {
    pub out: &'a mut String,
    pub big_ints: BigInts,
    pub bigs: Vec<Box<str>>,
}

impl<'a> JsonWriter<'a> {
    pub fn new(out: &'a mut String, big_ints: BigInts) -> Self {
        JsonWriter {
            out,
            big_ints,
            bigs: Vec::new(),
        }
    }

    pub fn value(&mut self, v: &Value) {
        match v {
            Value::Null => self.out.push_str("null"),
            Value::Bool(b) => self.out.push_str(if *b { "true" } else { "false" }),
            Value::Int(digits) => self.int(digits),
            // Non-finite floats never reach output (fixed_data refuses them; JS has none).
            Value::Float(f) if !f.is_finite() => self.out.push_str("null"),
            Value::Float(f) => py_float_repr(*f, self.out),
            Value::Str(s) => self.str(s),
            Value::Array(items) => {
                self.out.push('[');
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        self.out.push(',');
                    }
                    self.value(item);
                }
                self.out.push(']');
            }
            Value::Object(members) => {
                self.out.push('{');
                for (i, (k, item)) in members.iter().enumerate() {
                    if i > 0 {
                        self.out.push(',');
                    }
                    self.str(k);
                    self.out.push(':');
                    self.value(item);
                }
                self.out.push('}');
            }
        }
    }

    fn int(&mut self, digits: &str) {
        if self.big_ints == BigInts::Digits || survives_js_number(digits) {
            self.out.push_str(digits);
        } else {
            self.out.push_str("\"\\udead");
            self.bigs.len().push_to(self.out);
            self.out.push('"');
            self.bigs.push(digits.into());
        }
    }

    pub fn str(&mut self, s: &Str) {
        write_json_str(s, self.out);
    }
}

/// Whether a JS number holds this integer: its digits come back unchanged from `JSON.stringify`.
/// True for every integer up to 2^53, and for larger ones like 1e20 or 12345678901234567000.
pub(crate) fn survives_js_number(digits: &str) -> bool {
    let magnitude = digits.trim_start_matches('-');
    // 2^53 = 9007199254740992 has 16 digits.
    if magnitude.len() < 16 {
        return true;
    }
    // A double's shortest digits are at most 17, then zeros: more significant digits never come
    // back, and need no parse to tell.
    if magnitude
        .as_bytes()
        .iter()
        .rposition(|&c| c != b'0')
        .unwrap_or(0)
        >= 17
    {
        return false;
    }
    let f = crate::platform::parse_f64(digits);
    f.is_finite() && integer_digits(f) == digits
}

/// The integer an integral float's shortest round-trip digits spell, as JavaScript and
/// PostgreSQL's numeric write it: 1.5e300 -> "15" + 299 zeros. No negative zero.
pub fn integer_digits(f: f64) -> String {
    let (digits, exp) = crate::platform::shortest_digits(f);
    if digits.bytes().all(|b| b == b'0') {
        return "0".into();
    }
    let exp = usize::try_from(exp).unwrap_or(0);
    let mut out = String::with_capacity(exp + 2);
    if f < 0.0 {
        out.push('-');
    }
    out.push_str(&digits);
    for _ in digits.len()..=exp {
        out.push('0');
    }
    out
}

/// Writes `value` as compact JSON with integers as digits.
pub fn to_json(value: &Value) -> String {
    let mut out = String::new();
    JsonWriter::new(&mut out, BigInts::Digits).value(value);
    out
}

pub fn write_json_str(s: &Str, out: &mut String) {
    out.push('"');
    let text = s.text.as_str();
    let bytes = text.as_bytes();
    let mut lone = s.lone.as_deref().unwrap_or(&[]).iter().peekable();
    // Runs of plain text are copied whole; the loop stops only where an escape goes.
    let (mut run, mut i) = (0, 0);
    while let Some(&b) = bytes.get(i) {
        // The escape: a literal, or `\uXXXX` of a code (when the literal is empty); and the width
        // of what it replaces.
        let (literal, code, width) = match b {
            b'"' => ("\\\"", 0, 1),
            b'\\' => ("\\\\", 0, 1),
            b'\n' => ("\\n", 0, 1),
            b'\r' => ("\\r", 0, 1),
            b'\t' => ("\\t", 0, 1),
            0x08 => ("\\b", 0, 1),
            0x0c => ("\\f", 0, 1),
            0..=0x1f => ("", u32::from(b), 1),
            // U+2028 and U+2029 are E2 80 A8 / E2 80 A9: the JSON renderer escapes them.
            0xe2 => match bytes.get(i + 1..i + 3) {
                Some(&[0x80, last @ (0xa8 | 0xa9)]) => ("", 0x2000 + u32::from(last - 0x80), 3),
                _ => {
                    i += 1;
                    continue;
                }
            },
            // A U+FFFD (EF BF BD) that stands for a lone surrogate.
            0xef => match lone.next_if(|&&(at, _)| at as usize == i) {
                Some(&(_, surrogate)) => ("", u32::from(surrogate), 3),
                None => {
                    i += 1;
                    continue;
                }
            },
            _ => {
                i += 1;
                continue;
            }
        };
        out.push_str(text.get(run..i).unwrap_or_default());
        if literal.is_empty() {
            out.push_str("\\u");
            hex(code, 4).push_to(out);
        } else {
            out.push_str(literal);
        }
        i += width;
        run = i;
    }
    out.push_str(text.get(run..).unwrap_or_default());
    out.push('"');
}

/// Python's `str()` of a JSON value, as Django's messages show it (`“['a', 1]” is not a valid UUID.`):
/// `repr` for strings inside containers, `None`/`True`/`False`, floats as `repr`.
/// Callers bound the depth first (`Value::depth`): the server itself fails past about 489 levels.
pub fn py_str(v: &Value, out: &mut String) {
    match v {
        Value::Str(s) => out.push_str(&s.text),
        other => py_repr(other, out),
    }
}

/// Python's `repr()` of a JSON value. The containers being printed wait on a list, not on the
/// stack (see [`Value`]'s drop).
pub fn py_repr(v: &Value, out: &mut String) {
    enum Open<'v> {
        List(core::slice::Iter<'v, Value>),
        Dict(core::slice::Iter<'v, (Str, Value)>),
    }
    // The open containers, innermost last, and whether an entry of theirs is printed yet.
    let mut open: Vec<(Open<'_>, bool)> = Vec::new();
    let mut next = Some(v);
    loop {
        match next.take() {
            Some(Value::Null) => out.push_str("None"),
            Some(Value::Bool(b)) => out.push_str(if *b { "True" } else { "False" }),
            Some(Value::Int(digits)) => out.push_str(digits),
            Some(Value::Float(f)) => py_float_repr(*f, out),
            Some(Value::Str(s)) => py_repr_str(s, out),
            Some(Value::Array(items)) => {
                out.push('[');
                open.push((Open::List(items.iter()), false));
            }
            Some(Value::Object(members)) => {
                out.push('{');
                open.push((Open::Dict(members.iter()), false));
            }
            None => {}
        }
        let Some((container, started)) = open.last_mut() else {
            return;
        };
        let (entry, close) = match container {
            Open::List(items) => (items.next().map(|v| (None, v)), ']'),
            Open::Dict(members) => (members.next().map(|(k, v)| (Some(k), v)), '}'),
        };
        match entry {
            Some((key, v)) => {
                if core::mem::replace(started, true) {
                    out.push_str(", ");
                }
                if let Some(k) = key {
                    py_repr_str(k, out);
                    out.push_str(": ");
                }
                next = Some(v);
            }
            None => {
                out.push(close);
                open.pop();
            }
        }
    }
}

/// CPython `unicode_repr`: single quotes unless the text holds `'` and no `"`; non-printable
/// characters (`str.isprintable`) escaped as `\xhh`, `\uhhhh` or `\Uhhhhhhhh`.
fn py_repr_str(s: &Str, out: &mut String) {
    py_repr_text(&s.text, s.lone.as_deref().unwrap_or(&[]), out);
}

/// Python's `repr` of a string without lone surrogates (a JSON string literal without escapes,
/// read from the body's text): [`py_repr_str`] without building a [`Str`].
pub fn py_repr_plain(text: &str, out: &mut String) {
    py_repr_text(text, &[], out);
}

fn py_repr_text(text: &str, lone: &[(u32, u16)], out: &mut String) {
    let quote = if text.contains('\'') && !text.contains('"') {
        '"'
    } else {
        '\''
    };
    out.push(quote);
    for_each_code_point(text, lone, |cp| match char::from_u32(cp) {
        Some(c) if c == quote || c == '\\' => {
            out.push('\\');
            out.push(c);
        }
        Some('\t') => out.push_str("\\t"),
        Some('\n') => out.push_str("\\n"),
        Some('\r') => out.push_str("\\r"),
        Some(c) if (' '..='~').contains(&c) => out.push(c),
        Some(c) if cp >= 0x80 && crate::unicode::is_printable(cp) => out.push(c),
        _ if cp <= 0xff => {
            out.push_str("\\x");
            hex(cp, 2).push_to(out);
        }
        _ if cp <= 0xffff => {
            out.push_str("\\u");
            hex(cp, 4).push_to(out);
        }
        _ => {
            out.push_str("\\U");
            hex(cp, 8).push_to(out);
        }
    });
    out.push(quote);
}

/// Python's `repr(float)` (and `str(float)`): the shortest round-tripping digits, in fixed notation
/// when the decimal exponent is in -4..16, else `1.5e+16` style with at least two exponent digits.
pub fn py_float_repr(f: f64, out: &mut String) {
    if f.is_nan() {
        out.push_str("nan");
        return;
    }
    if f.is_infinite() {
        out.push_str(if f < 0.0 { "-inf" } else { "inf" });
        return;
    }
    let (digits, exp) = crate::platform::shortest_digits(f);
    push_py_float(f.is_sign_negative(), &digits, exp, out);
}

/// [`py_float_repr`] of `float(literal)` for a JSON number literal, from its digits alone, where
/// that is exact: at most 15 significant digits, not zero, decimal exponent within ±307. Any such
/// decimal converts to a normal double and back unchanged (DBL_DIG), and no shorter one reads as
/// the same double, so its digits are repr's. `false` (nothing written) otherwise. This spares the
/// two host calls a float costs in Wasm (parse, then print) in messages that print many of them.
pub fn py_float_literal(literal: &str, out: &mut String) -> bool {
    match Decimal::read(literal.as_bytes()) {
        Some(d) if d.len <= 15 && (-307..=307).contains(&d.exp) => {
            push_py_float(d.neg, d.digits(), d.exp, out);
            true
        }
        // Zero (its sign matters), more digits, or near the ends of the range: the slow path.
        _ => false,
    }
}

/// A decimal number's text (`[-]int[.frac][e[±]exp]`, as JSON and JavaScript's `String(x)` write
/// it), read into its significant digits (at most 17) and the decimal exponent of the first:
/// `-0.00150e3` is `-`, `15`, 0.
pub(crate) struct Decimal {
    pub neg: bool,
    buf: [u8; 17],
    pub len: usize,
    pub exp: i32,
}

impl Decimal {
    /// `None` for zero, for more than 17 significant digits, or an exponent of over 4 digits.
    pub fn read(b: &[u8]) -> Option<Decimal> {
        let neg = matches!(b.first(), Some(b'-'));
        // One pass over the mantissa: its significant digits (first non-zero to last non-zero),
        // the place of the first, and where the point is.
        let mut d = Decimal {
            neg,
            buf: [0; 17],
            len: 0,
            exp: 0,
        };
        let (mut count, mut point, mut first) = (0i32, None, None);
        let mut i = usize::from(neg);
        while let Some(&c) = b.get(i) {
            if c == b'.' {
                point = Some(count);
            } else if c.is_ascii_digit() {
                if c != b'0' || first.is_some() {
                    let at = count - *first.get_or_insert(count);
                    match d.buf.get_mut(at as usize) {
                        Some(slot) => *slot = c,
                        None if c != b'0' => return None,
                        None => {}
                    }
                    if c != b'0' {
                        d.len = at as usize + 1;
                    }
                }
                count += 1;
            } else {
                break;
            }
            i += 1;
        }
        let first = first?;
        let (sign, exp_at) = match b.get(i + 1) {
            Some(b'-') => (-1, i + 2),
            Some(b'+') => (1, i + 2),
            _ => (1, i + 1),
        };
        let exp_digits = b.get(exp_at..).unwrap_or_default();
        if exp_digits.len() > 4 {
            return None;
        }
        let exp = exp_digits
            .iter()
            .fold(0, |n, &c| n * 10 + i32::from(c.wrapping_sub(b'0')));
        d.exp = point.unwrap_or(count) - 1 - first + sign * exp;
        Some(d)
    }

    pub fn digits(&self) -> &str {
        core::str::from_utf8(self.buf.get(..self.len).unwrap_or_default()).unwrap_or_default()
    }
}

/// Writes `±d.igits × 10^exp` as repr does: fixed notation when `exp` is in -4..16, else `1.5e+16`
/// style.
fn push_py_float(neg: bool, digits: &str, exp: i32, out: &mut String) {
    if neg {
        out.push('-');
    }
    if (-4..16).contains(&exp) {
        if exp < 0 {
            out.push_str("0.");
            for _ in 0..(-exp - 1) {
                out.push('0');
            }
            out.push_str(digits);
        } else {
            let int_len = exp as usize + 1;
            if digits.len() <= int_len {
                out.push_str(digits);
                for _ in digits.len()..int_len {
                    out.push('0');
                }
                out.push_str(".0");
            } else {
                out.push_str(digits.get(..int_len).unwrap_or_default());
                out.push('.');
                out.push_str(digits.get(int_len..).unwrap_or_default());
            }
        }
    } else {
        out.push_str(digits.get(..1).unwrap_or_default());
        if digits.len() > 1 {
            out.push('.');
            out.push_str(digits.get(1..).unwrap_or_default());
        }
        out.push('e');
        out.push(if exp < 0 { '-' } else { '+' });
        if exp.abs() < 10 {
            out.push('0');
        }
        exp.abs().push_to(out);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn integers_of_more_than_17_significant_digits_never_survive_a_js_number() {
        // The shortcut against the definition: the digits JS writes back for the number.
        let slow = |d: &str| {
            let f = crate::platform::parse_f64(d);
            f.is_finite() && integer_digits(f) == d
        };
        let mut seed = 11u64;
        let mut cases: Vec<String> = [
            "9007199254740993",
            "12345678901234567000",
            "12345678901234567890",
            "100000000000000000000",
            "999999999999999999999",
            "1000000000000000000000",
            "-12345678901234567000",
            "-123456789012345678",
        ]
        .map(String::from)
        .into();
        for _ in 0..20_000 {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            let (len, significant) = (
                16 + (seed >> 59) as usize % 8,
                1 + (seed >> 40) as usize % 20,
            );
            let mut d: String = (0..len.min(significant))
                .map(|k| char::from(b'0' + ((seed >> (k % 40)) % 10) as u8))
                .collect();
            d.replace_range(..1, "1");
            d.extend(core::iter::repeat_n('0', len - d.len()));
            // A double's own digits, too: the integers that do survive.
            let f = crate::platform::parse_f64(&d);
            cases.push(integer_digits(f));
            cases.push(d);
        }
        for d in &cases {
            assert_eq!(survives_js_number(d), slow(d), "{d}");
        }
        assert!(cases.iter().filter(|d| d.len() >= 16 && slow(d)).count() > 1000);
    }

    fn repr(f: f64) -> String {
        let mut s = String::new();
        py_float_repr(f, &mut s);
        s
    }

    #[test]
    fn floats_render_like_python_repr() {
        // Expected strings are CPython 3.11's repr().
        let cases = [
            (1.0, "1.0"),
            (1e2, "100.0"),
            (-0.0, "-0.0"),
            (0.0, "0.0"),
            (1.5, "1.5"),
            (0.0001, "0.0001"),
            (0.00001, "1e-05"),
            (1.5e-7, "1.5e-07"),
            (1e15, "1000000000000000.0"),
            (1e16, "1e+16"),
            (1.2345e16, "1.2345e+16"),
            (123456789012345.6, "123456789012345.6"),
            (1e300, "1e+300"),
            (f64::MAX, "1.7976931348623157e+308"),
            (5e-324, "5e-324"),
            (f64::INFINITY, "inf"),
            (0.1, "0.1"),
            // Exactly halfway between two shortest candidates: the even one, as Python picks.
            (907_199_254_740_993.0 + 0.25, "907199254740993.2"),
            (907_199_254_740_993.0 + 0.75, "907199254740993.8"),
            (-907_199_254_740_993.0 - 0.25, "-907199254740993.2"),
        ];
        for (f, want) in cases {
            assert_eq!(repr(f), want, "{f:e}");
        }
    }

    #[test]
    fn float_literals_print_as_parse_then_repr() {
        // Every literal the fast path answers must print as the slow path does (native: Rust's
        // correctly rounded parse and shortest digits); it may decline any.
        let mut seed: u64 = 20261201;
        let mut next = |n: u64| {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (seed >> 33) % n
        };
        let mut answered = 0;
        for i in 0..200_000 {
            let digits: String = (0..1 + next(20))
                .map(|_| char::from(b'0' + next(10) as u8))
                .collect();
            let mut literal = String::new();
            if next(2) == 0 {
                literal.push('-');
            }
            let point = next(digits.len() as u64 + 1) as usize;
            literal.push_str(&digits[..point.max(1)]);
            if point.max(1) < digits.len() {
                literal.push('.');
                literal.push_str(&digits[point.max(1)..]);
            }
            if i % 3 > 0 {
                literal.push(['e', 'E'][i % 2]);
                literal.push_str(["", "+", "-"][next(3) as usize]);
                let range = [10, 400, 100_000][next(3) as usize];
                literal.push_str(&next(range).to_string());
            }
            let mut fast = String::new();
            if py_float_literal(&literal, &mut fast) {
                answered += 1;
                assert_eq!(fast, repr(literal.parse::<f64>().unwrap()), "{literal}");
            } else {
                assert!(fast.is_empty());
            }
        }
        assert!(answered > 50_000, "{answered}");
        for (literal, want) in [
            ("1.5", "1.5"),
            ("-1e-5", "-1e-05"),
            ("1E+2", "100.0"),
            ("0.10", "0.1"),
        ] {
            let mut out = String::new();
            assert!(py_float_literal(literal, &mut out));
            assert_eq!(out, want);
        }
        for declined in ["0.0", "-0e5", "1e308", "1.23456789012345678", "1e-320"] {
            assert!(
                !py_float_literal(declined, &mut String::new()),
                "{declined}"
            );
        }
    }

    #[test]
    fn containers_print_like_python_str() {
        // Expected strings are CPython 3.11's str().
        let v = Value::Array(vec![
            Value::Str(Str::new("a'b")),
            Value::Str(Str::new("it's \"q\"")),
            Value::Int("-5".into()),
            Value::Float(1e16),
            Value::Null,
            Value::Bool(true),
            Value::Object(vec![(
                Str::new("k"),
                Value::Str(Str::new("\u{0}\u{ad}é\u{7f}\u{e000}\u{1F600}\u{10ffff}\\")),
            )]),
            Value::Str(Str {
                text: "x\u{FFFD}".into(),
                lone: Some(vec![(1, 0xdc00)].into()),
            }),
        ]);
        let mut out = String::new();
        py_str(&v, &mut out);
        assert_eq!(
            out,
            r#"["a'b", 'it\'s "q"', -5, 1e+16, None, True, {'k': '\x00\xadé\x7f\ue000😀\U0010ffff\\'}, 'x\udc00']"#
        );
    }

    #[test]
    fn ints_equal_floats_exactly_as_python_compares_them() {
        let int = |d: &str| Value::Int(d.into());
        assert!(same_json(
            &int("100000000000000000000"),
            &Value::Float(1e20)
        ));
        assert!(same_json(
            &Value::Float(-1e20),
            &int("-100000000000000000000")
        ));
        assert!(!same_json(
            &int("100000000000000000001"),
            &Value::Float(1e20)
        ));
        // 2^53 + 1 is no float: Python says 9007199254740993 != 9007199254740992.0.
        assert!(!same_json(
            &int("9007199254740993"),
            &Value::Float(9_007_199_254_740_992.0)
        ));
        assert!(same_json(&int("0"), &Value::Float(-0.0)));
        assert!(
            same_json(&int("3"), &Value::Float(3.0)) && !same_json(&int("3"), &Value::Float(3.5))
        );
        let max = "179769313486231570814527423731704356798070567525844996598917476803157260780028538760589558632766878171540458953514382464234321326889464182768467546703537516986049910576551282076245490090389328944075868508455133942304583236903222948165808559332123348274797826204144723168738177180919299881250404026184124858368";
        assert!(same_json(&int(max), &Value::Float(f64::MAX))); // Python's int(sys.float_info.max)
    }

    #[test]
    fn strings_escape_like_the_json_renderer() {
        let s = Str {
            text: "a\"\\\n\u{1}é\u{2028}\u{FFFD}".into(),
            lone: Some(vec![(10, 0xd800)].into()),
        };
        let mut out = String::new();
        write_json_str(&s, &mut out);
        assert_eq!(out, "\"a\\\"\\\\\\n\\u0001é\\u2028\\ud800\"");
        // A real U+FFFD, DEL and U+2029 next to plain runs: as json.dumps(ensure_ascii=False) writes them.
        let mut out = String::new();
        write_json_str(
            &Str::new("a\u{FFFD}b\u{7f}\u{2029}\t\u{1f}\u{8}\u{c}\rz"),
            &mut out,
        );
        assert_eq!(out, "\"a\u{FFFD}b\u{7f}\\u2029\\t\\u001f\\b\\f\\rz\"");
    }

    /// Compares against CPython's repr for a file of `<f64 bits> <repr>` lines, when
    /// FLOAT_REPR_ORACLE names one (scripts: see tests/reference/).
    #[test]
    fn float_repr_oracle() {
        let Ok(path) = std::env::var("FLOAT_REPR_ORACLE") else {
            return;
        };
        let text = std::fs::read_to_string(path).expect("oracle file");
        let mut bad = Vec::new();
        for line in text.lines() {
            let (bits, want) = line.split_once(' ').expect("two fields");
            let f = f64::from_bits(bits.parse().expect("bits"));
            if repr(f) != want {
                bad.push(format!("{want} -> {}", repr(f)));
            }
        }
        assert!(
            bad.is_empty(),
            "{} differences: {:?}",
            bad.len(),
            &bad[..bad.len().min(10)]
        );
    }

    /// The earlier `int == float`: the float's exact digits, doubled out.
    /// The exact integer an integral float holds (`1e20` -> "100000000000000000000"), as Python
    /// compares an int with a float; `None` for fractions and non-finite floats.
    fn exact_integer(f: f64) -> Option<String> {
        // Integral: past 2^52 every double is; below, truncation (core has no `fract`) keeps it.
        if !f.is_finite() || (f.abs() < 4_503_599_627_370_496.0 && (f as i64) as f64 != f) {
            return None;
        }
        // |f| = m * 2^exp: below 2^53 exactly an integer m, above it m is the 53-bit mantissa and
        // exp >= 1; the decimal digits of m are doubled exp times.
        let (mut m, exp) = if f.abs() < 9_007_199_254_740_992.0 {
            (f.abs() as u64, 0)
        } else {
            let bits = f.to_bits();
            (
                (bits & ((1 << 52) - 1)) | (1 << 52),
                ((bits >> 52) & 0x7ff) as i32 - 1075,
            )
        };
        let mut digits = Vec::new(); // least significant first
        loop {
            digits.push((m % 10) as u8);
            m /= 10;
            if m == 0 {
                break;
            }
        }
        for _ in 0..exp {
            let mut carry = 0;
            for d in digits.iter_mut() {
                let twice = *d * 2 + carry;
                *d = twice % 10;
                carry = twice / 10;
            }
            if carry > 0 {
                digits.push(carry);
            }
        }
        let sign = (f < 0.0 && digits != [0]).then_some('-');
        Some(
            sign.into_iter()
                .chain(digits.iter().rev().map(|d| char::from(b'0' + d)))
                .collect(),
        )
    }

    #[test]
    fn int_equals_float_as_python_compares_them() {
        let mut floats = vec![
            0.0,
            -0.0,
            1.0,
            -1.0,
            0.5,
            1e15,
            9007199254740992.0,
            9007199254740994.0,
            -9007199254740994.0,
            1e20,
            1e21,
            1e22,
            1e23,
            1.5e300,
            1e308,
            f64::MAX,
            -f64::MAX,
            2f64.powi(1000),
            2f64.powi(60),
            123456789012345680000.0,
            f64::INFINITY,
            f64::NAN,
        ];
        // Integral doubles from their bits, over the whole range.
        let mut seed = 12345u64;
        for _ in 0..400 {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            let exp = 1075 + (seed >> 40) % 972; // 2^53 .. 2^1023 and above
            floats.push(f64::from_bits(
                (exp.min(2046) << 52) | (seed & ((1 << 52) - 1)),
            ));
        }
        for f in floats {
            let exact = exact_integer(f);
            let mut ints: Vec<String> = vec![
                "0".into(),
                "1".into(),
                "-1".into(),
                "100000000000000000000000".into(),
            ];
            if let Some(d) = &exact {
                ints.push(d.clone());
                // One more and one less, in the last digit (or a digit before its zeros).
                let last = d.len()
                    - 1
                    - d.bytes()
                        .rev()
                        .take_while(|&b| b == b'0')
                        .count()
                        .min(d.len() - 1);
                for delta in [1u8, 9] {
                    let mut b = d.clone().into_bytes();
                    if b[last].is_ascii_digit() {
                        b[last] = b'0' + (b[last] - b'0' + delta) % 10;
                        ints.push(
                            String::from_utf8(b)
                                .unwrap()
                                .trim_start_matches('0')
                                .to_string(),
                        );
                    }
                }
                ints.push(format!("-{}", d.trim_start_matches('-')));
            }
            // The float's shortest digits, then zeros: the int `1e23` reads as, which it is not.
            let short = integer_digits(f.abs());
            if f.is_finite() {
                ints.push(short);
            }
            for int in ints.iter().filter(|i| !i.is_empty() && *i != "-0") {
                assert_eq!(
                    int_eq_float(int, f),
                    exact.as_deref() == Some(int.as_str()),
                    "{int} == {f:e}"
                );
            }
        }
    }
}
