//! The boundary to JavaScript: a few raw exports over Wasm memory, and the only code that knows
//! about it besides `pkg/index.js`, which calls them. A call is: JS writes its input (the body's
//! UTF-8, then for `apply` the invitation's fields as JSON texts) into the buffer `input`
//! returns, calls `validate`/`apply`, and reads the answer from the tape it gets back (`tape.rs`).
//! Nothing here allocates a JS object, and no JS code runs while a call is inside the module
//! (its imports are pure functions), so a call can never re-enter it.

use crate::locale::Locale;
use crate::platform::Lazy;
#[allow(unused_imports)]
use crate::prelude::*;
use crate::tape::{self, Tape};
use crate::text::cat;
use crate::value::Value;
use crate::{
    applied, check, fixed_data, flow, Checked, Errors, FlowObj, Invitation, Method, Msg, Options,
};
use crate::{DateTime, WRITABLE};
use core::cell::RefCell;
// What a call builds is not dropped piece by piece (a chain of calls for each allocation in this
// build): the arena takes the call's memory back whole when the next call starts (`in_call`).
use core::mem::ManuallyDrop;

// What JS provides: float text in and out (`platform.rs`) and a panic's message.
#[link(wasm_import_module = "host")]
extern "C" {
    /// `parseFloat` of the ASCII at `ptr`.
    pub fn parse_float(ptr: *const u8, len: usize) -> f64;
    /// `String(x)` for a finite, non-negative `x`, written as ASCII at `out` (at most 32 bytes);
    /// returns its length.
    pub fn number_text(x: f64, out: *mut u8) -> usize;
    /// A panic's message, just before the module traps.
    fn panicked(ptr: *const u8, len: usize);
}

/// Everything a call uses again: the input buffer, the tape, and the prepared options.
#[derive(Default)]
struct State {
    input: Vec<u8>,
    tape: Tape,
    /// Handle `i` is `options[i]`; 0 is the default options. A released slot is `None`.
    options: Vec<Option<Options>>,
}

static STATE: Lazy<RefCell<State>> = Lazy::new();

fn with_state<R>(f: impl FnOnce(&mut State) -> R) -> R {
    let cell = STATE.get_or_init(|| {
        RefCell::new(State {
            options: vec![Some(Options::default())],
            ..State::default()
        })
    });
    f(&mut cell.borrow_mut())
}

/// Makes room for `len` bytes of input, keeping the first `keep` that JS has written, and
/// returns where JS writes them.
#[no_mangle]
pub extern "C" fn input(len: usize, keep: usize) -> *mut u8 {
    with_state(|s| {
        // SAFETY: JS wrote `keep` bytes at `input.as_mut_ptr()` after an earlier `input` reserved them.
        unsafe { s.input.set_len(keep.min(s.input.capacity())) };
        // Past a megabyte, give the memory back rather than keep the largest input ever seen.
        if keep == 0 && s.input.capacity() > 1 << 20 && len < 1 << 20 {
            s.input = Vec::new();
            s.tape.buf = Vec::new();
        }
        s.input.reserve(len.saturating_sub(s.input.len()));
        s.input.as_mut_ptr()
    })
}

/// Runs `f` on the call's input (its first `len` bytes, which JS has written) and tape; returns
/// the finished tape.
fn with_call(len: usize, f: impl FnOnce(&[u8], &mut Tape, &[Option<Options>])) -> *const u8 {
    with_state(|s| {
        let State {
            input,
            tape,
            options,
        } = s;
        // SAFETY: JS wrote `len` bytes at `input.as_mut_ptr()` after `input(len)` reserved them.
        unsafe { input.set_len(len.min(input.capacity())) };
        tape.start();
        crate::platform::in_call(|| f(input, tape, options));
        tape.finish().as_ptr()
    })
}

fn method(m: u32) -> Method {
    match m {
        1 => Method::Put,
        2 => Method::Post,
        _ => Method::Patch,
    }
}

/// `validatePatch` (and PUT/POST): the body is the whole input.
#[no_mangle]
pub extern "C" fn validate(len: usize, m: u32, handle: u32) -> *const u8 {
    with_call(len, |input, t, all| {
        let options = prepared(all, handle);
        match check(input, method(m), options) {
            Ok((text, checked)) => accepted(t, text, &ManuallyDrop::new(checked)),
            Err(errors) => rejected(t, &ManuallyDrop::new(errors), &options.locale),
        }
    })
}

/// `applyPatch` (and PUT): the input is the body's `body_len` bytes, then the invitation's fields
/// ([`Invitation::from_fields`]).
#[no_mangle]
pub extern "C" fn apply(len: usize, body_len: usize, m: u32, handle: u32) -> *const u8 {
    with_call(len, |input, t, all| {
        let options = prepared(all, handle);
        let (body, fields) = input.split_at(body_len.min(input.len()));
        let judged = ManuallyDrop::new(check(body, method(m), options));
        // The body's fixed_data, as sent.
        let sent = match &*judged {
            Ok((text, c)) => (c.patch.fixed_data.as_ref())
                .map(|s| text.as_bytes().get(s.start..s.end).unwrap_or_default()),
            Err(_) => None,
        };
        // The stored fixed_data is built only where the answer needs it. Its text, when it reads
        // back as written, crosses as it is (EXT: the JS side parses it), unless the body's
        // fixed_data is to be compared with it: that one is the same, without building either,
        // when it is the same text (a client sending back what it was given) and no number in
        // it has a `+` exponent (`1e+23`: a float in the body, an int once stored, and unequal).
        let as_text = |stored: &[u8]| {
            sent.map_or(true, |s| s == stored && !stored.contains(&b'+'))
                && fixed_data::reads_back_as_written(stored)
        };
        let (inv, unbuilt) = match Invitation::from_fields(fields, as_text) {
            Ok((inv, unbuilt)) => (ManuallyDrop::new(inv), unbuilt),
            Err(message) => return type_error(t, &message),
        };
        match ManuallyDrop::into_inner(judged) {
            Ok((text, checked)) => saved(t, &inv, text, checked, options, false, unbuilt),
            Err(errors) => rejected(t, &ManuallyDrop::new(errors), &options.locale),
        }
    })
}

/// `createInvitation` (POST): the input is the body's `body_len` bytes, then the new
/// invitation's `pk` as text; the model's defaults fill what the body leaves out.
#[no_mangle]
pub extern "C" fn create(len: usize, body_len: usize, handle: u32) -> *const u8 {
    with_call(len, |input, t, all| {
        let options = prepared(all, handle);
        let (body, pk) = input.split_at(body_len.min(input.len()));
        let Some(pk) = core::str::from_utf8(pk).ok().and_then(flow::from_hex) else {
            return type_error(t, "options.pk: expected a UUID string");
        };
        let inv = Invitation::new(pk, Value::Null);
        match check(body, Method::Post, options) {
            Ok((text, checked)) => saved(t, &inv, text, checked, options, true, false),
            Err(errors) => rejected(t, &errors, &options.locale),
        }
    })
}

/// Reads options (`JSON.stringify` of what the caller gave) once, for any number of calls. The
/// tape is the handle (INT), or the TypeError's message (STR).
#[no_mangle]
pub extern "C" fn prepare(len: usize) -> *const u8 {
    with_state(|s| {
        // SAFETY: as in `with_call`.
        unsafe { s.input.set_len(len.min(s.input.capacity())) };
        s.tape.start();
        let parsed = crate::body::parse(&s.input)
            .map_err(|e| cat!("options: ", e.detail()))
            .and_then(|v| Options::from_value(&v));
        match parsed {
            Ok(options) => {
                let free = s.options.iter().skip(1).position(Option::is_none);
                let handle = match free {
                    Some(i) => i + 1,
                    None => s.options.len(),
                };
                match s.options.get_mut(handle) {
                    Some(slot) => *slot = Some(options),
                    None => s.options.push(Some(options)),
                }
                s.tape.int(handle as i32);
            }
            Err(message) => s.tape.str(&message),
        }
        s.tape.finish().as_ptr()
    })
}

/// Forgets prepared options.
#[no_mangle]
pub extern "C" fn release(handle: u32) {
    with_state(|s| {
        if let Some(slot) = s.options.get_mut(handle as usize).filter(|_| handle != 0) {
            *slot = None;
        }
    });
}

fn prepared(all: &[Option<Options>], handle: u32) -> &Options {
    all.get(handle as usize)
        .and_then(Option::as_ref)
        .or_else(|| all.first().and_then(Option::as_ref))
        .unwrap_or_else(|| default_options())
}

fn default_options() -> &'static Options {
    static DEFAULT: Lazy<Options> = Lazy::new();
    DEFAULT.get_or_init(Options::default)
}

/// A wrong call: the tape is one STR, the TypeError's message.
fn type_error(t: &mut Tape, message: &str) {
    t.str(message);
}

/// `{ ok: true, patch, ignored }`.
fn accepted(t: &mut Tape, text: &str, checked: &Checked) {
    let Checked {
        patch: p,
        ignored,
        raw,
    } = checked;
    t.op(tape::VALID);
    let mask = [
        p.name.is_some(),
        p.expires.is_some(),
        p.fixed_data.is_some(),
        p.single_use.is_some(),
        p.flow.is_some(),
    ]
    .iter()
    .rev()
    .fold(0, |m, &b| m << 1 | u8::from(b));
    t.keys(tape::RECORD, tape::WRITABLE_KEYS, mask);
    if let Some(n) = &p.name {
        as_sent(t, text, raw[0], n);
    }
    if let Some(e) = &p.expires {
        expires_as_sent(t, e, text, raw[1]);
    }
    if let Some(span) = &p.fixed_data {
        t.span(span, text);
    }
    if let Some(s) = p.single_use {
        t.bool(s);
    }
    if let Some(f) = &p.flow {
        flow_pk(t, f, text, raw[4]);
    }
    t.array(ignored.len());
    for key in ignored {
        t.py_str(key);
    }
}

/// `value`, taken from the input as far as the body's string literal at `raw` spells it byte for
/// byte: whole (two offsets instead of the text), or a prefix and the rest as text (an `expires`
/// the server renders as sent but for its ending, `…28.000Z` as `…28Z`).
fn as_sent(t: &mut Tape, text: &str, raw: (usize, usize), value: &str) {
    let start = raw.0 + 1;
    let sent = text.get(start..raw.1.saturating_sub(1)).unwrap_or_default();
    if sent == value {
        return t.slice(start, start + sent.len());
    }
    let mut same = sent
        .bytes()
        .zip(value.bytes())
        .take_while(|(a, b)| a == b)
        .count();
    while !value.is_char_boundary(same) {
        same -= 1;
    }
    if same == value.len() && same == sent.len() {
        t.slice(start, start + same);
    } else if same >= 8 {
        t.splice(start, start + same, value.get(same..).unwrap_or_default());
    } else {
        t.str(value);
    }
}

fn expires(t: &mut Tape, e: &Option<DateTime>) {
    match e {
        Some(d) => t.str(d.render_in(&mut [0; 27])),
        None => t.op(tape::NULL),
    }
}

fn flow_pk(t: &mut Tape, f: &Option<u128>, text: &str, raw: (usize, usize)) {
    // Sent as the server shows it (lower-case hyphenated, the usual spelling): that text, unprinted.
    let sent = text
        .get(raw.0 + 1..raw.1.saturating_sub(1))
        .unwrap_or_default();
    let shown = sent.len() == 36
        && sent.bytes().enumerate().all(|(i, c)| match i {
            8 | 13 | 18 | 23 => c == b'-',
            _ => matches!(c, b'0'..=b'9' | b'a'..=b'f'),
        });
    match f {
        Some(_) if shown => t.slice(raw.0 + 1, raw.1 - 1),
        Some(pk) => as_sent(t, text, raw, flow::hyphenated_in(*pk, &mut [0; 36])),
        None => t.op(tape::NULL),
    }
}

fn expires_as_sent(t: &mut Tape, e: &Option<DateTime>, text: &str, raw: (usize, usize)) {
    match e {
        Some(d) => as_sent(t, text, raw, d.render_in(&mut [0; 27])),
        None => t.op(tape::NULL),
    }
}

/// `{ ok: true, status, invitation, changed[, unknown] }`: the 200 (or 201) body.
fn saved(
    t: &mut Tape,
    inv: &Invitation,
    text: &str,
    checked: Checked,
    options: &Options,
    created: bool,
    // The stored fixed_data is not built (`apply`): the body's is the same text, or it is absent
    // and the stored one's text crosses as it is.
    unbuilt: bool,
) {
    let raw = checked.raw;
    let out = ManuallyDrop::new(applied(inv, checked.patch, text, options, unbuilt));
    let unknown = out.flow_obj == FlowObj::Unknown;
    t.op(tape::SAVED);
    t.op(u8::from(created));
    t.op(u8::from(unknown));
    t.keys(
        tape::RECORD,
        tape::INVITATION_KEYS,
        if unknown { 0x7f } else { 0xff },
    );
    t.str(flow::hyphenated_in(inv.pk, &mut [0; 36]));
    match &out.name {
        Some(n) => as_sent(t, text, raw[0], n),
        None => t.py_str(&inv.name),
    }
    expires(t, &out.expires);
    match &out.fixed_data {
        Some(span) => t.span(span, text),
        None if unbuilt => t.ext(tape::EXT_STORED_FIXED_DATA),
        None => t.value(&inv.fixed_data),
    }
    t.ext(tape::EXT_CREATED_BY);
    t.bool(out.single_use);
    flow_pk(t, &out.flow, text, raw[4]);
    match out.flow_obj {
        FlowObj::Null => t.op(tape::NULL),
        FlowObj::Stored => t.ext(tape::EXT_STORED_FLOW_OBJ),
        FlowObj::Given(i) => t.ext(tape::EXT_FLOWS + i as u32),
        FlowObj::Unknown => {}
    }
    let changed = WRITABLE
        .iter()
        .rev()
        .fold(0, |m, w| m << 1 | u8::from(out.changed.contains(w)));
    t.keys(tape::NAMES, tape::WRITABLE_KEYS, changed);
}

/// `{ ok: false, status: 400, errors, codes }`: the server's body, and DRF's codes beside it.
fn rejected(t: &mut Tape, errors: &Errors, locale: &Locale) {
    t.op(tape::BAD);
    // Codes first: a message may be megabytes (a `flow` list's), which the tape reserves exactly;
    // nothing written after it then doubles the tape.
    for codes in [true, false] {
        let message = |t: &mut Tape, m: &Msg| {
            if codes {
                t.constant(m.code());
            } else {
                match m.render_static(locale) {
                    Some(s) => t.constant(s),
                    None => t.str_with(|out| m.render_into(locale, out)),
                }
            }
        };
        match errors {
            Errors::Detail(m) => {
                t.object(1);
                t.constant("detail");
                message(t, m);
            }
            Errors::NonField(m) => {
                t.object(1);
                t.constant("non_field_errors");
                t.array(1);
                message(t, m);
            }
            Errors::Fields(fields) => {
                t.object(fields.len());
                for (key, messages) in fields {
                    match WRITABLE
                        .iter()
                        .find(|w| key.lone.is_none() && key.text == **w)
                    {
                        Some(w) => t.constant(w),
                        None => t.py_str(key),
                    }
                    t.array(messages.len());
                    for m in messages {
                        message(t, m);
                    }
                }
            }
        }
    }
}

// A panic is a bug of ours, and release builds abort on it (`panic = "abort"`): a trap, after
// which nothing in this instance can be trusted. The handler hands JS its message first, as std's
// hook words it (`panicked at src/x.rs:1:2:\nmessage`); `pkg/index.js` then throws it as an
// `Error` and replaces the instance before the next call. Written into a static buffer: the panic
// may be an allocation that failed. A message with arguments is left out (formatting it would
// bring `core::fmt` into the module), except in the test build.
#[panic_handler]
fn panic(info: &core::panic::PanicInfo) -> ! {
    struct Buffer([u8; 512], usize);
    impl Buffer {
        fn push(&mut self, s: &str) {
            for &b in s.as_bytes() {
                if let Some(slot) = self.0.get_mut(self.1) {
                    *slot = b;
                    self.1 += 1;
                }
            }
        }
    }
    impl core::fmt::Write for Buffer {
        fn write_str(&mut self, s: &str) -> core::fmt::Result {
            self.push(s);
            Ok(())
        }
    }
    static mut BUFFER: Buffer = Buffer([0; 512], 0);
    // SAFETY: one thread, and a panic never returns to a user of the buffer.
    let out = unsafe { &mut *core::ptr::addr_of_mut!(BUFFER) };
    out.1 = 0;
    out.push("panicked at ");
    if let Some(l) = info.location() {
        out.push(l.file());
        for n in [l.line(), l.column()] {
            out.push(":");
            let mut buf = [0u8; 10];
            let mut i = buf.len();
            let mut n = n;
            while i > 0 && (n > 0 || i == buf.len()) {
                i -= 1;
                buf[i] = b'0' + (n % 10) as u8;
                n /= 10;
            }
            out.push(core::str::from_utf8(&buf[i..]).unwrap_or_default());
        }
    }
    out.push(":\n");
    match info.message().as_str() {
        Some(s) => out.push(s),
        #[cfg(feature = "test-panic")]
        None => {
            let _ = core::fmt::Write::write_fmt(out, format_args!("{}", info.message()));
        }
        #[cfg(not(feature = "test-panic"))]
        None => out.push("(a message with arguments, not formatted in the release build)"),
    }
    // SAFETY: a pure import that copies the bytes.
    unsafe { panicked(out.0.as_ptr(), out.1) };
    core::arch::wasm32::unreachable()
}

/// Test only (cargo feature `test-panic`): asks for memory a GiB at a time, as a body or
/// invitation too large for the instance would, until an allocation fails and the module traps.
#[cfg(feature = "test-panic")]
#[no_mangle]
pub extern "C" fn oom_for_test() -> usize {
    let mut held: Vec<Vec<u8>> = Vec::new();
    loop {
        held.push(Vec::with_capacity(1 << 30));
        core::hint::black_box(&held);
    }
}

/// Test only, never in the release pkg/ (cargo feature `test-panic`, built by
/// tests/js/build-panic-pkg.sh): panics `depth` calls deep while holding heap memory, as a bug
/// deep in a call would, with the message written in the input buffer.
#[cfg(feature = "test-panic")]
#[no_mangle]
pub extern "C" fn panic_for_test(len: usize, depth: u32) {
    let message = with_state(|s| {
        // SAFETY: as in `with_call`.
        unsafe { s.input.set_len(len.min(s.input.capacity())) };
        String::from_utf8_lossy(&s.input).into_owned()
    });
    fn nest(message: &str, depth: u32, held: &mut Vec<Vec<u8>>) {
        held.push(vec![1; 4096]);
        if depth == 0 {
            panic!("{message}");
        }
        nest(message, depth - 1, held);
        core::hint::black_box(&held);
    }
    nest(&message, depth, &mut Vec::new());
}
