//! Raw request bytes -> JSON value, with the server's answers for bodies it cannot parse:
//! Python's UTF-8 stream decoder, then `json.load` with DRF's strict constants.

use crate::value::Value;

/// Deepest nesting answered like the server: the body object plus 1,400 levels of `fixed_data`.
/// authentik 2024.6 fails with a 500 (RecursionError) at about 1,485.
pub const MAX_DEPTH: usize = 1401;

/// Why a body is not a JSON value, as DRF's `JSONParser` reports it.
#[derive(Clone, Debug, PartialEq)]
pub enum BodyError {
    // STUB: filled in by the body scanner work.
    Todo,
}

impl BodyError {
    /// The `detail` string of the 400 answer.
    pub fn detail(&self) -> String {
        String::new()
    }
}

/// Decodes and parses a non-empty body.
pub fn parse(_bytes: &[u8]) -> Result<Value, BodyError> {
    Err(BodyError::Todo)
}
