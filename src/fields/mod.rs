//! One module per writable field of `InvitationSerializer`, in the order the server validates them.
//! Each exposes `validate(&Value)` and keeps its messages, the server's words, in one place.

#[allow(unused_imports)]
use crate::prelude::*;
pub mod expires;
pub mod fixed_data;
pub mod flow;
pub mod name;
pub mod single_use;

use crate::messages::Msg;

/// Deepest list that `flow` accepts. The server looks a list up as a list of lookup values, and
/// Django's `Query.resolve_lookup_value` recurses into it in Python (two frames a level): a
/// RecursionError (a 500) from about 488 levels on CPython 3.12 (tests/reference/README.md).
/// Objects, and lists inside objects, are not recursed into; they reach `str()`, which CPython
/// 3.12 bounds by its C recursion limit only, past the body's own limit (`body::MAX_DEPTH`).
pub const MAX_LIST_DEPTH: usize = 400;

/// Ours, for a `flow` list past [`MAX_LIST_DEPTH`]: the server answers it with a 500.
pub const TOO_DEEP: &str = "Value is a list nested deeper than 400 levels; authentik 2024.6 fails on such values with a 500 (RecursionError) from about 488 levels, so this module refuses them.";

/// What a field says about a present value.
#[derive(Clone, Debug, PartialEq)]
pub enum Failure {
    /// The server's 400 messages, in its order.
    Invalid(Vec<Msg>),
    /// The server would fail with a 500 on this value; our message says why.
    Crash(&'static str),
}

impl Failure {
    pub fn one(message: Msg) -> Failure {
        Failure::Invalid(vec![message])
    }
}
