//! Every message the module answers, as data: the server's own (with the code DRF gives it) and ours
//! for the server's 500s. Text is made in one place, [`Msg::render`], in the language the request is
//! answered in ([`Locale`]); the English templates below are the server's msgids, byte for byte.

use crate::body::BodyError;
use crate::locale::Locale;
#[allow(unused_imports)]
use crate::prelude::*;
use crate::text::{cat, Hex};

/// One message of a 400 answer.
#[derive(Clone, Debug, PartialEq)]
pub enum Msg {
    /// DRF 3.14 fields.py, `Field.default_error_messages['required']`.
    Required,
    /// DRF 3.14 fields.py, `Field.default_error_messages['null']`.
    Null,
    /// DRF 3.14 fields.py, `CharField.default_error_messages['blank']`.
    Blank,
    /// DRF 3.14 fields.py, `CharField.default_error_messages['max_length']`.
    MaxLength(usize),
    /// DRF 3.14 validators via Django 5.0 `ProhibitNullCharactersValidator.message`.
    NullCharacters,
    /// Django 5.0 core/validators.py, `ProhibitSurrogateCharactersValidator.message` (DRF's copy).
    Surrogate(u16),
    /// DRF 3.14 fields.py, `SlugField.default_error_messages['invalid']`.
    Slug,
    /// DRF 3.14 fields.py, `DateTimeField.default_error_messages['invalid']`, ISO 8601 humanized.
    DatetimeFormat,
    /// DRF 3.14 fields.py, `DateTimeField.default_error_messages['overflow']`.
    DatetimeOverflow,
    /// DRF 3.14 fields.py, `JSONField.default_error_messages['invalid']`.
    InvalidJson,
    /// authentik core/api/utils.py, `is_dict` (a plain `ValidationError`, never translated).
    NotDict,
    /// DRF 3.14 fields.py, `BooleanField.default_error_messages['invalid']`.
    Boolean,
    /// DRF 3.14 relations.py, `PrimaryKeyRelatedField.default_error_messages['incorrect_type']`,
    /// with Python's type name.
    IncorrectType(&'static str),
    /// Django 5.0 db/models/fields/__init__.py, `UUIDField.default_error_messages['invalid']`,
    /// with `str(value)`.
    NotUuid(String),
    /// DRF 3.14 relations.py, `PrimaryKeyRelatedField.default_error_messages['does_not_exist']`,
    /// with `str(value)`.
    DoesNotExist(String),
    /// DRF 3.14 serializers.py, `Serializer.default_error_messages['null']` (the body is `null`).
    NoData,
    /// DRF 3.14 serializers.py, `Serializer.default_error_messages['invalid']`, with the type name.
    NotAnObject(&'static str),
    /// DRF 3.14 parsers.py, `JSONParser.parse`: `'JSON parse error - %s'`, Python's text after it.
    Parse(BodyError),
    /// Ours, where the server would fail with a 500 (English only; each says why).
    Ours(&'static str),
    /// Ours, for `strict`: a key the server ignores; `true` for a read-only field.
    Ignored(bool),
}

/// The English templates, as the server's catalogs key them (`{name}` for DRF's `str.format`,
/// `%(name)s` for Django's `%`).
pub mod en {
    pub const REQUIRED: &str = "This field is required.";
    pub const NULL: &str = "This field may not be null.";
    pub const BLANK: &str = "This field may not be blank.";
    pub const MAX_LENGTH: &str = "Ensure this field has no more than {max_length} characters.";
    pub const NULL_CHARACTERS: &str = "Null characters are not allowed.";
    pub const SURROGATE: &str = "Surrogate characters are not allowed: U+{code_point:X}.";
    pub const SLUG: &str =
        "Enter a valid \"slug\" consisting of letters, numbers, underscores or hyphens.";
    pub const DATETIME_FORMAT: &str =
        "Datetime has wrong format. Use one of these formats instead: {format}.";
    pub const DATETIME_OVERFLOW: &str = "Datetime value out of range.";
    pub const INVALID_JSON: &str = "Value must be valid JSON.";
    pub const NOT_DICT: &str = "Value must be a dictionary, and not have any duplicate keys.";
    pub const BOOLEAN: &str = "Must be a valid boolean.";
    pub const INCORRECT_TYPE: &str = "Incorrect type. Expected pk value, received {data_type}.";
    pub const NOT_UUID: &str = "“%(value)s” is not a valid UUID.";
    pub const DOES_NOT_EXIST: &str = "Invalid pk \"{pk_value}\" - object does not exist.";
    pub const NO_DATA: &str = "No data provided";
    pub const NOT_AN_OBJECT: &str = "Invalid data. Expected a dictionary, but got {datatype}.";
    /// DRF's `humanize_datetime.datetime_formats(['iso-8601'])`: never translated.
    pub const ISO_8601: &str = "YYYY-MM-DDThh:mm[:ss[.uuuuuu]][+HH:MM|-HH:MM|Z]";
    pub const STRICT_READ_ONLY: &str = "This field is read-only; authentik 2024.6 ignores it.";
    pub const STRICT_UNKNOWN: &str = "Unknown field; authentik 2024.6 ignores it.";
}

/// A translatable template: which one, for the catalogs ([`Locale::template`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Text {
    Required,
    Null,
    Blank,
    MaxLength,
    NullCharacters,
    Surrogate,
    Slug,
    DatetimeFormat,
    DatetimeOverflow,
    InvalidJson,
    NotDict,
    Boolean,
    IncorrectType,
    NotUuid,
    DoesNotExist,
    NoData,
    NotAnObject,
}

impl Text {
    /// The English template: the msgid.
    pub fn english(self) -> &'static str {
        match self {
            Text::Required => en::REQUIRED,
            Text::Null => en::NULL,
            Text::Blank => en::BLANK,
            Text::MaxLength => en::MAX_LENGTH,
            Text::NullCharacters => en::NULL_CHARACTERS,
            Text::Surrogate => en::SURROGATE,
            Text::Slug => en::SLUG,
            Text::DatetimeFormat => en::DATETIME_FORMAT,
            Text::DatetimeOverflow => en::DATETIME_OVERFLOW,
            Text::InvalidJson => en::INVALID_JSON,
            Text::NotDict => en::NOT_DICT,
            Text::Boolean => en::BOOLEAN,
            Text::IncorrectType => en::INCORRECT_TYPE,
            Text::NotUuid => en::NOT_UUID,
            Text::DoesNotExist => en::DOES_NOT_EXIST,
            Text::NoData => en::NO_DATA,
            Text::NotAnObject => en::NOT_AN_OBJECT,
        }
    }
}

impl Msg {
    /// The code DRF's `ValidationError.get_codes()` gives this message on the server.
    pub fn code(&self) -> &'static str {
        match self {
            Msg::Required => "required",
            Msg::Null | Msg::NoData => "null",
            Msg::Blank => "blank",
            Msg::MaxLength(_) => "max_length",
            Msg::NullCharacters => "null_characters_not_allowed",
            Msg::Surrogate(_) => "surrogate_characters_not_allowed",
            Msg::Slug
            | Msg::DatetimeFormat
            | Msg::InvalidJson
            | Msg::NotDict
            | Msg::Boolean
            | Msg::NotUuid(_)
            | Msg::NotAnObject(_) => "invalid",
            Msg::DatetimeOverflow => "overflow",
            Msg::IncorrectType(_) => "incorrect_type",
            Msg::DoesNotExist(_) => "does_not_exist",
            Msg::Parse(_) => "parse_error",
            // Ours: the server answers these with a 500, which has no code.
            Msg::Ours(_) => "server_error",
            Msg::Ignored(_) => "ignored",
        }
    }

    /// The message's text in `locale` when it has no data in it: a template as it stands.
    pub fn render_static(&self, locale: &Locale) -> Option<&'static str> {
        let text = match self {
            Msg::Required => Text::Required,
            Msg::Null => Text::Null,
            Msg::Blank => Text::Blank,
            Msg::NullCharacters => Text::NullCharacters,
            Msg::Slug => Text::Slug,
            Msg::DatetimeOverflow => Text::DatetimeOverflow,
            Msg::InvalidJson => Text::InvalidJson,
            Msg::NotDict => Text::NotDict,
            Msg::Boolean => Text::Boolean,
            Msg::NoData => Text::NoData,
            Msg::Ours(m) => return Some(m),
            Msg::Ignored(true) => return Some(en::STRICT_READ_ONLY),
            Msg::Ignored(false) => return Some(en::STRICT_UNKNOWN),
            _ => return None,
        };
        Some(locale.template(text))
    }

    /// The message's text in `locale`, as the server renders it.
    pub fn render(&self, locale: &Locale) -> String {
        let mut out = Vec::new();
        self.render_into(locale, &mut out);
        String::from_utf8(out).unwrap_or_default()
    }

    /// [`Msg::render`] written after `out`'s bytes: a `flow` message repeats a body of megabytes,
    /// which the tape then takes without a copy of its own.
    pub fn render_into(&self, locale: &Locale, out: &mut Vec<u8>) {
        if let Some(text) = self.render_static(locale) {
            return out.extend_from_slice(text.as_bytes());
        }
        let t = |text: Text| locale.template(text);
        match self {
            Msg::MaxLength(n) => fill(out, t(Text::MaxLength), "{max_length}", &cat!(n)),
            Msg::Surrogate(s) => {
                let hex = Hex {
                    n: u32::from(*s),
                    width: 0,
                    upper: true,
                };
                fill(out, t(Text::Surrogate), "{code_point:X}", &cat!(hex))
            }
            Msg::DatetimeFormat => fill(out, t(Text::DatetimeFormat), "{format}", en::ISO_8601),
            Msg::IncorrectType(ty) => fill(out, t(Text::IncorrectType), "{data_type}", ty),
            Msg::NotUuid(v) => fill(out, t(Text::NotUuid), "%(value)s", v),
            Msg::DoesNotExist(v) => fill(out, t(Text::DoesNotExist), "{pk_value}", v),
            Msg::NotAnObject(ty) => fill(out, t(Text::NotAnObject), "{datatype}", ty),
            Msg::Parse(e) => out.extend_from_slice(e.detail().as_bytes()),
            // The others have no data in them: `render_static` gave their text.
            _ => {}
        }
    }
}

/// `template` with each `placeholder` replaced by `value`, as Python's `str.format` and `%` fill
/// them (the value is not scanned again), written after `out`'s bytes. A byte search: core's
/// substring searcher is large in Wasm.
fn fill(out: &mut Vec<u8>, template: &str, placeholder: &str, value: &str) {
    let (t, p) = (template.as_bytes(), placeholder.as_bytes());
    out.reserve(template.len() + value.len());
    let (mut i, mut start) = (0, 0);
    while i + p.len() <= t.len() {
        if t.get(i..i + p.len()) == Some(p) {
            out.extend_from_slice(t.get(start..i).unwrap_or_default());
            out.extend_from_slice(value.as_bytes());
            i += p.len();
            start = i;
        } else {
            i += 1;
        }
    }
    out.extend_from_slice(t.get(start..).unwrap_or_default());
}
