// PUT, POST and error codes for the tests: the package's own functions when it has them, else a
// TEMPORARY shim built on validatePatch/applyPatch (until the core grows validatePut, validatePost,
// applyPut, createInvitation and `codes`). The shim is never what a parity test judges: those tests
// skip without the real functions (FORMS_SHIM=1 runs them on the shim, to check the shim itself).
import * as pkg from "../../pkg/node.js";

/** The public functions this area needs, and whether they are the package's. */
export const real = {
  put: typeof pkg.validatePut === "function" && typeof pkg.applyPut === "function",
  post: typeof pkg.validatePost === "function" && typeof pkg.createInvitation === "function",
  codes: "codes" in pkg.validatePatch("null"),
};
export const complete = real.put && real.post && real.codes;
export const shimmed = !complete;
export const MISSING =
  "pkg/ has no " +
  [!real.put && "validatePut/applyPut", !real.post && "validatePost/createInvitation", !real.codes && "`codes`"]
    .filter(Boolean)
    .join(", ") +
  " yet (the core adds them); skipped";

// --- the shim -------------------------------------------------------------------------------

// DRF's code for each message the module answers (what get_codes() gives on the server; the
// harness's golden cases hold the truth, checked by methods.test.mjs on the real functions).
function codeOf(message) {
  if (message === "This field is required.") return "required";
  if (message === "This field may not be null." || message === "No data provided") return "null";
  if (message === "This field may not be blank.") return "blank";
  if (message.startsWith("Ensure this field has no more than")) return "max_length";
  if (message === "Null characters are not allowed.") return "null_characters_not_allowed";
  if (message.startsWith("Surrogate characters are not allowed")) return "surrogate_characters_not_allowed";
  if (message === "Datetime value out of range.") return "overflow";
  if (message.startsWith("Incorrect type. Expected pk value")) return "incorrect_type";
  if (/^Invalid pk ".*" - object does not exist\.$/s.test(message)) return "does_not_exist";
  return "invalid";
}

function withCodes(r) {
  if (r.ok || "codes" in r) return r;
  const codes = {};
  for (const [k, v] of Object.entries(r.errors)) codes[k] = typeof v === "string" ? "parse_error" : v.map(codeOf);
  return { ...r, codes };
}

// Whether the body sends `name` (only asked when validatePatch judged it a JSON object).
function sendsName(body) {
  if (body === undefined) return false;
  if (typeof body === "string" || body instanceof Uint8Array || body instanceof ArrayBuffer) {
    const text = typeof body === "string" ? body : new TextDecoder().decode(body);
    if (text === "") return false;
    try {
      const v = JSON.parse(text);
      return v !== null && typeof v === "object" && "name" in v;
    } catch {
      return true; // unreachable when validatePatch parsed it
    }
  }
  const v = JSON.parse(JSON.stringify(body));
  return v !== null && typeof v === "object" && "name" in v;
}

const FIELD_ORDER = ["name", "expires", "fixed_data", "single_use", "flow"];

const CRASH_MARK = "authentik 2024.6 fails on such";

// DRF's partial=False: `name` (no model default) is required; the rest stay optional.
function full(v, body) {
  const fieldErrors = v.ok || !("detail" in v.errors || "non_field_errors" in v.errors);
  if (!fieldErrors || sendsName(body)) return v;
  let rest = v.ok ? {} : v.errors;
  const ours = Object.entries(rest).filter(([, m]) => m.every((t) => t.includes(CRASH_MARK)));
  if (ours.length && ours.length === Object.keys(rest).length) {
    // The server's 500s: rendering the flow's error message fails whatever else failed; a
    // fixed_data PostgreSQL refuses is never saved once `name` is missing.
    if ("flow" in rest) return v;
    rest = {};
  }
  const errors = { name: ["This field is required."], ...rest };
  const ordered = {};
  for (const k of FIELD_ORDER) if (k in errors) ordered[k] = errors[k];
  for (const k of Object.keys(errors)) if (!(k in ordered)) ordered[k] = errors[k];
  return { ok: false, status: 400, errors: ordered };
}

const shim = {
  validatePatch: (body, options) => withCodes(pkg.validatePatch(body, options)),
  applyPatch: (invitation, body, options) => withCodes(pkg.applyPatch(invitation, body, options)),
  validatePut: (body, options) => withCodes(full(pkg.validatePatch(body, options), body)),
  validatePost: (body, options) => withCodes(full(pkg.validatePatch(body, options), body)),
  applyPut(invitation, body, options) {
    const v = shim.validatePut(body, options);
    return v.ok ? withCodes(pkg.applyPatch(invitation, body, options)) : v;
  },
  createInvitation(body, { pk, created_by, ...options } = {}) {
    const v = shim.validatePost(body, options);
    if (!v.ok) return v;
    const blank = { pk, name: "x", expires: null, fixed_data: {}, created_by, single_use: false, flow: null, flow_obj: null };
    const r = pkg.applyPatch(blank, body, Object.keys(options).length ? options : undefined);
    if (!r.ok) return withCodes(r);
    return { ...r, status: 201 };
  },
};

/** The API the tests drive: the package's functions where they exist, the shim's elsewhere. */
export const api = {
  ...pkg,
  validatePatch: real.codes ? pkg.validatePatch : shim.validatePatch,
  applyPatch: real.codes ? pkg.applyPatch : shim.applyPatch,
  validatePut: complete ? pkg.validatePut : shim.validatePut,
  validatePost: complete ? pkg.validatePost : shim.validatePost,
  applyPut: complete ? pkg.applyPut : shim.applyPut,
  createInvitation: complete ? pkg.createInvitation : shim.createInvitation,
};
