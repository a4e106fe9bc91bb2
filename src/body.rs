//! Raw request bytes -> JSON value, with the server's answers for bodies it cannot parse:
//! Python's UTF-8 stream decoder, then `json.load` with DRF's strict constants.
//!
//! The server runs `json.load(codecs.getreader('utf-8')(stream), parse_constant=strict_constant)`
//! (DRF 3.14 `parsers.py`, `JSONParser.parse`) and answers any `ValueError` as
//! `"JSON parse error - " + str(exc)`. The whole body is decoded before `json.loads` sees it, so a
//! UTF-8 error anywhere wins over any JSON error. The scanner below follows CPython's C scanner
//! (`Modules/_json.c`) branch for branch, on bytes: every character it tests is ASCII, so byte
//! positions stand in for character positions until an error needs reporting.

#[allow(unused_imports)]
use crate::prelude::*;
use crate::text::{cat, Hex};
use crate::value::{Str, Value};

/// Deepest nesting answered like the server: the body object plus 1,400 levels of `fixed_data`.
/// authentik 2024.6 fails with a 500 (RecursionError) at about 1,485.
pub const MAX_DEPTH: usize = 1401;

/// Python's digit limit for `int(str)` (`sys.int_info.default_max_str_digits`). Floats have none.
const MAX_INT_DIGITS: usize = 4300;

/// Where a JSON error is, as Python's `JSONDecodeError` counts: characters (code points) of the
/// decoded text, lines and columns from 1.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Pos {
    pub line: usize,
    pub column: usize,
    pub char: usize,
}

/// A constant `json` hands to DRF's `strict_constant`, which refuses it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Constant {
    NaN,
    Infinity,
    NegInfinity,
}

/// Why a body is not a JSON value, as DRF's `JSONParser` reports it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum BodyError {
    /// A byte that cannot start a UTF-8 sequence; `at` counts bytes.
    InvalidStartByte {
        at: usize,
        byte: u8,
    },
    /// A sequence cut short by a byte that cannot continue it: `len` bytes from `at` are refused.
    InvalidContinuation {
        at: usize,
        len: usize,
        byte: u8,
    },
    /// The decoded text starts with U+FEFF.
    Bom,
    ExpectingValue(Pos),
    ExpectingPropertyName(Pos),
    ExpectingColon(Pos),
    ExpectingComma(Pos),
    ExtraData(Pos),
    UnterminatedString(Pos),
    InvalidControlCharacter(Pos),
    InvalidEscape(Pos),
    InvalidUnicodeEscape(Pos),
    OutOfRangeConstant(Constant),
    /// An integer literal with more than 4,300 digits (sign not counted).
    IntTooLong {
        digits: usize,
    },
    /// Nesting deeper than [`MAX_DEPTH`]: the server's 500, refused here.
    TooDeep,
}

impl BodyError {
    /// The `detail` string of the 400 answer.
    ///
    /// ```
    /// use authentik_invitation_patch::body;
    /// let err = body::parse(b"{\"a\" 1}").unwrap_err();
    /// assert_eq!(err.detail(), "JSON parse error - Expecting ':' delimiter: line 1 column 6 (char 5)");
    /// ```
    pub fn detail(&self) -> String {
        // DRF 3.14 parsers.py, JSONParser.parse: 'JSON parse error - %s' % str(exc)
        const PREFIX: &str = "JSON parse error - ";
        // CPython Lib/json/decoder.py, JSONDecodeError.__init__: '%s: line %d column %d (char %d)'
        let json = |message: &str, p: &Pos| {
            cat!(PREFIX, message, ": line ", p.line, " column ", p.column, " (char ", p.char, ")")
        };
        let byte = |b: &u8| Hex {
            n: u32::from(*b),
            width: 2,
            upper: false,
        };
        match self {
            // CPython Objects/exceptions.c, UnicodeDecodeError.__str__, with the reasons from
            // Objects/unicodeobject.c, unicode_decode_utf8.
            BodyError::InvalidStartByte { at, byte: b } => cat!(
                PREFIX,
                "'utf-8' codec can't decode byte 0x",
                byte(b),
                " in position ",
                at,
                ": invalid start byte"
            ),
            BodyError::InvalidContinuation { at, len: 1, byte: b } => cat!(
                PREFIX,
                "'utf-8' codec can't decode byte 0x",
                byte(b),
                " in position ",
                at,
                ": invalid continuation byte"
            ),
            BodyError::InvalidContinuation { at, len, .. } => cat!(
                PREFIX,
                "'utf-8' codec can't decode bytes in position ",
                at,
                "-",
                at + len - 1,
                ": invalid continuation byte"
            ),
            // CPython Lib/json/__init__.py, loads()
            BodyError::Bom => json(
                "Unexpected UTF-8 BOM (decode using utf-8-sig)",
                &Pos { line: 1, column: 1, char: 0 },
            ),
            // CPython Lib/json/decoder.py, JSONDecoder.raw_decode (StopIteration from the scanner)
            BodyError::ExpectingValue(p) => json("Expecting value", p),
            // CPython Modules/_json.c, _parse_object_unicode
            BodyError::ExpectingPropertyName(p) => {
                json("Expecting property name enclosed in double quotes", p)
            }
            BodyError::ExpectingColon(p) => json("Expecting ':' delimiter", p),
            // CPython Modules/_json.c, _parse_object_unicode and _parse_array_unicode
            BodyError::ExpectingComma(p) => json("Expecting ',' delimiter", p),
            // CPython Lib/json/decoder.py, JSONDecoder.decode
            BodyError::ExtraData(p) => json("Extra data", p),
            // CPython Modules/_json.c, scanstring_unicode
            BodyError::UnterminatedString(p) => json("Unterminated string starting at", p),
            BodyError::InvalidControlCharacter(p) => json("Invalid control character at", p),
            BodyError::InvalidEscape(p) => json("Invalid \\escape", p),
            BodyError::InvalidUnicodeEscape(p) => json("Invalid \\uXXXX escape", p),
            // DRF 3.14 utils/json.py, strict_constant: '...: ' + repr(o)
            BodyError::OutOfRangeConstant(c) => {
                let name = match c {
                    Constant::NaN => "NaN",
                    Constant::Infinity => "Infinity",
                    Constant::NegInfinity => "-Infinity",
                };
                cat!(PREFIX, "Out of range float values are not JSON compliant: '", name, "'")
            }
            // CPython Objects/longobject.c, _PyLong_FromString (_MAX_STR_DIGITS_ERROR_FMT_TO_INT)
            BodyError::IntTooLong { digits } => cat!(
                PREFIX,
                "Exceeds the limit (",
                MAX_INT_DIGITS,
                " digits) for integer string conversion: value has ",
                digits,
                " digits; use sys.set_int_max_str_digits() to increase the limit"
            ),
            // Ours: the server's RecursionError is a 500 with no message to copy.
            BodyError::TooDeep => cat!(
                "Request body nests deeper than ",
                MAX_DEPTH,
                " levels; authentik 2024.6 fails on such bodies with a 500 (RecursionError) from about 1485 levels, so this module refuses them."
            ),
        }
    }
}

/// Decodes and parses a body as the server does. The caller treats an empty body as `{}`; here it
/// is Python's `Expecting value` error.
///
/// ```
/// use authentik_invitation_patch::body;
/// let v = body::parse(br#"{"name": "a", "name": "b"}"#).unwrap();
/// assert_eq!(authentik_invitation_patch::value::to_json(&v), r#"{"name":"b"}"#);
/// ```
pub fn parse(bytes: &[u8]) -> Result<Value, BodyError> {
    scan(bytes, false, 0)
}

/// Parses JSON that PostgreSQL stored as jsonb and gave back: numbers are `numeric`, so a literal
/// with no fractional digits left once its exponent is applied (`1e+20`, `1.5e2`) is an exact int,
/// any other is a float, and there is no negative zero. Used for a stored invitation.
pub fn parse_stored(bytes: &[u8]) -> Result<Value, BodyError> {
    scan(bytes, true, 0)
}

/// [`parse_stored`] for the text of an object member on its own: nesting counts as inside the
/// object.
pub(crate) fn parse_stored_member(bytes: &[u8]) -> Result<Value, BodyError> {
    scan(bytes, true, 1)
}

/// One JSON document, `depth` containers deep.
fn scan(bytes: &[u8], numeric: bool, depth: usize) -> Result<Value, BodyError> {
    scanner(bytes, numeric)?.document(depth)
}

fn scanner(bytes: &[u8], numeric: bool) -> Result<Scanner<'_>, BodyError> {
    let text = decode(bytes)?;
    if text.starts_with('\u{feff}') {
        return Err(BodyError::Bom);
    }
    Ok(Scanner {
        text,
        b: text.as_bytes(),
        numeric,
    })
}

/// A body as the server's parser reads it, for judging: the same errors as [`parse`], in one pass,
/// but only the body object's scalar members are built; a string without escapes is kept as
/// where it is, and a container member is scanned and kept as its [`Span`] of the decoded text
/// (`text`), to be built only where a rule needs it.
pub fn scan_top(bytes: &[u8]) -> Result<(&str, Top), BodyError> {
    let s = scanner(bytes, false)?;
    Ok((s.text, s.top()?))
}

/// The value whose text starts at `start` in `text` (a body that scanned), built.
pub(crate) fn value_at(text: &str, start: usize) -> Value {
    let s = Scanner {
        text,
        b: text.as_bytes(),
        numeric: false,
    };
    s.value(start, 1).map_or(Value::Null, |(v, _)| v)
}

/// The body's value, as far as judging it needs.
#[derive(Debug)]
#[allow(clippy::large_enum_variant)] // one per call, moved straight into the judging
pub enum Top {
    Null,
    /// Not an object: Python's type name.
    NotObject(&'static str),
    /// The members as Python's `dict` keeps them: the writable fields' values in
    /// [`crate::WRITABLE`]'s order (a repeated key's last), and the other keys, each once, in the
    /// order they first appear.
    Object([Option<Item>; 5], Vec<Str>),
}

/// A member of the body object.
#[derive(Debug)]
pub enum Item {
    /// A string without escapes: `text[start..end]` is its literal, quotes included.
    Text(usize, usize),
    /// Another scalar, and where its text starts and ends.
    Scalar(Value, usize, usize),
    Container(Span),
}

/// A list or object in the decoded text, scanned and valid: `text[start..end]`.
#[derive(Clone, Copy, Debug)]
pub struct Span {
    pub start: usize,
    pub end: usize,
    pub object: bool,
    pub seen: Seen,
}

/// What scanning a container saw inside it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Seen {
    /// A float literal that Python reads as ±inf (`1e400`).
    pub non_finite: bool,
    /// A string or key holding U+0000.
    pub nul: bool,
    /// A string or key holding a lone surrogate.
    pub lone: bool,
    /// Where the last integer that JS's `JSON.parse` may read otherwise than Python ends (0:
    /// none): one of more than 15 digits (JS may round it) or `-0` (JS keeps the sign). Past it,
    /// JS reads the text as Python does.
    pub dirty_end: usize,
    /// How deep containers nest: 1 for `[]`.
    pub depth: usize,
}

impl Item {
    /// Where the member's text is: `text[start..end]`.
    pub fn span(&self) -> (usize, usize) {
        match self {
            Item::Text(start, end) | Item::Scalar(_, start, end) => (*start, *end),
            Item::Container(s) => (s.start, s.end),
        }
    }

    /// The string, for a [`Item::Text`]: what the server's `str` holds.
    pub fn plain<'t>(&self, text: &'t str) -> Option<&'t str> {
        match self {
            Item::Text(start, end) => text.get(start + 1..end - 1),
            _ => None,
        }
    }

    /// The member's value, built (a container is scanned again, building it this time).
    pub fn build(self, text: &str) -> Value {
        match self {
            Item::Text(..) => Value::Str(Str::new(self.plain(text).unwrap_or_default())),
            Item::Scalar(v, ..) => v,
            Item::Container(span) => span.build(text),
        }
    }
}

impl Span {
    pub fn build(&self, text: &str) -> Value {
        // Scanned before without error, so this cannot fail.
        value_at(text, self.start)
    }

    /// Calls `f` with each token of the container's text, in order, with where it starts and
    /// ends, up to the one that closes the container. `f` returns where to go on: the token's
    /// end, or past what it skipped.
    pub(crate) fn tokens(&self, text: &str, mut f: impl FnMut(Tok, usize, usize) -> usize) {
        let s = Scanner {
            text,
            b: text.as_bytes(),
            numeric: false,
        };
        let mut depth = 0usize;
        let mut i = self.start;
        loop {
            let (tok, start, end) = s.token(i);
            i = f(tok, start, end);
            match tok {
                Tok::Open(_) => depth += 1,
                Tok::Close if depth > 1 => depth -= 1,
                Tok::Close | Tok::End => return,
                _ => {}
            }
        }
    }

    /// Where the container around offset `i` closes (the offset of its `]` or `}`), in a
    /// container that scanned: brackets outside strings, counted.
    pub(crate) fn close_of(text: &str, mut i: usize) -> usize {
        let b = text.as_bytes();
        let mut depth = 0usize;
        while let Some(&c) = b.get(i) {
            match c {
                b'"' => {
                    i += 1;
                    while let Some(&c) = b.get(i) {
                        if c == b'"' {
                            break;
                        }
                        i += if c == b'\\' { 2 } else { 1 };
                    }
                }
                b'[' | b'{' => depth += 1,
                b']' | b'}' if depth == 0 => return i,
                b']' | b'}' => depth -= 1,
                _ => {}
            }
            i += 1;
        }
        b.len()
    }

    /// The string whose literal starts at `quote` (in a container that scanned).
    pub(crate) fn string_at(text: &str, quote: usize) -> Str {
        let s = Scanner {
            text,
            b: text.as_bytes(),
            numeric: false,
        };
        s.string(quote, true, &mut Seen::default())
            .map(|(v, _)| v)
            .unwrap_or_default()
    }

    /// The container's JSON text.
    pub fn text<'t>(&self, text: &'t str) -> &'t str {
        text.get(self.start..self.end).unwrap_or("")
    }

    /// Python's `str()` of the container, printed from its text without building it: what
    /// Django's UUID message shows for a `flow` list or object. `None` when lists nest in lists
    /// (from the top, as Django's lookup recurses) deeper than `max_lists`: the server's
    /// RecursionError. An object whose keys repeat, or may (a key with an escape has two
    /// spellings), is built and printed whole: Python's dict keeps a repeated key's first
    /// position and last value. Two passes over the text, no recursion.
    pub fn py_str(&self, text: &str, max_lists: usize) -> Option<String> {
        let s = Scanner {
            text,
            b: text.as_bytes(),
            numeric: false,
        };
        // Pass 1: how deep lists nest in lists, and which objects (by preorder index) to build:
        // `whole[k]` is the count of objects opened when object k closed, 0 for one printed here.
        // Open containers: lists in lists from the top, and an object's key literals. Not needed
        // when the scan saw nothing nested past `max_lists` and the text holds no `{` at all.
        // An open object's keys are `keys[from..]`, `from` kept with it: one buffer for all.
        let mut open: Vec<(usize, Option<usize>)> = Vec::new();
        let mut keys: Keys = Vec::new();
        let mut whole: Vec<u32> = Vec::new();
        let mut at_key = false;
        let mut i = self.start;
        let flat = self.seen.depth <= max_lists
            && !s
                .b
                .get(self.start..self.end)
                .is_some_and(|t| t.contains(&b'{'));
        if !flat {
            loop {
                let (tok, start, end) = s.token(i);
                match tok {
                    Tok::Open(object) => {
                        let lists = match open.last() {
                            None => usize::from(!object),
                            Some(&(n, None)) if n > 0 && !object => n + 1,
                            _ => 0,
                        };
                        if lists > max_lists {
                            return None;
                        }
                        if object {
                            whole.push(0);
                        }
                        // A list's count of lists in lists; an object's preorder index + 1.
                        open.push((
                            if object { whole.len() } else { lists },
                            object.then_some(keys.len()),
                        ));
                        at_key = object;
                    }
                    Tok::Close => {
                        if let Some((k, Some(from))) = open.pop() {
                            if s.keys_may_repeat(keys.get(from..).unwrap_or_default()) {
                                let opened = whole.len() as u32;
                                if let Some(slot) = whole.get_mut(k - 1) {
                                    *slot = opened;
                                }
                            }
                            keys.truncate(from);
                        }
                        if open.is_empty() {
                            break;
                        }
                    }
                    Tok::Comma => at_key = matches!(open.last(), Some((_, Some(_)))),
                    Tok::Scalar if at_key => {
                        keys.push((start, end));
                        at_key = false;
                    }
                    Tok::End => return None,
                    _ => {}
                }
                i = end;
            }
        }
        // Pass 2: print, each scalar (and each object to build) by the tree's own printer. Python's
        // `str` of a list is about its text's length and a space per comma: room for that at once.
        let mut out = String::with_capacity((self.end - self.start).saturating_mul(3) / 2);
        s.py_print(self.start, &whole, &mut 0, &mut out)?;
        Some(out)
    }

    /// Python's `==` between the container and `stored` ([`crate::value::same_json`]), on the
    /// text: nothing is built but scalars, one at a time.
    pub fn same_json(&self, text: &str, stored: &Value) -> bool {
        let s = Scanner {
            text,
            b: text.as_bytes(),
            numeric: false,
        };
        s.same(self.start, stored).0
    }
}

/// A container of the body being compared with a stored one ([`Scanner::same`]).
struct Compared<'v> {
    object: bool,
    items: &'v [Value],
    members: &'v [(Str, Value)],
    /// The stored members' indices, by key.
    sorted: Vec<usize>,
    /// A verdict per stored item or key, 1 the same, 2 not: a repeated key's last value counts,
    /// as in Python's dict.
    verdict: Vec<u8>,
    /// No entry has differed so far.
    same: bool,
    /// Entries seen.
    n: usize,
    /// The stored item or member the entry being compared is compared with.
    entry: Option<usize>,
}

/// An object's key literals, `text[start..end]` each, quotes included.
type Keys = Vec<(usize, usize)>;

/// A token of JSON text that scanned without error ([`Span::tokens`]).
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Tok {
    /// `[`, or `{` (true).
    Open(bool),
    Close,
    Comma,
    Colon,
    /// A string, number or constant.
    Scalar,
    /// The end of the text (or an error, which text that scanned cannot hold).
    End,
}

/// Whether Python's `float(literal)` is infinite, parsing only near the edge. On bytes: a body of
/// a million floats goes through here.
fn float_overflows(literal: &str) -> bool {
    let b = literal.as_bytes();
    let digit = |c: &u8| c.is_ascii_digit();
    let mut i = usize::from(matches!(b.first(), Some(b'-')));
    let int_start = i;
    while b.get(i).is_some_and(digit) {
        i += 1;
    }
    let int_part = b.get(int_start..i).unwrap_or_default();
    let mut frac: &[u8] = &[];
    if matches!(b.get(i), Some(b'.')) {
        let start = i + 1;
        i = start;
        while b.get(i).is_some_and(digit) {
            i += 1;
        }
        frac = b.get(start..i).unwrap_or_default();
    }
    let mut exp: i64 = 0;
    if matches!(b.get(i), Some(b'e' | b'E')) {
        i += 1;
        let negative = matches!(b.get(i), Some(b'-'));
        if matches!(b.get(i), Some(b'+' | b'-')) {
            i += 1;
        }
        for &d in b.get(i..).unwrap_or_default() {
            exp = exp.saturating_mul(10).saturating_add(i64::from(d - b'0'));
        }
        if negative {
            exp = -exp;
        }
    }
    // The value is m.ddd × 10^magnitude, m the first significant digit.
    let leading = int_part.iter().take_while(|&&c| c == b'0').count();
    let magnitude = match int_part.len() - leading {
        0 => match frac.iter().position(|&c| c != b'0') {
            None => return false, // zero
            Some(z) => -(z as i64) - 1,
        },
        n => n as i64 - 1,
    }
    .saturating_add(exp);
    // f64::MAX is 1.797…e308: below e308 always finite, from e309 always infinite.
    match magnitude {
        ..=307 => false,
        309.. => true,
        _ => crate::platform::parse_f64(literal).is_infinite(),
    }
}

/// `codecs.getreader('utf-8')(stream).read()`: strict decoding by an incremental decoder that is
/// never told the input is final, so an incomplete sequence at the very end is dropped silently.
fn decode(bytes: &[u8]) -> Result<&str, BodyError> {
    match core::str::from_utf8(bytes) {
        Ok(text) => Ok(text),
        Err(e) => utf8_failure(bytes, e),
    }
}

#[cold]
fn utf8_failure(bytes: &[u8], e: core::str::Utf8Error) -> Result<&str, BodyError> {
    let at = e.valid_up_to();
    let valid = bytes
        .get(..at)
        .and_then(|b| core::str::from_utf8(b).ok())
        .unwrap_or("");
    let byte = bytes.get(at).copied().unwrap_or(0);
    // Rust and CPython both refuse the maximal invalid subpart (Unicode 3.9, U+FFFD practice), so
    // `error_len` is exactly the span CPython reports.
    let Some(len) = e.error_len() else {
        return Ok(valid); // an incomplete tail: the decoder keeps it for a next read that never comes
    };
    // CPython's decoder, when not final, also waits for more after a lone `ED A0..BF` at the very
    // end (a surrogate's first two bytes), where Rust already sees an invalid sequence.
    if byte == 0xED && bytes.len() - at == 2 && matches!(bytes.get(at + 1), Some(0xA0..=0xBF)) {
        return Ok(valid);
    }
    if matches!(byte, 0x80..=0xC1 | 0xF5..=0xFF) {
        Err(BodyError::InvalidStartByte { at, byte })
    } else {
        Err(BodyError::InvalidContinuation { at, len, byte })
    }
}

/// An open container, with what it has so far.
enum Frame {
    Array(Vec<Value>),
    /// The members so far (duplicates included until the object closes), and the key whose value
    /// is being scanned.
    Object(Vec<(Str, Value)>, Str),
}

impl Frame {
    fn into_value(self) -> Value {
        match self {
            Frame::Array(items) => Value::Array(items),
            Frame::Object(members, _) => Value::Object(dedupe(members)),
        }
    }
}

struct Scanner<'a> {
    text: &'a str,
    b: &'a [u8],
    /// Numbers as PostgreSQL's `numeric` gives them back ([`parse_stored`]).
    numeric: bool,
}

/// Python json's whitespace: `[ \t\n\r]`, nothing else.
fn is_ws(c: u8) -> bool {
    matches!(c, b' ' | b'\t' | b'\n' | b'\r')
}

fn is_digit(c: Option<&u8>) -> bool {
    matches!(c, Some(b'0'..=b'9'))
}

fn hex_value(c: u8) -> Option<u16> {
    match c {
        b'0'..=b'9' => Some(u16::from(c - b'0')),
        b'a'..=b'f' => Some(u16::from(c - b'a' + 10)),
        b'A'..=b'F' => Some(u16::from(c - b'A' + 10)),
        _ => None,
    }
}

/// Bytes that end the plain run inside a string: the quote, the backslash, control characters.
static STRING_STOP: [bool; 256] = {
    let mut t = [false; 256];
    let mut i = 0;
    while i < 0x20 {
        t[i] = true;
        i += 1;
    }
    t[b'"' as usize] = true;
    t[b'\\' as usize] = true;
    t
};

impl<'a> Scanner<'a> {
    /// The byte at `i`, or 0 past the end (no byte a caller looks for).
    #[inline(always)]
    fn byte(&self, i: usize) -> u8 {
        self.b.get(i).copied().unwrap_or(0)
    }

    /// Inline for the common case (no whitespace at `i`), a call for a run of it.
    #[inline(always)]
    fn skip_ws(&self, i: usize) -> usize {
        match self.b.get(i) {
            Some(&c) if is_ws(c) => self.skip_ws_run(i),
            _ => i,
        }
    }

    fn skip_ws_run(&self, mut i: usize) -> usize {
        while matches!(self.b.get(i), Some(&c) if is_ws(c)) {
            i += 1;
        }
        i
    }

    /// Builds a positioned JSON error; `at` is a byte offset at a character boundary.
    #[cold]
    fn err(&self, kind: fn(Pos) -> BodyError, at: usize) -> BodyError {
        let before = self.b.get(..at).unwrap_or(self.b);
        // A character starts at every byte that is not a continuation byte.
        let chars = |s: &[u8]| s.iter().filter(|&&c| !(0x80..0xC0).contains(&c)).count();
        let char = chars(before);
        let line = before.iter().filter(|&&c| c == b'\n').count() + 1;
        let column = match before.iter().rposition(|&c| c == b'\n') {
            Some(nl) => chars(before.get(nl + 1..).unwrap_or(&[])) + 1,
            None => char + 1,
        };
        kind(Pos { line, column, char })
    }

    /// The token at `i` (after whitespace), where it starts and where it ends.
    fn token(&self, i: usize) -> (Tok, usize, usize) {
        let i = self.skip_ws(i);
        let mut seen = Seen::default();
        let tok = match self.b.get(i) {
            Some(b'[') => Tok::Open(false),
            Some(b'{') => Tok::Open(true),
            Some(b']' | b'}') => Tok::Close,
            Some(b',') => Tok::Comma,
            Some(b':') => Tok::Colon,
            Some(b'"') => {
                return match self.string_end(i, &mut seen) {
                    Ok(end) => (Tok::Scalar, i, end),
                    Err(_) => (Tok::End, i, i),
                }
            }
            // A number or a constant, in text that scanned: up to the next delimiter.
            Some(&c) if c.is_ascii_alphanumeric() || c == b'-' => {
                let mut end = i + 1;
                while matches!(self.byte(end), b'0'..=b'9' | b'a'..=b'z' | b'A'..=b'Z' | b'-' | b'+' | b'.')
                {
                    end += 1;
                }
                return (Tok::Scalar, i, end);
            }
            _ => return (Tok::End, i, i),
        };
        (tok, i, i + 1)
    }

    /// Whether an object's keys (their literals, quotes included) may name one key twice: two
    /// literals alike, or one with an escape (another spelling of a key). Sorted, not hashed.
    fn keys_may_repeat(&self, keys: &[(usize, usize)]) -> bool {
        let key = |x: usize| keys.get(x).and_then(|&(a, z)| self.b.get(a..z));
        let repeats = if keys.len() <= SMALL_OBJECT {
            (1..keys.len()).any(|j| (0..j).any(|i| key(i) == key(j)))
        } else {
            let order = crate::platform::sorted_indices(keys.len(), &|x, y| key(x) < key(y));
            order.windows(2).any(|w| key(w[0]) == key(w[1]))
        };
        repeats
            || keys
                .iter()
                .any(|&(a, z)| self.b.get(a..z).is_some_and(|k| k.contains(&b'\\')))
    }

    /// Prints the value at `i` as Python's `str` prints what the server builds of it, for
    /// [`Span::py_str`]: `whole` and `k` say which objects to print as dicts ([`Scanner::py_dict`])
    /// and which object comes next. Where it ends; None where the text does not scan.
    fn py_print(&self, i: usize, whole: &[u32], k: &mut usize, out: &mut String) -> Option<usize> {
        let text = self.text;
        let mut open: Vec<bool> = Vec::new();
        let mut i = i;
        loop {
            let (tok, start, end) = self.token(i);
            i = end;
            let close = match tok {
                Tok::Open(true) if whole.get(*k).is_some_and(|&n| n > 0) => {
                    let next = whole.get(*k).map_or(0, |&n| n as usize);
                    // No object inside it: perhaps printed from its text.
                    let printed = if next == *k + 1 {
                        self.py_dict(start, whole, k, out)
                    } else {
                        None
                    };
                    i = match printed {
                        Some(end) => end,
                        None => {
                            let (v, end) = self.value(start, 1).ok()?;
                            crate::value::py_repr(&v, out);
                            end
                        }
                    };
                    *k = next;
                    None
                }
                Tok::Open(object) => {
                    *k += usize::from(object);
                    open.push(object);
                    out.push(if object { '{' } else { '[' });
                    continue;
                }
                Tok::Close => open.pop(),
                Tok::Comma => {
                    out.push_str(", ");
                    continue;
                }
                Tok::Colon => {
                    out.push_str(": ");
                    continue;
                }
                // Constants and integers as their text reads (but `-0`), others by the tree's printer.
                Tok::Scalar => {
                    let literal = text.get(start..end).unwrap_or_default();
                    match literal.as_bytes().first() {
                        Some(b't') => out.push_str("True"),
                        Some(b'f') => out.push_str("False"),
                        Some(b'n') => out.push_str("None"),
                        Some(b'-' | b'0'..=b'9')
                            if literal.bytes().all(|c| c == b'-' || c.is_ascii_digit()) =>
                        {
                            out.push_str(if literal == "-0" { "0" } else { literal })
                        }
                        Some(b'-' | b'0'..=b'9')
                            if crate::value::py_float_literal(literal, out) => {}
                        // A string without escapes: its text, between the quotes, is the value.
                        Some(b'"') if self.run(start + 1) + 1 == end => {
                            crate::value::py_repr_plain(
                                text.get(start + 1..end - 1).unwrap_or_default(),
                                out,
                            )
                        }
                        _ => {
                            let (v, _) = self.value(start, 1).ok()?;
                            crate::value::py_repr(&v, out);
                        }
                    }
                    None
                }
                Tok::End => return None,
            };
            if let Some(object) = close {
                out.push(if object { '}' } else { ']' });
            }
            if open.is_empty() {
                return Some(i);
            }
        }
    }

    /// The object at `open` (whose keys repeat, and which holds no object) printed from its text
    /// as Python's `str` prints the dict the server builds: a repeated key keeps its first place
    /// and takes its last value. Only for up to [`SMALL_OBJECT`] members with keys without
    /// escapes (equal keys are then equal bytes); None, with nothing printed, for any other.
    fn py_dict(
        &self,
        open: usize,
        whole: &[u32],
        k: &mut usize,
        out: &mut String,
    ) -> Option<usize> {
        // Each member's key (inside its quotes) and where its value starts.
        let mut members = [(0, 0, 0); SMALL_OBJECT];
        let mut n = 0;
        let mut i = open + 1;
        loop {
            let (_, a, z) = self.token(i);
            if self.byte(a) != b'"' || self.run(a + 1) + 1 != z {
                return None;
            }
            let (_, _, colon) = self.token(z);
            let v = self.skip_ws(colon);
            let end = match self.token(v) {
                (Tok::Open(_), _, _) => Span::close_of(self.text, v + 1) + 1,
                (_, _, end) => end,
            };
            *members.get_mut(n)? = (a + 1, z - 1, v);
            n += 1;
            let (tok, _, next) = self.token(end);
            i = next;
            if tok != Tok::Comma {
                break;
            }
        }
        let members = members.get(..n)?;
        let key = |&(a, z, _): &(usize, usize, usize)| self.b.get(a..z);
        out.push('{');
        for (m, member) in members.iter().enumerate() {
            if members.iter().take(m).any(|e| key(e) == key(member)) {
                continue;
            }
            let last = members.iter().rev().find(|l| key(l) == key(member))?;
            if m > 0 {
                out.push_str(", ");
            }
            crate::value::py_repr_plain(self.text.get(member.0..member.1)?, out);
            out.push_str(": ");
            self.py_print(last.2, whole, k, out)?;
        }
        out.push('}');
        Some(i)
    }

    /// The value at `i` skipped: where it ends.
    fn skip(&self, i: usize) -> usize {
        self.skim(i, 1, &mut Seen::default())
            .unwrap_or(self.b.len())
    }

    /// Whether the value at `i` equals `y` as Python compares them, and where it ends (past the
    /// text when the answer is no). Once a container's answer is no, the rest of it is skipped,
    /// not compared; once the outermost one's is, the call returns. The containers being compared wait on a
    /// list, not on the stack: values nest 1,401 levels, and a Wasm frame a level would need more
    /// stack than a JS caller may have left.
    fn same(&self, i: usize, y: &Value) -> (bool, usize) {
        let b = self.b;
        let mut open: Vec<Compared<'_>> = Vec::new();
        let (mut i, mut y) = (i, y);
        'value: loop {
            // The value at `i` against `y`: answered at once, or a container opened.
            let mut answer = match self.begin_same(i, y) {
                Ok(c) => {
                    open.push(c);
                    i = self.skip_ws(i + 1);
                    None
                }
                Err(answer) => Some(answer),
            };
            // The innermost open container takes the answer, then goes on to its next entry.
            loop {
                let outermost = open.len() == 1;
                let Some(c) = open.last_mut() else {
                    return answer.unwrap_or((false, b.len()));
                };
                let close = match answer.take() {
                    Some((eq, end)) => {
                        match c.entry {
                            // A list's item that differs decides; an object's member may be repeated.
                            Some(j) => {
                                c.same &= eq || c.object;
                                if let Some(v) = c.verdict.get_mut(j) {
                                    *v = if eq { 1 } else { 2 };
                                }
                            }
                            None => c.same = false,
                        }
                        i = self.skip_ws(end);
                        let close = self.byte(i) != b',';
                        if !close {
                            i = self.skip_ws(i + 1);
                        }
                        close
                    }
                    // Just opened: empty if it closes at once.
                    None => matches!(b.get(i), Some(b']' | b'}')),
                };
                if close {
                    answer = Some((c.same && c.verdict.iter().all(|&v| v == 1), i + 1));
                    open.pop();
                    continue;
                }
                let (at, j) = if !c.same {
                    // The whole answer is no: nothing after it is read (the end is not needed).
                    if outermost {
                        return (false, b.len());
                    }
                    // This container is not the same: the rest is skipped, no key built or looked up.
                    let at = if c.object {
                        match self.key_end(i, &mut Seen::default()) {
                            Ok((_, at)) => at,
                            Err(_) => return (false, b.len()),
                        }
                    } else {
                        i
                    };
                    (at, None)
                } else if c.object {
                    let Ok((key, at)) = self.key(i, &mut Seen::default()) else {
                        return (false, b.len());
                    };
                    let key_of = |j: usize| {
                        c.members
                            .get(j)
                            .map(|m| (m.0.text.as_str(), m.0.lone.as_deref()))
                    };
                    let wanted = Some((key.text.as_str(), key.lone.as_deref()));
                    let j = c
                        .sorted
                        .binary_search_by(|&x| key_of(x).cmp(&wanted))
                        .ok()
                        .and_then(|p| c.sorted.get(p).copied());
                    (at, j)
                } else {
                    (i, Some(c.n))
                };
                c.n += 1;
                let stored = j
                    .filter(|_| c.same)
                    .and_then(|j| c.items.get(j).or_else(|| c.members.get(j).map(|m| &m.1)));
                c.entry = j.filter(|_| stored.is_some());
                match stored {
                    Some(stored) => {
                        (i, y) = (at, stored);
                        continue 'value;
                    }
                    // A key the stored object lacks, an item past the stored list's end, or an
                    // answer already known: not the same, whatever follows.
                    None => answer = Some((false, self.skip(at))),
                }
            }
        }
    }

    /// [`Scanner::same`] at `i`: the answer for a scalar or for containers of different kinds, or
    /// the comparison of two containers, opened.
    fn begin_same<'v>(&self, i: usize, y: &'v Value) -> Result<Compared<'v>, (bool, usize)> {
        let b = self.b;
        let (object, items, members) = match (b.get(i), y) {
            (Some(b'['), Value::Array(items)) => (false, items.as_slice(), &[][..]),
            (Some(b'{'), Value::Object(members)) => (true, &[][..], members.as_slice()),
            (Some(b'[' | b'{'), _) => return Err((false, self.skip(i))),
            // A scalar: `same_json` as it compares scalars.
            _ => {
                let Ok((v, end)) = self.value(i, 1) else {
                    return Err((false, b.len()));
                };
                let same = match (&v, y) {
                    (Value::Int(x), Value::Float(f)) | (Value::Float(f), Value::Int(x)) => {
                        crate::value::int_eq_float(x, *f)
                    }
                    _ => v == *y,
                };
                return Err((same, end));
            }
        };
        let key_of = |j: usize| {
            members
                .get(j)
                .map(|m| (m.0.text.as_str(), m.0.lone.as_deref()))
        };
        Ok(Compared {
            object,
            items,
            members,
            sorted: crate::platform::sorted_indices(members.len(), &|a, c| key_of(a) < key_of(c)),
            verdict: vec![0; items.len() + members.len()],
            same: true,
            n: 0,
            entry: None,
        })
    }

    /// `JSONDecoder.decode`: whitespace, one value (`depth` containers deep), whitespace, end.
    fn document(&self, depth: usize) -> Result<Value, BodyError> {
        let i = self.skip_ws(0);
        let (v, end) = self.value(i, depth)?;
        self.end(end)?;
        Ok(v)
    }

    /// Nothing but whitespace may follow the document's value.
    fn end(&self, i: usize) -> Result<(), BodyError> {
        let i = self.skip_ws(i);
        if i != self.b.len() {
            return Err(self.err(BodyError::ExtraData, i));
        }
        Ok(())
    }

    /// The body as [`scan_top`] sees it.
    fn top(&self) -> Result<Top, BodyError> {
        let b = self.b;
        let mut i = self.skip_ws(0);
        if !matches!(b.get(i), Some(b'{')) {
            // Only its type matters: a list is scanned, not built.
            if matches!(b.get(i), Some(b'[')) {
                self.end(self.skim(i, 0, &mut Seen::default())?)?;
                return Ok(Top::NotObject("list"));
            }
            let (v, end) = self.value(i, 0)?;
            self.end(end)?;
            return Ok(match v {
                Value::Null => Top::Null,
                v => Top::NotObject(v.py_type_name()),
            });
        }
        // The body object, member by member, exactly as `value` scans an object at depth 0. A
        // writable field's value goes to its slot (the last one sent stays, as in a `dict`); a
        // key without escapes is compared as it is spelt, and built only when it is another's.
        let mut fields: [Option<Item>; 5] = Default::default();
        let mut others: Vec<(Str, Value)> = Vec::new();
        i = self.skip_ws(i + 1);
        if matches!(b.get(i), Some(b'}')) {
            i += 1;
        } else {
            loop {
                let (end, start) = self.key_end(i, &mut Seen::default())?;
                let spelt = self.text.get(i + 1..end - 1).unwrap_or_default();
                // Its plain run ends at its quote unless it holds an escape (a control character
                // would have failed `key_end`).
                let key = match self.run(i + 1) + 1 == end {
                    false => Some(self.string(i, true, &mut Seen::default())?.0),
                    true => None,
                };
                let name = key
                    .as_ref()
                    .map_or(Some(spelt), |k| k.lone.is_none().then_some(k.text.as_str()));
                let field = name.and_then(writable);
                let (item, end) = self.item(start)?;
                match field.and_then(|f| fields.get_mut(f)) {
                    Some(slot) => *slot = Some(item),
                    None => others.push((key.unwrap_or_else(|| Str::new(spelt)), Value::Null)),
                }
                i = self.skip_ws(end);
                match b.get(i) {
                    Some(b',') => i = self.skip_ws(i + 1),
                    Some(b'}') => {
                        i += 1;
                        break;
                    }
                    _ => return Err(self.err(BodyError::ExpectingComma, i)),
                }
            }
        }
        self.end(i)?;
        // The usual body ignores no key: no iterator to run.
        let others = match others.is_empty() {
            true => Vec::new(),
            false => dedupe(others).into_iter().map(|(k, _)| k).collect(),
        };
        Ok(Top::Object(fields, others))
    }

    /// A member of the body object: a string without escapes kept where it is, other scalars
    /// built, containers only scanned.
    fn item(&self, start: usize) -> Result<(Item, usize), BodyError> {
        let b = self.b;
        let object = match b.get(start) {
            Some(b'{') => true,
            Some(b'[') => false,
            c => {
                let run = match c {
                    Some(b'"') => self.run(start + 1),
                    _ => start,
                };
                if run > start && self.byte(run) == b'"' {
                    return Ok((Item::Text(start, run + 1), run + 1));
                }
                // A string with escapes (or nothing: the error) is `value`'s; the rest `scalar`'s.
                let (v, end) = match c {
                    Some(b'"') | None => self.value(start, 1)?,
                    Some(_) => self.scalar(start)?,
                };
                return Ok((Item::Scalar(v, start, end), end));
            }
        };
        let mut seen = Seen::default();
        let end = self.skim(start, 1, &mut seen)?;
        let span = Span {
            start,
            end,
            object,
            seen,
        };
        Ok((Item::Container(span), end))
    }

    /// `scan_once_unicode` at `start`, `depth` containers deep: one value, built, and the offset
    /// after it.
    fn value(&self, start: usize, depth: usize) -> Result<(Value, usize), BodyError> {
        let b = self.b;
        let seen = &mut Seen::default();
        let mut stack: Vec<Frame> = Vec::new();
        let mut i = start;
        // Each pass of 'value scans one value at `i` (`scan_once_unicode`), then climbs out of the
        // containers it closes. Containers open by pushing a frame, never by recursing.
        'value: loop {
            let mut v = match b.get(i) {
                None => return Err(self.err(BodyError::ExpectingValue, i)),
                Some(b'"') => {
                    let (s, end) = self.string(i, true, seen)?;
                    i = end;
                    Value::Str(s)
                }
                Some(b'{') => {
                    // The server's recursion check comes first, before anything inside.
                    if stack.len() + depth >= MAX_DEPTH {
                        return Err(BodyError::TooDeep);
                    }
                    i = self.skip_ws(i + 1);
                    if matches!(b.get(i), Some(b'}')) {
                        i += 1;
                        Value::Object(Vec::new())
                    } else {
                        let (key, next) = self.key(i, seen)?;
                        stack.push(Frame::Object(Vec::new(), key));
                        i = next;
                        continue 'value;
                    }
                }
                Some(b'[') => {
                    if stack.len() + depth >= MAX_DEPTH {
                        return Err(BodyError::TooDeep);
                    }
                    i = self.skip_ws(i + 1);
                    if matches!(b.get(i), Some(b']')) {
                        i += 1;
                        Value::Array(Vec::new())
                    } else {
                        stack.push(Frame::Array(Vec::new()));
                        continue 'value;
                    }
                }
                Some(_) => {
                    let (v, end) = self.scalar(i)?;
                    i = end;
                    v
                }
            };
            // `v` ends at `i`: hand it to the innermost open container, closing as many as end here.
            loop {
                let Some(mut frame) = stack.pop() else {
                    return Ok((v, i));
                };
                i = self.skip_ws(i);
                let next = self.byte(i);
                match &mut frame {
                    Frame::Array(items) => {
                        items.push(v);
                        if next == b',' {
                            i = self.skip_ws(i + 1);
                            stack.push(frame);
                            continue 'value;
                        }
                        if next != b']' {
                            return Err(self.err(BodyError::ExpectingComma, i));
                        }
                    }
                    Frame::Object(members, key) => {
                        members.push((core::mem::take(key), v));
                        if next == b',' {
                            (*key, i) = self.key(self.skip_ws(i + 1), seen)?;
                            stack.push(frame);
                            continue 'value;
                        }
                        if next != b'}' {
                            return Err(self.err(BodyError::ExpectingComma, i));
                        }
                    }
                }
                i += 1;
                v = frame.into_value();
            }
        }
    }

    /// The constant or number at `i` (neither a string nor a container), built, and where it ends.
    fn scalar(&self, i: usize) -> Result<(Value, usize), BodyError> {
        Ok(match self.constant(i)? {
            Some(end) => (
                match self.byte(i) {
                    b'n' => Value::Null,
                    c => Value::Bool(c == b't'),
                },
                end,
            ),
            None => self.number(i)?,
        })
    }

    /// Where `null`, `true` or `false` at `i` ends (its first byte tells which); `None` for a
    /// number; DRF's error for `NaN` and `±Infinity`.
    fn constant(&self, i: usize) -> Result<Option<usize>, BodyError> {
        let b = self.b;
        Ok(Some(match self.byte(i) {
            b'n' if b.get(i..i + 4) == Some(b"null") => i + 4,
            b't' if b.get(i..i + 4) == Some(b"true") => i + 4,
            b'f' if b.get(i..i + 5) == Some(b"false") => i + 5,
            b'N' if b.get(i..i + 3) == Some(b"NaN") => {
                return Err(BodyError::OutOfRangeConstant(Constant::NaN))
            }
            b'I' if b.get(i..i + 8) == Some(b"Infinity") => {
                return Err(BodyError::OutOfRangeConstant(Constant::Infinity))
            }
            b'-' if b.get(i..i + 9) == Some(b"-Infinity") => {
                return Err(BodyError::OutOfRangeConstant(Constant::NegInfinity))
            }
            _ => return Ok(None),
        }))
    }

    /// [`Scanner::value`] without building anything: the same errors, in the same order, and
    /// what it saw noted in `seen`; returns where the value ends. Which containers are open (1:
    /// an object) is a bit each, on the stack: nothing is allocated, nothing dropped.
    fn skim(&self, start: usize, depth: usize, seen: &mut Seen) -> Result<usize, BodyError> {
        let b = self.b;
        let mut open = [0u64; MAX_DEPTH.div_ceil(64)];
        let mut n = 0; // containers open
        let mut i = start;
        'value: loop {
            match b.get(i) {
                None => return Err(self.err(BodyError::ExpectingValue, i)),
                Some(b'"') => i = self.string_end(i, seen)?,
                Some(&c @ (b'{' | b'[')) => {
                    if n + depth >= MAX_DEPTH {
                        return Err(BodyError::TooDeep);
                    }
                    n += 1;
                    seen.depth = seen.depth.max(n);
                    i = self.skip_ws(i + 1);
                    // `}` is `{` + 2, `]` is `[` + 2.
                    if self.byte(i) == c + 2 {
                        i += 1;
                        n -= 1;
                    } else {
                        let (word, bit) = ((n - 1) / 64, 1u64 << ((n - 1) % 64));
                        if let Some(w) = open.get_mut(word) {
                            *w = if c == b'{' { *w | bit } else { *w & !bit };
                        }
                        if c == b'{' {
                            i = self.key_end(i, seen)?.1;
                        }
                        continue 'value;
                    }
                }
                Some(&c) => {
                    // A digit starts a number: no constant to look for.
                    let constant = match c {
                        b'0'..=b'9' => None,
                        _ => self.constant(i)?,
                    };
                    i = match constant {
                        Some(end) => end,
                        None => self.number_end(i, seen)?,
                    }
                }
            }
            // The value ends at `i`: close as many containers as end here.
            while n > 0 {
                i = self.skip_ws(i);
                let (word, bit) = ((n - 1) / 64, 1u64 << ((n - 1) % 64));
                let object = open.get(word).is_some_and(|w| w & bit != 0);
                if self.byte(i) == b',' {
                    i = self.skip_ws(i + 1);
                    if object {
                        i = self.key_end(i, seen)?.1;
                    }
                    continue 'value;
                }
                if self.byte(i) != if object { b'}' } else { b']' } {
                    return Err(self.err(BodyError::ExpectingComma, i));
                }
                i += 1;
                n -= 1;
            }
            return Ok(i);
        }
    }
    /// A member's key, its `:` and the whitespace after it; returns where the value starts.
    fn key(&self, i: usize, seen: &mut Seen) -> Result<(Str, usize), BodyError> {
        let (_, start) = self.key_end(i, seen)?;
        Ok((self.string(i, true, seen)?.0, start))
    }

    /// [`Scanner::key`] without building the key: where its literal ends and the value starts.
    fn key_end(&self, i: usize, seen: &mut Seen) -> Result<(usize, usize), BodyError> {
        if !matches!(self.b.get(i), Some(b'"')) {
            return Err(self.err(BodyError::ExpectingPropertyName, i));
        }
        let end = self.string_end(i, seen)?;
        let j = self.skip_ws(end);
        if !matches!(self.b.get(j), Some(b':')) {
            return Err(self.err(BodyError::ExpectingColon, j));
        }
        Ok((end, self.skip_ws(j + 1)))
    }

    /// [`Scanner::string`] without building it: the offset after the closing quote. A string
    /// without escapes is one run to its quote, with nothing to drop after.
    fn string_end(&self, quote: usize, seen: &mut Seen) -> Result<usize, BodyError> {
        let i = self.run(quote + 1);
        match self.b.get(i) {
            Some(b'"') => Ok(i + 1),
            _ => self.string(quote, false, seen).map(|(_, end)| end),
        }
    }

    /// Where the plain run of a string's characters from `i` ends: at a quote, a backslash, a
    /// control character or the end.
    #[inline(always)]
    fn run(&self, mut i: usize) -> usize {
        while matches!(self.b.get(i), Some(&c) if !STRING_STOP[usize::from(c)]) {
            i += 1;
        }
        i
    }

    /// `scanstring_unicode` from the opening quote at `quote`; returns the string (empty when not
    /// `build`ing) and the offset after the closing quote.
    fn string(
        &self,
        quote: usize,
        build: bool,
        seen: &mut Seen,
    ) -> Result<(Str, usize), BodyError> {
        let (b, text) = (self.b, self.text);
        let mut i = quote + 1;
        let mut chunk = i;
        // Allocated only once an escape is met; a plain string is one copy of its slice.
        let mut out = String::new();
        let mut lone: Vec<(u32, u16)> = Vec::new();
        loop {
            i = self.run(i);
            match b.get(i) {
                None => return Err(self.err(BodyError::UnterminatedString, quote)),
                Some(b'"') if !build => return Ok((Str::default(), i + 1)),
                Some(b'"') => {
                    let tail = text.get(chunk..i).unwrap_or("");
                    let s = if out.is_empty() && lone.is_empty() {
                        Str::new(tail)
                    } else {
                        out.push_str(tail);
                        Str {
                            text: out,
                            lone: (!lone.is_empty()).then(|| lone.into_boxed_slice()),
                        }
                    };
                    return Ok((s, i + 1));
                }
                Some(b'\\') => {}
                Some(_) => return Err(self.err(BodyError::InvalidControlCharacter, i)),
            }
            if build {
                out.push_str(text.get(chunk..i).unwrap_or(""));
            }
            let backslash = i;
            i += 1;
            match b.get(i) {
                None => return Err(self.err(BodyError::UnterminatedString, quote)),
                Some(b'u') => {
                    // CPython needs the four digits and one more character after them.
                    let c = match self.hex4(i + 1) {
                        Some(c) if i + 5 < b.len() => c,
                        _ => return Err(self.err(BodyError::InvalidUnicodeEscape, i)),
                    };
                    let mut end = i + 5;
                    let mut cp = u32::from(c);
                    // A high surrogate joins a following `\uDC00..\uDFFF` escape, if a character
                    // follows that one too; any other escape after it is scanned on its own.
                    if (0xD800..0xDC00).contains(&c)
                        && end + 6 < b.len()
                        && b.get(end..end + 2) == Some(b"\\u")
                    {
                        let Some(c2) = self.hex4(end + 2) else {
                            return Err(self.err(BodyError::InvalidUnicodeEscape, end + 1));
                        };
                        if (0xDC00..0xE000).contains(&c2) {
                            cp = 0x10000 + ((cp - 0xD800) << 10) + (u32::from(c2) - 0xDC00);
                            end += 6;
                        }
                    }
                    match char::from_u32(cp) {
                        Some(ch) => {
                            seen.nul |= cp == 0;
                            if build {
                                out.push(ch);
                            }
                        }
                        None => {
                            seen.lone = true;
                            // A lone surrogate, which a Rust string cannot hold (see value.rs).
                            if build {
                                lone.push((out.len() as u32, c));
                                out.push('\u{FFFD}');
                            }
                        }
                    }
                    i = end;
                }
                Some(&e) => {
                    let ch = match e {
                        b'"' => '"',
                        b'\\' => '\\',
                        b'/' => '/',
                        b'b' => '\u{8}',
                        b'f' => '\u{c}',
                        b'n' => '\n',
                        b'r' => '\r',
                        b't' => '\t',
                        _ => return Err(self.err(BodyError::InvalidEscape, backslash)),
                    };
                    if build {
                        out.push(ch);
                    }
                    i += 1;
                }
            }
            chunk = i;
        }
    }

    fn hex4(&self, i: usize) -> Option<u16> {
        let d = self.b.get(i..i + 4)?;
        d.iter()
            .try_fold(0u16, |acc, &c| Some(acc << 4 | hex_value(c)?))
    }

    /// `_match_number_unicode` at `start`, lexed: where the number ends, whether it is a float,
    /// and how many digits its integer part has; the server's errors (Python's, and ours past
    /// [`MAX_INT_DIGITS`]).
    fn number_lex(&self, start: usize) -> Result<(usize, bool, usize), BodyError> {
        let b = self.b;
        let mut i = start;
        if matches!(b.get(i), Some(b'-')) {
            i += 1;
        }
        let int_start = i;
        match b.get(i) {
            Some(b'1'..=b'9') => {
                i += 1;
                while is_digit(b.get(i)) {
                    i += 1;
                }
            }
            Some(b'0') => i += 1,
            _ => return Err(self.err(BodyError::ExpectingValue, start)),
        }
        let int_digits = i - int_start;
        let mut is_float = false;
        if matches!(b.get(i), Some(b'.')) && is_digit(b.get(i + 1)) {
            is_float = true;
            i += 2;
            while is_digit(b.get(i)) {
                i += 1;
            }
        }
        if matches!(b.get(i), Some(b'e' | b'E')) {
            // An exponent without digits is not part of the number (`1e` is 1, then extra data).
            let mut j = i + 1;
            if matches!(b.get(j), Some(b'+' | b'-')) {
                j += 1;
            }
            let digits = j;
            while is_digit(b.get(j)) {
                j += 1;
            }
            if j > digits {
                is_float = true;
                i = j;
            }
        }
        if !is_float && int_digits > MAX_INT_DIGITS {
            return Err(BodyError::IntTooLong { digits: int_digits });
        }
        Ok((i, is_float, int_digits))
    }

    /// [`Scanner::number`] without building it: where it ends, and what JS or Python would read
    /// differently noted in `seen`.
    fn number_end(&self, start: usize, seen: &mut Seen) -> Result<usize, BodyError> {
        let (end, is_float, int_digits) = self.number_lex(start)?;
        if is_float {
            // Without an exponent a float overflows only past 308 integer digits.
            let literal = self.text.get(start..end).unwrap_or("");
            if int_digits > 308 || literal.bytes().any(|c| c | 0x20 == b'e') {
                seen.non_finite |= float_overflows(literal);
            }
        } else {
            // JS's JSON.parse reads `-0` as -0 and rounds integers past 2^53.
            if int_digits > 15 || matches!(self.b.get(start..end), Some([b'-', b'0'])) {
                seen.dirty_end = end;
            }
        }
        Ok(end)
    }

    /// The number literal from `start`, as Python's `json` reads it (or PostgreSQL's `numeric`,
    /// when the scanner is `numeric`), and where it ends.
    #[inline(never)] // `scalar` stays small for the usual `true`, `false` and `null`
    fn number(&self, start: usize) -> Result<(Value, usize), BodyError> {
        let (i, is_float, _) = self.number_lex(start)?;
        let literal = self.text.get(start..i).unwrap_or("");
        let value = if is_float && self.numeric {
            stored_number(literal)
        } else if is_float {
            // Rust's parse rounds correctly, as Python's float() does; overflow gives inf.
            Value::Float(crate::platform::parse_f64(literal))
        } else if literal == "-0" {
            Value::Int("0".into())
        } else {
            Value::Int(literal.into())
        };
        Ok((value, i))
    }
}

/// A float literal as PostgreSQL's `numeric` keeps it and Python reads its text back: scale =
/// fraction digits − exponent (at least 0); scale 0 prints without a point, so Python makes an int.
fn stored_number(literal: &str) -> Value {
    let float = || {
        let f = crate::platform::parse_f64(literal);
        Value::Float(if f == 0.0 { 0.0 } else { f })
    };
    let (mantissa, exp) = match literal.split_once(['e', 'E']) {
        Some((m, e)) => (m, e.parse::<i64>().unwrap_or(i64::MAX)),
        None => (literal, 0),
    };
    let negative = mantissa.starts_with('-');
    let (int_part, frac) = mantissa
        .trim_start_matches('-')
        .split_once('.')
        .unwrap_or((mantissa, ""));
    let zeros = exp.saturating_sub(frac.len() as i64);
    if zeros < 0 || zeros > MAX_INT_DIGITS as i64 {
        return float();
    }
    // The digits in one allocation of their exact size, no temporaries: 1e308 is 309 digits,
    // and a stored invitation may hold many such (each temporary stays in the call's arena).
    let int = int_part.trim_start_matches('-');
    let lead = int
        .bytes()
        .chain(frac.bytes())
        .take_while(|&b| b == b'0')
        .count();
    let (int, frac) = match int.get(lead..) {
        Some(rest) => (rest, frac),
        None => ("", frac.get(lead - int.len()..).unwrap_or_default()),
    };
    if int.is_empty() && frac.is_empty() {
        return Value::Int("0".into());
    }
    let mut zeros = zeros as usize;
    let mut digits = String::with_capacity(usize::from(negative) + int.len() + frac.len() + zeros);
    if negative {
        digits.push('-');
    }
    digits.push_str(int);
    digits.push_str(frac);
    const ZEROS: &str = "0000000000000000000000000000000000000000000000000000000000000000";
    while zeros > 0 {
        let n = zeros.min(ZEROS.len());
        digits.push_str(ZEROS.get(..n).unwrap_or_default());
        zeros -= n;
    }
    Value::Int(digits.into_boxed_str())
}

/// Where `key` is in [`crate::WRITABLE`]: a `match`, which compares lengths first and has no
/// iterator to call at opt-level z.
fn writable(key: &str) -> Option<usize> {
    Some(match key {
        "name" => 0,
        "expires" => 1,
        "fixed_data" => 2,
        "single_use" => 3,
        "flow" => 4,
        _ => return None,
    })
}

/// Up to this many members, comparing an object's keys pairwise is cheaper than sorting them.
const SMALL_OBJECT: usize = 16;

/// Python's `dict` from pairs: a repeated key keeps its first position and takes the last value.
/// Keys compare by code points, which `Str`'s equality gives (lone surrogates included).
#[inline(always)]
fn dedupe<V: Default>(members: Vec<(Str, V)>) -> Vec<(Str, V)> {
    // The usual body ignores one key or none: nothing to compare, and no code to compile.
    match members.len() {
        0 | 1 => members,
        _ => dedupe_some(members),
    }
}

#[inline(never)]
fn dedupe_some<V: Default>(mut members: Vec<(Str, V)>) -> Vec<(Str, V)> {
    let n = members.len();
    // (first occurrence, later occurrence) for every repeated key.
    let mut dups: Vec<(usize, usize)> = Vec::new();
    if n <= SMALL_OBJECT {
        for (j, (key, _)) in members.iter().enumerate().skip(1) {
            if let Some(first) = members.iter().take(j).position(|(k, _)| k == key) {
                dups.push((first, j));
            }
        }
    } else {
        // A stable sort of indices by key groups equal keys in index order: O(n log n), and no
        // hashing a client could aim collisions at.
        let key = |i: usize| members.get(i).map(|m| (&m.0.text, &m.0.lone));
        let order = crate::platform::sorted_indices(n, &|x, y| key(x) < key(y));
        let mut first_of = vec![usize::MAX; n];
        let mut group_first = order.first().copied().unwrap_or(0);
        for pair in order.windows(2) {
            if let [x, y] = *pair {
                if key(x) == key(y) {
                    if let Some(slot) = first_of.get_mut(y) {
                        *slot = group_first;
                    }
                } else {
                    group_first = y;
                }
            }
        }
        // Later occurrences in body order, so that the last one assigned is the last one sent.
        dups.extend(
            first_of
                .into_iter()
                .enumerate()
                .filter(|&(_, f)| f != usize::MAX)
                .map(|(later, f)| (f, later)),
        );
    }
    if dups.is_empty() {
        return members;
    }
    let mut keep = vec![true; n];
    for &(first, later) in &dups {
        if let Some(flag) = keep.get_mut(later) {
            *flag = false;
        }
        let value = members.get_mut(later).map(|m| core::mem::take(&mut m.1));
        if let (Some(value), Some(slot)) = (value, members.get_mut(first)) {
            slot.1 = value;
        }
    }
    let mut flags = keep.into_iter();
    members.retain(|_| flags.next().unwrap_or(true));
    members
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::value::to_json;
    use core::fmt::Write as _;

    fn ok(body: &[u8]) -> String {
        match parse(body) {
            Ok(v) => to_json(&v),
            Err(e) => panic!("{:?}: {}", String::from_utf8_lossy(body), e.detail()),
        }
    }

    fn err(body: &[u8]) -> String {
        match parse(body) {
            Ok(v) => panic!(
                "{:?} parsed as {}",
                String::from_utf8_lossy(body),
                to_json(&v)
            ),
            Err(e) => e.detail(),
        }
    }

    const TOO_DEEP: &str = "Request body nests deeper than 1401 levels; authentik 2024.6 fails on such bodies with a 500 (RecursionError) from about 1485 levels, so this module refuses them.";

    // Expected strings below are the reference's answers (DRF 3.14 JSONParser on CPython 3.11,
    // tests/reference/json_oracle.py).

    fn member_span(body: &str) -> (String, Span) {
        match scan_top(body.as_bytes()) {
            Ok((text, Top::Object(fields, _))) => match fields.into_iter().flatten().next() {
                Some(Item::Container(span)) => (text.to_owned(), span),
                other => panic!("{other:?}"),
            },
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn tokens_walk_the_container_and_stop_where_it_closes() {
        let (text, span) = member_span(
            r#"{"fixed_data":{"a":[1,{"b": -0, "x":[true,null,"s\"]"]}],"c":-1e5 } , "z":[2]}"#,
        );
        let mut seen = Vec::new();
        span.tokens(&text, |tok, a, z| {
            seen.push(match tok {
                Tok::End => "END".to_owned(),
                _ => text[a..z].to_owned(),
            });
            z
        });
        assert_eq!(
            seen.join(" "),
            r#"{ "a" : [ 1 , { "b" : -0 , "x" : [ true , null , "s\"]" ] } ] , "c" : -1e5 }"#
        );
        assert_eq!(
            Span::string_at(&text, text.find("\"s").unwrap_or(0)).text,
            "s\"]"
        );
    }

    #[test]
    fn float_overflow_is_decided_as_python_reads_the_float() {
        let mut literals: Vec<String> = [
            "1e308",
            "1.7976931348623157e308",
            "1.7976931348623158e308",
            "1.7976931348623159e308",
            "1.8e308",
            "17.9e307",
            "0.0179e310",
            "-1e309",
            "1e-400",
            "0e999999",
            "0.000e400",
            "100e306",
            "1000e306",
            "1E+308",
            "1e99999999999999999999",
            "1e-99999999999999999999",
            "0.00001e313",
            "-0.0",
            "1.5e300",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        for exp in 300..312 {
            for m in [
                "1",
                "9.99",
                "0.1",
                "17976931348623157",
                "0.000179769313486232",
            ] {
                literals.push(format!("{m}e{exp}"));
            }
        }
        for l in literals {
            assert_eq!(
                float_overflows(&l),
                crate::platform::parse_f64(&l).is_infinite(),
                "{l}"
            );
        }
    }

    #[test]
    fn truncated_utf8_tail_is_dropped() {
        assert_eq!(ok(b"{\"a\":1}\xe2\x82"), r#"{"a":1}"#);
        assert_eq!(
            err(b"[\"a\"\xf0\x9f\x98"),
            "JSON parse error - Expecting ',' delimiter: line 1 column 5 (char 4)"
        );
    }

    #[test]
    fn truncated_surrogate_bytes_at_the_end_are_dropped_but_whole_ones_are_refused() {
        assert_eq!(ok(b"1\xed\xa0"), "1");
        assert_eq!(
            err(b"1\xed\xa0\x80"),
            "JSON parse error - 'utf-8' codec can't decode byte 0xed in position 1: invalid continuation byte"
        );
    }

    #[test]
    fn invalid_utf8_gets_python_messages_with_byte_positions() {
        let cases: [(&[u8], &str); 7] = [
            (
                b"{\"\xc3\xa9\":\xff}",
                "byte 0xff in position 6: invalid start byte",
            ),
            (
                b"1\xf0\x9f\x98x",
                "bytes in position 1-3: invalid continuation byte",
            ),
            (
                b"\"\xe2\x82x\"",
                "bytes in position 1-2: invalid continuation byte",
            ),
            (
                b"1\xe0\x80",
                "byte 0xe0 in position 1: invalid continuation byte",
            ),
            (b"\x80", "byte 0x80 in position 0: invalid start byte"),
            (b"\xc0\xaf", "byte 0xc0 in position 0: invalid start byte"),
            // Decoding precedes parsing, so a later bad byte beats an earlier syntax error.
            (b"x\xff", "byte 0xff in position 1: invalid start byte"),
        ];
        for (body, tail) in cases {
            assert_eq!(
                err(body),
                format!("JSON parse error - 'utf-8' codec can't decode {tail}")
            );
        }
    }

    #[test]
    fn utf8_bom_is_refused() {
        assert_eq!(
            err(b"\xef\xbb\xbf{}"),
            "JSON parse error - Unexpected UTF-8 BOM (decode using utf-8-sig): line 1 column 1 (char 0)"
        );
    }

    #[test]
    fn positions_count_characters_lines_and_columns() {
        assert_eq!(
            err("[\"é€\",\n  x]".as_bytes()),
            "JSON parse error - Expecting value: line 2 column 3 (char 9)"
        );
        assert_eq!(
            err(b"{\"a\":1,\n\"b\"\n2}"),
            "JSON parse error - Expecting ':' delimiter: line 3 column 1 (char 12)"
        );
    }

    #[test]
    fn syntax_errors_get_the_c_scanner_messages() {
        let cases: [(&[u8], &str); 16] = [
            (b"", "Expecting value: line 1 column 1 (char 0)"),
            (b" ", "Expecting value: line 1 column 2 (char 1)"),
            (
                b"{",
                "Expecting property name enclosed in double quotes: line 1 column 2 (char 1)",
            ),
            (
                b"{\"a\" 1}",
                "Expecting ':' delimiter: line 1 column 6 (char 5)",
            ),
            (
                b"[1 2]",
                "Expecting ',' delimiter: line 1 column 4 (char 3)",
            ),
            (b"[1", "Expecting ',' delimiter: line 1 column 3 (char 2)"),
            (
                b"{\"a\":1 \"b\":2}",
                "Expecting ',' delimiter: line 1 column 8 (char 7)",
            ),
            (b"{} x", "Extra data: line 1 column 4 (char 3)"),
            (
                b"\"abc",
                "Unterminated string starting at: line 1 column 1 (char 0)",
            ),
            (
                b"[\"a\nb\"]",
                "Invalid control character at: line 1 column 4 (char 3)",
            ),
            (b"\"\\x\"", "Invalid \\escape: line 1 column 2 (char 1)"),
            (
                b"\"\\u12G4\"",
                "Invalid \\uXXXX escape: line 1 column 3 (char 2)",
            ),
            (b"-Inf", "Expecting value: line 1 column 1 (char 0)"),
            (b"nan", "Expecting value: line 1 column 1 (char 0)"),
            (b"01", "Extra data: line 1 column 2 (char 1)"),
            (
                b"[1.x, NaN]",
                "Expecting ',' delimiter: line 1 column 3 (char 2)",
            ),
        ];
        for (body, tail) in cases {
            assert_eq!(err(body), format!("JSON parse error - {tail}"));
        }
    }

    #[test]
    fn trailing_commas_are_expecting_value_or_property_name() {
        // 3.13 says "Illegal trailing comma"; 3.12 has no such message.
        assert_eq!(
            err(b"[1,]"),
            "JSON parse error - Expecting value: line 1 column 4 (char 3)"
        );
        assert_eq!(
            err(b"{\"a\":1,}"),
            "JSON parse error - Expecting property name enclosed in double quotes: line 1 column 8 (char 7)"
        );
    }

    #[test]
    fn whitespace_is_only_space_tab_newline_and_return() {
        assert_eq!(
            err(b"\x0c{}"),
            "JSON parse error - Expecting value: line 1 column 1 (char 0)"
        );
        assert_eq!(
            err("\u{a0}1".as_bytes()),
            "JSON parse error - Expecting value: line 1 column 1 (char 0)"
        );
        assert_eq!(ok(b" \t\r\n{}\n"), "{}");
    }

    #[test]
    fn unicode_escape_needs_a_character_after_its_digits() {
        assert_eq!(
            err(b"\"\\u1234"),
            "JSON parse error - Invalid \\uXXXX escape: line 1 column 3 (char 2)"
        );
        // Without a character after the second escape the pair is not joined, and that escape fails.
        assert_eq!(
            err(b"\"\\ud83d\\ude00"),
            "JSON parse error - Invalid \\uXXXX escape: line 1 column 9 (char 8)"
        );
        assert_eq!(
            err(b"\"\\ud83d\\uzzzz\""),
            "JSON parse error - Invalid \\uXXXX escape: line 1 column 9 (char 8)"
        );
    }

    #[test]
    fn surrogate_pairs_join_and_lone_surrogates_stay() {
        assert_eq!(ok(b"\"\\ud83d\\ude00\""), "\"\u{1F600}\"");
        assert_eq!(ok(b"\"\\ud83d\\u0041\""), r#""\ud83dA""#);
        assert_eq!(ok(b"\"\\ud800\\ud800\\udc00\""), "\"\\ud800\u{10000}\"");
        let Ok(Value::Str(s)) = &parse(b"\"a\\ud800b\"") else {
            panic!("not a string")
        };
        assert_eq!(s.text, "a\u{FFFD}b");
        assert_eq!(s.lone.as_deref(), Some(&[(1, 0xd800)][..]));
        assert_eq!(ok(b"\"\\u0000\\/\""), r#""\u0000/""#);
    }

    #[test]
    fn nonfinite_constants_are_refused_in_scan_order() {
        let msg = "JSON parse error - Out of range float values are not JSON compliant: ";
        assert_eq!(err(b"NaN"), format!("{msg}'NaN'"));
        assert_eq!(err(b"[Infinity]"), format!("{msg}'Infinity'"));
        assert_eq!(err(b"{\"a\":-Infinity}"), format!("{msg}'-Infinity'"));
        assert_eq!(err(b"[NaN, 1.x]"), format!("{msg}'NaN'"));
    }

    #[test]
    fn integers_over_4300_digits_are_refused_but_floats_are_not() {
        let digits = "7".repeat(4300);
        assert_eq!(ok(digits.as_bytes()), digits);
        assert_eq!(ok(format!("-{digits}").as_bytes()), format!("-{digits}"));
        let msg = "JSON parse error - Exceeds the limit (4300 digits) for integer string conversion: value has 4301 digits; use sys.set_int_max_str_digits() to increase the limit";
        assert_eq!(err(format!("{digits}1").as_bytes()), msg);
        assert_eq!(err(format!("[-{digits}1, x]").as_bytes()), msg);
        assert_eq!(
            ok(format!("{digits}7.5e-4290").as_bytes()),
            "77777777777.77777"
        );
    }

    #[test]
    fn stored_numbers_read_back_as_postgresql_numeric() {
        let v =
            parse_stored(b"[1e+20, 1.5e2, 1.50e1, 1.0, -0.0, 0e5, 1e-7, 2.50, -12e0, 7, 0.05e3, -0.0e9, -0.001e5]").unwrap();
        assert_eq!(
            crate::value::to_json(&v),
            "[100000000000000000000,150,15.0,1.0,0.0,0,1e-07,2.5,-12,7,50,0,-100]"
        );
    }

    #[test]
    fn numbers_parse_like_python() {
        assert!(matches!(parse(b"1e400"), Ok(Value::Float(f)) if f == f64::INFINITY));
        assert_eq!(parse(b"-0"), Ok(Value::Int("0".into())));
        assert!(matches!(parse(b"-0.0"), Ok(Value::Float(f)) if f == 0.0 && f.is_sign_negative()));
        assert_eq!(ok(b"1E+2"), "100.0");
        assert_eq!(
            ok(b"[0.1, 5e-324, 123456789012345678901234567890]"),
            "[0.1,5e-324,123456789012345678901234567890]"
        );
    }

    #[test]
    fn exponent_or_fraction_without_digits_ends_the_number() {
        assert_eq!(
            err(b"1e"),
            "JSON parse error - Extra data: line 1 column 2 (char 1)"
        );
        assert_eq!(
            err(b"[1.]"),
            "JSON parse error - Expecting ',' delimiter: line 1 column 3 (char 2)"
        );
    }

    #[test]
    fn writable_finds_each_field_where_writable_lists_it() {
        for (i, field) in crate::WRITABLE.iter().enumerate() {
            assert_eq!(writable(field), Some(i));
        }
        assert_eq!(writable("flow_obj"), None);
        assert_eq!(writable("Name"), None);
    }

    #[test]
    fn duplicate_keys_keep_the_first_position_and_the_last_value() {
        assert_eq!(ok(br#"{"b":1,"a":2,"b":3}"#), r#"{"b":3,"a":2}"#);
        // Past the small-object scan too.
        let mut body = String::from("{");
        for i in 0..40 {
            let _ = write!(body, "\"k{}\":{i},", i % 7);
        }
        body.push_str("\"k3\":\"last\"}");
        assert_eq!(
            ok(body.as_bytes()),
            r#"{"k0":35,"k1":36,"k2":37,"k3":"last","k4":39,"k5":33,"k6":34}"#
        );
    }

    #[test]
    fn lone_surrogate_keys_differ_from_u_fffd() {
        assert_eq!(
            ok(br#"{"\ud800":1,"\ufffd":2,"\ud800":3}"#),
            "{\"\\ud800\":3,\"\u{FFFD}\":2}"
        );
    }

    #[test]
    fn nesting_of_1401_levels_parses_and_1402_is_refused() {
        let deep = |n: usize| format!("{}{}", "[".repeat(n), "]".repeat(n));
        assert_eq!(
            parse(deep(MAX_DEPTH).as_bytes()).map(|v| v.depth()),
            Ok(MAX_DEPTH)
        );
        assert_eq!(err(deep(MAX_DEPTH + 1).as_bytes()), TOO_DEEP);
        let objects = format!(
            "{}1{}",
            "{\"a\":".repeat(MAX_DEPTH + 1),
            "}".repeat(MAX_DEPTH + 1)
        );
        assert_eq!(err(objects.as_bytes()), TOO_DEEP);
    }

    #[test]
    fn errors_before_level_1402_win_over_the_depth_limit() {
        let body = format!("{}\"\\q\"{}", "[".repeat(MAX_DEPTH), "[".repeat(10));
        assert_eq!(
            err(body.as_bytes()),
            "JSON parse error - Invalid \\escape: line 1 column 1403 (char 1402)"
        );
        let body = format!("{}NaN", "[".repeat(MAX_DEPTH));
        assert!(err(body.as_bytes()).ends_with("'NaN'"));
    }

    #[test]
    fn very_deep_and_very_big_bodies_do_not_exhaust_the_stack() {
        assert_eq!(err("[".repeat(100_000).as_bytes()), TOO_DEEP);
        let mut body = String::with_capacity(10_500_000);
        body.push('[');
        while body.len() < 10_000_000 {
            body.push_str("\"abcdefghij\\n\u{e9}\",{\"k\":[1.5,-2,null]},");
        }
        body.push_str("0]");
        assert!(
            matches!(&parse(body.as_bytes()), Ok(Value::Array(items)) if items.len() > 300_000)
        );
    }

    #[test]
    fn an_object_of_100000_keys_dedupes_quickly() {
        let mut body = String::from("{");
        for i in 0..100_000 {
            let _ = write!(body, "\"key{}\":{i},", i % 50_000);
        }
        body.push_str("\"end\":0}");
        let Ok(Value::Object(members)) = &parse(body.as_bytes()) else {
            panic!("not an object")
        };
        assert_eq!(members.len(), 50_001);
        assert_eq!(
            members.first().map(|(k, v)| (k.text.as_str(), v)),
            Some(("key0", &Value::Int("50000".into())))
        );
    }

    /// Random JSON texts of lists, objects (keys drawn from a few, some escaped, so they repeat)
    /// and scalars of every kind, from a seed.
    fn random_json(seed: &mut u64, depth: usize, out: &mut String) {
        fn next(seed: &mut u64, n: u64) -> u64 {
            *seed = seed
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            (*seed >> 33) % n
        }
        let pick = if depth > 4 {
            2 + next(seed, 12)
        } else {
            next(seed, 14)
        };
        match pick {
            0 | 1 => {
                let object = pick == 1;
                out.push(if object { '{' } else { '[' });
                for i in 0..next(seed, 4) {
                    if i > 0 {
                        out.push_str(if next(seed, 2) == 0 { "," } else { " , " });
                    }
                    if object {
                        let keys = [
                            "\"a\"",
                            "\"b\"",
                            "\"\\u0061\"",
                            "\"\\ud800\"",
                            "\"\u{fffd}\"",
                            "\"it's\"",
                        ];
                        out.push_str(keys[next(seed, 6) as usize]);
                        out.push(':');
                    }
                    let mut s = *seed ^ i;
                    random_json(&mut s, depth + 1, out);
                    *seed = seed.wrapping_add(s);
                }
                out.push(if object { '}' } else { ']' });
            }
            _ => {
                let scalars = [
                    "1",
                    "-0",
                    "-0.0",
                    "1e2",
                    "1.5e300",
                    "1e400",
                    "123456789012345678901234567890",
                    "true",
                    "false",
                    "null",
                    "\"x\\\"'\\n\\u0000\u{e9}\u{ad}\"",
                    "\"\\ud83d\\ude00\"",
                    "\"\\udc00\"",
                    "1.0",
                    // Without escapes: printed from the text (quotes chosen, U+00AD and U+2028 escaped).
                    "\"it's {\"",
                    "\"\u{e9}\u{ad}\u{2028}'\"",
                ];
                out.push_str(scalars[next(seed, scalars.len() as u64) as usize]);
            }
        }
    }

    #[test]
    fn printing_and_comparing_from_the_text_agree_with_the_built_value() {
        let mut seed = 7;
        for round in 0..20_000 {
            let mut text = String::new();
            random_json(&mut seed, 0, &mut text);
            let body = format!("{{\"flow\":{text}}}");
            let Ok((_, Top::Object(fields, _))) = scan_top(body.as_bytes()) else {
                panic!("{text}")
            };
            let Some(Item::Container(span)) = fields.into_iter().flatten().next() else {
                continue;
            };
            let built = span.build(&body);
            let mut want = String::new();
            crate::value::py_str(&built, &mut want);
            assert_eq!(
                span.py_str(&body, 400).as_deref(),
                Some(want.as_str()),
                "{text}"
            );
            // Against itself, and against the value of an earlier text.
            assert!(span.same_json(&body, &built), "{text}");
            let stored = parse_stored(text.as_bytes()).unwrap_or_default();
            assert_eq!(
                span.same_json(&body, &stored),
                crate::value::same_json(&built, &stored),
                "{round} {text}"
            );
            // Respelt (Python-equal), and changed once (not), anywhere in the nesting.
            for respelt in [
                text.replace("1.0", "1").replace("\"\\u0061\"", "\"a\""),
                text.replacen("true", "false", 1),
                text.replacen("null", "[null]", 1),
            ] {
                let v = parse(respelt.as_bytes()).unwrap_or_default();
                assert_eq!(
                    span.same_json(&body, &v),
                    crate::value::same_json(&built, &v),
                    "{text} vs {respelt}"
                );
            }
            let mut other = String::new();
            let mut s2 = seed / 3;
            random_json(&mut s2, 0, &mut other);
            if let Ok(v) = parse(other.as_bytes()) {
                assert_eq!(
                    span.same_json(&body, &v),
                    crate::value::same_json(&built, &v),
                    "{text} vs {other}"
                );
            }
        }
        // Lists in lists past the limit, and not when an object intervenes.
        let deep = |n: usize| format!("{{\"flow\":{}{}}}", "[".repeat(n), "]".repeat(n));
        let span = |body: &str| match scan_top(body.as_bytes()) {
            Ok((_, Top::Object(m, _))) => match m.into_iter().flatten().next() {
                Some(Item::Container(s)) => s,
                _ => panic!(),
            },
            _ => panic!(),
        };
        assert!(span(&deep(400)).py_str(&deep(400), 400).is_some());
        assert!(span(&deep(401)).py_str(&deep(401), 400).is_none());
        let boxed = format!(
            "{{\"flow\":[{{\"a\":{}{}}}]}}",
            "[".repeat(600),
            "]".repeat(600)
        );
        assert!(span(&boxed).py_str(&boxed, 400).is_some());
    }

    fn answer(body: &[u8]) -> String {
        match parse(body) {
            Ok(v) => format!("ok:{}", to_json(&v)),
            Err(e) => format!("err:{}", e.detail()),
        }
    }

    fn unhex(h: &str) -> Vec<u8> {
        (0..h.len() / 2)
            .filter_map(|i| {
                h.get(2 * i..2 * i + 2)
                    .and_then(|d| u8::from_str_radix(d, 16).ok())
            })
            .collect()
    }

    /// `v` with each float replaced by the string `<float XXXXXXXXXXXXXXXX>` holding its bits.
    fn floats_as_bits(v: &Value) -> Value {
        match v {
            Value::Float(f) => Value::Str(Str::new(format!("<float {:016x}>", f.to_bits()))),
            Value::Array(items) => Value::Array(items.iter().map(floats_as_bits).collect()),
            Value::Object(members) => Value::Object(
                members
                    .iter()
                    .map(|(k, v)| (k.clone(), floats_as_bits(v)))
                    .collect(),
            ),
            other => other.clone(),
        }
    }

    /// Compares with the answers tests/reference/json_oracle.py got from the real parser; runs
    /// only when `BODY_JSON_ORACLE` names its output. A case whose floats parse to the same bits
    /// but print differently is a `py_float_repr` difference (value.rs), counted apart.
    #[test]
    fn oracle_cases_match_python() {
        let Ok(path) = std::env::var("BODY_JSON_ORACLE") else {
            return;
        };
        let text = std::fs::read_to_string(&path).expect("oracle file");
        let (mut total, mut bad, mut repr_only) = (0, 0, 0);
        for line in text.lines() {
            let case: serde_json::Value = serde_json::from_str(line).expect("oracle line");
            let body = unhex(case["hex"].as_str().unwrap_or(""));
            let want = case["expect"].as_str().unwrap_or("");
            let got = answer(&body);
            total += 1;
            if got == want {
                continue;
            }
            let shown: String = String::from_utf8_lossy(&body).chars().take(200).collect();
            if let (Some(want_bits), Ok(v)) = (case["expect_bits"].as_str(), parse(&body)) {
                if format!("ok:{}", to_json(&floats_as_bits(&v))) == want_bits {
                    repr_only += 1;
                    eprintln!("REPR ONLY {shown:?}\n  python: {want:.300}\n  rust:   {got:.300}");
                    continue;
                }
            }
            bad += 1;
            if bad <= 30 {
                eprintln!("MISMATCH {shown:?}\n  python: {want:.300}\n  rust:   {got:.300}");
            }
        }
        eprintln!(
            "oracle: {total} cases, {bad} differences, {repr_only} with equal floats printed differently"
        );
        assert_eq!(bad, 0);
    }
}
