// A careful hand-written validator of the rules schema.json states: what a JS developer would write
// without a library. Errors collected per field, in field order, server-style ({ field: [msg] }).
const SLUG = /^[-a-zA-Z0-9_]+$/;
// RFC 3339 date-time (ajv-formats' "date-time": T or space, any fraction, Z or ±hh:mm).
const DATE_TIME = /^(\d{4})-(\d\d)-(\d\d)[Tt ](\d\d):(\d\d):(\d\d)(?:\.\d+)?(?:[Zz]|([+-])(\d\d):(\d\d))$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DAYS = [0, 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function isDateTime(s) {
  const m = DATE_TIME.exec(s);
  if (m === null) return false;
  const year = +m[1], month = +m[2], day = +m[3];
  if (month < 1 || month > 12 || day < 1 || day > DAYS[month]) return false;
  if (month === 2 && day === 29 && (year % 4 !== 0 || (year % 100 === 0 && year % 400 !== 0))) return false;
  const hour = +m[4], minute = +m[5], second = +m[6];
  if (hour > 23 || minute > 59 || second > 59) return false; // RFC 3339 leap seconds: not accepted
  return m[7] === undefined || (+m[8] <= 23 && +m[9] <= 59);
}

function isObject(v) {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

export function validate(text) {
  let data;
  try {
    data = JSON.parse(text);
  } catch (e) {
    return { ok: false, errors: { detail: e.message } };
  }
  if (!isObject(data)) return { ok: false, errors: { non_field_errors: ["Expected an object."] } };
  let errors = null;
  const fail = (field, message) => {
    errors ??= {};
    (errors[field] ??= []).push(message);
  };
  const { name, expires, fixed_data, single_use, flow } = data;
  if (name !== undefined) {
    if (typeof name !== "string") fail("name", "Expected a string.");
    else {
      // JSON schema counts code points; UTF-16 length is an upper bound, so count only when it is over.
      if (name.length > 50 && [...name].length > 50) fail("name", "At most 50 characters.");
      if (!SLUG.test(name)) fail("name", "Letters, numbers, underscores or hyphens only.");
    }
  }
  if (expires !== undefined && expires !== null && (typeof expires !== "string" || !isDateTime(expires))) {
    fail("expires", "Expected an RFC 3339 date-time or null.");
  }
  if (fixed_data !== undefined && !isObject(fixed_data)) fail("fixed_data", "Expected an object.");
  if (single_use !== undefined && typeof single_use !== "boolean") fail("single_use", "Expected a boolean.");
  if (flow !== undefined && flow !== null && (typeof flow !== "string" || !UUID.test(flow))) {
    fail("flow", "Expected a UUID or null.");
  }
  return errors === null ? { ok: true, value: data } : { ok: false, errors };
}
