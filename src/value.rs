//! The JSON value the server's parser builds (Python's `json` module), and its renderings:
//! compact JSON as DRF's `JSONRenderer` writes it, and Python's `str()` for error messages.

use std::fmt::Write as _;

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
        Str { text: text.into(), lone: None }
    }

    /// The first lone surrogate, as Django's `ProhibitSurrogateCharactersValidator` reports it.
    pub fn first_surrogate(&self) -> Option<u16> {
        self.lone.as_deref().and_then(|l| l.first()).map(|&(_, s)| s)
    }

    pub fn has_surrogate(&self) -> bool {
        self.lone.is_some()
    }

    /// Calls `f` with each code point, lone surrogates as their own value.
    pub fn for_each_code_point(&self, mut f: impl FnMut(u32)) {
        let lone = self.lone.as_deref().unwrap_or(&[]);
        let mut next = lone.iter().peekable();
        for (i, c) in self.text.char_indices() {
            match next.peek() {
                Some(&&(at, s)) if at as usize == i => {
                    next.next();
                    f(u32::from(s));
                }
                _ => f(c as u32),
            }
        }
    }
}

/// A parsed JSON value, with Python's types: `int` is exact, `float` may be infinite (`1e400`).
#[derive(Clone, Debug, PartialEq)]
pub enum Value {
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

/// How big integers are written by [`write_json`].
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum BigInts {
    /// As their digits, exactly: the server's bytes.
    Digits,
    /// Integers beyond ±(2^53 − 1) as a string `"\uDEADn"` where n indexes the list the caller
    /// keeps; the JS boundary turns these into `BigInt`s. No other output string starts with a
    /// lone surrogate.
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
        JsonWriter { out, big_ints, bigs: Vec::new() }
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
        // 2^53 - 1 = 9007199254740991 has 16 digits.
        let magnitude = digits.trim_start_matches('-');
        let safe = magnitude.len() < 16 || (magnitude.len() == 16 && magnitude <= "9007199254740991");
        if safe || self.big_ints == BigInts::Digits {
            self.out.push_str(digits);
        } else {
            let _ = write!(self.out, "\"\\udead{}\"", self.bigs.len());
            self.bigs.push(digits.into());
        }
    }

    pub fn str(&mut self, s: &Str) {
        write_json_str(s, self.out);
    }

    pub fn key(&mut self, k: &str) {
        self.out.push('"');
        self.out.push_str(k); // callers pass plain ASCII keys
        self.out.push_str("\":");
    }
}

/// Writes `value` as compact JSON with integers as digits.
pub fn to_json(value: &Value) -> String {
    let mut out = String::new();
    JsonWriter::new(&mut out, BigInts::Digits).value(value);
    out
}

pub fn write_json_str(s: &Str, out: &mut String) {
    out.push('"');
    let lone = s.lone.as_deref().unwrap_or(&[]);
    let mut next = lone.iter().peekable();
    for (i, c) in s.text.char_indices() {
        if let Some(&&(at, sur)) = next.peek() {
            if at as usize == i {
                next.next();
                let _ = write!(out, "\\u{sur:04x}");
                continue;
            }
        }
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            '\u{2028}' => out.push_str("\\u2028"),
            '\u{2029}' => out.push_str("\\u2029"),
            c if (c as u32) < 0x20 => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
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
    // `{:e}` gives the shortest round-trip digits: "-1.5e-5", "1e16", "0e0".
    let sci = format!("{f:e}");
    let (mantissa, exp) = sci.split_once('e').unwrap_or((&sci, "0"));
    let exp: i32 = exp.parse().unwrap_or(0);
    let (neg, mantissa) = match mantissa.strip_prefix('-') {
        Some(m) => (true, m),
        None => (false, mantissa),
    };
    let digits: String = mantissa.chars().filter(|c| *c != '.').collect();
    if neg {
        out.push('-');
    }
    if (-4..16).contains(&exp) {
        if exp < 0 {
            out.push_str("0.");
            for _ in 0..(-exp - 1) {
                out.push('0');
            }
            out.push_str(&digits);
        } else {
            let int_len = exp as usize + 1;
            if digits.len() <= int_len {
                out.push_str(&digits);
                for _ in digits.len()..int_len {
                    out.push('0');
                }
                out.push_str(".0");
            } else {
                out.push_str(&digits[..int_len]);
                out.push('.');
                out.push_str(&digits[int_len..]);
            }
        }
    } else {
        out.push_str(&digits[..1]);
        if digits.len() > 1 {
            out.push('.');
            out.push_str(&digits[1..]);
        }
        let _ = write!(out, "e{}{:02}", if exp < 0 { '-' } else { '+' }, exp.abs());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
        ];
        for (f, want) in cases {
            assert_eq!(repr(f), want, "{f:e}");
        }
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
    }
}
