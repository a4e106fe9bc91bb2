//! Structure-aware bodies: each member is a key (mostly a writable field) with a value that the
//! server accepts, then a few edits, so most bodies sit one or two edits away from valid, where
//! the interesting boundaries are. `arbitrary` picks the field, the valid value and the edits.

use crate::{FLOW_A, FLOW_B};
use arbitrary::{Arbitrary, Unstructured};

/// The body a fuzz input stands for; `None` when the input is too short to pick anything.
pub fn body_of(data: &[u8]) -> Option<Vec<u8>> {
    let spec = Spec::arbitrary_take_rest(Unstructured::new(data)).ok()?;
    Some(spec.render())
}

#[derive(Arbitrary, Debug)]
pub struct Spec {
    members: Vec<Member>,
    /// Whitespace around tokens, an index into [`SPACES`].
    space: u8,
    /// Rarely, something other than one object around the members.
    wrapper: Wrapper,
}

#[derive(Arbitrary, Debug)]
enum Wrapper {
    Object,
    Object2,
    Object3,
    Object4,
    Object5,
    Object6,
    Object7,
    /// A list around the object: the non-object error.
    List,
    /// Bytes after the object: extra data.
    Trailing(u8),
    /// The text cut short at a point.
    Cut(u16),
}

#[derive(Arbitrary, Debug)]
struct Member {
    key: Key,
    /// Index into the field's valid values.
    value: u8,
    edits: Vec<Edit>,
}

#[derive(Arbitrary, Debug, Clone, Copy)]
enum Key {
    Name,
    Expires,
    FixedData,
    SingleUse,
    Flow,
    /// Another key: read-only, hidden model fields, look-alikes; index into [`OTHER_KEYS`].
    Other(u8),
    /// A writable key, edited.
    Edited(u8, Edit),
}

/// One edit of a value's JSON text. Character edits stay inside a string's quotes.
#[derive(Arbitrary, Debug, Clone, Copy)]
enum Edit {
    Insert {
        at: u16,
        ch: u8,
    },
    Delete {
        at: u16,
    },
    Replace {
        at: u16,
        ch: u8,
    },
    /// Swap two neighbouring characters.
    Swap {
        at: u16,
    },
    /// Repeat a run of characters.
    Repeat {
        at: u16,
        len: u8,
        times: u8,
    },
    /// Insert a JSON escape (inside strings) from [`ESCAPES`].
    Escape {
        at: u16,
        which: u8,
    },
    /// Change case of one character.
    Case {
        at: u16,
    },
    /// Change the JSON type around the text.
    Retype(Retype),
}

#[derive(Arbitrary, Debug, Clone, Copy)]
enum Retype {
    Quote,
    Unquote,
    WrapList,
    WrapObject,
    /// Replace the value by a small constant from [`CONSTANTS`].
    Constant(u8),
}

const SPACES: [&str; 6] = ["", " ", "\n", "\t", "\r\n  ", "  "];

const OTHER_KEYS: [&str; 16] = [
    "pk",
    "created_by",
    "flow_obj",
    "invite_uuid",
    "expiring",
    "Name",
    "name ",
    "flow_id",
    "__proto__",
    "constructor",
    "",
    "n\\u0061me",
    "nаme",
    "\\ud800",
    "fixed-data",
    "single_use\\u0000",
];

/// Interesting characters: ASCII syntax of each field's grammar, Unicode digits and spaces,
/// look-alikes, and JSON's own syntax.
const CHARS: [char; 64] = [
    '0', '1', '2', '5', '9', 'a', 'f', 'g', 'z', 'A', 'F', 'Z', 'T', 't', 'W', 'X', 'x', 'e', 'E',
    ' ', '-', '+', ':', '.', ',', '_', '{', '}', '[', ']', '"', '\\', '\'', '/', '\t', '\n', '\r',
    '\u{b}', '\u{c}', '\u{1c}', '\u{1f}', '\u{0}', 'é', '\u{85}', '\u{a0}', '\u{1680}', '\u{2000}',
    '\u{2028}', '\u{3000}', '\u{feff}', '٣', '０', '９', '𝟘', '😀', 'ſ', 'K', 'ı', 'İ', '\u{301}',
    '\u{ffff}', 'u', 'n', '#',
];

const ESCAPES: [&str; 14] = [
    "\\u0000",
    "\\ud800",
    "\\udc00",
    "\\ud83d\\ude00",
    "\\u00e9",
    "\\n",
    "\\t",
    "\\\"",
    "\\\\",
    "\\/",
    "\\u2028",
    "\\u0041",
    "\\u00a0",
    "\\u3000",
];

const CONSTANTS: [&str; 12] = [
    "null", "true", "false", "\"\"", "0", "1", "-0", "[]", "{}", "1e400", "-0.0", "\" \"",
];

fn flow_int(pk: &str) -> String {
    u128::from_str_radix(&pk.replace('-', ""), 16)
        .map(|n| n.to_string())
        .unwrap_or_default()
}

/// Values the server accepts, per writable field (JSON text).
fn valid_values(key: usize) -> Vec<String> {
    let s = |t: &str| format!("\"{t}\"");
    match key {
        0 => vec![
            s("enroll-2024"),
            s("a"),
            s("A_b-9"),
            "123".into(),
            "-5".into(),
            s(" padded "),
            s("\\u00a0x\\u3000"),
            s(&"a".repeat(50)),
            s("\\u001fus\\u001f"),
            "1e400".into(),
        ],
        1 => vec![
            s("2024-07-29T15:51:28Z"),
            s("2024-07-29T15:51:28.123456+02:00"),
            s("2024-07-29"),
            s("2024-W31-1"),
            s("2024W311"),
            s("20240729T155128"),
            s("2024-07-29T15"),
            s("2024-07-29T15.5"),
            s("2024-07-29 15:51:28,5"),
            s("2024-7-9T1:2:3Z"),
            s("2024-07-29T15:51:28-01:30"),
            s("2024-07-29T15:51:28+02:00:30.5"),
            s("9999-12-31T23:59:59Z"),
            s("0001-01-01T00:00:00Z"),
            s("2024-02-29T00:00:00"),
            s("2024-07-29T15:51:28\\n"),
            "null".into(),
            s("２０２４-07-29T15:51:28Z"),
            s("2024-07-29T15:51:28xZ"),
            s("2020-W53-7T23:59:59.9999999+12:60"),
        ],
        2 => vec![
            "{}".into(),
            r#"{"email":"user@example.com"}"#.into(),
            r#"{"name":"x","email":"y","groups":["a","b"]}"#.into(),
            r#"{"n":1,"f":1.5,"e":1e2,"z":-0.0,"t":true,"u":null,"x":1e+20}"#.into(),
            r#"{"big":123456789012345678901234567890,"neg":-9007199254740993}"#.into(),
            r#"{"nested":{"a":[{"b":{}},[[]]]}}"#.into(),
            r#"{"é":"😀","\u00e9":2,"a\u2028b":"\ud83d\ude00"}"#.into(),
            r#"{"__proto__":{"x":1},"constructor":{"prototype":1}}"#.into(),
            r#"{"a":1,"a":2}"#.into(),
        ],
        3 => [
            "true", "false", "\"yes\"", "\"OFF\"", "1", "0", "1.0", "-0.0", "\"t\"", "\"0\"",
        ]
        .map(String::from)
        .to_vec(),
        _ => {
            let a = FLOW_A;
            let b = FLOW_B;
            let bare = |u: &str| u.replace('-', "");
            vec![
                s(a),
                s(&bare(a).to_uppercase()),
                s(&format!("{{{a}}}")),
                s(&format!("urn:uuid:{a}")),
                flow_int(a),
                "null".into(),
                s(""),
                s(b),
                s(&format!("0x{}", &bare(b)[2..])),
                s(&format!("+{}", &bare(b)[1..])),
                s(&format!(" {}", &bare(b)[1..])),
                s(&format!("０{}", &bare(b)[1..])),
                s(&format!("{}-", &bare(b))),
                flow_int(b),
            ]
        }
    }
}

fn writable_key(i: usize) -> &'static str {
    ["name", "expires", "fixed_data", "single_use", "flow"][i % 5]
}

fn pick<T: Copy>(items: &[T], i: impl Into<usize>) -> T {
    items[i.into() % items.len()]
}

/// Applies an edit to a value's text. Character edits keep a string's quotes when it has them.
fn edit(text: &mut Vec<char>, e: Edit) {
    let quoted = text.len() >= 2 && text.first() == Some(&'"') && text.last() == Some(&'"');
    // The editable span: inside the quotes, or the whole text.
    let (lo, hi) = if quoted {
        (1, text.len() - 1)
    } else {
        (0, text.len())
    };
    let at = |p: u16, inclusive: bool| {
        let span = hi - lo + usize::from(inclusive);
        if span == 0 {
            lo
        } else {
            lo + usize::from(p) % span
        }
    };
    match e {
        Edit::Insert { at: p, ch } => text.insert(at(p, true), pick(&CHARS, ch)),
        Edit::Delete { at: p } if hi > lo => {
            text.remove(at(p, false));
        }
        Edit::Replace { at: p, ch } if hi > lo => {
            let i = at(p, false);
            text[i] = pick(&CHARS, ch);
        }
        Edit::Swap { at: p } if hi - lo >= 2 => {
            let i = lo + usize::from(p) % (hi - lo - 1);
            text.swap(i, i + 1);
        }
        Edit::Repeat { at: p, len, times } if hi > lo => {
            let i = at(p, false);
            let end = (i + 1 + usize::from(len % 8)).min(hi);
            let run: Vec<char> = text[i..end].to_vec();
            let times = usize::from(times % 4) + 1;
            for _ in 0..times {
                for (j, c) in run.iter().enumerate() {
                    text.insert(end + j, *c);
                }
            }
        }
        Edit::Escape { at: p, which } => {
            let i = at(p, true);
            for (j, c) in pick(&ESCAPES, which).chars().enumerate() {
                text.insert(i + j, c);
            }
        }
        Edit::Case { at: p } if hi > lo => {
            let i = at(p, false);
            let c = text[i];
            let flipped: Vec<char> = if c.is_uppercase() {
                c.to_lowercase().collect()
            } else {
                c.to_uppercase().collect()
            };
            text.splice(i..=i, flipped);
        }
        Edit::Retype(r) => {
            let s: String = text.iter().collect();
            let new = match r {
                Retype::Quote => format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\"")),
                Retype::Unquote if quoted => s[1..s.len() - 1].to_owned(),
                Retype::Unquote => s,
                Retype::WrapList => format!("[{s}]"),
                Retype::WrapObject => format!("{{\"pk\":{s}}}"),
                Retype::Constant(i) => pick(&CONSTANTS, i).to_owned(),
            };
            *text = new.chars().collect();
        }
        _ => {}
    }
}

impl Spec {
    pub fn render(&self) -> Vec<u8> {
        let ws = pick(&SPACES, self.space);
        let mut out = String::from("{");
        for (n, m) in self.members.iter().take(8).enumerate() {
            if n > 0 {
                out.push(',');
            }
            out.push_str(ws);
            let key = match m.key {
                Key::Name => "name".to_owned(),
                Key::Expires => "expires".to_owned(),
                Key::FixedData => "fixed_data".to_owned(),
                Key::SingleUse => "single_use".to_owned(),
                Key::Flow => "flow".to_owned(),
                Key::Other(i) => pick(&OTHER_KEYS, i).to_owned(),
                Key::Edited(i, e) => {
                    let mut k: Vec<char> =
                        format!("\"{}\"", writable_key(i.into())).chars().collect();
                    // Only character edits: a retyped key is a parse error, which raw targets cover.
                    if !matches!(e, Edit::Retype(_)) {
                        edit(&mut k, e);
                    }
                    let k: String = k.into_iter().collect();
                    k[1..k.len() - 1].to_owned()
                }
            };
            let field = match m.key {
                Key::Name => 0,
                Key::Expires => 1,
                Key::FixedData => 2,
                Key::SingleUse => 3,
                Key::Flow => 4,
                Key::Other(i) | Key::Edited(i, _) => usize::from(i) % 5,
            };
            let values = valid_values(field);
            let mut text: Vec<char> = values[usize::from(m.value) % values.len()]
                .chars()
                .collect();
            for e in m.edits.iter().take(4) {
                edit(&mut text, *e);
            }
            out.push('"');
            out.push_str(&key);
            out.push('"');
            out.push_str(ws);
            out.push(':');
            out.push_str(ws);
            out.extend(text);
        }
        out.push_str(ws);
        out.push('}');
        match self.wrapper {
            Wrapper::List => out = format!("[{out}]"),
            Wrapper::Trailing(c) => out.push(pick(&CHARS, c)),
            Wrapper::Cut(at) => {
                let chars: Vec<char> = out.chars().collect();
                out = chars[..usize::from(at) % (chars.len() + 1)]
                    .iter()
                    .collect();
            }
            _ => {}
        }
        out.into_bytes()
    }
}
