//! `expires`: DRF `DateTimeField(allow_null=True)` with Django's `parse_datetime`.

use crate::value::Value;

/// A UTC instant between 0001-01-01 and 9999-12-31, to the microsecond. Field order makes the
/// derived ordering chronological.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct DateTime {
    pub year: u16,
    pub month: u8,
    pub day: u8,
    pub hour: u8,
    pub minute: u8,
    pub second: u8,
    pub micro: u32,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExpiresError {
    /// Not a string, or a string neither `fromisoformat` nor Django's regex accepts.
    Format,
    /// Parsed with an offset, and UTC falls outside years 1-9999.
    OutOfRange,
}

impl ExpiresError {
    pub fn message(self) -> &'static str {
        match self {
            // DRF 3.14 fields.py, DateTimeField.default_error_messages['invalid'], with ISO 8601 humanized.
            ExpiresError::Format => "Datetime has wrong format. Use one of these formats instead: YYYY-MM-DDThh:mm[:ss[.uuuuuu]][+HH:MM|-HH:MM|Z].",
            // DRF 3.14 fields.py, DateTimeField.default_error_messages['overflow'].
            ExpiresError::OutOfRange => "Datetime value out of range.",
        }
    }
}

/// Validates a present `expires` value: `null` clears it.
pub fn validate(_value: &Value) -> Result<Option<DateTime>, ExpiresError> {
    Err(ExpiresError::Format) // STUB
}

/// Parses a string as DRF does (`fromisoformat`, then Django's regex), converted to UTC.
pub fn parse(_s: &str) -> Result<DateTime, ExpiresError> {
    Err(ExpiresError::Format) // STUB
}

impl DateTime {
    /// DRF's rendering: `isoformat()` in UTC with `+00:00` as `Z`; microseconds as 6 digits when not 0.
    pub fn render(&self) -> String {
        String::new() // STUB
    }
}
