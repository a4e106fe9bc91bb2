//! `fixed_data`: authentik's `JSONDictField(required=False)`, a DRF `JSONField` with `is_dict`.

use super::Failure;
use crate::body::{Seen, Span};
use crate::messages::Msg;
use crate::prelude::*;
use crate::value::{Str, Value};

/// Ours: PostgreSQL's jsonb refuses U+0000, and the server answers 500.
pub const HOLDS_NUL: &str = "Value holds a NUL character (U+0000); authentik 2024.6 fails on such values with a 500 (PostgreSQL jsonb cannot store it), so this module refuses them.";
/// Ours: PostgreSQL's jsonb refuses lone surrogates, and the server answers 500.
pub const HOLDS_SURROGATE: &str = "Value holds a lone surrogate; authentik 2024.6 fails on such values with a 500 (PostgreSQL jsonb cannot store it), so this module refuses them.";

/// Validates a present `fixed_data`. The dict replaces the stored one whole.
pub fn validate(value: &Value) -> Result<&Value, Failure> {
    match value {
        Value::Null => Err(Failure::one(Msg::Null)),
        // DRF re-serialises with json.dumps(allow_nan=False) before any validator runs.
        v if has_non_finite(v) => Err(Failure::one(Msg::InvalidJson)),
        Value::Object(_) => Ok(value),
        _ => Err(Failure::one(Msg::NotDict)),
    }
}

/// [`validate`] for a list or object judged from its scan, unbuilt. Where the scan saw ±inf, the
/// built value judges: a repeated key drops the value before it (`{"a": 1e400, "a": 1}` is valid).
pub fn validate_span(span: &Span, text: &str) -> Result<(), Failure> {
    match span {
        Span { seen, .. } if seen.non_finite && has_non_finite(&span.build(text)) => {
            Err(Failure::one(Msg::InvalidJson))
        }
        Span { object: true, .. } => Ok(()),
        _ => Err(Failure::one(Msg::NotDict)),
    }
}

/// [`check_storable`] for an object judged from its scan, built only where the scan saw NUL or a
/// lone surrogate (which a repeated key may have dropped).
pub fn check_storable_span(span: &Span, text: &str) -> Result<(), Failure> {
    match span.seen {
        Seen { lone: true, .. } | Seen { nul: true, .. } => check_storable(&span.build(text)),
        _ => Ok(()),
    }
}

/// What saving a valid `fixed_data` to PostgreSQL would do: fail on NUL and lone surrogates.
pub fn check_storable(value: &Value) -> Result<(), Failure> {
    let mut bad = None;
    visit_strings(value, |s| {
        if s.lone.is_some() {
            bad = Some(HOLDS_SURROGATE);
        } else if s.text.contains('\0') && bad.is_none() {
            bad = Some(HOLDS_NUL);
        }
    });
    bad.map_or(Ok(()), |m| Err(Failure::Crash(m)))
}

fn has_non_finite(value: &Value) -> bool {
    let mut found = false;
    each(value, |v| {
        found |= matches!(v, Value::Float(f) if !f.is_finite())
    });
    found
}

/// Calls `f` with each string in `value`, keys included, in no particular order.
fn visit_strings(value: &Value, mut f: impl FnMut(&Str)) {
    each(value, |v| match v {
        Value::Str(s) => f(s),
        Value::Object(members) => members.iter().for_each(|(k, _)| f(k)),
        _ => {}
    });
}

/// Calls `f` with `value` and each value inside it, in no particular order, from a list of its
/// own rather than by recursion (see [`as_stored`]).
fn each<'v>(value: &'v Value, mut f: impl FnMut(&'v Value)) {
    let mut todo = vec![value];
    while let Some(v) = todo.pop() {
        f(v);
        match v {
            Value::Array(items) => todo.extend(items),
            Value::Object(members) => todo.extend(members.iter().map(|(_, v)| v)),
            _ => {}
        }
    }
}

/// A stored `fixed_data` as PostgreSQL's jsonb gives it back: object keys ordered by UTF-8 length,
/// then bytewise, at every level. (Its numbers come back as `numeric`: see [`crate::body::parse_stored`].)
/// Level by level from a list of its own: values nest 1,401 levels, and a Wasm frame a level
/// would need more stack than a JS caller may have left.
pub fn as_stored(mut value: Value) -> Value {
    let mut todo = vec![&mut value];
    while let Some(v) = todo.pop() {
        match v {
            Value::Array(items) => todo.extend(items.iter_mut()),
            Value::Object(members) => {
                // jsonb's order: shorter keys first, then bytewise.
                let key = |i: usize| {
                    members
                        .get(i)
                        .map(|(k, _)| (k.text.len(), k.text.as_bytes()))
                };
                let order = crate::platform::sorted_indices(members.len(), &|a, b| key(a) < key(b));
                let sorted: Vec<_> = order
                    .into_iter()
                    .filter_map(|i| members.get_mut(i).map(core::mem::take))
                    .collect();
                *members = sorted;
                todo.extend(members.iter_mut().map(|(_, v)| v));
            }
            _ => {}
        }
    }
    value
}

/// Whether a stored `fixed_data`'s text, as `JSON.stringify` writes it, reads through `JSON.parse`
/// as the value the answer holds after PostgreSQL's round trip ([`as_stored`]): then that text
/// crosses as it is, and no value is built. It does when each object's keys are in jsonb's order
/// already (shorter first, then bytewise) and hold no escape (whose text is not its bytes).
/// Strings read alike either way, escapes included; and so do numbers: `JSON.stringify` writes
/// each as its double's shortest digits (and -0 as `0`), which PostgreSQL keeps, and the answer
/// reads those back as the same double (`js_number` in src/tape.rs). Nesting past 64 levels, an
/// empty first key, or a text otherwise written: built, as before.
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))] // read by the wasm boundary
pub(crate) fn reads_back_as_written(t: &[u8]) -> bool {
    // Each open container: its last key so far for an object (at first none, which an empty
    // first key also spells), `None` for a list.
    let mut open: Vec<Option<&[u8]>> = Vec::new();
    let mut i = 0;
    if t.first() != Some(&b'{') {
        return false;
    }
    while let Some(&c) = t.get(i) {
        i = match c {
            b'{' | b'[' => {
                if open.len() == 64 {
                    return false;
                }
                open.push((c == b'{').then_some(&[][..]));
                i + 1
            }
            b'}' | b']' => {
                // `}` closes an object, `]` a list.
                if open.pop().map(|top| top.is_some()) != Some(c == b'}') {
                    return false;
                }
                if open.is_empty() {
                    return i + 1 == t.len();
                }
                i + 1
            }
            b'"' => {
                let Some(end) = string_end(t, i) else {
                    return false;
                };
                if t.get(end) != Some(&b':') {
                    end
                } else {
                    let key = t.get(i + 1..end - 1).unwrap_or_default();
                    match open.last_mut() {
                        Some(Some(last))
                            if !key.contains(&b'\\') && (last.len(), *last) < (key.len(), key) =>
                        {
                            *last = key;
                            end + 1
                        }
                        _ => return false,
                    }
                }
            }
            // Numbers and constants, character by character.
            b','
            | b'-'
            | b'.'
            | b'+'
            | b'0'..=b'9'
            | b'E'
            | b'a'
            | b'e'
            | b'f'
            | b'l'
            | b'n'
            | b'r'
            | b's'
            | b't'
            | b'u' => i + 1,
            _ => return false,
        };
    }
    false
}

/// Where the string at `quote` ends, after its closing quote.
fn string_end(t: &[u8], quote: usize) -> Option<usize> {
    let mut i = quote;
    loop {
        i += 1;
        match *t.get(i)? {
            b'"' => return Some(i + 1),
            b'\\' => i += 1,
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cat;
    use crate::value::to_json;

    fn obj(members: Vec<(&str, Value)>) -> Value {
        Value::Object(members.into_iter().map(|(k, v)| (Str::new(k), v)).collect())
    }

    #[test]
    fn only_finite_dicts_are_accepted() {
        assert_eq!(validate(&Value::Null), Err(Failure::one(Msg::Null)));
        assert_eq!(
            validate(&Value::Array(vec![])),
            Err(Failure::one(Msg::NotDict))
        );
        assert_eq!(
            validate(&Value::Array(vec![Value::Float(f64::INFINITY)])),
            Err(Failure::one(Msg::InvalidJson))
        );
        assert_eq!(
            validate(&obj(vec![("n", Value::Float(f64::INFINITY))])),
            Err(Failure::one(Msg::InvalidJson))
        );
        let ok = obj(vec![("a", Value::Int("1".into()))]);
        assert_eq!(validate(&ok), Ok(&ok));
    }

    #[test]
    fn nul_and_lone_surrogates_cannot_be_stored() {
        let nul = obj(vec![("a\0", Value::Null)]);
        assert_eq!(check_storable(&nul), Err(Failure::Crash(HOLDS_NUL)));
        let sur = obj(vec![(
            "a",
            Value::Array(vec![Value::Str(Str {
                text: "\u{FFFD}".into(),
                lone: Some(vec![(0, 0xd800)].into()),
            })]),
        )]);
        assert_eq!(check_storable(&sur), Err(Failure::Crash(HOLDS_SURROGATE)));
    }

    #[test]
    fn stored_value_comes_back_in_jsonb_key_order() {
        let v = obj(vec![
            ("email", Value::Str(Str::new("x"))),
            (
                "name",
                obj(vec![
                    ("bb", Value::Int("2".into())),
                    ("a", Value::Float(1.5)),
                    ("é", Value::Null),
                ]),
            ),
            (
                "ab",
                Value::Array(vec![obj(vec![("zz", Value::Null), ("y", Value::Null)])]),
            ),
        ]);
        let want = r#"{"ab":[{"y":null,"zz":null}],"name":{"a":1.5,"bb":2,"é":null},"email":"x"}"#;
        assert_eq!(to_json(&as_stored(v)), want);
    }

    #[test]
    fn stored_text_reads_back_as_written_only_where_json_parse_agrees() {
        let yes = [
            r#"{}"#,
            r#"{"a":1,"b":[1.5,-0.1,1e-7,1e+21,1e+308,123456789012345,"x\"y\\n",true,null,{}],"ab":{"c":[]}}"#,
            r#"{"ab":[[[]]],"ba":false,"é":"€"}"#,
            r#"{"a":-1.2345678901234567e-300,"b":123456789012345680000,"c":1.2345678901234567e+300}"#,
            r#"{"a":"\u0000","b":["\ud800"]}"#,
        ];
        let no = [
            // Keys out of jsonb's order, repeated, escaped, or an empty first key (built, to be safe).
            r#"{"b":1,"a":2}"#,
            r#"{"ab":1,"b":2}"#,
            r#"{"a":1,"a":2}"#,
            r#"{"a\"":1}"#,
            r#"{"":1}"#,
            r#"{"a":{"z":1,"y":2}}"#,
            r#"{"é":1,"ab":2}"#,
            // Not an object, or not JSON.stringify's text.
            r#"[1]"#,
            r#"{"a":1}x"#,
            r#"{"a":1"#,
            r#"{"a":[}"#,
            r#"{"a":[1}}"#,
            r#"{"a":1 }"#,
            r#"{"a":x}"#,
            "",
        ];
        for t in yes {
            assert!(reads_back_as_written(t.as_bytes()), "{t}");
        }
        for t in no {
            assert!(!reads_back_as_written(t.as_bytes()), "{t}");
        }
        // Nesting past 64 levels is built.
        let deep = cat!(r#"{"a":"#, "[".repeat(64), "]".repeat(64), "}");
        assert!(!reads_back_as_written(deep.as_bytes()));
        let shallow = cat!(r#"{"a":"#, "[".repeat(63), "]".repeat(63), "}");
        assert!(reads_back_as_written(shallow.as_bytes()));
    }
}
