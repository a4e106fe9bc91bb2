// authentik-invitation-patch/forms: the server's rules where form libraries plug them in.
//
// - Standard Schema V1 (https://standardschema.dev) for the PATCH, PUT and POST bodies: any form
//   library that takes a Standard Schema (TanStack Form, react-hook-form's standardSchemaResolver,
//   Conform, …) gets authentik 2024.6's own messages, each issue with the field as its `path`
//   (body-level messages, `non_field_errors` and a parse error's `detail`, have none) and DRF's
//   `code`; on success `value` is the normalized patch the body would store.
// - Per field: `validateField(field, value)` gives the server's messages for one field's value, as
//   the server says them for that field when the rest of the body is valid, so a form can show
//   each field's messages while another field is still wrong (the server itself checks no field
//   until the whole body parses).
//
// Hand-written, built only on the package's public functions, which you pass in: this file never
// loads the WebAssembly itself, so it works wherever the package was initialized (Node, a browser
// after `await init()`, a worker), with a validator bound to options (`createValidator`) too.

const VENDOR = "authentik-invitation-patch";
const WRITABLE = ["name", "expires", "fixed_data", "single_use", "flow"];
const METHODS = { PATCH: "validatePatch", PUT: "validatePut", POST: "validatePost" };

function methodOf(options) {
  const method = options?.method ?? "PATCH";
  if (!(method in METHODS)) throw new TypeError(`options.method must be "PATCH", "PUT" or "POST", not ${String(method)}`);
  return method;
}

function validatorFor(api, method) {
  const fn = api?.[METHODS[method]];
  if (typeof fn !== "function") throw new TypeError(`api.${METHODS[method]} is not a function: pass the package's exports (import * as api from "authentik-invitation-patch")`);
  return fn;
}

/** The module's options without this file's own (`method`); undefined when none are left. */
function moduleOptions(options) {
  if (options == null) return undefined;
  const { method, ...rest } = options;
  return Object.keys(rest).length ? rest : undefined;
}

/**
 * A 400 body (`errors`, with DRF's `codes` beside it when the package gives them) as Standard
 * Schema issues: one per message, `path: [field]` for a field's, no path for `non_field_errors`,
 * `detail` (a parse error) and any other key's.
 */
export function toIssues(errors, codes) {
  const issues = [];
  for (const [key, value] of Object.entries(errors)) {
    const keyCodes = codes?.[key];
    const messages = Array.isArray(value) ? value : [value];
    messages.forEach((message, i) => {
      const issue = { message: String(message) };
      if (WRITABLE.includes(key)) issue.path = [key];
      else if (key !== "detail" && key !== "non_field_errors") issue.path = [key]; // strict mode's keys
      const code = Array.isArray(keyCodes) ? keyCodes[i] : keyCodes;
      if (typeof code === "string") issue.code = code;
      issues.push(issue);
    });
  }
  return issues;
}

/**
 * A Standard Schema V1 for an invitation body sent with `method` (default PATCH): `validate(body)`
 * judges `body` (form values as a JS object, or the raw text/bytes) exactly as the package's
 * validatePatch / validatePut / validatePost do.
 */
export function standardSchema(api, options = {}) {
  const method = methodOf(options);
  const opts = moduleOptions(options);
  return {
    "~standard": {
      version: 1,
      vendor: VENDOR,
      validate(value) {
        const r = validatorFor(api, method)(value, opts);
        return r.ok ? { value: r.patch } : { issues: toIssues(r.errors, r.codes) };
      },
    },
  };
}

function fieldName(field) {
  if (!WRITABLE.includes(field)) throw new TypeError(`field must be one of ${WRITABLE.join(", ")}, not ${String(field)}`);
  return field;
}

// Only `name` differs between methods (required without partial=False); every other field is
// judged the same way in a PATCH, a PUT and a POST.
function fieldValidator(api, field, method) {
  return validatorFor(api, field === "name" ? method : "PATCH");
}

function fieldResult(r, field) {
  if (r.ok) return { ok: true, value: r.patch[field] };
  const own = r.errors[field];
  if (own !== undefined) return { ok: false, messages: own, ...(r.codes ? { codes: r.codes[field] } : {}) };
  // Only the body as a whole can fail otherwise (a parse error of the field's JSON text).
  const issues = toIssues(r.errors, r.codes);
  const result = { ok: false, messages: issues.map((i) => i.message) };
  if (r.codes) result.codes = issues.map((i) => i.code);
  return result;
}

/**
 * The server's messages for one field's value, on its own: what authentik 2024.6 answers for that
 * field when the rest of the body is valid. `value` is what the body would carry for the field
 * (undefined: the field is absent, which only a PUT's or POST's `name` refuses).
 * Returns `{ ok: true, value }` (the value as the server stores it) or
 * `{ ok: false, messages, codes? }`.
 */
export function validateField(api, field, value, options = {}) {
  fieldName(field);
  const method = methodOf(options);
  const body = value === undefined ? {} : { [field]: value };
  return fieldResult(fieldValidator(api, field, method)(body, moduleOptions(options)), field);
}

/**
 * Like validateField, for a field typed as JSON text (a `fixed_data` text area): `text` is the
 * member's raw JSON, judged as the server would judge it in the body. Text that does not parse
 * gets the server's parse error counted within the text itself. `""` is an absent field.
 */
export function validateFieldJson(api, field, text, options = {}) {
  fieldName(field);
  if (typeof text !== "string") throw new TypeError("text must be a string of JSON");
  const method = methodOf(options);
  const opts = moduleOptions(options);
  if (text === "") return validateField(api, field, undefined, options);
  // The text alone first: a parse error there is the user's, counted in their own text; once it is
  // one JSON value it cannot reach outside the member it is put in.
  const alone = api.validatePatch(text, opts);
  if (!alone.ok && typeof alone.errors.detail === "string") return fieldResult(alone, field);
  return fieldResult(fieldValidator(api, field, method)(`{${JSON.stringify(field)}:${text}}`, opts), field);
}

/**
 * Everything above bound to one `api` and options: `{ patch, put, post }` Standard Schemas and
 * `validateField(field, value, options?)` / `validateFieldJson(field, text, options?)`.
 *
 *     import * as api from "authentik-invitation-patch";
 *     import { createForms } from "authentik-invitation-patch/forms";
 *     const forms = createForms(api, { flows });
 *     useForm({ validators: { onChange: forms.put } });          // TanStack Form
 *     forms.validateField("expires", "2024-13-01");              // { ok: false, messages: [...] }
 */
export function createForms(api, options = {}) {
  const { method, ...base } = options;
  return {
    patch: standardSchema(api, { ...base, method: "PATCH" }),
    put: standardSchema(api, { ...base, method: "PUT" }),
    post: standardSchema(api, { ...base, method: "POST" }),
    validateField: (field, value, more = {}) => validateField(api, field, value, { ...base, ...more }),
    validateFieldJson: (field, text, more = {}) => validateFieldJson(api, field, text, { ...base, ...more }),
  };
}
