//! The golden cases (tests/cases/*.json, answers from the Django reference harness) through the
//! native crate. Answers are compared as text: the crate renders JSON as DRF's renderer does.

use authentik_invitation_patch::{apply, body, validate, Invitation, Method, Options};
use serde_json::Value as Json;
use std::fs;

const CRASH_MARK: &str = "authentik 2024.6 fails on such";

struct Case {
    id: String,
    method: Method,
    body: Vec<u8>,
    invitation: Invitation,
    options: Options,
    status: u64,
    answer: String,
}

fn ours(json: &Json) -> authentik_invitation_patch::Value {
    body::parse(json.to_string().as_bytes()).expect("case JSON parses")
}

fn cases() -> Vec<Case> {
    let mut files: Vec<_> = fs::read_dir("tests/cases")
        .expect("tests/cases")
        .flatten()
        .map(|e| e.path())
        .collect();
    files.sort();
    let mut out = Vec::new();
    for file in files
        .into_iter()
        .filter(|f| f.extension().is_some_and(|e| e == "json"))
    {
        let list: Vec<Json> =
            serde_json::from_str(&fs::read_to_string(&file).expect("readable")).expect("JSON");
        for c in list {
            // 415s and other charsets are the caller's, not the module's.
            if c.get("content_type")
                .is_some_and(|ct| !ct.as_str().is_some_and(is_utf8_json))
            {
                continue;
            }
            let body = match (&c["body"], &c["body_b64"]) {
                (Json::String(s), _) => s.clone().into_bytes(),
                (_, Json::String(b)) => base64(b),
                _ => panic!("case without a body"),
            };
            let mut options = serde_json::Map::new();
            if let Some(flows) = c.get("flows") {
                options.insert("flows".into(), flows.clone());
            }
            let method = match c.get("method").and_then(Json::as_str) {
                Some("PUT") => Method::Put,
                Some("POST") => Method::Post,
                _ => Method::Patch,
            };
            // A POST's invitation is the new one: the pk and user the server made up.
            let invitation = match method {
                Method::Post => Invitation::new(
                    body::parse(c["pk"].to_string().as_bytes())
                        .ok()
                        .and_then(|v| match &v {
                            authentik_invitation_patch::Value::Str(s) => {
                                authentik_invitation_patch::fields::flow::from_hex(&s.text)
                            }
                            _ => None,
                        })
                        .expect("pk"),
                    ours(&c["user"]),
                ),
                _ => Invitation::from_json(c["invitation"].to_string().as_bytes())
                    .expect("invitation"),
            };
            out.push(Case {
                id: c["id"].as_str().unwrap_or_default().to_owned(),
                method,
                body,
                invitation,
                options: Options::from_value(&ours(&Json::Object(options))).expect("options"),
                status: c["expect"]["status"].as_u64().expect("status"),
                answer: c["expect"]["body"].as_str().expect("body").to_owned(),
            });
        }
    }
    out
}

fn is_utf8_json(ct: &str) -> bool {
    let mut parts = ct.split(';').map(|p| p.trim().to_ascii_lowercase());
    let json = matches!(
        parts.next().as_deref(),
        Some("application/json" | "application/*" | "*/*" | "*/json")
    );
    json && parts.all(|p| {
        !p.starts_with("charset=") || matches!(p.as_str(), "charset=utf-8" | "charset=utf8")
    })
}

fn base64(s: &str) -> Vec<u8> {
    let alphabet = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut bits = 0u32;
    let mut n = 0;
    let mut out = Vec::new();
    for c in s.bytes().filter(|&c| c != b'=') {
        bits = bits << 6 | alphabet.iter().position(|&a| a == c).expect("base64") as u32;
        n += 6;
        if n >= 8 {
            n -= 8;
            out.push((bits >> n) as u8);
        }
    }
    out
}

#[test]
fn golden_cases_answer_as_the_reference_does() {
    let cases = cases();
    assert!(cases.len() >= 100, "only {} golden cases", cases.len());
    let mut failures = Vec::new();
    for c in &cases {
        let v = validate(&c.body, c.method, &c.options);
        let a = apply(&c.invitation, &c.body, c.method, &c.options);
        let got = match (c.status, &v, &a) {
            (200 | 201, Ok(_), Ok(applied)) => {
                authentik_invitation_patch::value::to_json(&applied.invitation) == c.answer
            }
            (400, Err(ve), Err(ae)) => ve.to_json() == c.answer && ae.to_json() == c.answer,
            (500, Err(ve), Err(_)) => ve.to_json().contains(CRASH_MARK),
            _ => false,
        };
        if !got {
            failures.push(format!(
                "{}: server {} {}\n  validate: {:?}\n  apply: {:?}",
                c.id,
                c.status,
                c.answer,
                v,
                a.map(|a| authentik_invitation_patch::value::to_json(&a.invitation))
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} golden cases differ:\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n")
    );
}
