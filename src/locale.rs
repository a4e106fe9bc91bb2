//! The language a request is answered in: the code authentik activates for it (the brand's, then
//! the user's `attributes.settings.locale`), resolved as Django 5.0.6 resolves
//! `translation.activate(code)` against the catalogs of Django and djangorestframework 3.14.0.
//!
//! The catalogs and tables are generated (`data.rs`, by `scripts/gen_locales.py` from the real
//! `.mo` files); the steps below mirror the server's code, each named after it:
//! 1. Django's `to_locale`: `pt-br` → `pt_BR`, `zh-hans` → `zh_Hans`, `de_at` stays `de_at`.
//! 2. gettext's `_expand_lang`: CPython 3.12's `locale.normalize` (its alias table: `ko` →
//!    `ko_KR…`, `pt_br` → `pt_BR…`), then the directories `language_TERRITORY` and `language`.
//! 3. Django's `DjangoTranslation`: per package the first directory found is merged (DRF's over
//!    Django's) and the second is chained behind as a fallback (Django's, then DRF's), then the
//!    en-us translation, which answers every one of these msgids with itself.
//!
//! Directories are matched exactly, case included, as on the server's (Linux) file system.

#[allow(unused_imports)]
use crate::prelude::*;
#[rustfmt::skip] // generated: scripts/gen_locales.py writes it, and --check compares it byte for byte
mod data;

use crate::messages::Text;
use data::{ABSENT, ALIASES, CATALOGS, DIRS, EMPTY, ENGLISH, NONE, OFFSETS, ROWS, SLOTS, STRINGS};

/// A resolved language: the catalogs Django consults, in order (English when none holds a msgid).
///
/// ```
/// use authentik_invitation_patch::locale::Locale;
/// use authentik_invitation_patch::messages::Text;
/// assert_eq!(Locale::resolve("de-AT").template(Text::Blank), "Dieses Feld darf nicht leer sein.");
/// assert_eq!(Locale::resolve("zh_TW").template(Text::Blank), "This field may not be blank.");
/// assert_eq!(Locale::default(), Locale::resolve(""));
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Locale {
    /// Catalog indexes (`directory * 2 + package`, package 0 Django, 1 DRF), `NO` past the end.
    chain: [u8; 4],
}

const NO: u8 = u8::MAX;
const DJANGO: usize = 0;
const DRF: usize = 1;

impl Default for Locale {
    /// The server's LANGUAGE_CODE, en-us: every message in English.
    fn default() -> Self {
        Locale { chain: [NO; 4] }
    }
}

impl Locale {
    /// Resolves a locale code as Django's `translation.activate(code)` would. `""` activates
    /// nothing: the default, English.
    pub fn resolve(code: &str) -> Locale {
        if code.is_empty() {
            return Locale::default();
        }
        let loc = to_locale(code);
        let normalized = normalize(&loc);
        let (full, language) = candidates(&normalized);
        // Per package, the directories found in _expand_lang's order: language_TERRITORY first.
        let mut found = [[NO; 2]; 2];
        for name in [full, Some(language)].into_iter().flatten() {
            if let Some(dir) = dir_index(name) {
                for (package, slots) in found.iter_mut().enumerate() {
                    let catalog = dir * 2 + package;
                    if CATALOGS.get(catalog).is_some_and(|&c| c != NONE) {
                        if let Some(slot) = slots.iter_mut().find(|s| **s == NO) {
                            *slot = catalog as u8;
                        }
                    }
                }
            }
        }
        // DjangoTranslation: Django's catalog, DRF's merged over it, then the fallbacks in the
        // order they were chained: Django's second directory, DRF's.
        let order = [
            found[DRF][0],
            found[DJANGO][0],
            found[DJANGO][1],
            found[DRF][1],
        ];
        let mut chain = [NO; 4];
        for (slot, catalog) in chain.iter_mut().zip(order.into_iter().filter(|&c| c != NO)) {
            *slot = catalog;
        }
        Locale { chain }
    }

    /// The template for `text` in this language, placeholders as [`crate::messages::Msg::render`]
    /// substitutes them. A catalog this build left out (see [`Locale::available`]) is skipped.
    pub fn template(&self, text: Text) -> &'static str {
        let Some(slot) = SLOTS.iter().position(|&t| t == text) else {
            return text.english(); // never passed through gettext on the server
        };
        for &catalog in self.chain.iter().take_while(|&&c| c != NO) {
            let row = CATALOGS.get(usize::from(catalog)).copied().unwrap_or(NONE);
            if matches!(row, NONE | EMPTY | ABSENT) {
                continue;
            }
            let entry = ROWS
                .get(usize::from(row))
                .and_then(|r| r.get(slot))
                .copied()
                .unwrap_or(0);
            if entry == 0 {
                continue;
            }
            if entry == ENGLISH {
                break;
            }
            let i = usize::from(entry - 1);
            if let (Some(&start), Some(&end)) = (OFFSETS.get(i), OFFSETS.get(i + 1)) {
                if let Some(s) = STRINGS.get(usize::from(start)..usize::from(end)) {
                    return s;
                }
            }
        }
        text.english()
    }

    /// Whether this build holds every catalog this language consults. The default build holds the
    /// catalogs of the languages authentik's UI offers; the cargo feature `all-locales` holds all.
    /// Where this is `false`, [`Locale::template`] answers as if the missing catalogs were empty,
    /// which is not the server's answer: the caller should refuse the code instead.
    pub fn available(&self) -> bool {
        self.chain
            .iter()
            .take_while(|&&c| c != NO)
            .all(|&c| CATALOGS.get(usize::from(c)) != Some(&ABSENT))
    }

    /// The catalogs consulted, in order, as `package:directory` (`drf:ko_KR`, `django:ko`).
    pub fn catalogs(&self) -> impl Iterator<Item = (&'static str, &'static str)> + '_ {
        self.chain
            .iter()
            .take_while(|&&c| c != NO)
            .filter_map(|&c| {
                let dir = DIRS.split(' ').nth(usize::from(c) / 2)?;
                Some((["django", "drf"][usize::from(c) % 2], dir))
            })
    }
}

/// Index of a catalog directory named exactly `name`.
fn dir_index(name: &str) -> Option<usize> {
    DIRS.split(' ').position(|d| d == name)
}

/// Django 5.0.6 `django.utils.translation.to_locale`.
fn to_locale(language: &str) -> String {
    let lower = py_lower(language);
    match lower.split_once('-') {
        Some((lang, country)) if !country.is_empty() => {
            let (country, tail) = country.split_once('-').unwrap_or((country, ""));
            let mut out = String::with_capacity(lower.len() + 1);
            out.push_str(lang);
            out.push('_');
            if crate::text::char_count(country) > 2 {
                push_title(&mut out, country);
            } else {
                country.chars().for_each(|c| push_upper(&mut out, c));
            }
            if !tail.is_empty() {
                out.push('-');
                out.push_str(tail);
            }
            out
        }
        // No '-', or nothing after it: `language[:3].lower() + language[3:]`.
        _ => {
            let cut = language
                .char_indices()
                .nth(3)
                .map_or(language.len(), |(i, _)| i);
            let mut out = py_lower(language.get(..cut).unwrap_or(language));
            out.push_str(language.get(cut..).unwrap_or(""));
            out
        }
    }
}

// Python's case mappings, as far as they can matter. A code matches a catalog directory only when
// it ends up all ASCII, and an alias key only when it ends up ASCII or `bokmål` or `français`
// (scripts/gen_locales.py checks there are no others). The only other characters Python maps to
// those are the Kelvin sign (lower: k), Å, the Ångström sign and Ç (lower: å, ç), and ß, ı, ſ and
// the ligatures ﬀ–ﬆ (upper, title). Any other non-ASCII character is kept as is: whatever Python
// makes of it, the code cannot match. (This spares the module Unicode's case tables, several KB.)

/// `str.lower()`.
fn py_lower(s: &str) -> String {
    // Plain loops, here and below: each `collect`/`extend` over another iterator type is another
    // copy of String's Extend<char> in the .wasm.
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        out.push(lower(c));
    }
    out
}

fn lower(c: char) -> char {
    match c {
        '\u{212a}' => 'k',
        '\u{c5}' | '\u{212b}' => '\u{e5}',
        '\u{c7}' => '\u{e7}',
        c => c.to_ascii_lowercase(),
    }
}

/// `str.upper()` of one character.
fn push_upper(out: &mut String, c: char) {
    match special_upper(c) {
        Some(s) => out.push_str(s),
        None => out.push(c.to_ascii_uppercase()),
    }
}

fn special_upper(c: char) -> Option<&'static str> {
    Some(match c {
        'ß' => "SS",
        'ı' => "I",
        'ſ' => "S",
        '\u{fb00}' => "FF",
        '\u{fb01}' => "FI",
        '\u{fb02}' => "FL",
        '\u{fb03}' => "FFI",
        '\u{fb04}' => "FFL",
        '\u{fb05}' | '\u{fb06}' => "ST",
        _ => return None,
    })
}

/// `str.title()`: a cased character after a cased one is lower-cased, any other one title-cased.
fn push_title(out: &mut String, s: &str) {
    let mut previous_cased = false;
    for c in s.chars() {
        if previous_cased {
            out.push(if c == '\u{212a}' {
                'k'
            } else {
                c.to_ascii_lowercase()
            });
        } else if let Some(upper) = special_upper(c) {
            // The title case of ß and the ligatures: the first letter only upper-cased.
            out.push_str(upper.get(..1).unwrap_or_default()); // ASCII
            for l in upper.get(1..).unwrap_or_default().chars() {
                out.push(l.to_ascii_lowercase());
            }
        } else {
            out.push(c.to_ascii_uppercase());
        }
        // Non-ASCII characters other than those never match, whatever follows them.
        previous_cased = c.is_ascii_alphabetic() || !c.is_ascii();
    }
}

/// CPython 3.12 `locale.normalize`, reduced to what the directory candidates depend on: an alias
/// hit gives the alias's `language[_TERRITORY][@modifier]`, a miss the name unchanged.
fn normalize(localename: &str) -> String {
    // `code = localename.lower()`, and ':' read as '.'
    let mut lowered = String::with_capacity(localename.len());
    for c in localename.chars() {
        lowered.push(if c == ':' { '.' } else { lower(c) });
    }
    let (code, modifier) = lowered.split_once('@').unwrap_or((&lowered, ""));
    // `langname, encoding = code.split('.')[:2]`
    let mut parts = code.split('.');
    let langname = parts.next().unwrap_or("");
    let encoding = parts.next().unwrap_or("");
    let mut lang_enc = langname.to_owned();
    if !encoding.is_empty() {
        lang_enc.push('.');
        for c in encoding.chars().filter(|&c| c != '-' && c != '_') {
            lang_enc.push(c);
        }
    }
    // The alias's own modifier, where normalize compares it with the one asked for.
    let modifier_matches = |v: &str| {
        v.split_once('@')
            .map_or(true, |(_, m)| py_lower(m) == modifier)
    };
    let at = if modifier.is_empty() { "" } else { "@" };
    if let Some(v) = alias(&[&lang_enc, at, modifier]) {
        return v.to_owned();
    }
    if !modifier.is_empty() {
        if let Some(v) = alias(&[&lang_enc]).filter(|v| modifier_matches(v)) {
            return v.to_owned();
        }
    }
    if !encoding.is_empty() {
        if let Some(v) = alias(&[langname, at, modifier]) {
            return v.to_owned();
        }
        if !modifier.is_empty() {
            if let Some(v) = alias(&[langname]).filter(|v| modifier_matches(v)) {
                return v.to_owned();
            }
        }
    }
    localename.to_owned()
}

/// The reduced `locale.locale_alias` entry for the key spelled by `parts`, one after the other.
fn alias(parts: &[&str]) -> Option<&'static str> {
    let is_key = |mut k: &str| {
        for p in parts {
            match k.strip_prefix(p) {
                Some(rest) => k = rest,
                None => return false,
            }
        }
        k.is_empty()
    };
    ALIASES
        .split(' ')
        .find_map(|entry| match entry.split_once('=') {
            Some((k, v)) if is_key(k) => Some(v),
            None if is_key(entry) => Some(entry),
            _ => None,
        })
}

/// gettext `_expand_lang`'s results that can name a directory: `language_territory` (when there
/// is a territory) and `language`, codeset and modifier dropped.
fn candidates(loc: &str) -> (Option<&str>, &str) {
    let loc = loc.split('@').next().unwrap_or(loc);
    let loc = loc.split('.').next().unwrap_or(loc);
    match loc.split_once('_') {
        Some((language, _)) => (Some(loc), language),
        None => (None, loc),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(code: &str) -> Vec<String> {
        Locale::resolve(code)
            .catalogs()
            .map(|(p, d)| format!("{p}:{d}"))
            .collect()
    }

    #[test]
    fn to_locale_spells_as_django() {
        assert_eq!(to_locale("pt-br"), "pt_BR");
        assert_eq!(to_locale("zh-hant-tw"), "zh_Hant-tw");
        assert_eq!(to_locale("sr-latn"), "sr_Latn");
        assert_eq!(to_locale("DE_at"), "de_at");
        assert_eq!(to_locale("de-"), "de-");
        assert_eq!(to_locale("\u{212a}o"), "ko");
        assert_eq!(to_locale("zh-\u{fb01}x"), "zh_FIX");
        assert_eq!(to_locale("sr-\u{fb01}xe"), "sr_Fixe");
        assert_eq!(to_locale("x-a1b\u{df}"), "x_A1Bß");
    }

    #[test]
    fn drf_catalogs_win_and_second_directories_follow() {
        assert_eq!(names("ru"), ["drf:ru_RU", "django:ru", "drf:ru"]);
        assert_eq!(names("ko"), ["drf:ko_KR", "django:ko"]);
        assert_eq!(
            names("pt-br"),
            ["drf:pt_BR", "django:pt_BR", "django:pt", "drf:pt"]
        );
        assert_eq!(names("zh_TW"), ["drf:zh_TW"]);
        assert!(names("zh_hans").is_empty());
        assert!(names("pseudo-LOCALE").is_empty());
    }

    #[test]
    fn untranslated_messages_stay_english() {
        let de = Locale::resolve("de");
        assert_eq!(de.template(Text::NoData), "No data provided");
        assert_eq!(de.template(Text::Boolean), "Must be a valid boolean.");
    }

    #[test]
    fn the_ui_languages_are_in_every_build() {
        for code in [
            "en", "es", "de", "fr", "ko", "nl", "pl", "tr", "zh-Hant", "zh_TW", "zh-Hans",
        ] {
            assert!(Locale::resolve(code).available(), "{code}");
        }
    }
}
