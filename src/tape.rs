//! The tape: a result written as a compact description that `src/index.js` (`read`) turns into
//! plain JS objects, so that no result crosses the boundary as JSON text. This file is the only
//! writer and `src/index.js` the only reader; both open with the same table of opcodes.
//! NOTE: no test round-trips each opcode on its own; every one is read in the parity, api and
//! fuzz-wasm suites (a lone-surrogate key for JSON, a big integer for BIG, `-0` for the
//! node-by-node path), against the reference's answers.
//!
//! | op | name  | operands                        | JS value                                         |
//! |----|-------|---------------------------------|--------------------------------------------------|
//! | 0  | NULL  |                                 | `null`                                           |
//! | 1  | FALSE |                                 | `false`                                          |
//! | 2  | TRUE  |                                 | `true`                                           |
//! | 3  | INT   | i32                             | a number                                         |
//! | 4  | F64   | f64                             | a number                                         |
//! | 5  | BIG   | u32 len, ASCII digits           | `BigInt(digits)`                                 |
//! | 6  | CONST | u32 ptr, u32 len                | the UTF-8 at `ptr` in Wasm memory, decoded once  |
//! | 7  | STR   | u32 len, UTF-8                  | a string                                         |
//! | 8  | SLICE | u32 start, u32 end              | the input text's `[start, end)` (byte offsets)   |
//! | 9  | PARSE | u32 start, u32 end              | `JSON.parse` of the input text's `[start, end)`  |
//! | 10 | JSON  | u32 len, UTF-8 JSON text        | `JSON.parse(text)`                               |
//! | 11 | ARR   | u32 n, n values                 | an array                                         |
//! | 12 | OBJ   | u32 n, n (key, value) pairs     | an object (keys are string values)               |
//! | 13 | EXT   | u32 k                           | the caller's value k, copied (see `src/index.js`) |
//! | 14 | VALID | patch, ignored                  | `{ ok: true, patch, ignored }`                    |
//! | 15 | BAD   | codes, errors                   | `{ ok: false, status: 400, errors, codes }`       |
//! | 16 | SAVED | u8 created, u8 unknown, invitation, changed | `{ ok: true, status: 200 or 201, invitation, changed[, unknown: ["flow_obj"]] }` |
//! | 17 | RECORD| u8 keys, u8 mask, values        | an object of the keys of list `keys` whose bit is set in `mask`, in list order |
//! | 18 | NAMES | u8 keys, u8 mask                | an array of those keys                            |
//! | 19 | SPLICE| u32 start, u32 end, u32 len, UTF-8 | the input text's `[start, end)`, then the string |
//! | 20 | BIGAT | u32 start, u32 end              | `BigInt` of the input text's `[start, end)`      |
//! | 21 | RUN   | u32 start, u32 end              | in ARR, the items of `JSON.parse("[" + text + "]")` of the input text's `[start, end)`; in OBJ, the members of `JSON.parse("{" + text + "}")`; one entry of the count |
//!
//! Key lists (`RECORD`, `NAMES`): 0 the writable fields (`name, expires, fixed_data, single_use,
//! flow`), 1 an invitation's (`pk, name, expires, fixed_data, created_by, single_use, flow,
//! flow_obj`).
//!
//! Numbers are little-endian. A tape starts with its length in bytes (u32, itself included).

use crate::body::{Span, Tok};
#[allow(unused_imports)]
use crate::prelude::*;
use crate::text::cat;
use crate::value::{survives_js_number, write_json_str, Str, Value};

pub const NULL: u8 = 0;
pub const FALSE: u8 = 1;
pub const TRUE: u8 = 2;
pub const INT: u8 = 3;
pub const F64: u8 = 4;
pub const BIG: u8 = 5;
pub const CONST: u8 = 6;
pub const STR: u8 = 7;
pub const SLICE: u8 = 8;
pub const PARSE: u8 = 9;
pub const JSON: u8 = 10;
pub const ARR: u8 = 11;
pub const OBJ: u8 = 12;
pub const EXT: u8 = 13;
pub const VALID: u8 = 14;
pub const BAD: u8 = 15;
pub const SAVED: u8 = 16;
pub const RECORD: u8 = 17;
pub const NAMES: u8 = 18;
pub const SPLICE: u8 = 19;
pub const BIGAT: u8 = 20;
pub const RUN: u8 = 21;

/// Key lists of `RECORD` and `NAMES`.
pub const WRITABLE_KEYS: u8 = 0;
pub const INVITATION_KEYS: u8 = 1;

/// `EXT` operands: what the JS side holds and copies into the result by JSON semantics.
pub const EXT_CREATED_BY: u32 = 0;
pub const EXT_STORED_FLOW_OBJ: u32 = 1;
/// The stored fixed_data, `JSON.parse` of the text the JS side sent ([`crate::fields::fixed_data::reads_back_as_written`]).
pub const EXT_STORED_FIXED_DATA: u32 = 2;
/// `options.flows[i]` is `EXT_FLOWS + i`.
pub const EXT_FLOWS: u32 = 3;

/// A tape being written. It reuses its buffer from call to call.
#[derive(Default)]
pub struct Tape {
    pub buf: Vec<u8>,
}

impl Tape {
    /// Starts a new tape, keeping the buffer's memory.
    pub fn start(&mut self) {
        self.buf.clear();
        self.buf.extend_from_slice(&[0; 4]);
    }

    /// Ends the tape: writes its length at its start.
    pub fn finish(&mut self) -> &[u8] {
        self.set_u32(0, self.buf.len());
        &self.buf
    }

    /// Writes `n` over the u32 at `at`, written before its value was known.
    fn set_u32(&mut self, at: usize, n: usize) {
        if let Some(slot) = self.buf.get_mut(at..at + 4) {
            slot.copy_from_slice(&(n as u32).to_le_bytes());
        }
    }

    pub fn op(&mut self, op: u8) {
        self.buf.push(op);
    }

    fn u32(&mut self, n: u32) {
        self.buf.extend_from_slice(&n.to_le_bytes());
    }

    fn op_u32(&mut self, op: u8, n: usize) {
        self.op(op);
        self.u32(n as u32);
    }

    pub fn bool(&mut self, b: bool) {
        self.op(if b { TRUE } else { FALSE });
    }

    pub fn int(&mut self, n: i32) {
        self.op(INT);
        self.buf.extend_from_slice(&n.to_le_bytes());
    }

    pub fn array(&mut self, n: usize) {
        self.op_u32(ARR, n);
    }

    pub fn object(&mut self, n: usize) {
        self.op_u32(OBJ, n);
    }

    /// A `RECORD` or `NAMES` header.
    pub fn keys(&mut self, op: u8, keys: u8, mask: u8) {
        self.buf.extend_from_slice(&[op, keys, mask]);
    }

    pub fn ext(&mut self, k: u32) {
        self.op_u32(EXT, k as usize);
    }

    /// A string that lives as long as the module: the JS side decodes it once and keeps it.
    pub fn constant(&mut self, s: &'static str) {
        self.op(CONST);
        self.u32(s.as_ptr() as usize as u32);
        self.u32(s.len() as u32);
    }

    fn bytes(&mut self, op: u8, b: &[u8]) {
        self.op_u32(op, b.len());
        self.buf.extend_from_slice(b);
    }

    /// STR of the text `f` writes after the tape's bytes.
    pub fn str_with(&mut self, f: impl FnOnce(&mut Vec<u8>)) {
        self.op_u32(STR, 0);
        let at = self.buf.len();
        f(&mut self.buf);
        self.set_u32(at - 4, self.buf.len() - at);
    }

    pub fn str(&mut self, s: &str) {
        self.bytes(STR, s.as_bytes());
    }

    /// A Python string; one holding lone surrogates crosses as a JSON string literal.
    pub fn py_str(&mut self, s: &Str) {
        if s.lone.is_none() {
            return self.str(&s.text);
        }
        let mut json = String::new();
        write_json_str(s, &mut json);
        self.bytes(JSON, json.as_bytes());
    }

    /// The input text's `[start, end)`.
    pub fn slice(&mut self, start: usize, end: usize) {
        self.op_u32(SLICE, start);
        self.u32(end as u32);
    }

    /// The input text's `[start, end)`, then `rest`.
    pub fn splice(&mut self, start: usize, end: usize, rest: &str) {
        self.op_u32(SPLICE, start);
        self.u32(end as u32);
        self.u32(rest.len() as u32);
        self.buf.extend_from_slice(rest.as_bytes());
    }

    /// A list or object of the input: `JSON.parse` of its text (PARSE), which reads it as the
    /// server's parser does but for integers JS cannot hold and `-0` (JS keeps it; Python's int
    /// has none). Where the scan saw either, the value is written from its tokens instead, nothing
    /// built: the containers that hold such a number node by node, the number as BIGAT or INT 0,
    /// and everything else JSON reads alike, in runs: consecutive items (an object's members)
    /// without one, a container's whole, cross as one RUN of their text. A repeated key is written
    /// again: the reader's `set` keeps its first position and last value, as Python's dict does.
    pub fn span(&mut self, span: &Span, text: &str) {
        if span.seen.dirty_end == 0 {
            self.op_u32(PARSE, span.start);
            self.u32(span.end as u32);
            return;
        }
        let mut open: Vec<Level> = Vec::new();
        span.tokens(text, |tok, start, end| match tok {
            // Past the last such number, the rest of each open container joins its run, unread.
            Tok::Comma if start >= span.seen.dirty_end => {
                let Some(top) = open.last_mut() else {
                    return end;
                };
                let close = Span::close_of(text, end);
                top.run = Some((top.run.map_or(end, |(s, _)| s), close));
                close
            }
            Tok::Scalar => {
                let Some(top) = open.last_mut() else {
                    return end;
                };
                if top.object && top.key.is_none() {
                    top.key = Some((start, end));
                    return end;
                }
                let item = top.key.take().map_or(start, |(k, _)| k);
                let literal = text.as_bytes().get(start..end).unwrap_or_default();
                let digits = literal.strip_prefix(b"-").unwrap_or(literal);
                // What JSON.parse reads otherwise than Python: `-0`, and integers past a double.
                let dirty = literal == b"-0"
                    || (digits.len() > 15
                        && digits.iter().all(u8::is_ascii_digit)
                        && !survives_js_number(text.get(start..end).unwrap_or_default()));
                if !dirty {
                    top.run = Some((top.run.map_or(item, |(s, _)| s), end));
                    return end;
                }
                self.flush(top);
                if item < start {
                    self.py_str(&Span::string_at(text, item));
                }
                if literal == b"-0" {
                    self.int(0);
                } else {
                    self.op_u32(BIGAT, start);
                    self.u32(end as u32);
                }
                top.n += 1;
                top.dirty = true;
                end
            }
            Tok::Open(object) => {
                let mut item = start;
                if let Some(top) = open.last_mut() {
                    self.flush(top);
                    if let Some((k, _)) = top.key.take() {
                        item = k;
                    }
                }
                let at = self.buf.len();
                if item < start {
                    self.py_str(&Span::string_at(text, item));
                }
                self.op(if object { OBJ } else { ARR });
                open.push(Level {
                    at,
                    item,
                    count: self.buf.len(),
                    n: 0,
                    object,
                    dirty: false,
                    key: None,
                    run: None,
                });
                self.u32(0);
                end
            }
            Tok::Close => {
                let Some(mut level) = open.pop() else {
                    return end;
                };
                match open.last_mut() {
                    // Nothing JSON reads otherwise: its whole text, in the parent's next run.
                    Some(parent) if !level.dirty => {
                        self.buf.truncate(level.at);
                        parent.run = Some((level.item, end));
                    }
                    parent => {
                        self.flush(&mut level);
                        self.set_u32(level.count, level.n as usize);
                        if let Some(parent) = parent {
                            parent.n += 1;
                            parent.dirty = true;
                        }
                    }
                }
                end
            }
            _ => end,
        });
    }

    /// Writes a level's pending run, if any.
    fn flush(&mut self, level: &mut Level) {
        if let Some((start, end)) = level.run.take() {
            self.op_u32(RUN, start);
            self.u32(end as u32);
            level.n += 1;
        }
    }

    /// A JSON value, node by node. Iterative: values nest up to the body's limit.
    pub fn value(&mut self, v: &Value) {
        let mut stack: Vec<core::slice::Iter<'_, Value>> = Vec::new();
        let mut members: Vec<core::slice::Iter<'_, (Str, Value)>> = Vec::new();
        // Which kind each open container is: true for an object.
        let mut kinds: Vec<bool> = Vec::new();
        let mut next = Some(v);
        loop {
            if let Some(v) = next.take() {
                match v {
                    Value::Null => self.op(NULL),
                    Value::Bool(b) => self.bool(*b),
                    Value::Int(digits) => self.integer(digits),
                    Value::Float(f) => {
                        self.op(F64);
                        self.buf.extend_from_slice(&f.to_le_bytes());
                    }
                    Value::Str(s) => self.py_str(s),
                    Value::Array(items) => {
                        self.array(items.len());
                        stack.push(items.iter());
                        kinds.push(false);
                    }
                    Value::Object(m) => {
                        self.object(m.len());
                        members.push(m.iter());
                        kinds.push(true);
                    }
                }
            }
            match kinds.last() {
                None => return,
                Some(false) => match stack.last_mut().and_then(Iterator::next) {
                    Some(item) => next = Some(item),
                    None => {
                        stack.pop();
                        kinds.pop();
                    }
                },
                Some(true) => match members.last_mut().and_then(Iterator::next) {
                    Some((k, item)) => {
                        self.py_str(k);
                        next = Some(item);
                    }
                    None => {
                        members.pop();
                        kinds.pop();
                    }
                },
            }
        }
    }

    /// An exact integer: a number where JS holds its digits (as the JSON text `JSON.parse` reads
    /// would give), else a BigInt.
    fn integer(&mut self, digits: &str) {
        match js_number(digits) {
            Some(f) => {
                self.op(F64);
                self.buf.extend_from_slice(&f.to_le_bytes());
            }
            None => self.bytes(BIG, digits.as_bytes()),
        }
    }
}

/// The number JS reads `digits` as, if that number spells them back ([`survives_js_number`]).
fn js_number(digits: &str) -> Option<f64> {
    let magnitude = digits.trim_start_matches('-');
    let sign = if magnitude.len() < digits.len() {
        -1.0
    } else {
        1.0
    };
    if let Ok(n) = magnitude.parse::<u64>() {
        if n < 1 << 53 {
            return Some(sign * n as f64);
        }
    }
    // Up to 15 significant digits, a double is the decimal's own: 1e308 as 309 digits (what
    // PostgreSQL's numeric gives back for a stored 1e308) reads as 1e308 and spells the same.
    // On bytes: `trim_end_matches` walks 309 digits back as chars.
    let significant = magnitude
        .get(
            ..magnitude
                .bytes()
                .rposition(|b| b != b'0')
                .map_or(0, |i| i + 1),
        )
        .unwrap_or_default();
    if significant.len() <= 15 && magnitude.len() <= 309 {
        let f = crate::platform::parse_f64(&cat!(
            significant,
            "e",
            magnitude.len() - significant.len()
        ));
        if f.is_finite() {
            return Some(sign * f);
        }
    }
    survives_js_number(digits).then(|| crate::platform::parse_f64(digits))
}

/// A container [`Tape::span`] writes node by node.
struct Level {
    /// Where its tape starts (its key's, in an object), and where its count goes.
    at: usize,
    count: usize,
    /// Where its text starts (its key's, in an object).
    item: usize,
    /// Entries written: items (members), and runs of them.
    n: u32,
    object: bool,
    /// Whether it holds a number JSON reads otherwise.
    dirty: bool,
    /// The key before the value to come, in an object.
    key: Option<(usize, usize)>,
    /// The items (members) not written yet, which JSON reads alike: their text.
    run: Option<(usize, usize)>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn integers_are_numbers_when_a_double_holds_them() {
        let mut t = Tape::default();
        t.integer("100000000000000000000");
        assert_eq!(t.buf.first(), Some(&F64));
        let mut t = Tape::default();
        t.integer("100000000000000000001");
        assert_eq!(t.buf.first(), Some(&BIG));
        // JSON.stringify of the nearest double spells these digits: a number, as today.
        let mut t = Tape::default();
        t.integer("12345678901234567000");
        assert_eq!(t.buf.first(), Some(&F64));
        let mut t = Tape::default();
        t.integer("-9007199254740991");
        assert_eq!(t.buf.first(), Some(&F64));
    }

    #[test]
    fn deep_values_are_written_without_recursion() {
        let mut v = Value::Array(vec![]);
        for _ in 0..100_000 {
            v = Value::Array(vec![v]);
        }
        let mut t = Tape::default();
        t.value(&v);
        assert_eq!(t.buf.len(), 5 * 100_001);
        // Dropping a 100,000-deep value recurses in Rust's drop glue: leak it in the test.
        core::mem::forget(v);
    }
}
