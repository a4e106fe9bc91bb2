//! `expires`: DRF `DateTimeField(allow_null=True)` with Django's `parse_datetime`.
//!
//! The server's path, which this module follows step by step:
//! 1. DRF 3.14 `DateTimeField.to_internal_value` calls Django 5.0.6 `parse_datetime(value)`
//!    (`django/utils/dateparse.py`) and turns any `ValueError`/`TypeError` into the format message.
//! 2. `parse_datetime` tries `datetime.fromisoformat` (CPython's C implementation,
//!    `Modules/_datetimemodule.c`), see [`from_iso_format`]; on `ValueError` it tries the regex
//!    `datetime_re`, see [`django_datetime_re`].
//! 3. `enforce_timezone`: a naive result is taken as UTC; an aware one goes through
//!    `astimezone(UTC)`, whose `OverflowError` is the "out of range" message.
//! 4. `to_representation`: `isoformat()` of the UTC value with `+00:00` written as `Z`.
//!
//! Both grammars are hand-written scanners: Django's regex uses Unicode `\d` and `\s`, which the
//! regex crates available here do not give, and `fromisoformat` is not a regular language anyway
//! (it reads the UTF-8 bytes of the string, with C string semantics around NUL).

use crate::messages::Msg;
#[allow(unused_imports)]
use crate::prelude::*;
use crate::unicode;
use crate::value::{Str, Value};

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
    pub fn message(self) -> Msg {
        match self {
            ExpiresError::Format => Msg::DatetimeFormat,
            ExpiresError::OutOfRange => Msg::DatetimeOverflow,
        }
    }
}

/// Validates a present `expires` value: `null` clears it.
pub fn validate(value: &Value) -> Result<Option<DateTime>, ExpiresError> {
    match value {
        // DRF `Field.validate_empty_values`: `allow_null=True` lets None through as None.
        Value::Null => Ok(None),
        Value::Str(s) if s.has_surrogate() => parse_with_surrogates(s).map(Some),
        Value::Str(s) => parse(&s.text).map(Some),
        // `fromisoformat` raises TypeError, which `parse_datetime` does not catch (only ValueError
        // leads to the regex); DRF's `to_internal_value` catches it as the format error.
        _ => Err(ExpiresError::Format),
    }
}

/// Parses a string as DRF does (`fromisoformat`, then Django's regex), converted to UTC.
pub fn parse(s: &str) -> Result<DateTime, ExpiresError> {
    from_iso_format(s)
        .or_else(|| django_datetime_re(s))
        .ok_or(ExpiresError::Format)?
        .to_utc()
}

/// A string holding lone surrogates (from `\ud800`-style escapes). CPython 3.12
/// `_sanitize_isoformat_str` replaces a surrogate at code point 7, 8 or 10 (the possible separator
/// positions, checked in that order, first one only) with `T`; any other surrogate makes
/// `PyUnicode_AsUTF8AndSize` raise UnicodeEncodeError, a ValueError. Django's regex then runs on
/// the original string, and no part of it matches a surrogate. So the only way through is one
/// surrogate, at a separator position, in a string `fromisoformat` accepts with `T` there.
fn parse_with_surrogates(s: &Str) -> Result<DateTime, ExpiresError> {
    let at = match s.lone.as_deref().unwrap_or(&[]) {
        [] => return parse(&s.text),
        [(at, _)] => *at as usize,
        _ => return Err(ExpiresError::Format),
    };
    let (Some(before), Some(after)) = (s.text.get(..at), s.text.get(at..)) else {
        return Err(ExpiresError::Format);
    };
    if !matches!(crate::text::char_count(before), 7 | 8 | 10) {
        return Err(ExpiresError::Format);
    }
    let mut rest = after.chars();
    rest.next(); // the U+FFFD standing for the surrogate
    let mut sanitized = String::with_capacity(s.text.len());
    sanitized.push_str(before);
    sanitized.push('T');
    sanitized.push_str(rest.as_str());
    from_iso_format(&sanitized)
        .ok_or(ExpiresError::Format)?
        .to_utc()
}

const DAY_US: i64 = 86_400_000_000;
/// `date(9999, 12, 31).toordinal()`.
const MAX_ORDINAL: i64 = 3_652_059;

/// What either parser produced: fields already range-checked by the `datetime` constructor, and
/// the UTC offset in microseconds for an aware result.
#[derive(Clone, Copy, Debug)]
struct Parsed {
    ordinal: i64,
    /// Microseconds since midnight.
    time: i64,
    offset: Option<i64>,
}

impl Parsed {
    /// `datetime(year, ..., microsecond, tzinfo)`: CPython `check_date_args` / `check_time_args`,
    /// whose ValueError either parser turns into "no match"; `None` when a field is out of range.
    fn new(
        (y, mo, d): (i64, i64, i64),
        [h, mi, s, us]: Time,
        offset: Option<i64>,
    ) -> Option<Parsed> {
        let date_ok = (1..=9999).contains(&y)
            && (1..=12).contains(&mo)
            && (1..=days_in_month(y, mo)).contains(&d);
        let time_ok = (0..=23).contains(&h)
            && (0..=59).contains(&mi)
            && (0..=59).contains(&s)
            && (0..=999_999).contains(&us);
        if !(date_ok && time_ok) {
            return None;
        }
        let time = ((h * 60 + mi) * 60 + s) * 1_000_000 + us;
        Some(Parsed {
            ordinal: ymd_to_ord(y, mo, d),
            time,
            offset,
        })
    }

    /// DRF `enforce_timezone` with `TIME_ZONE="UTC"`: naive values are made aware as they are;
    /// aware ones are `astimezone(UTC)`, whose subtraction raises OverflowError ("date value out of
    /// range") outside years 1-9999, which DRF reports as 'overflow'.
    fn to_utc(self) -> Result<DateTime, ExpiresError> {
        let utc = self.ordinal * DAY_US + self.time - self.offset.unwrap_or(0);
        let ordinal = utc.div_euclid(DAY_US);
        if !(1..=MAX_ORDINAL).contains(&ordinal) {
            return Err(ExpiresError::OutOfRange);
        }
        let (year, month, day) = ord_to_ymd(ordinal);
        let t = utc.rem_euclid(DAY_US);
        let secs = t / 1_000_000;
        Ok(DateTime {
            year: year as u16,
            month: month as u8,
            day: day as u8,
            hour: (secs / 3600) as u8,
            minute: (secs / 60 % 60) as u8,
            second: (secs % 60) as u8,
            micro: (t % 1_000_000) as u32,
        })
    }
}

// ---------------------------------------------------------------------------------------------
// `datetime.fromisoformat`, after CPython 3.12 `Modules/_datetimemodule.c`:
// `datetime_fromisoformat`, `_sanitize_isoformat_str`, `_find_isoformat_datetime_separator`,
// `parse_isoformat_date`, `iso_to_ymd`, `parse_isoformat_time`, `parse_hh_mm_ss_ff`,
// `tzinfo_from_isoformat_results`. (3.11.7, 3.12.1 and 3.13.0 answer the differential set alike.)
//
// The C code scans the UTF-8 bytes of a NUL-terminated copy of the string, and several of its
// checks stop at the first NUL, not at the end: `at()` gives 0 past the end to mirror the
// terminator, and an embedded NUL reads as an end where the C code compares a byte with '\0'.
// ---------------------------------------------------------------------------------------------

/// The byte at `i`, or the C string's terminating NUL past the end.
fn at(b: &[u8], i: usize) -> u8 {
    b.get(i).copied().unwrap_or(0)
}

/// `parse_digits`: exactly `n` ASCII digits.
fn parse_digits(b: &[u8], p: &mut usize, n: usize) -> Option<i64> {
    let mut v = 0;
    for _ in 0..n {
        let d = at(b, *p).wrapping_sub(b'0');
        *p += 1;
        if d > 9 {
            return None;
        }
        v = v * 10 + i64::from(d);
    }
    Some(v)
}

fn from_iso_format(s: &str) -> Option<Parsed> {
    // `_sanitize_isoformat_str`: fewer than 7 code points is invalid at once.
    s.chars().nth(6)?;
    let b = s.as_bytes();
    let sep = find_separator(b)?;
    let date = parse_isoformat_date(b, sep)?;
    let mut time = [0; 4];
    let mut tz = None;
    if b.len() > sep {
        // Any one character separates date and time; its UTF-8 length is read from the lead byte.
        let lead = at(b, sep);
        let width = match lead {
            _ if lead & 0x80 == 0 => 1,
            _ if lead & 0xf0 == 0xe0 => 3,
            _ if lead & 0xf0 == 0xf0 => 4,
            _ => 2,
        };
        (time, tz) = parse_isoformat_time(b, sep + width)?;
    }
    let offset = match tz {
        None => None,
        // `tzinfo_from_isoformat_results`: a zero offset in whole seconds is `timezone.utc`, and
        // the offset's microseconds are then dropped (`+00:00:00.5` is UTC).
        Some((0, _)) => Some(0),
        Some((secs, us)) => {
            // `new_timezone`: strictly between -24h and 24h, else ValueError.
            let total = secs * 1_000_000 + us;
            if total.abs() >= DAY_US {
                return None;
            }
            Some(total)
        }
    };
    Parsed::new(date, time, offset)
}

/// `_find_isoformat_datetime_separator`: where the date ends, from the date's form alone (byte
/// positions 10, 8 or 7). `None` is its -1.
fn find_separator(b: &[u8]) -> Option<usize> {
    let len = b.len();
    if len == 7 {
        return Some(7);
    }
    if at(b, 4) == b'-' {
        if at(b, 5) != b'W' {
            return Some(10); // YYYY-MM-DD
        }
        if len < 8 {
            return None;
        }
        if len > 8 && at(b, 8) == b'-' {
            // YYYY-Www-D or YYYY-Www-HH: CPython bets on a hyphen separator at 8 when a digit
            // follows at 10.
            if len == 9 {
                return None;
            }
            if len > 10 && at(b, 10).is_ascii_digit() {
                return Some(8);
            }
            return Some(10);
        }
        return Some(8); // YYYY-Www
    }
    if at(b, 4) == b'W' {
        // YYYYWww or YYYYWwwd: an odd number of digits after the week means a day digit.
        let digits = b
            .get(7..)
            .unwrap_or(&[])
            .iter()
            .take_while(|c| c.is_ascii_digit())
            .count();
        let idx = 7 + digits;
        if idx < 9 {
            return Some(idx);
        }
        return Some(if idx % 2 == 0 { 7 } else { 8 });
    }
    Some(8) // YYYYMMDD
}

/// `parse_isoformat_date`: `len` is the separator position; only week dates consult it.
/// Month and day are returned unchecked; `Parsed::new` checks them as `new_datetime` does.
fn parse_isoformat_date(b: &[u8], len: usize) -> Option<(i64, i64, i64)> {
    let mut p = 0;
    let year = parse_digits(b, &mut p, 4)?;
    let uses_separator = at(b, p) == b'-';
    if uses_separator {
        p += 1;
    }
    if at(b, p) == b'W' {
        p += 1;
        let week = parse_digits(b, &mut p, 2)?;
        let weekday = if p < len {
            if uses_separator {
                let c = at(b, p);
                p += 1;
                if c != b'-' {
                    return None;
                }
            }
            parse_digits(b, &mut p, 1)?
        } else {
            1 // a week without a day means its Monday
        };
        return iso_to_ymd(year, week, weekday);
    }
    let month = parse_digits(b, &mut p, 2)?;
    if uses_separator {
        let c = at(b, p);
        p += 1;
        if c != b'-' {
            return None;
        }
    }
    let day = parse_digits(b, &mut p, 2)?;
    Some((year, month, day))
}

/// `iso_to_ymd`: week 53 only in ISO years that have one (starting on a Thursday, or a
/// Wednesday in a leap year); a date past 9999-12-31 fails in `new_datetime`.
fn iso_to_ymd(year: i64, week: i64, weekday: i64) -> Option<(i64, i64, i64)> {
    // Year 0 is the only one four digits allow. Newer builds refuse it here (gh-117534); older
    // ones (3.12.1 checked) reach the same ValueError through a month below 1.
    if !(1..=9999).contains(&year) {
        return None;
    }
    let jan1 = ymd_to_ord(year, 1, 1);
    let jan1_weekday = (jan1 + 6) % 7; // Monday is 0
    if week <= 0 || week >= 53 {
        let long_year = jan1_weekday == 3 || (jan1_weekday == 2 && is_leap(year));
        if !(week == 53 && long_year) {
            return None;
        }
    }
    if !(1..=7).contains(&weekday) {
        return None;
    }
    // `iso_week1_monday`: week 1 holds the year's first Thursday.
    let mut week1_monday = jan1 - jan1_weekday;
    if jan1_weekday > 3 {
        week1_monday += 7;
    }
    let ordinal = week1_monday + (week - 1) * 7 + weekday - 1;
    if !(1..=MAX_ORDINAL).contains(&ordinal) {
        return None;
    }
    Some(ord_to_ymd(ordinal))
}

/// `[hour, minute, second, microsecond]`, unchecked.
type Time = [i64; 4];
/// A zone as C keeps it: signed whole seconds and signed microseconds.
type Zone = (i64, i64);

/// `parse_isoformat_time`: the time, then an optional zone found at the first `Z`, `+` or `-`.
fn parse_isoformat_time(b: &[u8], start: usize) -> Option<(Time, Option<Zone>)> {
    let end = b.len();
    // A do-while in C: the first byte is tested even when the time is empty.
    let mut tz = start;
    loop {
        if matches!(at(b, tz), b'Z' | b'+' | b'-') {
            break;
        }
        tz += 1;
        if tz >= end {
            break;
        }
    }
    // A nonzero `rv` means something other than NUL follows the time. It is an error only when
    // there is no zone; before a zone it is ignored, which is why one arbitrary character
    // (`28xZ`) is tolerated, and, after 6+ fraction digits, any run of them.
    let (time, rv) = parse_hh_mm_ss_ff(b, start, tz)?;
    if tz == end {
        return if rv { None } else { Some((time, None)) };
    }
    if at(b, tz) == b'Z' {
        // Only what follows up to the first NUL is checked: `Z\0junk` passes.
        return if at(b, tz + 1) != 0 {
            None
        } else {
            Some((time, Some((0, 0))))
        };
    }
    let sign = if at(b, tz) == b'-' { -1 } else { 1 };
    // The zone's components are not range-checked one by one: `+12:60` is 13 hours.
    let ([h, m, s, us], rv) = parse_hh_mm_ss_ff(b, tz + 1, end)?;
    if rv {
        return None;
    }
    Some((time, Some((sign * (h * 3600 + m * 60 + s), sign * us))))
}

/// `parse_hh_mm_ss_ff`: `HH[:MM[:SS]]` or `HH[MM[SS]]`, then a fraction after whichever component
/// came last (`15.5` is 15:00:00.5). The boolean is C's return value 1: something other than
/// NUL follows.
fn parse_hh_mm_ss_ff(b: &[u8], start: usize, end: usize) -> Option<(Time, bool)> {
    let mut vals = [0i64; 4];
    let mut p = start;
    let mut has_separator = true;
    for (i, val) in vals.iter_mut().take(3).enumerate() {
        *val = parse_digits(b, &mut p, 2)?;
        let c = at(b, p);
        p += 1;
        if i == 0 {
            has_separator = c == b':';
        }
        if p >= end {
            return Some((vals, c != 0));
        } else if has_separator && c == b':' {
            continue;
        } else if c == b'.' || c == b',' {
            break;
        } else if !has_separator {
            // Basic format: the byte read is the next component's first digit. After the
            // seconds this falls through to the fraction, so `HHMMSSffff` needs no dot.
            p -= 1;
        } else {
            return None;
        }
    }
    // At most 6 fraction digits are read, all of which must be digits when fewer than 6 remain
    // before `end`; further digits are skipped (truncated, not rounded).
    let to_parse = end.saturating_sub(p).min(6);
    let mut us = parse_digits(b, &mut p, to_parse)?;
    us *= 10i64.pow(6 - to_parse as u32);
    while at(b, p).is_ascii_digit() {
        p += 1;
    }
    vals[3] = us;
    Some((vals, at(b, p) != 0))
}

// ---------------------------------------------------------------------------------------------
// Django 5.0.6 `django/utils/dateparse.py`, the fallback of `parse_datetime`:
//
//   datetime_re = (?P<year>\d{4})-(?P<month>\d{1,2})-(?P<day>\d{1,2})
//                 [T ](?P<hour>\d{1,2}):(?P<minute>\d{1,2})
//                 (?::(?P<second>\d{1,2})(?:[.,](?P<microsecond>\d{1,6})\d{0,6})?)?
//                 \s*(?P<tzinfo>Z|[+-]\d{2}(?::?\d{2})?)?$
//
// used with `re.match` (anchored at the start). `\d` is any Unicode decimal digit (read by `int()`
// as its value), `\s` is `str.isspace()`, and `$` matches at the end or before a final `\n`.
// Every digit run is followed by a non-digit token, so greedy matching never needs to backtrack.
// ---------------------------------------------------------------------------------------------

/// The value of `c` as `\d` matches it and `int()` reads it.
fn re_digit(c: char) -> Option<i64> {
    unicode::decimal(c as u32).map(i64::from)
}

/// `\d{min,max}`, greedy: the value and the number of digits.
fn re_digits(it: &mut core::str::Chars<'_>, min: usize, max: usize) -> Option<(i64, usize)> {
    let mut value = 0;
    let mut n = 0;
    while n < max {
        let mut ahead = it.clone();
        match ahead.next().and_then(re_digit) {
            Some(d) => {
                value = value * 10 + d;
                n += 1;
                *it = ahead;
            }
            None => break,
        }
    }
    (n >= min).then_some((value, n))
}

fn re_char(it: &mut core::str::Chars<'_>, want: impl Fn(char) -> bool) -> bool {
    let mut ahead = it.clone();
    match ahead.next() {
        Some(c) if want(c) => {
            *it = ahead;
            true
        }
        _ => false,
    }
}

fn django_datetime_re(s: &str) -> Option<Parsed> {
    let it = &mut s.chars();
    let (year, _) = re_digits(it, 4, 4)?;
    re_char(it, |c| c == '-').then_some(())?;
    let (month, _) = re_digits(it, 1, 2)?;
    re_char(it, |c| c == '-').then_some(())?;
    let (day, _) = re_digits(it, 1, 2)?;
    re_char(it, |c| c == 'T' || c == ' ').then_some(())?;
    let (hour, _) = re_digits(it, 1, 2)?;
    re_char(it, |c| c == ':').then_some(())?;
    let (minute, _) = re_digits(it, 1, 2)?;
    let (mut second, mut micro) = (0, 0);
    if re_char(it, |c| c == ':') {
        (second, _) = re_digits(it, 1, 2)?;
        if re_char(it, |c| c == '.' || c == ',') {
            // `kw['microsecond'].ljust(6, '0')`: up to 6 digits kept, up to 6 more dropped.
            let (kept, n) = re_digits(it, 1, 6)?;
            micro = kept * 10i64.pow(6 - n as u32);
            re_digits(it, 0, 6)?;
        }
    }
    while re_char(it, |c| unicode::is_space(c as u32)) {}
    let mut offset_minutes = None;
    if re_char(it, |c| c == 'Z') {
        offset_minutes = Some(0);
    } else if let Some(sign) = it.clone().next().filter(|c| *c == '+' || *c == '-') {
        it.next();
        let (hh, _) = re_digits(it, 2, 2)?;
        let mut ahead = it.clone();
        re_char(&mut ahead, |c| c == ':');
        // `int(tzinfo[-2:]) if len(tzinfo) > 3 else 0`: the minutes when present, 0-99.
        let mm = match re_digits(&mut ahead, 2, 2) {
            Some((mm, _)) => {
                *it = ahead;
                mm
            }
            None => 0,
        };
        let minutes = hh * 60 + mm;
        offset_minutes = Some(if sign == '-' { -minutes } else { minutes });
    }
    // `$`: the end, or a final `\n` (`\s*` has already taken any other).
    let rest = it.as_str();
    if !(rest.is_empty() || rest == "\n") {
        return None;
    }
    let offset = match offset_minutes {
        // `get_fixed_timezone` builds `timezone(timedelta(minutes=offset))`: ValueError from 24h.
        Some(m) if m.abs() >= 24 * 60 => return None,
        Some(m) => Some(m * 60_000_000),
        None => None,
    };
    Parsed::new((year, month, day), [hour, minute, second, micro], offset)
}

// ---------------------------------------------------------------------------------------------
// Proleptic Gregorian calendar, as CPython's `ymd_to_ord` / `ord_to_ymd` (day 1 is 0001-01-01).
// ---------------------------------------------------------------------------------------------

fn is_leap(y: i64) -> bool {
    y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)
}

fn days_in_month(y: i64, m: i64) -> i64 {
    match m {
        2 if is_leap(y) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// CPython's `_days_before_month`, from its table (`m` in 1..=12).
fn days_before_month(y: i64, m: i64) -> i64 {
    const BEFORE: [u16; 13] = [0, 0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334];
    let before = BEFORE.get(m as usize).map_or(0, |&b| i64::from(b));
    before + i64::from(m > 2 && is_leap(y))
}

fn ymd_to_ord(y: i64, m: i64, d: i64) -> i64 {
    let py = y - 1;
    py * 365 + py / 4 - py / 100 + py / 400 + days_before_month(y, m) + d
}

/// For `1 <= ordinal <= MAX_ORDINAL`.
fn ord_to_ymd(ordinal: i64) -> (i64, i64, i64) {
    let n = ordinal - 1;
    let (n400, n) = (n / 146_097, n % 146_097);
    let (n100, n) = (n / 36_524, n % 36_524);
    let (n4, n) = (n / 1_461, n % 1_461);
    let (n1, n) = (n / 365, n % 365);
    let year = n400 * 400 + n100 * 100 + n4 * 4 + n1 + 1;
    if n1 == 4 || n100 == 4 {
        return (year - 1, 12, 31);
    }
    let mut month = 1;
    let mut left = n;
    while month < 12 && left >= days_in_month(year, month) {
        left -= days_in_month(year, month);
        month += 1;
    }
    (year, month, left + 1)
}

impl DateTime {
    /// DRF's rendering: `isoformat()` in UTC with `+00:00` as `Z`; microseconds as 6 digits when not 0.
    pub fn render(&self) -> String {
        self.render_in(&mut [0; 27]).to_owned()
    }

    /// [`DateTime::render`], written in `buf`.
    pub fn render_in<'b>(&self, buf: &'b mut [u8; 27]) -> &'b str {
        *buf = *b"0000-00-00T00:00:00.000000Z";
        // Each number's digits, written leftwards from where it ends.
        let numbers = [
            (u32::from(self.year), 4),
            (u32::from(self.month), 7),
            (u32::from(self.day), 10),
            (u32::from(self.hour), 13),
            (u32::from(self.minute), 16),
            (u32::from(self.second), 19),
            (self.micro, 26),
        ];
        for (mut value, mut at) in numbers {
            while value > 0 {
                at -= 1;
                if let Some(slot) = buf.get_mut(at) {
                    *slot = b'0' + (value % 10) as u8;
                }
                value /= 10;
            }
        }
        let len = if self.micro != 0 {
            27
        } else {
            if let Some(slot) = buf.get_mut(19) {
                *slot = b'Z';
            }
            20
        };
        core::str::from_utf8(buf.get(..len).unwrap_or_default()).unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ok(s: &str) -> String {
        match parse(s) {
            Ok(dt) => dt.render(),
            Err(e) => panic!("{s:?}: {e:?}"),
        }
    }

    fn err(s: &str) -> ExpiresError {
        match parse(s) {
            Ok(dt) => panic!("{s:?} parsed as {}", dt.render()),
            Err(e) => e,
        }
    }

    use ExpiresError::{Format, OutOfRange};

    // Expected answers below are the oracle's (tests/reference/expires_oracle.py, CPython 3.12.1,
    // Django 5.0.6, DRF 3.14.0).

    #[test]
    fn null_clears_and_non_strings_are_format_errors() {
        assert_eq!(validate(&Value::Null), Ok(None));
        for v in [
            Value::Int("20240729".into()),
            Value::Float(1.5),
            Value::Bool(true),
            Value::Array(vec![Value::Str(Str::new("2024-07-29"))]),
            Value::Object(vec![]),
        ] {
            assert_eq!(validate(&v), Err(Format), "{v:?}");
        }
        assert_eq!(err(""), Format);
    }

    #[test]
    fn offsets_are_converted_to_utc_and_rendered_with_z() {
        assert_eq!(ok("2024-07-29T15:51:28Z"), "2024-07-29T15:51:28Z");
        assert_eq!(ok("2024-07-29T17:51:28+02:00"), "2024-07-29T15:51:28Z");
        assert_eq!(ok("2024-07-29T15:51:28+02"), "2024-07-29T13:51:28Z");
        assert_eq!(ok("2024-07-29T15:51:28+0200"), "2024-07-29T13:51:28Z");
        assert_eq!(ok("2024-07-29T15:51:28-00:00"), "2024-07-29T15:51:28Z");
        assert_eq!(
            ok("2024-07-29T15:51:28+02:00:30.5"),
            "2024-07-29T13:50:57.500000Z"
        );
        assert_eq!(
            ok("2024-07-29T15:51:28+23:59:59.999999"),
            "2024-07-28T15:51:28.000001Z"
        );
    }

    #[test]
    fn microseconds_render_as_six_digits_only_when_not_zero() {
        assert_eq!(ok("2024-07-29T15:51:28.123"), "2024-07-29T15:51:28.123000Z");
        assert_eq!(ok("2024-07-29T15:51:28.000000"), "2024-07-29T15:51:28Z");
        assert_eq!(
            ok("9999-12-31T23:59:59.999999Z"),
            "9999-12-31T23:59:59.999999Z"
        );
    }

    #[test]
    fn date_alone_means_midnight() {
        assert_eq!(ok("2024-07-29"), "2024-07-29T00:00:00Z");
        assert_eq!(ok("20240729"), "2024-07-29T00:00:00Z");
    }

    #[test]
    fn week_date_without_day_means_monday() {
        assert_eq!(ok("2024-W31"), "2024-07-29T00:00:00Z");
        assert_eq!(ok("2024W311"), "2024-07-29T00:00:00Z");
        assert_eq!(ok("2024-W31-7"), "2024-08-04T00:00:00Z");
    }

    #[test]
    fn week_53_only_in_years_that_have_one() {
        assert_eq!(ok("2020-W53-7"), "2021-01-03T00:00:00Z");
        assert_eq!(err("2021-W53"), Format);
        assert_eq!(err("2024-W00"), Format);
        // 9999-W52-6 would be 10000-01-01.
        assert_eq!(err("9999-W52-6"), Format);
    }

    #[test]
    fn ordinal_dates_and_impossible_fields_are_refused() {
        for s in [
            "2024-211",
            "2024-07-29T24:00",
            "2024-07-29T15:51:60",
            "2023-02-29T00:00",
            "2023-2-29 0:0",
            "0000-01-01 00:00",
        ] {
            assert_eq!(err(s), Format, "{s:?}");
        }
        assert_eq!(ok("2024-02-29T00:00"), "2024-02-29T00:00:00Z");
    }

    #[test]
    fn separator_is_any_one_character_at_the_position_the_date_form_gives() {
        assert_eq!(ok("2024-07-29X15:51"), "2024-07-29T15:51:00Z");
        assert_eq!(ok("2024-07-29é15:51"), "2024-07-29T15:51:00Z");
        assert_eq!(ok("2024-07-29t15:51"), "2024-07-29T15:51:00Z");
        // CPython takes byte 8 as the separator of a basic date even when it is a digit.
        assert_eq!(ok("20230808120000Z"), "2023-08-08T20:00:00Z");
        // YYYY-Www-dd...: a hyphen at 8 is taken as the separator.
        assert_eq!(ok("2020-W01-0000"), "2019-12-30T00:00:00Z");
        assert_eq!(err("2024-07-29T"), Format);
        assert_eq!(err("2024-07-29\0"), Format);
    }

    #[test]
    fn fraction_applies_to_the_last_time_component_given() {
        assert_eq!(ok("2024-07-29T15.5"), "2024-07-29T15:00:00.500000Z");
        assert_eq!(ok("2024-07-29T15:51.25"), "2024-07-29T15:51:00.250000Z");
        assert_eq!(ok("20240729T155128"), "2024-07-29T15:51:28Z");
        // In the basic format, digits after the seconds are a fraction even without a dot.
        assert_eq!(ok("2024-07-29T1551281234"), "2024-07-29T15:51:28.123400Z");
    }

    #[test]
    fn extra_fraction_digits_are_truncated() {
        assert_eq!(
            ok("2024-07-29T15:51:28,1234567"),
            "2024-07-29T15:51:28.123456Z"
        );
        assert_eq!(
            ok("2024-07-29 15:51:28.1234567890123"),
            "2024-07-29T15:51:28.123456Z"
        );
        // The regex path takes at most 6 + 6 digits.
        assert_eq!(
            ok("2024-7-29 15:51:28.123456789012"),
            "2024-07-29T15:51:28.123456Z"
        );
        assert_eq!(err("2024-7-29 15:51:28.1234567890123"), Format);
    }

    #[test]
    fn zone_components_add_up_unchecked_but_total_stays_under_a_day() {
        assert_eq!(ok("2024-07-29T15:51:28+12:60"), "2024-07-29T02:51:28Z");
        assert_eq!(ok("2024-07-29T15:51:28+12:99"), "2024-07-29T02:12:28Z");
        assert_eq!(ok("2024-07-29 15:51:28 +1260"), "2024-07-29T02:51:28Z");
        assert_eq!(err("2024-07-29T15:51:28+24:00"), Format);
        assert_eq!(err("2024-7-29 15:51+23:60"), Format);
        assert_eq!(err("2024-07-29T15:51:28+02:0"), Format);
    }

    #[test]
    fn zero_second_offset_drops_its_microseconds() {
        assert_eq!(ok("2024-07-29T15:51:28+00:00:00.5"), "2024-07-29T15:51:28Z");
        assert_eq!(
            ok("9999-12-31T23:59:59.999999-00:00:00.000001"),
            "9999-12-31T23:59:59.999999Z"
        );
    }

    #[test]
    fn one_ascii_character_is_tolerated_before_a_zone() {
        assert_eq!(ok("2024-07-29T15:51:28xZ"), "2024-07-29T15:51:28Z");
        assert_eq!(ok("2024-07-29T15:51:28\0+02:00"), "2024-07-29T13:51:28Z");
        assert_eq!(err("2024-07-29T15:51:28xyZ"), Format);
        assert_eq!(err("2024-07-29T15:51:28é+02:00"), Format);
        assert_eq!(err("2024-07-29T15:51:28.5xZ"), Format);
        // After 6 or more fraction digits, anything up to the zone is skipped.
        assert_eq!(
            ok("2024-07-29T15:51:28.1234567xyzZ"),
            "2024-07-29T15:51:28.123456Z"
        );
    }

    #[test]
    fn nul_ends_the_string_where_cpython_compares_with_nul() {
        assert_eq!(ok("2024-07-29T15:51:28\0"), "2024-07-29T15:51:28Z");
        assert_eq!(ok("2024-07-29T15:51:28Z\0junk"), "2024-07-29T15:51:28Z");
        assert_eq!(err("2024-07-29T15:51:28\0x"), Format);
    }

    #[test]
    fn regex_takes_single_digits_unicode_digits_whitespace_and_final_newline() {
        assert_eq!(ok("2024-7-9T1:2:3Z"), "2024-07-09T01:02:03Z");
        assert_eq!(ok("２０２４-０７-２９ １５:５１"), "2024-07-29T15:51:00Z");
        assert_eq!(ok("2024-07-29T15:51:28\n"), "2024-07-29T15:51:28Z");
        assert_eq!(ok("2024-07-29T15:51:28\n\n"), "2024-07-29T15:51:28Z");
        assert_eq!(ok("2024-07-29T15:51:28\r\n"), "2024-07-29T15:51:28Z");
        assert_eq!(ok("2024-07-29T15:51:28 "), "2024-07-29T15:51:28Z");
        assert_eq!(ok("2024-07-29T15:51:28 \t Z"), "2024-07-29T15:51:28Z");
        assert_eq!(ok("2024-07-29 15:51:28\u{3000}Z"), "2024-07-29T15:51:28Z");
        assert_eq!(ok("2024-07-29T15:51:28Z\n"), "2024-07-29T15:51:28Z");
        assert_eq!(ok("2024-07-29T15:51:28+02:00\n"), "2024-07-29T13:51:28Z");
        assert_eq!(err("2024-07-29T15:51:28Z\n\n"), Format);
        assert_eq!(err("2024-07-29 15:51:28\u{200b}Z"), Format);
    }

    #[test]
    fn lowercase_z_and_surrounding_spaces_are_refused() {
        for s in [
            "2024-07-29T15:51:28z",
            "2024-07-29T15:51:28Z ",
            " 2024-07-29T15:51:28Z",
        ] {
            assert_eq!(err(s), Format, "{s:?}");
        }
    }

    #[test]
    fn offsets_past_the_year_range_are_out_of_range_not_format_errors() {
        assert_eq!(err("0001-01-01T00:00:00+01:00"), OutOfRange);
        assert_eq!(err("9999-12-31T23:59:59-01:00"), OutOfRange);
        assert_eq!(err("0001-01-01 00:00+0001"), OutOfRange);
        assert_eq!(err("9999-12-31 23:59-0001"), OutOfRange);
        assert_eq!(ok("0001-01-01T00:00:00-01:00"), "0001-01-01T01:00:00Z");
        assert_eq!(
            OutOfRange
                .message()
                .render(&crate::locale::Locale::default()),
            "Datetime value out of range."
        );
    }

    #[test]
    fn lone_surrogate_passes_only_as_the_separator() {
        let with_surrogate = |before: &str, after: &str| {
            let mut text = String::from(before);
            let at = text.len() as u32;
            text.push('\u{FFFD}');
            text.push_str(after);
            Value::Str(Str {
                text,
                lone: Some(vec![(at, 0xd800)].into()),
            })
        };
        let dt = validate(&with_surrogate("2024-07-29", "15:51")).map(|d| d.map(|d| d.render()));
        assert_eq!(dt, Ok(Some("2024-07-29T15:51:00Z".to_owned())));
        assert_eq!(
            validate(&with_surrogate("2024-07-29T15:51", "")),
            Err(Format)
        );
        let two = Value::Str(Str {
            text: "2024-07-29\u{FFFD}\u{FFFD}15:51".into(),
            lone: Some(vec![(10, 0xd800), (13, 0xd800)].into()),
        });
        assert_eq!(validate(&two), Err(Format));
    }

    #[test]
    fn a_megabyte_of_input_is_answered_quickly() {
        let started = std::time::Instant::now();
        for filler in ["1", " ", "\u{3000}", "x"] {
            let mut s = String::from("2024-07-29T15:51:28.");
            s.push_str(&filler.repeat(1 << 20));
            let _ = parse(&s);
            let mut s = String::from("2024W");
            s.push_str(&filler.repeat(1 << 20));
            let _ = parse(&s);
        }
        assert!(started.elapsed() < std::time::Duration::from_secs(5));
    }

    /// The differential run: `EXPIRES_ORACLE=<jsonl from tests/reference/expires_oracle.py>`.
    /// Without the variable there is nothing to compare.
    #[test]
    fn oracle() {
        let Ok(path) = std::env::var("EXPIRES_ORACLE") else {
            return;
        };
        let text = std::fs::read_to_string(&path).expect("read the oracle's JSONL");
        let (mut total, mut mismatches) = (0, Vec::new());
        for line in text.lines() {
            let case: serde_json::Value = serde_json::from_str(line).expect("a JSON line");
            let value = match (case.get("cps"), case.get("json")) {
                (Some(cps), _) => Value::Str(str_from_code_points(cps)),
                (None, Some(json)) => from_json(json),
                _ => panic!("no input in {line}"),
            };
            let want = &case["out"];
            let got = match validate(&value) {
                Ok(None) => serde_json::json!({ "ok": null }),
                Ok(Some(dt)) => serde_json::json!({ "ok": dt.render() }),
                Err(e) => {
                    serde_json::json!({ "err": e.message().render(&crate::locale::Locale::default()) })
                }
            };
            total += 1;
            if &got != want {
                mismatches.push(format!("{value:?}: want {want}, got {got}"));
            }
        }
        for m in &mismatches {
            eprintln!("{m}");
        }
        eprintln!("{total} cases compared, {} differences", mismatches.len());
        assert!(total > 0 && mismatches.is_empty());
    }

    fn str_from_code_points(cps: &serde_json::Value) -> Str {
        let mut text = String::new();
        let mut lone = Vec::new();
        for cp in cps.as_array().expect("code points") {
            let cp = cp.as_u64().expect("a code point") as u32;
            match char::from_u32(cp) {
                Some(c) => text.push(c),
                None => {
                    lone.push((text.len() as u32, cp as u16));
                    text.push('\u{FFFD}');
                }
            }
        }
        Str {
            text,
            lone: (!lone.is_empty()).then(|| lone.into()),
        }
    }

    fn from_json(v: &serde_json::Value) -> Value {
        match v {
            serde_json::Value::Null => Value::Null,
            serde_json::Value::Bool(b) => Value::Bool(*b),
            serde_json::Value::Number(n) => {
                let t = n.to_string();
                if t.contains(['.', 'e', 'E']) {
                    Value::Float(t.parse().expect("a float"))
                } else {
                    Value::Int(t.into())
                }
            }
            serde_json::Value::String(s) => Value::Str(Str::new(s.as_str())),
            serde_json::Value::Array(a) => Value::Array(a.iter().map(from_json).collect()),
            serde_json::Value::Object(o) => Value::Object(
                o.iter()
                    .map(|(k, v)| (Str::new(k.as_str()), from_json(v)))
                    .collect(),
            ),
        }
    }
}
