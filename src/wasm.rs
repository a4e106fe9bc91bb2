//! The boundary to JavaScript, and the only `#[wasm_bindgen]` in the crate. Each export decodes its
//! arguments to bytes, calls the core, and hands back one JSON text that `JSON.parse` turns into
//! the result: one crossing, and `__proto__` keys stay plain data.

use crate::value::{BigInts, JsonWriter, Str, Value};
use crate::{body, Applied, Errors, Invitation, Options, Valid};
use js_sys::{ArrayBuffer, JsString, Uint8Array, JSON};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

#[wasm_bindgen(typescript_custom_section)]
const TYPES: &str = r#"
/** A PATCH body: the raw text, the raw bytes (decoded as UTF-8 as the server does), or any other
 * value, judged as the server judges `JSON.stringify(body)`. */
export type PatchBody = string | Uint8Array | ArrayBuffer | unknown;

/** A flow as authentik's API shows it (FlowSerializer); only `pk` is read. */
export interface Flow { pk: string; [key: string]: unknown }

/** A flow in `options.flows`: a Flow object (any object with a string `pk`, such as the API
 * client's `Flow` model) or its pk string. */
export type FlowLike = Flow | { readonly pk: string } | string;

export interface PatchOptions {
  /** The flows that exist, as Flow objects or pk strings. Not given: existence is not checked. */
  flows?: ReadonlyArray<FlowLike>;
  /** Keys the server ignores (unknown and read-only) become errors. Default false. */
  strict?: boolean;
}

/** The writable fields a valid body sets, as the server stores them. Integers beyond
 * ±(2^53 − 1) inside `fixed_data` are `bigint`s, exactly. */
export interface InvitationPatch {
  name?: string;
  /** UTC, `YYYY-MM-DDTHH:MM:SS[.ffffff]Z`; null clears it. */
  expires?: string | null;
  fixed_data?: Record<string, unknown>;
  single_use?: boolean;
  /** Lower-case hyphenated UUID; null clears it. */
  flow?: string | null;
}

/** The body authentik answers with its 400, keys in the server's order. It holds either `detail`
 * (the body could not be read as JSON), or `non_field_errors` (the body is not an object), or one
 * list of messages per failing field: the writable fields, and with `strict` the ignored keys. */
export interface ServerErrors {
  detail?: string;
  non_field_errors?: string[];
  name?: string[];
  expires?: string[];
  fixed_data?: string[];
  single_use?: string[];
  flow?: string[];
  [key: string]: string | string[] | undefined;
}

export interface PatchRejected { ok: false; status: 400; errors: ServerErrors }
export interface PatchAccepted {
  ok: true;
  /** What to forward upstream. */
  patch: InvitationPatch;
  /** Keys the server ignores, in body order. */
  ignored: string[];
}
export type PatchVerdict = PatchAccepted | PatchRejected;

/** An invitation as authentik's API shows it (the JSON, with its snake_case keys). */
export interface Invitation {
  pk: string;
  name: string;
  expires: string | null;
  fixed_data: Record<string, unknown>;
  created_by: Record<string, unknown>;
  single_use: boolean;
  flow: string | null;
  flow_obj: Flow | null;
}

export type ChangedField = "name" | "expires" | "fixed_data" | "single_use" | "flow";

export interface PatchApplied {
  ok: true;
  status: 200;
  /** Exactly the 200 body authentik answers. */
  invitation: Invitation;
  changed: ChangedField[];
  /** Absent here: every field of `invitation` is known. */
  unknown?: undefined;
}
/** The PATCH names a flow whose object `options.flows` does not hold: the 200 body's `flow_obj`
 * cannot be known, so it is left out rather than guessed. */
export interface PatchAppliedFlowUnknown {
  ok: true;
  status: 200;
  invitation: Omit<Invitation, "flow_obj">;
  changed: ChangedField[];
  unknown: ["flow_obj"];
}
export type ApplyVerdict = PatchApplied | PatchAppliedFlowUnknown | PatchRejected;

/** Judges a PATCH body as authentik 2024.6 does. Never throws for bad data; throws a TypeError for
 * a wrong call (bad options, a body `JSON.stringify` throws on). */
export function validatePatch(body: PatchBody, options?: PatchOptions): PatchVerdict;

/** Applies a PATCH body to an invitation, answering as authentik 2024.6 does. Never mutates its
 * arguments. Throws a TypeError for a wrong call (an `invitation` that is not an Invitation, or one
 * `JSON.stringify` throws on, such as a `fixed_data` holding a `bigint`). */
export function applyPatch(invitation: Invitation, body: PatchBody, options?: PatchOptions): ApplyVerdict;
"#;

/// Judges a PATCH body as authentik 2024.6 does.
#[wasm_bindgen(js_name = validatePatch, skip_typescript)]
pub fn validate_patch(body: JsValue, options: JsValue) -> Result<JsValue, JsValue> {
    install_panic_hook();
    let body = body_bytes(&body)?;
    let options = options_from_js(&options)?;
    let mut out = String::with_capacity(256);
    let mut w = JsonWriter::new(&mut out, BigInts::Marked);
    let ignored = match crate::validate_patch(&body, &options) {
        Ok(Valid { patch, ignored }) => {
            w.out.push_str("{\"ok\":true,\"patch\":");
            w.value(&patch.into_value());
            w.out.push_str(",\"ignored\":[");
            // Ignored keys are the one place where strings of the body's own, lone surrogates
            // included, come back as values: keep them away from the BigInt markers.
            let mut list = String::from("[");
            for (i, key) in ignored.iter().enumerate() {
                if i > 0 {
                    list.push(',');
                }
                crate::value::write_json_str(key, &mut list);
            }
            list.push(']');
            if w.bigs.is_empty() {
                w.out.push_str(list.get(1..).unwrap_or_default());
                w.out.push('}');
                None
            } else {
                w.out.push_str("]}");
                Some(list)
            }
        }
        Err(errors) => {
            rejected(&mut w, &errors);
            None
        }
    };
    let result = finish(w)?;
    if let Some(list) = ignored {
        js_sys::Reflect::set(&result, &JsValue::from_str("ignored"), &JSON::parse(&list)?)?;
    }
    Ok(result)
}

/// Applies a PATCH body to an invitation, answering as authentik 2024.6 does.
#[wasm_bindgen(js_name = applyPatch, skip_typescript)]
pub fn apply_patch(
    invitation: JsValue,
    body: JsValue,
    options: JsValue,
) -> Result<JsValue, JsValue> {
    install_panic_hook();
    let invitation = stringify(&invitation, "invitation")?.ok_or_else(|| {
        type_error("invitation: expected an Invitation object, got undefined".into())
    })?;
    let invitation = Invitation::from_json(invitation.as_bytes()).map_err(type_error)?;
    let body = body_bytes(&body)?;
    let options = options_from_js(&options)?;
    let mut out = String::with_capacity(1024);
    let mut w = JsonWriter::new(&mut out, BigInts::Marked);
    match crate::apply_patch(&invitation, &body, &options) {
        Ok(Applied {
            invitation,
            changed,
        }) => {
            w.out
                .push_str("{\"ok\":true,\"status\":200,\"invitation\":");
            w.value(&invitation);
            w.out.push_str(",\"changed\":[");
            for (i, field) in changed.iter().enumerate() {
                if i > 0 {
                    w.out.push(',');
                }
                w.str(&Str::new(*field));
            }
            w.out.push(']');
            if invitation.get("flow_obj").is_none() {
                w.out.push_str(",\"unknown\":[\"flow_obj\"]");
            }
            w.out.push('}');
        }
        Err(errors) => rejected(&mut w, &errors),
    }
    finish(w)
}

// A panic is a bug of ours, and release builds abort on it (`panic = "abort"`): a trap, which
// leaves this instance's stack pointer, heap and panic state mid-update, so no later call could be
// trusted. wasm-bindgen 0.2.130 can replace the instance: after `schedule_reinit()`, its glue
// builds a fresh `WebAssembly.Instance` from the same compiled module before the next export call,
// in every entry (node.js, worker.js, the web index.js, cjs/). Results are plain JS objects, so
// nothing a caller holds points into the old instance.

/// Sets the panic hook, once per instance (each fresh instance starts with fresh statics).
/// NOTE: not a `#[wasm_bindgen(start)]` function, which 0.2.130 also exports to JS as `start()`.
fn install_panic_hook() {
    static HOOK: std::sync::Once = std::sync::Once::new();
    HOOK.call_once(|| std::panic::set_hook(Box::new(on_panic)));
}

/// Schedules a fresh instance, then throws the panic's message as a JS `Error` rather than trap
/// with a bare "unreachable". The throw unwinds the Wasm frames like the trap would.
fn on_panic(info: &std::panic::PanicHookInfo) {
    // NOTE: doc-hidden in wasm-bindgen 0.2.130 (its `handler` module documents it); Cargo.toml pins
    // the crate with `=`, and tests/js/hostile.test.mjs proves the reset on every build.
    wasm_bindgen::handler::schedule_reinit();
    let message = format!(
        "authentik-invitation-patch: internal error ({info}). Please report it with the input. The module has been reset: later calls work."
    );
    wasm_bindgen::throw_str(&message);
}

/// Test only, never in the release pkg/ (cargo feature `test-panic`, built by
/// tests/js/build-panic-pkg.sh): panics with `message` `depth` calls deep while holding heap
/// memory, as a bug deep in a call would, so tests/js/hostile.test.mjs can check the next call.
#[cfg(feature = "test-panic")]
#[wasm_bindgen(js_name = __panicForTest, skip_typescript)]
pub fn panic_for_test(message: &str, depth: u32) {
    install_panic_hook();
    fn nest(message: &str, depth: u32, held: &mut Vec<Vec<u8>>) {
        held.push(vec![1; 4096]);
        if depth == 0 {
            panic!("{message}");
        }
        nest(message, depth - 1, held);
        std::hint::black_box(&held);
    }
    nest(message, depth, &mut Vec::new());
}

fn rejected(w: &mut JsonWriter, errors: &Errors) {
    w.out.push_str("{\"ok\":false,\"status\":400,\"errors\":");
    w.value(&errors.to_value());
    w.out.push('}');
}

fn finish(w: JsonWriter) -> Result<JsValue, JsValue> {
    if w.bigs.is_empty() {
        return JSON::parse(w.out);
    }
    // Integers a JS number cannot hold were written as "\uDEAD<index>": swap each for its BigInt.
    let bigs = w.bigs;
    let reviver =
        Closure::<dyn FnMut(JsValue, JsValue) -> JsValue>::new(move |_key: JsValue, v: JsValue| {
            let Some(s) = v.dyn_ref::<JsString>() else {
                return v;
            };
            if s.length() == 0 || s.char_code_at(0) != f64::from(0xdead) {
                return v;
            }
            let index: Option<usize> = String::from(s.slice(1, s.length())).parse().ok();
            match index.and_then(|i| bigs.get(i)) {
                Some(digits) => {
                    js_sys::BigInt::new(&JsValue::from_str(digits)).map_or(v, JsValue::from)
                }
                None => v,
            }
        });
    parse_with_reviver(w.out, reviver.as_ref().unchecked_ref())
}

#[wasm_bindgen]
extern "C" {
    // NOTE: js-sys binds JSON.parse without its reviver argument.
    #[wasm_bindgen(js_namespace = JSON, js_name = parse, catch)]
    fn parse_with_reviver(text: &str, reviver: &js_sys::Function) -> Result<JsValue, JsValue>;
}

fn type_error(message: String) -> JsValue {
    js_sys::TypeError::new(&message).into()
}

/// The body as the server receives it: a string's UTF-8, the bytes given, or `JSON.stringify`.
fn body_bytes(body: &JsValue) -> Result<Vec<u8>, JsValue> {
    if let Some(s) = body.as_string() {
        return Ok(s.into_bytes());
    }
    // Bytes come only from a genuine Uint8Array or ArrayBuffer; a Proxy of one is judged as
    // `JSON.stringify` judges it, and no getter of the caller's runs here.
    if (ArrayBuffer::is_view(body) && body.is_instance_of::<Uint8Array>()) || is_array_buffer(body)
    {
        let bytes = CopiedBytes::new(body).map_err(|e| {
            type_error(format!(
                "body: its bytes cannot be read ({})",
                message_of(&e)
            ))
        })?;
        return Ok(bytes.unchecked_into::<Uint8Array>().to_vec());
    }
    // `undefined` (and a function or symbol) stringify to undefined: an empty body.
    Ok(stringify(body, "body")?
        .map(String::into_bytes)
        .unwrap_or_default())
}

#[wasm_bindgen]
extern "C" {
    // NOTE: js-sys binds these without `catch`. Any JS exception must be caught at the call: one
    // that unwinds through the Wasm frames leaves their shadow stack behind, and enough of them
    // (a caller retrying a revoked Proxy in a loop) break the instance.
    /// `Reflect.get(target, key, receiver)`: runs `target`'s getter with `this = receiver`.
    #[wasm_bindgen(js_namespace = Reflect, js_name = get, catch)]
    fn get_with_receiver(
        target: &JsValue,
        key: &JsValue,
        receiver: &JsValue,
    ) -> Result<JsValue, JsValue>;
    /// `Uint8Array` again, for a constructor that catches.
    #[wasm_bindgen(js_name = Uint8Array)]
    type CopiedBytes;
    /// `new Uint8Array(source)`: a copy of a typed array or a view of an ArrayBuffer, read from
    /// their internal slots, never from properties a caller can redefine.
    #[wasm_bindgen(constructor, js_class = "Uint8Array", catch)]
    fn new(source: &JsValue) -> Result<CopiedBytes, JsValue>;
}

/// Whether `v` is an ArrayBuffer: `ArrayBuffer.prototype.byteLength` throws for anything else,
/// a Proxy of one included (`instanceof` alone would let a Proxy through).
fn is_array_buffer(v: &JsValue) -> bool {
    v.is_instance_of::<ArrayBuffer>() && {
        let proto = js_sys::Object::get_prototype_of(&ArrayBuffer::new(0));
        get_with_receiver(&proto, &JsValue::from_str("byteLength"), v).is_ok()
    }
}

/// A thrown value's message, for ours: it may be anything, a Proxy with throwing traps included.
fn message_of(thrown: &JsValue) -> String {
    if let Some(s) = thrown.as_string() {
        return s;
    }
    js_sys::Reflect::get(thrown, &JsValue::from_str("message"))
        .ok()
        .and_then(|m| m.as_string())
        .unwrap_or_default()
}

fn stringify(v: &JsValue, arg: &str) -> Result<Option<String>, JsValue> {
    let text = JSON::stringify(v).map_err(|e| {
        type_error(format!(
            "{arg}: JSON.stringify throws on this value ({})",
            message_of(&e)
        ))
    })?;
    Ok(text.as_string())
}

/// A JS argument as the JSON value `JSON.stringify` makes of it.
fn json_of(v: &JsValue, arg: &str) -> Result<Value, JsValue> {
    let text = stringify(v, arg)?
        .ok_or_else(|| type_error(format!("{arg}: expected an object, got undefined")))?;
    body::parse(text.as_bytes()).map_err(|e| type_error(format!("{arg}: {}", e.detail())))
}

fn options_from_js(options: &JsValue) -> Result<Options, JsValue> {
    if options.is_undefined() || options.is_null() {
        return Ok(Options::default());
    }
    // Arrays are refused by `Options::from_value`, after `JSON.stringify`: `Array.isArray` throws
    // for a revoked Proxy.
    if !options.is_object() {
        return Err(type_error(
            "options: expected an object like { flows?: Flow[] | string[], strict?: boolean }"
                .into(),
        ));
    }
    Options::from_value(&json_of(options, "options")?).map_err(type_error)
}
