//! `name`: DRF `SlugField(max_length=50)`, from the model's `SlugField()`, on a `CharField`.

use super::Failure;
use crate::messages::Msg;
#[allow(unused_imports)]
use crate::prelude::*;
use crate::unicode::is_space;
use crate::value::{py_float_repr, Value};

/// The model's `SlugField` default.
pub const MAX_LENGTH: usize = 50;

/// A present `name` the server refuses, as its validators report it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NameError {
    Null,
    Blank,
    TooLong,
    NullChar,
    Surrogate(u16),
    NotSlug,
}

impl NameError {
    pub fn message(self) -> Msg {
        match self {
            NameError::Null => Msg::Null,
            NameError::Blank => Msg::Blank,
            NameError::TooLong => Msg::MaxLength(MAX_LENGTH),
            NameError::NullChar => Msg::NullCharacters,
            NameError::Surrogate(s) => Msg::Surrogate(s),
            NameError::NotSlug => Msg::Slug,
        }
    }
}

fn fail(errors: &[NameError]) -> Failure {
    Failure::Invalid(errors.iter().map(|e| e.message()).collect())
}

/// Validates a present `name`, returning the value the server stores: `str(value).strip()`.
pub fn validate(value: &Value) -> Result<String, Failure> {
    let mut number = String::new();
    let text = match value {
        Value::Null => return Err(fail(&[NameError::Null])),
        Value::Str(s) => s,
        // `str(data).strip() == ''` runs first, on any type: never blank, and not a slug. CPython
        // 3.12 builds that str() of a list or object as deep as the body can be (body::MAX_DEPTH).
        Value::Bool(_) | Value::Array(_) | Value::Object(_) => return Err(not_slug()),
        // CharField coerces numbers with str(): 123 -> "123", 1e2 -> "100.0", 1e400 -> "inf".
        Value::Int(digits) => {
            number.push_str(digits);
            return check(&number, None);
        }
        Value::Float(f) => {
            py_float_repr(*f, &mut number);
            return check(&number, None);
        }
    };
    check(&text.text, text.first_surrogate())
}

/// [`validate`] for a string without lone surrogates.
pub fn validate_str(s: &str) -> Result<String, Failure> {
    check(s, None)
}

/// What a bool, list or object gets, whatever it holds.
pub fn not_slug() -> Failure {
    fail(&[NameError::NotSlug])
}

fn check(text: &str, surrogate: Option<u16>) -> Result<String, Failure> {
    // The usual name, already a slug and short: nothing to strip, nothing to refuse.
    if surrogate.is_none() && (1..=MAX_LENGTH).contains(&text.len()) && is_slug(text) {
        return Ok(text.to_owned());
    }
    // Python's strip() removes what str.isspace() accepts. A lone surrogate (U+FFFD in `text`)
    // is not whitespace, so it always survives the strip.
    let trimmed = text.trim_matches(|c: char| is_space(c as u32));
    if trimmed.is_empty() {
        return Err(fail(&[NameError::Blank]));
    }
    let mut errors = Vec::new();
    if crate::text::char_count(trimmed) > MAX_LENGTH {
        errors.push(NameError::TooLong);
    }
    if trimmed.contains('\0') {
        errors.push(NameError::NullChar);
    }
    if let Some(s) = surrogate {
        errors.push(NameError::Surrogate(s));
    }
    if !is_slug(trimmed) {
        errors.push(NameError::NotSlug);
    }
    if errors.is_empty() {
        Ok(trimmed.to_owned())
    } else {
        Err(fail(&errors))
    }
}

/// Django's `slug_re`, `^[-a-zA-Z0-9_]+\Z`, but for the empty string (blank, judged before).
fn is_slug(s: &str) -> bool {
    // On the slice, not `str::bytes`: at opt-level z that iterator's `next` stays a call a byte.
    s.as_bytes()
        .iter()
        .all(|&b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::value::Str;

    fn s(text: &str) -> Value {
        Value::Str(Str::new(text))
    }

    fn messages(errors: &[NameError]) -> Result<String, Failure> {
        Err(fail(errors))
    }

    #[test]
    fn numbers_become_their_python_str() {
        assert_eq!(validate(&Value::Int("123".into())), Ok("123".into()));
        assert_eq!(validate(&Value::Int("-5".into())), Ok("-5".into()));
        assert_eq!(validate(&Value::Float(f64::INFINITY)), Ok("inf".into()));
        assert_eq!(
            validate(&Value::Float(1e2)),
            messages(&[NameError::NotSlug])
        );
    }

    #[test]
    fn unicode_whitespace_is_trimmed_and_blank_stops_there() {
        assert_eq!(validate(&s("\u{1f}us\u{a0}\u{3000}")), Ok("us".into()));
        assert_eq!(validate(&s("\u{3000}")), messages(&[NameError::Blank]));
        assert_eq!(validate(&s("")), messages(&[NameError::Blank]));
    }

    #[test]
    fn name_of_51_e_acute_gets_length_and_slug_messages() {
        let name = "é".repeat(51);
        assert_eq!(
            validate(&s(&name)),
            messages(&[NameError::TooLong, NameError::NotSlug])
        );
        assert_eq!(
            validate(&s(&"😀".repeat(26))),
            messages(&[NameError::NotSlug])
        );
        assert_eq!(validate(&s(&"a".repeat(50))), Ok("a".repeat(50)));
    }

    #[test]
    fn messages_stack_in_validator_order() {
        let v = Value::Str(Str {
            text: format!("{}\0\u{FFFD}", "a".repeat(50)),
            lone: Some(vec![(51, 0xd800)].into()),
        });
        assert_eq!(
            validate(&v),
            messages(&[
                NameError::TooLong,
                NameError::NullChar,
                NameError::Surrogate(0xd800),
                NameError::NotSlug
            ])
        );
        assert_eq!(
            NameError::Surrogate(0xdabc)
                .message()
                .render(&crate::locale::Locale::default()),
            "Surrogate characters are not allowed: U+DABC."
        );
    }

    #[test]
    fn non_strings_get_the_slug_message_at_any_depth_the_body_allows() {
        assert_eq!(
            validate(&Value::Bool(true)),
            messages(&[NameError::NotSlug])
        );
        assert_eq!(validate(&Value::Null), messages(&[NameError::Null]));
        // The body object holds `name`: 1,400 levels here is the deepest body the module answers.
        let (mut list, mut object) = (Value::Array(vec![]), Value::Object(vec![]));
        for _ in 1..crate::body::MAX_DEPTH - 1 {
            list = Value::Array(vec![list]);
            object = Value::Object(vec![(Str::new("a"), object)]);
        }
        assert_eq!(list.depth(), 1400);
        assert_eq!(validate(&list), messages(&[NameError::NotSlug]));
        assert_eq!(validate(&object), messages(&[NameError::NotSlug]));
    }
}
