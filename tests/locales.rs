//! Languages, against answers of real Django 5.0.6 + DRF 3.14.0:
//! - `tests/cases/locales/resolution.json`: thousands of locale codes (every catalog directory and
//!   alias in several spellings), each with the catalogs Django consults and every template it
//!   picks (scripts/gen_locales.py --resolution-cases);
//! - `tests/cases/locales/requests.json`: PATCH requests through authentik's two locale middlewares
//!   in the reference harness, per locale (tests/reference/make_locale_cases.py), answered by
//!   `validate_patch` with `Options { locale: Locale::resolve(code), .. }`.
//!
//! The default build holds the catalogs of the UI's languages; codes that need another one must say
//! so (`Locale::available`). `cargo test --features all-locales` checks every code.

use authentik_invitation_patch::messages::Text;
use authentik_invitation_patch::{validate_patch, Locale, Options};
use serde_json::Value as Json;
use std::collections::BTreeMap;
use std::fs;

const SLOTS: [Text; 15] = [
    Text::Required,
    Text::Null,
    Text::Blank,
    Text::MaxLength,
    Text::NullCharacters,
    Text::Surrogate,
    Text::Slug,
    Text::DatetimeFormat,
    Text::DatetimeOverflow,
    Text::InvalidJson,
    Text::Boolean,
    Text::IncorrectType,
    Text::NotUuid,
    Text::DoesNotExist,
    Text::NotAnObject,
];

fn read(path: &str) -> Json {
    serde_json::from_str(&fs::read_to_string(path).expect(path)).expect("JSON")
}

#[test]
fn every_code_resolves_as_django_does() {
    let doc = read("tests/cases/locales/resolution.json");
    let slots: Vec<&str> = doc["slots"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s.as_str().unwrap())
        .collect();
    let ours: Vec<String> = SLOTS.iter().map(|t| format!("{t:?}")).collect();
    assert_eq!(slots, ours, "slot order");
    let strings: Vec<&str> = doc["strings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s.as_str().unwrap())
        .collect();
    let answers = doc["answers"].as_array().unwrap();
    let (mut checked, mut unavailable, mut failures) = (0, 0, Vec::new());
    for entry in doc["codes"].as_array().unwrap() {
        let code = entry[0].as_str().unwrap();
        let locale = Locale::resolve(code);
        let catalogs: Vec<String> = locale.catalogs().map(|(p, d)| format!("{p}:{d}")).collect();
        if catalogs.join(" ") != entry[2].as_str().unwrap() {
            failures.push(format!(
                "{code:?}: catalogs {catalogs:?}, Django {}",
                entry[2]
            ));
            continue;
        }
        if !locale.available() {
            if cfg!(feature = "all-locales") {
                failures.push(format!("{code:?}: the all-locales build misses a catalog"));
            }
            unavailable += 1;
            continue;
        }
        let answer = answers[entry[1].as_u64().unwrap() as usize]
            .as_array()
            .unwrap();
        for (text, i) in SLOTS.iter().zip(answer) {
            let want = strings[i.as_u64().unwrap() as usize];
            if locale.template(*text) != want {
                failures.push(format!(
                    "{code:?} {text:?}: {:?}, Django {want:?}",
                    locale.template(*text)
                ));
            }
        }
        checked += 1;
    }
    println!("resolution: {checked} codes compared, {unavailable} need the all-locales build");
    assert!(checked >= 1000, "only {checked} codes compared");
    assert!(
        failures.is_empty(),
        "{} differences:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn requests_answer_as_the_server_does_per_locale() {
    let cases = read("tests/cases/locales/requests.json");
    let (mut per_locale, mut skipped, mut failures) =
        (BTreeMap::<String, usize>::new(), 0, Vec::new());
    for c in cases.as_array().unwrap() {
        let code = c["locale"].as_str().unwrap();
        let flows = authentik_invitation_patch::body::parse(
            format!("{{\"flows\":{}}}", c["flows"]).as_bytes(),
        )
        .expect("flows");
        let mut options = Options::from_value(&flows).expect("options");
        options.locale = Locale::resolve(code);
        let all_locales = c["all_locales"].as_bool().unwrap();
        if !cfg!(feature = "all-locales") && options.locale.available() == all_locales {
            failures.push(format!("{}: available() says {}", c["id"], !all_locales));
        }
        if !options.locale.available() {
            skipped += 1;
            continue;
        }
        let body = c["body"].as_str().unwrap().as_bytes();
        let status = c["expect"]["status"].as_u64().unwrap();
        let want = c["expect"]["body"].as_str().unwrap();
        let got = match validate_patch(body, &options) {
            Err(e) => (400, e.to_json_in(&options.locale)),
            Ok(_) => (200, String::new()),
        };
        let same = match status {
            400 => got == (400, want.to_owned()),
            200 => got.0 == 200,
            _ => false,
        };
        if !same {
            failures.push(format!(
                "{} ({code:?}): server {status} {want}\n  ours {} {}",
                c["id"], got.0, got.1
            ));
        }
        *per_locale
            .entry(c["group"].as_str().unwrap().to_owned())
            .or_default() += 1;
    }
    let total: usize = per_locale.values().sum();
    println!("requests: {total} compared ({skipped} need the all-locales build): {per_locale:?}");
    assert!(total >= 300, "only {total} requests compared");
    assert!(
        failures.is_empty(),
        "{} differences:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
