//! `flow`: DRF `PrimaryKeyRelatedField(queryset=Flow.objects.all(), allow_null=True)` over a
//! UUID primary key, so Django's `UUIDField.to_python` and Python's `uuid.UUID` decide.

use super::{Failure, MAX_LIST_DEPTH, TOO_DEEP};
use crate::body::Span;
use crate::messages::Msg;
#[allow(unused_imports)]
use crate::prelude::*;
use crate::unicode::{decimal, is_space};
use crate::value::{py_str, Value};

/// Ours: the server fails with a 500 when its error message would echo a lone surrogate.
pub const SURROGATE: &str = "Value is not a valid UUID and holds a lone surrogate; authentik 2024.6 fails on such values with a 500 (its JSON renderer cannot encode the error message), so this module refuses them.";

/// Django's `UUIDField` message for `value`, as `str(value)` shows it.
pub fn not_a_uuid(value: &Value) -> Msg {
    let mut m = String::new();
    py_str(value, &mut m);
    Msg::NotUuid(m)
}

/// [`validate`] for a list or object judged from its scan, unbuilt: never a UUID, so Django's
/// message with `str(value)` printed from its text, or the server's RecursionError for lists
/// nested past [`MAX_LIST_DEPTH`].
pub fn not_a_uuid_span(span: &Span, text: &str) -> Failure {
    match span.py_str(text, MAX_LIST_DEPTH) {
        Some(m) => Failure::one(Msg::NotUuid(m)),
        None => Failure::Crash(TOO_DEEP),
    }
}

/// DRF's `does_not_exist` message for `value`, as `str(value)` shows it.
pub fn does_not_exist(value: &Value) -> Msg {
    let mut m = String::new();
    py_str(value, &mut m);
    Msg::DoesNotExist(m)
}

/// Validates a present `flow` and returns the UUID to look up, or `None` to clear it.
/// Existence is the caller's to check, with [`does_not_exist`].
pub fn validate(value: &Value) -> Result<Option<u128>, Failure> {
    match value {
        // The lookup recurses into lists in Python, a RecursionError for deep ones.
        Value::Array(_) if list_depth(value) > MAX_LIST_DEPTH => Err(Failure::Crash(TOO_DEEP)),
        _ => validate_scalar(value),
    }
}

/// [`validate`] but for lists past [`MAX_LIST_DEPTH`]: what a body's scalar needs (its lists and
/// objects go to [`not_a_uuid_span`]).
pub(crate) fn validate_scalar(value: &Value) -> Result<Option<u128>, Failure> {
    match value {
        Value::Null => Ok(None),
        // PrimaryKeyRelatedField raises TypeError for bools itself.
        Value::Bool(_) => Err(Failure::one(Msg::IncorrectType("bool"))),
        // UUIDField.to_python: uuid.UUID(int=n) for ints, which needs 0 <= n < 2**128.
        Value::Int(digits) => digits
            .parse::<u128>()
            .map(Some)
            .map_err(|_| Failure::Invalid(vec![not_a_uuid(value)])),
        Value::Str(s) if s.lone.is_none() => validate_str(&s.text),
        // The 400 body would echo the surrogate, and rendering it fails.
        Value::Str(_) => Err(Failure::Crash(SURROGATE)),
        // uuid.UUID(hex=value) calls value.replace: an AttributeError for floats, lists and dicts.
        Value::Float(_) | Value::Array(_) | Value::Object(_) => {
            Err(Failure::Invalid(vec![not_a_uuid(value)]))
        }
    }
}

/// [`validate`] for a string without lone surrogates.
pub fn validate_str(s: &str) -> Result<Option<u128>, Failure> {
    // RelatedField.run_validation turns "" into None before anything else.
    if s.is_empty() {
        return Ok(None);
    }
    // Django's message shows `str(value)`: the string itself.
    from_hex(s)
        .map(Some)
        .ok_or_else(|| Failure::one(Msg::NotUuid(s.into())))
}

/// How deep lists nest in lists from the top: Django's `Query.resolve_lookup_value` recurses
/// into lists and tuples only, so `[{"a": [[…]]}]` counts 1. Iterative: any depth is safe.
fn list_depth(value: &Value) -> usize {
    let mut deepest = 0;
    let mut stack = vec![(value, 1usize)];
    while let Some((v, d)) = stack.pop() {
        if let Value::Array(items) = v {
            deepest = deepest.max(d);
            stack.extend(items.iter().map(|i| (i, d + 1)));
        }
    }
    deepest
}

/// Python's `uuid.UUID(hex=s).int`, quirks included.
pub fn from_hex(s: &str) -> Option<u128> {
    canonical(s).or_else(|| spelt_otherwise(s))
}

/// [`from_hex`] for any spelling but the canonical one: apart, so that the usual call compiles
/// and runs only [`canonical`].
#[inline(never)]
fn spelt_otherwise(s: &str) -> Option<u128> {
    // hex.replace('urn:', '').replace('uuid:', '').strip('{}').replace('-', '')
    let s = remove_all(&remove_all(s, "urn:"), "uuid:");
    let s: String = s
        .trim_matches(|c| c == '{' || c == '}')
        .chars()
        .filter(|&c| c != '-')
        .collect();
    if crate::text::char_count(&s) != 32 {
        return None;
    }
    python_int_base16(&s)
}

/// The common spelling, `8-4-4-4-12` hex digits, without the general path's copies.
fn canonical(s: &str) -> Option<u128> {
    let b = s.as_bytes();
    if b.len() != 36 {
        return None;
    }
    let mut n = 0u128;
    for (i, &c) in b.iter().enumerate() {
        if matches!(i, 8 | 13 | 18 | 23) {
            if c != b'-' {
                return None;
            }
            continue;
        }
        let d = match c {
            b'0'..=b'9' => c - b'0',
            b'a'..=b'f' => c - b'a' + 10,
            b'A'..=b'F' => c - b'A' + 10,
            _ => return None,
        };
        n = n << 4 | u128::from(d);
    }
    Some(n)
}

/// `str.replace(pattern, "")`, left to right, without core's general substring searcher.
fn remove_all(s: &str, pattern: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while !rest.is_empty() {
        if let Some(after) = rest.strip_prefix(pattern) {
            rest = after;
        } else if let Some(c) = rest.chars().next() {
            out.push(c);
            rest = rest.get(c.len_utf8()..).unwrap_or_default();
        }
    }
    out
}

/// Python's `int(s, 16)`: surrounding Unicode whitespace, an optional `+` (a `-` cannot survive
/// the hyphen removal), an optional `0x`, single `_` between digits (and after the prefix), and
/// Unicode decimal digits read as 0-9.
fn python_int_base16(s: &str) -> Option<u128> {
    // CPython first maps non-ASCII decimal digits to ASCII and non-ASCII whitespace to spaces,
    // keeping ASCII as is (_PyUnicode_TransformDecimalAndSpaceToASCII), then parses the result
    // (PyLong_FromString), which skips only ASCII whitespace: "\x1c" is isspace() but not skipped.
    let ascii = s.chars().map(|c| {
        let cp = c as u32;
        if cp < 127 {
            c
        } else if is_space(cp) {
            ' '
        } else if let Some(d) = decimal(cp) {
            char::from(b'0' + d as u8)
        } else {
            '?'
        }
    });
    let ascii: String = ascii.collect();
    let body = ascii.trim_matches(|c: char| c.is_ascii_whitespace() || c == '\u{b}');
    let body = body.strip_prefix('+').unwrap_or(body);
    let (body, after_prefix) = match body.strip_prefix("0x").or_else(|| body.strip_prefix("0X")) {
        Some(rest) => (rest, true),
        None => (body, false),
    };
    let body = if after_prefix {
        body.strip_prefix('_').unwrap_or(body)
    } else {
        body
    };
    let mut n: u128 = 0;
    let mut digits = 0;
    let mut prev_underscore = false;
    for c in body.chars() {
        if c == '_' {
            if prev_underscore || digits == 0 {
                return None;
            }
            prev_underscore = true;
            continue;
        }
        n = n
            .checked_mul(16)?
            .checked_add(u128::from(c.to_digit(16)?))?;
        digits += 1;
        prev_underscore = false;
    }
    (digits > 0 && !prev_underscore).then_some(n)
}

/// A UUID as the server shows it: lower-case hyphenated.
pub fn hyphenated(pk: u128) -> String {
    hyphenated_in(pk, &mut [0; 36]).to_owned()
}

/// [`hyphenated`], written in `buf`.
pub fn hyphenated_in(pk: u128, buf: &mut [u8; 36]) -> &str {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let mut shift = 128;
    for (i, out) in buf.iter_mut().enumerate() {
        *out = if matches!(i, 8 | 13 | 18 | 23) {
            b'-'
        } else {
            shift -= 4;
            HEX[((pk >> shift) & 0xf) as usize]
        };
    }
    core::str::from_utf8(buf).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::value::Str;

    const PK: u128 = 0x5fb5_22c3_4ee6_4b8f_a6fd_2ae2_d4a4_6c1e;

    fn s(text: &str) -> Value {
        Value::Str(Str::new(text))
    }

    #[test]
    fn python_uuid_spellings_are_accepted() {
        for spelling in [
            "5fb522c3-4ee6-4b8f-a6fd-2ae2d4a46c1e",
            "5FB522C34EE64B8FA6FD2AE2D4A46C1E",
            "{5fb522c3-4ee6-4b8f-a6fd-2ae2d4a46c1e}",
            "urn:uuid:5fb522c3-4ee6-4b8f-a6fd-2ae2d4a46c1e",
            "5fb5-22c34ee64b8fa6fd2ae2d4a46c1e--",
        ] {
            assert_eq!(validate(&s(spelling)), Ok(Some(PK)), "{spelling}");
        }
        // Expected values are CPython 3.11's uuid.UUID(hex=s).int.
        let cases: [(&str, Option<u128>); 15] = [
            (
                " 0x5fb522c34ee64b8fa6fd2ae2d4a46",
                Some(0x5fb522c34ee64b8fa6fd2ae2d4a46),
            ),
            ("+_5fb522c34ee64b8fa6fd2ae2d4a46c", None),
            (
                "0x_5fb522c34ee64b8fa6fd2ae2d4a46",
                Some(0x5fb522c34ee64b8fa6fd2ae2d4a46),
            ),
            (
                "+0x5fb522c34ee64b8fa6fd2ae2d4a46",
                Some(0x5fb522c34ee64b8fa6fd2ae2d4a46),
            ),
            (
                "0x5fb522c34ee64b8fa6fd2ae2d4a46 ",
                Some(0x5fb522c34ee64b8fa6fd2ae2d4a46),
            ),
            (
                "1_2_3_4_5_6_7_8_9_0_1_2_3_4_5_67",
                Some(0x12345678901234567),
            ),
            ("1__5fb522c34ee64b8fa6fd2ae2d4a46", None),
            (
                "5fb522c34ee64b8f_5fb522c34ee64b8",
                Some(0x5fb522c34ee64b8f5fb522c34ee64b8),
            ),
            (
                "\u{3000}5fb522c34ee64b8fa6fd2ae2d4a46c1",
                Some(0x5fb522c34ee64b8fa6fd2ae2d4a46c1),
            ),
            (
                "\u{c}5fb522c34ee64b8fa6fd2ae2d4a46c1",
                Some(0x5fb522c34ee64b8fa6fd2ae2d4a46c1),
            ),
            ("\u{1c}5fb522c34ee64b8fa6fd2ae2d4a46c1", None),
            (
                "+5fb522c34ee64b8fa6fd2ae2d4a46c1",
                Some(0x5fb522c34ee64b8fa6fd2ae2d4a46c1),
            ),
            (
                "٣5fb522c34ee64b8fa6fd2ae2d4a46c1",
                Some(0x35fb522c34ee64b8fa6fd2ae2d4a46c1),
            ),
            ("5fb522c34ee64b8fa6fd2ae2d4a46c1_", None),
            (
                "urn:uuid:5fb522c34ee64b8fa6fd2ae2d4a46c1e",
                Some(0x5fb522c34ee64b8fa6fd2ae2d4a46c1e),
            ),
        ];
        for (spelling, want) in cases {
            assert_eq!(from_hex(spelling), want, "{spelling:?}");
        }
        assert_eq!(validate(&Value::Int(PK.to_string().into())), Ok(Some(PK)));
    }

    #[test]
    fn canonical_shape_still_needs_hex_everywhere_else() {
        assert_eq!(from_hex(&"-".repeat(36)), None);
        assert_eq!(from_hex("5fb522c3-4ee6-4b8f-a6fd-2ae2d4a46c1-"), None);
        assert_eq!(from_hex("5FB522C3-4EE6-4B8F-A6FD-2AE2D4A46C1E"), Some(PK));
    }

    #[test]
    fn empty_string_and_null_clear_the_flow() {
        assert_eq!(validate(&s("")), Ok(None));
        assert_eq!(validate(&Value::Null), Ok(None));
    }

    #[test]
    fn bad_values_echo_python_str_in_curly_quotes() {
        let m = |v: &Value| Err(Failure::Invalid(vec![not_a_uuid(v)]));
        assert_eq!(validate(&s(" ")), m(&s(" ")));
        assert_eq!(
            not_a_uuid(&s("garbage")).render(&crate::locale::Locale::default()),
            "“garbage” is not a valid UUID."
        );
        let list = Value::Array(vec![s("a"), Value::Float(1.5)]);
        assert_eq!(
            not_a_uuid(&list).render(&crate::locale::Locale::default()),
            "“['a', 1.5]” is not a valid UUID."
        );
        assert_eq!(validate(&list), m(&list));
        let big = Value::Int("340282366920938463463374607431768211456".into());
        assert_eq!(validate(&big), m(&big));
        assert_eq!(
            validate(&Value::Int("-1".into())),
            m(&Value::Int("-1".into()))
        );
        assert_eq!(
            validate(&Value::Bool(false)),
            Err(Failure::one(Msg::IncorrectType("bool")))
        );
        assert_eq!(
            does_not_exist(&Value::Int("123".into())).render(&crate::locale::Locale::default()),
            "Invalid pk \"123\" - object does not exist."
        );
    }

    fn nest(levels: usize, inner: Value, wrap: impl Fn(Value) -> Value) -> Value {
        (1..levels).fold(inner, |v, _| wrap(v))
    }

    #[test]
    fn lists_nested_up_to_400_levels_get_the_servers_message_and_deeper_ones_ours() {
        let list = |v| Value::Array(vec![v]);
        let at_400 = nest(400, Value::Array(vec![]), list);
        assert_eq!(list_depth(&at_400), 400);
        assert_eq!(
            validate(&at_400),
            Err(Failure::Invalid(vec![not_a_uuid(&at_400)]))
        );
        let message = not_a_uuid(&at_400).render(&crate::locale::Locale::default());
        assert!(message.starts_with("“[[[") && message.ends_with("]]]” is not a valid UUID."));
        assert_eq!(message.matches('[').count(), 400);
        let at_401 = list(at_400);
        assert_eq!(validate(&at_401), Err(Failure::Crash(TOO_DEEP)));
        // A sibling deeper than the first element counts too.
        let wide = Value::Array(vec![Value::Array(vec![]), at_401]);
        assert_eq!(validate(&wide), Err(Failure::Crash(TOO_DEEP)));
    }

    #[test]
    fn objects_and_lists_inside_objects_get_the_servers_message_at_any_depth_the_body_allows() {
        // The body object holds `flow`: 1,400 levels is the deepest body the module answers.
        let levels = crate::body::MAX_DEPTH - 1;
        let object = nest(levels, Value::Object(vec![]), |v| {
            Value::Object(vec![(Str::new("a"), v)])
        });
        let message = not_a_uuid(&object);
        let text = message.render(&crate::locale::Locale::default());
        assert_eq!(text.matches("{'a': ").count(), levels - 1);
        assert_eq!(validate(&object), Err(Failure::Invalid(vec![message])));
        // Lists under an object are not recursed into by the lookup.
        let lists = nest(levels - 1, Value::Array(vec![]), |v| Value::Array(vec![v]));
        let holder = Value::Object(vec![(Str::new("a"), lists)]);
        assert_eq!(list_depth(&holder), 0);
        assert_eq!(
            validate(&holder),
            Err(Failure::Invalid(vec![not_a_uuid(&holder)]))
        );
        let in_list = Value::Array(vec![holder]);
        assert_eq!(list_depth(&in_list), 1);
        assert_eq!(
            validate(&in_list),
            Err(Failure::Invalid(vec![not_a_uuid(&in_list)]))
        );
    }

    #[test]
    fn uuid_renders_lower_case_hyphenated() {
        assert_eq!(hyphenated(PK), "5fb522c3-4ee6-4b8f-a6fd-2ae2d4a46c1e");
    }
}
