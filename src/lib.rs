//! authentik 2024.6's rules for `PATCH /api/v3/stages/invitation/invitations/{invite_uuid}/`,
//! answered message for message.
//!
//! ```
//! use authentik_invitation_patch::{validate_patch, Options};
//!
//! let ok = validate_patch(br#"{"name": " 123 ", "single_use": "yes"}"#, &Options::default()).unwrap();
//! assert_eq!(ok.patch.name.as_deref(), Some("123"));
//! assert_eq!(ok.patch.single_use, Some(true));
//!
//! let err = validate_patch(br#"{"name": "a b"}"#, &Options::default()).unwrap_err();
//! assert_eq!(
//!     err.to_json(),
//!     r#"{"name":["Enter a valid \"slug\" consisting of letters, numbers, underscores or hyphens."]}"#
//! );
//! ```

#![cfg_attr(target_arch = "wasm32", no_std)]
extern crate alloc;
#[allow(unused_imports)]
mod prelude {
    pub use alloc::borrow::ToOwned;
    pub use alloc::boxed::Box;
    pub use alloc::string::{String, ToString};
    pub use alloc::vec;
    pub use alloc::vec::Vec;
}
#[allow(unused_imports)]
use prelude::*;

pub mod body;
pub mod fields;
pub mod locale;
pub mod messages;
mod platform;
pub mod tape;
mod text;
mod unicode;
pub mod value;
#[cfg(target_arch = "wasm32")]
mod wasm;

use body::{Item, Span, Top};
pub use fields::expires::DateTime;
use fields::{expires, fixed_data, flow, name, single_use, Failure};
pub use locale::Locale;
pub use messages::Msg;
use text::cat;
pub use value::{Str, Value};

/// The writable fields, in the order the server validates them and lists their errors.
pub const WRITABLE: [&str; 5] = ["name", "expires", "fixed_data", "single_use", "flow"];
/// The serializer's read-only fields: the server ignores them in a PATCH.
pub const READ_ONLY: [&str; 3] = ["pk", "created_by", "flow_obj"];

/// Ours, for `strict`: keys the server would ignore.
pub use messages::en::{STRICT_READ_ONLY, STRICT_UNKNOWN};

/// What the caller knows beyond the body.
#[derive(Clone, Debug, Default)]
pub struct Options {
    /// The flows that exist. `None`: existence is not checked.
    pub flows: Option<Vec<Flow>>,
    /// Keys the server ignores become errors.
    pub strict: bool,
    /// The language the server answers in ([`Locale::resolve`]); English by default.
    pub locale: Locale,
}

/// A flow that exists, with its FlowSerializer object when known.
#[derive(Clone, Debug, PartialEq)]
pub struct Flow {
    pub pk: u128,
    pub object: Option<Value>,
}

/// The writable fields a valid body sets, in the form the server stores them.
/// `None`: absent. For nullable fields, `Some(None)` clears the value. `fixed_data` is a [`Value`]
/// for callers; inside the crate, until one is needed, the [`Span`] it was scanned from.
#[derive(Clone, Debug, PartialEq)]
pub struct Patch<F = Value> {
    pub name: Option<String>,
    pub expires: Option<Option<DateTime>>,
    pub fixed_data: Option<F>,
    pub single_use: Option<bool>,
    pub flow: Option<Option<u128>>,
}

impl<F> Default for Patch<F> {
    fn default() -> Self {
        Patch {
            name: None,
            expires: None,
            fixed_data: None,
            single_use: None,
            flow: None,
        }
    }
}

impl Patch<Span> {
    /// The patch with `fixed_data` built from the text its span points into.
    pub(crate) fn build(self, text: &str) -> Patch {
        Patch {
            name: self.name,
            expires: self.expires,
            fixed_data: self.fixed_data.map(|s| s.build(text)),
            single_use: self.single_use,
            flow: self.flow,
        }
    }
}

/// A body the server accepts.
#[derive(Clone, Debug, PartialEq)]
pub struct Valid {
    pub patch: Patch,
    /// Keys the server ignores (unknown and read-only), in body order.
    pub ignored: Vec<Str>,
}

/// A 400 answer: the body the server sends, or ours where the server would fail with a 500.
/// Messages are data ([`Msg`]): [`Errors::to_json_in`] renders them in a language.
#[derive(Clone, Debug, PartialEq)]
pub enum Errors {
    /// `{"detail": …}`: the body is not JSON.
    Detail(Msg),
    /// `{"non_field_errors": […]}`: the body is JSON but not an object.
    NonField(Msg),
    /// `{"<field>": […], …}` in the server's field order.
    Fields(Vec<(Str, Vec<Msg>)>),
}

/// The stored invitation a PATCH applies to, as authentik's API shows it.
#[derive(Clone, Debug, PartialEq)]
pub struct Invitation {
    pub pk: u128,
    pub name: Str,
    pub expires: Option<DateTime>,
    /// As PostgreSQL gives it back ([`fixed_data::as_stored`]).
    pub fixed_data: Value,
    pub created_by: Value,
    pub single_use: bool,
    pub flow: Option<u128>,
    /// `Value::Null` when there is no flow.
    pub flow_obj: Value,
}

/// The server's 200 answer to a PATCH.
#[derive(Clone, Debug, PartialEq)]
pub struct Applied {
    /// The 200 body: `pk, name, expires, fixed_data, created_by, single_use, flow, flow_obj`.
    /// `flow_obj` is missing when the new flow's object is not known ([`Options::flows`]).
    pub invitation: Value,
    /// The writable fields whose value changed, in field order.
    pub changed: Vec<&'static str>,
}

impl Errors {
    /// The 400 body as a JSON value, in English.
    pub fn to_value(&self) -> Value {
        self.to_value_in(&Locale::default())
    }

    /// The 400 body as a JSON value, in `locale`.
    pub fn to_value_in(&self, locale: &Locale) -> Value {
        let list = |messages: &[Msg]| {
            Value::Array(
                messages
                    .iter()
                    .map(|m| Value::Str(Str::new(m.render(locale))))
                    .collect(),
            )
        };
        match self {
            Errors::Detail(d) => Value::Object(vec![(
                Str::new("detail"),
                Value::Str(Str::new(d.render(locale))),
            )]),
            Errors::NonField(m) => Value::Object(vec![(
                Str::new("non_field_errors"),
                list(core::slice::from_ref(m)),
            )]),
            Errors::Fields(fields) => {
                Value::Object(fields.iter().map(|(k, m)| (k.clone(), list(m))).collect())
            }
        }
    }

    /// The 400 body as compact JSON text, in English.
    pub fn to_json(&self) -> String {
        value::to_json(&self.to_value())
    }

    /// The 400 body as compact JSON text, in `locale`.
    pub fn to_json_in(&self, locale: &Locale) -> String {
        value::to_json(&self.to_value_in(locale))
    }
}

impl Patch {
    /// The patch as a JSON object, fields in server order: what to forward upstream.
    pub fn to_value(&self) -> Value {
        self.clone().into_value()
    }

    /// [`Patch::to_value`], without copying `fixed_data`.
    pub fn into_value(self) -> Value {
        let mut members = Vec::new();
        let mut put = |k: &str, v: Value| members.push((Str::new(k), v));
        if let Some(n) = &self.name {
            put("name", Value::Str(Str::new(n.as_str())));
        }
        if let Some(e) = &self.expires {
            put("expires", expires_value(e));
        }
        if let Some(d) = self.fixed_data {
            put("fixed_data", d);
        }
        if let Some(s) = self.single_use {
            put("single_use", Value::Bool(s));
        }
        if let Some(f) = &self.flow {
            put("flow", flow_value(f));
        }
        Value::Object(members)
    }
}

fn expires_value(e: &Option<DateTime>) -> Value {
    e.map_or(Value::Null, |d| Value::Str(Str::new(d.render())))
}

fn flow_value(f: &Option<u128>) -> Value {
    f.map_or(Value::Null, |pk| Value::Str(Str::new(flow::hyphenated(pk))))
}

/// Judges a raw PATCH body (bytes as received) as authentik 2024.6 does.
pub fn validate_patch(body: &[u8], options: &Options) -> Result<Valid, Errors> {
    validate(body, Method::Patch, options)
}

/// Judges a raw body for `method` as authentik 2024.6 does: PUT and POST require `name`.
pub fn validate(body: &[u8], method: Method, options: &Options) -> Result<Valid, Errors> {
    let (text, checked) = check(body, method, options)?;
    Ok(Valid {
        patch: checked.patch.build(text),
        ignored: checked.ignored,
    })
}

/// Which of the serializer's saves a body is for.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Method {
    /// `partial_update`: absent fields stay as they are.
    #[default]
    Patch,
    /// `update` (`partial=False`): `name`, which has no default, is required.
    Put,
    /// `create`: validated as PUT; absent fields take the model's defaults.
    Post,
}

/// A body that passed, before anything is built for the caller: `fixed_data` is still the span
/// of `text` it was scanned from.
pub(crate) struct Checked {
    pub patch: Patch<Span>,
    pub ignored: Vec<Str>,
    #[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))] // read by the wasm boundary
    /// Where each writable field's value is in the text (`(0, 0)` when absent), in field order.
    pub raw: [(usize, usize); 5],
}

/// Judges a body in one pass ([`body::scan_top`]); returns the decoded text the spans point into.
pub(crate) fn check<'b>(
    body: &'b [u8],
    method: Method,
    options: &Options,
) -> Result<(&'b str, Checked), Errors> {
    // DRF treats a body of Content-Length 0 as `{}`, whatever the content type.
    if body.is_empty() {
        return Ok((
            "",
            judge("", Default::default(), Vec::new(), method, options)?,
        ));
    }
    let (text, top) = body::scan_top(body).map_err(|e| Errors::Detail(Msg::Parse(e)))?;
    match top {
        Top::Object(fields, ignored) => Ok((text, judge(text, fields, ignored, method, options)?)),
        // DRF 3.14 serializers.py, Serializer.default_error_messages['null'] / ['invalid'].
        Top::Null => Err(Errors::NonField(Msg::NoData)),
        Top::NotObject(type_name) => Err(Errors::NonField(Msg::NotAnObject(type_name))),
    }
}

/// Judges the writable fields' values (in [`WRITABLE`]'s order) and the keys the server ignores.
fn judge(
    text: &str,
    fields: [Option<Item>; 5],
    ignored: Vec<Str>,
    method: Method,
    options: &Options,
) -> Result<Checked, Errors> {
    // A loop, not `each_ref().map(…)`: at opt-level z that is core's generic `try_map`, 9% of
    // the call for `{}`.
    let mut raw = [(0, 0); 5];
    for (r, f) in raw.iter_mut().zip(&fields) {
        if let Some(f) = f {
            *r = f.span();
        }
    }
    let [name_v, expires_v, fixed_v, single_v, flow_v] = fields;
    // A list or object is judged from its scan, never built: `expires` and `single_use` refuse
    // any with one message, so an empty one of its kind stands for it; `name`, `fixed_data` and
    // `flow` read its span. A string without escapes is read where it is (`Item::plain`).
    let built = |item: Item| match item {
        Item::Container(span) if span.object => Value::Object(Vec::new()),
        Item::Container(_) => Value::Array(Vec::new()),
        item => item.build(text),
    };

    let mut patch = Patch::default();
    let mut errors: Vec<(Str, Vec<Msg>)> = Vec::new();
    let mut crash: Option<(&str, &'static str)> = None;
    let mut fail = |field: &'static str, f: Failure| match f {
        Failure::Invalid(m) => errors.push((Str::new(field), m)),
        Failure::Crash(m) => {
            crash.get_or_insert((field, m));
        }
    };
    match name_v {
        // A list or object is never a slug: judged from its scan, unbuilt.
        Some(Item::Container(_)) => fail("name", name::not_slug()),
        Some(item) => match item
            .plain(text)
            .map_or_else(|| name::validate(&built(item)), name::validate_str)
        {
            Ok(n) => patch.name = Some(n),
            Err(f) => fail("name", f),
        },
        // DRF `Field.validate_empty_values` with `partial=False`: the model's SlugField has no default.
        None if method != Method::Patch => fail("name", Failure::one(Msg::Required)),
        None => {}
    }
    if let Some(item) = expires_v {
        let valid = match item.plain(text) {
            Some(s) => expires::parse(s).map(Some),
            None => expires::validate(&built(item)),
        };
        match valid {
            Ok(e) => patch.expires = Some(e),
            Err(e) => fail("expires", Failure::one(e.message())),
        }
    }
    match fixed_v {
        Some(Item::Container(span)) => match fixed_data::validate_span(&span, text) {
            Ok(()) => patch.fixed_data = Some(span),
            Err(f) => fail("fixed_data", f),
        },
        // A scalar is never a dict: `fixed_data::validate` as it judges scalars.
        Some(Item::Text(..)) => fail("fixed_data", Failure::one(Msg::NotDict)),
        Some(Item::Scalar(v, ..)) => fail(
            "fixed_data",
            Failure::one(match v {
                Value::Null => Msg::Null,
                Value::Float(f) if !f.is_finite() => Msg::InvalidJson,
                _ => Msg::NotDict,
            }),
        ),
        None => {}
    }
    if let Some(v) = single_v.map(built) {
        match single_use::validate(&v) {
            Ok(s) => patch.single_use = Some(s),
            Err(f) => fail("single_use", f),
        }
    }
    match flow_v {
        // Never a UUID: the message prints it, from its text.
        Some(Item::Container(span)) => fail("flow", flow::not_a_uuid_span(&span, text)),
        Some(item) => {
            let valid = match item.plain(text) {
                Some(s) => flow::validate_str(s),
                None => flow::validate_scalar(&built(item)),
            };
            match valid {
                // Rare: the value is built again, for the message.
                Ok(Some(pk)) if !flow_exists(options, pk) => fail(
                    "flow",
                    Failure::one(flow::does_not_exist(&body::value_at(text, raw[4].0))),
                ),
                Ok(f) => patch.flow = Some(f),
                Err(f) => fail("flow", f),
            }
        }
        None => {}
    }
    // Saving is reached only when every field is valid; PostgreSQL then refuses what jsonb can't hold.
    if crash.is_none() && errors.is_empty() {
        if let Some(Err(Failure::Crash(m))) = patch
            .fixed_data
            .as_ref()
            .map(|s| fixed_data::check_storable_span(s, text))
        {
            crash = Some(("fixed_data", m));
        }
    }
    // Where the server would fail with a 500, that is the whole answer.
    if let Some((field, message)) = crash {
        return Err(Errors::Fields(vec![(
            Str::new(field),
            vec![Msg::Ours(message)],
        )]));
    }
    if options.strict {
        for key in &ignored {
            let read_only = key.lone.is_none() && READ_ONLY.contains(&key.text.as_str());
            errors.push((key.clone(), vec![Msg::Ignored(read_only)]));
        }
    }
    if errors.is_empty() {
        Ok(Checked {
            patch,
            ignored,
            raw,
        })
    } else {
        Err(Errors::Fields(errors))
    }
}

fn flow_exists(options: &Options, pk: u128) -> bool {
    options
        .flows
        .as_ref()
        .map_or(true, |flows| flows.iter().any(|f| f.pk == pk))
}

/// Applies a raw PATCH body to a stored invitation, as authentik 2024.6 answers it.
pub fn apply_patch(
    invitation: &Invitation,
    body: &[u8],
    options: &Options,
) -> Result<Applied, Errors> {
    apply(invitation, body, Method::Patch, options)
}

/// Applies a raw PATCH or PUT body to a stored invitation, as authentik 2024.6 answers it; for
/// POST, `invitation` is the new one as the model's defaults make it ([`Invitation::new`]).
pub fn apply(
    invitation: &Invitation,
    body: &[u8],
    method: Method,
    options: &Options,
) -> Result<Applied, Errors> {
    let (text, checked) = check(body, method, options)?;
    Ok(applied(invitation, checked.patch, text, options, false)
        .into_applied(invitation, text, options))
}

/// Where the 200 body's `flow_obj` comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum FlowObj {
    /// No flow.
    Null,
    /// The stored invitation's.
    Stored,
    /// `options.flows[i]`'s object.
    Given(usize),
    /// The new flow's object is not known: left out rather than guessed.
    Unknown,
}

/// A saved invitation, as the 200 body shows it, before anything is built for the caller.
pub(crate) struct Outcome {
    pub name: Option<String>,
    pub expires: Option<DateTime>,
    /// The body's `fixed_data`; `None`: the stored one.
    pub fixed_data: Option<Span>,
    pub single_use: bool,
    pub flow: Option<u128>,
    pub flow_obj: FlowObj,
    /// The writable fields whose value changed, in field order.
    pub changed: Vec<&'static str>,
}

/// What saving `patch` over `inv` gives. `same_fixed_data`: the patch's fixed_data is known to
/// equal the stored one (its text is the stored one's, which `inv` does not hold built).
pub(crate) fn applied(
    inv: &Invitation,
    patch: Patch<Span>,
    text: &str,
    options: &Options,
    same_fixed_data: bool,
) -> Outcome {
    let mut changed = Vec::new();
    let mut note = |field: &'static str, differs: bool| {
        if differs {
            changed.push(field);
        }
    };
    if let Some(n) = &patch.name {
        note("name", inv.name.lone.is_some() || inv.name.text != *n);
    }
    let expires = patch.expires.unwrap_or(inv.expires);
    note("expires", expires != inv.expires);
    if let Some(span) = &patch.fixed_data {
        // As Python compares: key order aside, and `1e+20` equal to the int jsonb gave back;
        // on the text, without building the body's value.
        note(
            "fixed_data",
            !same_fixed_data && !span.same_json(text, &inv.fixed_data),
        );
    }
    let single_use = patch.single_use.unwrap_or(inv.single_use);
    note("single_use", single_use != inv.single_use);
    let flow = patch.flow.unwrap_or(inv.flow);
    note("flow", flow != inv.flow);

    // flow_obj is recomputed from the flow the PATCH names; the stored one serves when it is the same.
    // The first flow given with this pk, if it came with its object.
    let given = |pk| {
        options
            .flows
            .iter()
            .flatten()
            .enumerate()
            .find(|(_, f)| f.pk == pk)
            .filter(|(_, f)| f.object.is_some())
            .map(|(i, _)| i)
    };
    let flow_obj = match (patch.flow, flow) {
        (_, None) => FlowObj::Null,
        (None, Some(_)) => FlowObj::Stored,
        (Some(_), Some(pk)) => match given(pk) {
            Some(i) => FlowObj::Given(i),
            None if inv.flow == Some(pk) && inv.flow_obj != Value::Null => FlowObj::Stored,
            None => FlowObj::Unknown,
        },
    };
    Outcome {
        name: patch.name,
        expires,
        fixed_data: patch.fixed_data,
        single_use,
        flow,
        flow_obj,
        changed,
    }
}

impl Outcome {
    fn into_applied(self, inv: &Invitation, text: &str, options: &Options) -> Applied {
        let flow_obj = match self.flow_obj {
            FlowObj::Null => Some(Value::Null),
            FlowObj::Stored => Some(inv.flow_obj.clone()),
            FlowObj::Given(i) => options
                .flows
                .as_ref()
                .and_then(|f| f.get(i))
                .and_then(|f| f.object.clone()),
            FlowObj::Unknown => None,
        };
        let mut members = vec![
            (
                Str::new("pk"),
                Value::Str(Str::new(flow::hyphenated(inv.pk))),
            ),
            (
                Str::new("name"),
                Value::Str(self.name.map_or_else(|| inv.name.clone(), Str::new)),
            ),
            (Str::new("expires"), expires_value(&self.expires)),
            (
                Str::new("fixed_data"),
                self.fixed_data
                    .map_or_else(|| inv.fixed_data.clone(), |s| s.build(text)),
            ),
            (Str::new("created_by"), inv.created_by.clone()),
            (Str::new("single_use"), Value::Bool(self.single_use)),
            (Str::new("flow"), flow_value(&self.flow)),
        ];
        if let Some(obj) = flow_obj {
            members.push((Str::new("flow_obj"), obj));
        }
        Applied {
            invitation: Value::Object(members),
            changed: self.changed,
        }
    }
}

impl Invitation {
    /// A new invitation as a POST creates it before the body applies: the model's defaults
    /// (`expires` null, `fixed_data` {}, `single_use` false, no flow), the UUID the server draws,
    /// and the requesting user as `created_by`.
    pub fn new(pk: u128, created_by: Value) -> Invitation {
        Invitation {
            pk,
            name: Str::new(""),
            expires: None,
            fixed_data: Value::Object(Vec::new()),
            created_by,
            single_use: false,
            flow: None,
            flow_obj: Value::Null,
        }
    }

    /// Reads an Invitation from its JSON text, with numbers as PostgreSQL gives them back.
    pub fn from_json(text: &[u8]) -> Result<Invitation, String> {
        let v = body::parse_stored(text).map_err(|e| cat!("invitation: ", e.detail()))?;
        Invitation::from_value(v)
    }

    /// Reads an Invitation from its fields' JSON texts (numbers as PostgreSQL gives them back),
    /// each ended by a NUL byte, in the order of [`Invitation::FIELDS`]; an empty text is a
    /// missing field. What `src/index.js` sends: no object text to scan, no keys to compare.
    /// A `fixed_data` whose text `unbuilt` accepts is left empty, and the flag returned says so.
    #[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))] // read by the wasm boundary
    pub(crate) fn from_fields(
        input: &[u8],
        unbuilt: impl Fn(&[u8]) -> bool,
    ) -> Result<(Invitation, bool), String> {
        let mut members = Vec::with_capacity(8);
        let mut left = false;
        for (key, text) in Invitation::FIELDS.iter().zip(input.split(|&b| b == 0)) {
            if !text.is_empty() {
                let v = if *key == "fixed_data" && unbuilt(text) {
                    left = true;
                    Value::Object(Vec::new())
                } else {
                    body::parse_stored_member(text).map_err(|e| cat!("invitation: ", e.detail()))?
                };
                members.push((Str::new(*key), v));
            }
        }
        Ok((Invitation::from_value(Value::Object(members))?, left))
    }

    /// The fields of an Invitation, in the order [`Invitation::from_fields`] reads them.
    #[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
    const FIELDS: [&'static str; 8] = [
        "pk",
        "name",
        "expires",
        "fixed_data",
        "created_by",
        "single_use",
        "flow",
        "flow_obj",
    ];

    /// Reads an Invitation object as authentik's API shows it (all eight fields).
    /// The error says which field is wrong, for a `TypeError`.
    pub fn from_value(mut v: Value) -> Result<Invitation, String> {
        let Value::Object(members) = &mut v else {
            return Err(
                "invitation: expected an Invitation object as authentik's API shows it".into(),
            );
        };
        // Each field taken out of the object, not copied: a stored fixed_data may be large.
        let mut field = |k: &str| take_member(members, k);
        let wrong = |k: &str, what: &str| cat!("invitation: `", k, "` must be ", what);
        let uuid = |k: &str, x: &Value| match x {
            Value::Str(s) => flow::from_hex(&s.text)
                .filter(|_| s.lone.is_none())
                .ok_or_else(|| wrong(k, "a UUID string")),
            _ => Err(wrong(k, "a UUID string")),
        };
        let pk = uuid("pk", &field("pk")?)?;
        let Value::Str(name) = &mut field("name")? else {
            return Err(wrong("name", "a string"));
        };
        let name = core::mem::take(name);
        let expires = match &field("expires")? {
            Value::Null => None,
            Value::Str(s) if s.lone.is_none() => Some(
                expires::parse(&s.text)
                    .map_err(|_| wrong("expires", "null or an ISO 8601 date-time string"))?,
            ),
            _ => return Err(wrong("expires", "null or an ISO 8601 date-time string")),
        };
        let fixed = match field("fixed_data")? {
            d @ Value::Object(_) => fixed_data::as_stored(d),
            _ => return Err(wrong("fixed_data", "an object")),
        };
        let created_by = match field("created_by")? {
            c @ Value::Object(_) => c,
            _ => return Err(wrong("created_by", "an object")),
        };
        let Value::Bool(single_use) = field("single_use")? else {
            return Err(wrong("single_use", "a boolean"));
        };
        let flow = match field("flow")? {
            Value::Null => None,
            f => Some(uuid("flow", &f)?),
        };
        let flow_obj = match field("flow_obj")? {
            o @ (Value::Null | Value::Object(_)) => o,
            _ => return Err(wrong("flow_obj", "null or an object")),
        };
        Ok(Invitation {
            pk,
            name,
            expires,
            fixed_data: fixed,
            created_by,
            single_use,
            flow,
            flow_obj,
        })
    }
}

/// The member `key` of an Invitation's object, taken out of it.
#[inline(never)]
fn take_member(members: &mut [(Str, Value)], key: &str) -> Result<Value, String> {
    (members.iter_mut())
        .find(|(k, _)| k.lone.is_none() && k.text == key)
        .map(|(_, v)| core::mem::take(v))
        .ok_or_else(|| cat!("invitation: missing `", key, "`"))
}

impl Options {
    /// Reads options as JSON (`{"flows": [...], "strict": bool}`); the error names what is wrong.
    pub fn from_value(v: &Value) -> Result<Options, String> {
        let Value::Object(members) = v else {
            return Err(
                "options: expected an object like { flows?: Flow[] | string[], strict?: boolean, locale?: string }"
                    .into(),
            );
        };
        let mut options = Options::default();
        for (k, v) in members {
            match (k.text.as_str(), v) {
                ("strict", Value::Bool(b)) => options.strict = *b,
                ("locale", Value::Str(code)) if code.lone.is_none() => {
                    options.locale = Locale::resolve(&code.text);
                    // Answering without the catalogs Django would consult is not the server's answer.
                    if !options.locale.available() {
                        // JSON's quoting, not Rust's `{:?}`: its escape tables are large in Wasm.
                        let mut quoted = String::new();
                        value::write_json_str(code, &mut quoted);
                        return Err(cat!(
                            "options.locale: ",
                            quoted,
                            " needs catalogs this build does not hold: import the package's all-locales entry (authentik-invitation-patch/all-locales)"
                        ));
                    }
                }
                ("locale", _) => {
                    return Err("options.locale: expected a string, the locale code authentik activates (\"de\", \"pt-br\", \"\")".into())
                }
                ("strict", _) => return Err("options.strict: expected a boolean".into()),
                ("flows", Value::Array(items)) => {
                    let flows = items.iter().enumerate().map(|(i, item)| {
                        let pk_of = |x: Option<&Value>| match x {
                            Some(Value::Str(s)) if s.lone.is_none() => flow::from_hex(&s.text),
                            _ => None,
                        };
                        let bad = || cat!("options.flows[", i, "]: expected a Flow object with a `pk` UUID string, or a pk string");
                        match item {
                            Value::Object(_) => Ok(Flow { pk: pk_of(item.get("pk")).ok_or_else(bad)?, object: Some(item.clone()) }),
                            s @ Value::Str(_) => Ok(Flow { pk: pk_of(Some(s)).ok_or_else(bad)?, object: None }),
                            _ => Err(bad()),
                        }
                    });
                    options.flows = Some(flows.collect::<Result<_, _>>()?);
                }
                ("flows", _) => {
                    return Err(
                        "options.flows: expected an array of Flow objects or pk strings".into(),
                    )
                }
                _ => {
                    return Err(cat!(
                        "options: unknown option `",
                        k.text,
                        "` (known: flows, strict, locale)"
                    ))
                }
            }
        }
        Ok(options)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn errors(body: &str) -> String {
        validate_patch(body.as_bytes(), &Options::default())
            .unwrap_err()
            .to_json()
    }

    #[test]
    fn empty_body_is_an_empty_patch() {
        let ok = validate_patch(b"", &Options::default()).unwrap();
        assert_eq!(
            ok,
            Valid {
                patch: Patch::default(),
                ignored: vec![]
            }
        );
    }

    #[test]
    fn top_level_non_objects_get_non_field_errors() {
        assert_eq!(
            errors("null"),
            r#"{"non_field_errors":["No data provided"]}"#
        );
        assert_eq!(
            errors("[1]"),
            r#"{"non_field_errors":["Invalid data. Expected a dictionary, but got list."]}"#
        );
        assert_eq!(
            errors("1.5"),
            r#"{"non_field_errors":["Invalid data. Expected a dictionary, but got float."]}"#
        );
    }

    #[test]
    fn errors_come_in_server_field_order_whatever_the_body_order() {
        assert_eq!(
            errors(r#"{"flow": true, "single_use": null, "name": ""}"#),
            r#"{"name":["This field may not be blank."],"single_use":["This field may not be null."],"flow":["Incorrect type. Expected pk value, received bool."]}"#
        );
    }

    #[test]
    fn ignored_keys_are_listed_or_refused_when_strict() {
        let ok =
            validate_patch(br#"{"pk": 1, "zz": 2, "name": "a"}"#, &Options::default()).unwrap();
        assert_eq!(ok.ignored, vec![Str::new("pk"), Str::new("zz")]);
        let strict = Options {
            strict: true,
            ..Options::default()
        };
        let err = validate_patch(br#"{"zz": 2, "pk": 1, "name": "a b"}"#, &strict).unwrap_err();
        assert_eq!(
            err.to_json(),
            format!(
                r#"{{"name":["Enter a valid \"slug\" consisting of letters, numbers, underscores or hyphens."],"zz":["{STRICT_UNKNOWN}"],"pk":["{STRICT_READ_ONLY}"]}}"#
            )
        );
    }

    #[test]
    fn a_crash_is_the_whole_answer() {
        let err = errors(r#"{"name": "a b", "flow": "\ud800"}"#);
        assert_eq!(err, format!(r#"{{"flow":["{}"]}}"#, flow::SURROGATE));
        let err = errors(r#"{"fixed_data": {"a": "\u0000"}}"#);
        assert_eq!(
            err,
            format!(r#"{{"fixed_data":["{}"]}}"#, fixed_data::HOLDS_NUL)
        );
        // With another field invalid, the server never reaches the save.
        let err = errors(r#"{"fixed_data": {"a": "\u0000"}, "single_use": 2}"#);
        assert_eq!(err, r#"{"single_use":["Must be a valid boolean."]}"#);
    }

    #[test]
    fn flows_option_checks_existence() {
        let flows = Options {
            flows: Some(vec![Flow {
                pk: 7,
                object: None,
            }]),
            ..Options::default()
        };
        let err = validate_patch(br#"{"flow": 123}"#, &flows).unwrap_err();
        assert_eq!(
            err.to_json(),
            r#"{"flow":["Invalid pk \"123\" - object does not exist."]}"#
        );
        let ok = validate_patch(br#"{"flow": 7}"#, &flows).unwrap();
        assert_eq!(ok.patch.flow, Some(Some(7)));
    }
}
