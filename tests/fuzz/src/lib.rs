//! What the fuzz targets share: a fixed, realistic invitation with its flows, the properties every
//! answer must have ([`check_validate`], [`check_apply`]), and the structure-aware body generator
//! ([`near_valid`]). A broken property panics, which libFuzzer reports as a crash with the input.

use authentik_invitation_patch::value::to_json;
use authentik_invitation_patch::{
    apply_patch, body, validate_patch, Applied, Errors, Invitation, Options, Valid, Value, WRITABLE,
};
use std::sync::OnceLock;

pub mod near_valid;

/// The stored invitation's flow, as FlowSerializer shows it.
pub const FLOW_A: &str = "5fb522c3-4ee6-4b8f-a6fd-2ae2d4a46c1e";
/// A second flow; its leading zeros make room for `0x…` and `+…` spellings of 32 characters.
pub const FLOW_B: &str = "00c0ffee-0000-4000-8000-00000000beef";

fn flow_object(pk: &str, slug: &str) -> String {
    format!(
        r#"{{"pk":"{pk}","policybindingmodel_ptr_id":"{pk}","name":"{slug}","slug":"{slug}","title":"Welcome","designation":"enrollment","background":"/static/dist/assets/images/flow_background.jpg","stages":[],"policies":[],"cache_count":0,"policy_engine_mode":"any","compatibility_mode":false,"export_url":"/api/v3/flows/instances/{slug}/export/","layout":"stacked","denied_action":"message_continue","authentication":"none"}}"#
    )
}

/// The invitation every apply check starts from, as authentik's API shows it (a 200 body).
pub fn invitation_json() -> String {
    format!(
        r#"{{"pk":"a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d","name":"enroll-2024","expires":"2024-07-29T15:51:28Z","fixed_data":{{"name":"Jane","email":"jane@example.com","groups":["staff","vpn"],"attributes":{{"seat":12,"score":1.5}}}},"created_by":{{"pk":1,"username":"akadmin","name":"authentik Default Admin","is_active":true,"last_login":"2024-07-28T09:00:00Z","email":"admin@example.com","attributes":{{}},"uid":"8c3d4e6f"}},"single_use":true,"flow":"{FLOW_A}","flow_obj":{}}}"#,
        flow_object(FLOW_A, "default-enrollment-flow")
    )
}

/// The flows that exist, as Flow objects: both have their FlowSerializer object, so `flow_obj`
/// is always known after a valid PATCH.
pub fn flows_json() -> String {
    format!(
        "[{},{}]",
        flow_object(FLOW_A, "default-enrollment-flow"),
        flow_object(FLOW_B, "partner-enrollment")
    )
}

fn parse(text: &str) -> Value {
    body::parse(text.as_bytes()).expect("fixture JSON parses")
}

pub fn invitation() -> &'static Invitation {
    static INV: OnceLock<Invitation> = OnceLock::new();
    INV.get_or_init(|| {
        Invitation::from_value(parse(&invitation_json())).expect("fixture invitation")
    })
}

/// Flows known (both with objects), not strict.
pub fn options() -> &'static Options {
    static O: OnceLock<Options> = OnceLock::new();
    O.get_or_init(|| {
        Options::from_value(&parse(&format!(r#"{{"flows":{}}}"#, flows_json())))
            .expect("fixture options")
    })
}

/// The same flows, strict.
pub fn strict_options() -> &'static Options {
    static O: OnceLock<Options> = OnceLock::new();
    O.get_or_init(|| Options {
        strict: true,
        ..options().clone()
    })
}

/// The 200 body's keys, in the serializer's order.
const INVITATION_KEYS: [&str; 8] = [
    "pk",
    "name",
    "expires",
    "fixed_data",
    "created_by",
    "single_use",
    "flow",
    "flow_obj",
];

/// `validate_patch` alone, for any body: with no flows, with flows, and strict.
pub fn check_validate(body: &[u8]) {
    let plain = validate_patch(body, &Options::default());
    let with_flows = validate_patch(body, options());
    let strict = validate_patch(body, strict_options());
    let no_flows = Options::default();
    for (r, opts) in [
        (&plain, &no_flows),
        (&with_flows, options()),
        (&strict, strict_options()),
    ] {
        match r {
            Ok(valid) => check_valid(valid, opts, body),
            Err(e) => check_errors(e, opts.strict, body),
        }
    }
    // Knowing the flows can only add the does-not-exist message to `flow`.
    if let (Err(p), Ok(_)) = (&plain, &with_flows) {
        panic!(
            "refused without flows but accepted with them: {p:?}\nbody: {}",
            show(body)
        );
    }
    check_strict_extends(&with_flows, &strict, body);
}

/// `validate_patch` and `apply_patch` on the fixed invitation, and every property between them.
pub fn check_apply(body: &[u8]) {
    let opts = options();
    let v = validate_patch(body, opts);
    let a = apply_patch(invitation(), body, opts);
    match (&v, &a) {
        (Ok(valid), Ok(applied)) => {
            check_valid(valid, opts, body);
            check_applied(valid, applied, body);
        }
        (Err(ve), Err(ae)) => {
            assert_eq!(
                ve,
                ae,
                "validate_patch and apply_patch refuse differently\nbody: {}",
                show(body)
            );
            check_errors(ve, false, body);
        }
        _ => panic!(
            "validate_patch and apply_patch disagree\nvalidate: {v:?}\napply: {a:?}\nbody: {}",
            show(body)
        ),
    }
    let strict = validate_patch(body, strict_options());
    check_strict_extends(&v, &strict, body);
}

/// Strict mode refuses exactly what the default refuses, plus one message per ignored key.
fn check_strict_extends(
    lenient: &Result<Valid, Errors>,
    strict: &Result<Valid, Errors>,
    body: &[u8],
) {
    match (lenient, strict) {
        (Ok(l), Ok(s)) => {
            assert!(
                l.ignored.is_empty(),
                "strict accepted a body with ignored keys\nbody: {}",
                show(body)
            );
            assert_eq!(l, s, "strict changed the patch\nbody: {}", show(body));
        }
        (Ok(l), Err(Errors::Fields(fields))) => {
            assert!(
                !l.ignored.is_empty(),
                "strict refused a body with no ignored keys: {fields:?}\nbody: {}",
                show(body)
            );
            let keys: Vec<_> = fields.iter().map(|(k, _)| k).collect();
            assert_eq!(
                keys,
                l.ignored.iter().collect::<Vec<_>>(),
                "strict errors are not the ignored keys\nbody: {}",
                show(body)
            );
        }
        (Err(l), Err(s)) => match (l, s) {
            (Errors::Fields(lf), Errors::Fields(sf)) => {
                assert!(
                    sf.len() >= lf.len() && sf[..lf.len()] == lf[..],
                    "strict lost field errors\nlenient: {lf:?}\nstrict: {sf:?}\nbody: {}",
                    show(body)
                );
            }
            _ => assert_eq!(
                l,
                s,
                "strict changed a body-level error\nbody: {}",
                show(body)
            ),
        },
        _ => panic!(
            "strict and lenient disagree\nlenient: {lenient:?}\nstrict: {strict:?}\nbody: {}",
            show(body)
        ),
    }
}

/// A success: the patch, written out and validated again, comes back unchanged.
fn check_valid(valid: &Valid, opts: &Options, body: &[u8]) {
    let patch_json = to_json(&valid.patch.to_value());
    let again = validate_patch(patch_json.as_bytes(), opts).unwrap_or_else(|e| {
        panic!(
            "the returned patch is refused: {e:?}\npatch: {patch_json}\nbody: {}",
            show(body)
        )
    });
    assert_eq!(
        again.patch,
        valid.patch,
        "validating the patch changes it\npatch: {patch_json}\nbody: {}",
        show(body)
    );
    assert!(
        again.ignored.is_empty(),
        "the patch has ignored keys\npatch: {patch_json}"
    );
    assert_eq!(
        to_json(&again.patch.to_value()),
        patch_json,
        "the patch renders differently\nbody: {}",
        show(body)
    );
    // Ignored keys are never writable ones.
    for k in &valid.ignored {
        assert!(
            k.lone.is_some() || !WRITABLE.contains(&k.text.as_str()),
            "writable key {k:?} listed as ignored\nbody: {}",
            show(body)
        );
    }
}

/// A 200: the body has the serializer's keys in order, shows the patch, and applying the patch
/// again to it changes nothing.
fn check_applied(valid: &Valid, applied: &Applied, body: &[u8]) {
    let Value::Object(members) = &applied.invitation else {
        panic!("the 200 body is not an object")
    };
    let keys: Vec<&str> = members.iter().map(|(k, _)| k.text.as_str()).collect();
    assert_eq!(
        keys,
        INVITATION_KEYS,
        "the 200 body's keys\nbody: {}",
        show(body)
    );
    let patch = valid.patch.to_value();
    if let Value::Object(fields) = &patch {
        for (k, v) in fields {
            assert_eq!(
                applied.invitation.get(&k.text),
                Some(v),
                "the 200 body does not show the patch's {}\nbody: {}",
                k.text,
                show(body)
            );
        }
    }
    for field in &applied.changed {
        assert!(
            patch.get(field).is_some(),
            "`{field}` changed but is not in the patch\nbody: {}",
            show(body)
        );
    }
    let text = to_json(&applied.invitation);
    let reparsed = body::parse(text.as_bytes())
        .unwrap_or_else(|e| panic!("the 200 body is not JSON: {e:?}\n{text}"));
    assert_eq!(
        reparsed,
        applied.invitation,
        "the 200 body does not survive its own JSON\nbody: {}",
        show(body)
    );

    // Idempotence: the result, stored, and the same patch again.
    let stored = Invitation::from_value(applied.invitation.clone()).unwrap_or_else(|e| {
        panic!(
            "the 200 body is not an Invitation: {e}\n{text}\nbody: {}",
            show(body)
        )
    });
    let patch_json = to_json(&patch);
    let again = apply_patch(&stored, patch_json.as_bytes(), options()).unwrap_or_else(|e| {
        panic!(
            "re-applying the patch is refused: {e:?}\npatch: {patch_json}\nbody: {}",
            show(body)
        )
    });
    assert_eq!(
        again.invitation,
        applied.invitation,
        "re-applying the patch changes the invitation\npatch: {patch_json}\nbody: {}",
        show(body)
    );
    assert!(
        again.changed.is_empty(),
        "re-applying the patch reports changes {:?}\npatch: {patch_json}\nbody: {}",
        again.changed,
        show(body)
    );
}

/// A refusal: `{"detail": str}`, `{"non_field_errors": [str]}`, or field keys in the server's order
/// (then, when strict, the ignored keys), each with a non-empty list of messages.
fn check_errors(e: &Errors, strict: bool, body: &[u8]) {
    let value = e.to_value();
    let text = e.to_json();
    let reparsed = body::parse(text.as_bytes())
        .unwrap_or_else(|err| panic!("errors are not JSON: {err:?}\n{text}"));
    assert_eq!(
        reparsed, value,
        "errors do not survive their own JSON: {text}"
    );
    let Value::Object(members) = &value else {
        panic!("errors are not an object: {text}")
    };
    assert!(
        !members.is_empty(),
        "empty errors object\nbody: {}",
        show(body)
    );
    let is_str = |v: &Value| matches!(v, Value::Str(s) if !s.text.is_empty());
    let is_list = |v: &Value| matches!(v, Value::Array(items) if !items.is_empty() && items.iter().all(is_str));
    match e {
        Errors::Detail(_) => {
            assert!(
                members.len() == 1 && members[0].0.text == "detail" && is_str(&members[0].1),
                "{text}"
            );
        }
        Errors::NonField(_) => {
            assert!(
                members.len() == 1
                    && members[0].0.text == "non_field_errors"
                    && is_list(&members[0].1),
                "{text}"
            );
        }
        Errors::Fields(_) => {
            let mut next = 0; // index into WRITABLE the next writable key may have at least
            let mut in_tail = false;
            let mut seen = Vec::new();
            for (k, v) in members {
                assert!(is_list(v), "`{}` is not a list of messages: {text}", k.text);
                assert!(!seen.contains(&k), "key `{}` twice: {text}", k.text);
                seen.push(k);
                match WRITABLE
                    .iter()
                    .position(|w| k.lone.is_none() && k.text == *w)
                {
                    Some(i) => {
                        assert!(
                            !in_tail && i >= next,
                            "field errors out of server order: {text}\nbody: {}",
                            show(body)
                        );
                        next = i + 1;
                    }
                    None => {
                        assert!(
                            strict,
                            "unexpected error key `{}`: {text}\nbody: {}",
                            k.text,
                            show(body)
                        );
                        in_tail = true;
                    }
                }
            }
        }
    }
}

/// A body for a failure message: text when it is UTF-8, else bytes.
pub fn show(body: &[u8]) -> String {
    const MAX: usize = 2000;
    let cut = &body[..body.len().min(MAX)];
    let more = if body.len() > MAX {
        format!(" … ({} bytes)", body.len())
    } else {
        String::new()
    };
    match std::str::from_utf8(cut) {
        Ok(s) => format!("{s:?}{more}"),
        Err(_) => format!("{cut:?}{more}"),
    }
}
