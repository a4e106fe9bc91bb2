//! One module per writable field of `InvitationSerializer`, in the order the server validates them.
//! Each exposes `validate(&Value)` and keeps its messages, the server's words, in one place.

pub mod expires;
pub mod fixed_data;
pub mod flow;
pub mod name;
pub mod single_use;

use crate::messages::Msg;

/// Deepest list or object that `name` and `flow` accept: the server builds Python's `str()` of such
/// a value, which fails with a RecursionError (a 500) at about 489 levels.
pub const MAX_STR_DEPTH: usize = 400;

/// Ours, for values past [`MAX_STR_DEPTH`]: the server answers them with a 500.
pub const TOO_DEEP: &str = "Value nests deeper than 400 levels; authentik 2024.6 fails on such values with a 500 (RecursionError) from about 489 levels, so this module refuses them.";

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
