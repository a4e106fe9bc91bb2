//! `single_use`: DRF 3.14 `BooleanField`, from the model's `BooleanField(default=False)`.

use super::Failure;
use crate::messages::Msg;
#[allow(unused_imports)]
use crate::prelude::*;
use crate::value::Value;

// DRF 3.14 fields.py, BooleanField.TRUE_VALUES / FALSE_VALUES (case-sensitive; 3.15 changed this).
const TRUE_STRINGS: [&str; 14] = [
    "t", "T", "y", "Y", "yes", "Yes", "YES", "true", "True", "TRUE", "on", "On", "ON", "1",
];
const FALSE_STRINGS: [&str; 14] = [
    "f", "F", "n", "N", "no", "No", "NO", "false", "False", "FALSE", "off", "Off", "OFF", "0",
];

/// Validates a present `single_use`.
pub fn validate(value: &Value) -> Result<bool, Failure> {
    match value {
        Value::Null => Err(Failure::one(Msg::Null)),
        Value::Bool(b) => Ok(*b),
        // `data in TRUE_VALUES` compares numbers by value: 1.0 == 1 and -0.0 == 0 in Python.
        Value::Int(digits) if &**digits == "1" => Ok(true),
        Value::Int(digits) if &**digits == "0" => Ok(false),
        Value::Float(f) if *f == 1.0 => Ok(true),
        Value::Float(f) if *f == 0.0 => Ok(false),
        Value::Str(s) if s.lone.is_none() && TRUE_STRINGS.contains(&s.text.as_str()) => Ok(true),
        Value::Str(s) if s.lone.is_none() && FALSE_STRINGS.contains(&s.text.as_str()) => Ok(false),
        _ => Err(Failure::one(Msg::Boolean)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::value::Str;

    #[test]
    fn drf_3_14_spellings_are_booleans_and_case_matters() {
        let s = |t: &str| Value::Str(Str::new(t));
        assert_eq!(validate(&s("yes")), Ok(true));
        assert_eq!(validate(&s("OFF")), Ok(false));
        assert_eq!(validate(&Value::Float(-0.0)), Ok(false));
        assert_eq!(validate(&Value::Float(1.0)), Ok(true));
        for bad in [
            s("yEs"),
            s(" true"),
            s(""),
            s("null"),
            Value::Int("2".into()),
            Value::Array(vec![]),
        ] {
            assert_eq!(validate(&bad), Err(Failure::one(Msg::Boolean)));
        }
        assert_eq!(validate(&Value::Null), Err(Failure::one(Msg::Null)));
    }
}
