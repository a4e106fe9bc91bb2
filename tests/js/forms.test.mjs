// pkg/forms.js against the real server: its Standard Schemas give the reference harness's messages
// (and codes) as issues for every golden case of each method, its per-field validation gives what
// the server says for that field alone, and a real form library (TanStack Form's core, pinned in
// tests/forms/package-lock.json) runs the schema headless.
import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { createForms, standardSchema, toIssues, validateField, validateFieldJson } from "../../pkg/forms.js";
import { api, real, shimmed } from "./methods.mjs";
import { askReference, bodyOf, goldenCases, inModuleScope, stringify } from "./reference.mjs";
import { jsonDiff, parseLossless } from "./lossless.mjs";

if (shimmed) console.log("forms: PUT, POST and codes come from tests/js/methods.mjs's shim until pkg/ has them");

const FIELDS = ["name", "expires", "fixed_data", "single_use", "flow"];
const golden = goldenCases({ methods: ["PATCH", "PUT", "POST"] });
const INV = golden.find((c) => c.id === "name/null").invitation;
const FLOWS = golden.find((c) => c.id === "name/null").flows;

/** The issues the server's answer means: its messages, paths, and codes when the module has them. */
function expectedIssues(answer) {
  const issues = toIssues(parseLossless(answer.body), answer.codes);
  return real.codes || shimmed ? issues : issues.map(({ code, ...rest }) => rest);
}

test("the schema object is Standard Schema V1", () => {
  const forms = createForms(api);
  for (const schema of [forms.patch, forms.put, forms.post, standardSchema(api)]) {
    const std = schema["~standard"];
    assert.equal(std.version, 1);
    assert.equal(std.vendor, "authentik-invitation-patch");
    assert.equal(typeof std.validate, "function");
  }
  assert.deepEqual(forms.patch["~standard"].validate({ name: " ok ", single_use: "yes" }), { value: { name: "ok", single_use: true } });
  const body = forms.patch["~standard"].validate(null);
  assert.deepEqual(body.issues.map(({ message, path }) => ({ message, path })), [{ message: "No data provided", path: undefined }]);
  const parse = forms.post["~standard"].validate("{");
  assert.equal(parse.issues.length, 1);
  assert.equal(parse.issues[0].path, undefined);
  assert.match(parse.issues[0].message, /^JSON parse error - /);
  assert.throws(() => standardSchema(api, { method: "GET" }), TypeError);
  assert.throws(() => standardSchema({ validatePatch: api.validatePatch }, { method: "PUT" })["~standard"].validate({}), /validatePut/);
});

test("each method's schema gives the server's answer for every golden case of that method", () => {
  const forms = createForms(api);
  const schemas = { PATCH: forms.patch, PUT: forms.put, POST: forms.post };
  const failures = [];
  let compared = 0;
  for (const c of golden) {
    if (!inModuleScope(c) || c.expect.status === 500) continue;
    compared++;
    const schema = c.flows ? createForms(api, { flows: c.flows }) : forms;
    const method = c.method ?? "PATCH";
    const got = (c.flows ? { PATCH: schema.patch, PUT: schema.put, POST: schema.post } : schemas)[method]["~standard"].validate(bodyOf(c));
    if (c.expect.status === 400) {
      const d = got.issues ? jsonDiff(got.issues, expectedIssues(c.expect)) : "accepted";
      if (d) failures.push(`${c.id}: issues ${d}\n  server ${c.expect.body}\n  schema ${stringify(got)}`);
    } else {
      const expected = parseLossless(c.expect.body);
      if (got.issues) failures.push(`${c.id}: refused ${stringify(got.issues)}`);
      else for (const [k, v] of Object.entries(got.value)) {
        const d = jsonDiff(v, expected[k]);
        if (d) failures.push(`${c.id}: value.${k} ${d}`);
      }
    }
  }
  console.log(`forms: ${compared} golden cases through the Standard Schemas, ${failures.length} differences`);
  assert.ok(compared >= 300);
  assert.equal(failures.length, 0, failures.slice(0, 10).join("\n"));
});

// A golden single-field body `{"<field>":<text>}`: the field's JSON text, as the server got it.
function memberOf(c) {
  if (!("body" in c) || "content_type" in c || c.method) return null;
  const m = /^\{"(name|expires|fixed_data|single_use|flow)":([\s\S]*)\}$/.exec(c.body);
  if (!m || m[2] === "") return null; // validateFieldJson reads "" as an absent field
  const alone = api.validatePatch(m[2]);
  if (!alone.ok && typeof alone.errors.detail === "string") return null; // not one JSON value
  return { field: m[1], text: m[2] };
}

test("validateFieldJson: a field's JSON text gets what the server says for that field alone (golden cases)", () => {
  const failures = [];
  let compared = 0;
  for (const c of golden) {
    const member = memberOf(c);
    if (!member || c.expect.status === 500) continue;
    compared++;
    const r = validateFieldJson(api, member.field, member.text, { flows: c.flows });
    const expected = parseLossless(c.expect.body);
    if (c.expect.status === 400) {
      const d = r.ok ? "accepted" : jsonDiff(r.messages, expected[member.field]);
      if (d) failures.push(`${c.id}: ${d}; server ${c.expect.body}, field ${stringify(r)}`);
      if (!r.ok && (real.codes || shimmed) && jsonDiff(r.codes, c.expect.codes[member.field])) failures.push(`${c.id}: codes ${stringify(r.codes)} != ${stringify(c.expect.codes)}`);
    } else if (!r.ok) failures.push(`${c.id}: refused ${stringify(r)}`);
    else {
      const d = jsonDiff(r.value, expected[member.field]);
      if (d) failures.push(`${c.id}: value ${d}`);
    }
  }
  console.log(`forms: ${compared} golden single-field bodies through validateFieldJson, ${failures.length} differences`);
  assert.ok(compared >= 150, `only ${compared}`);
  assert.equal(failures.length, 0, failures.slice(0, 10).join("\n"));
});

// JS values a form holds, per field: each sent to the reference as JSON.stringify({[field]: value}).
const FORM_VALUES = {
  name: ["welcome-team", " padded ", "", "a b", "x".repeat(51), "é".repeat(51), 123, 1.5, true, null, ["a"], { a: 1 }, "\u0000", undefined],
  expires: ["2024-07-29T17:51:28+02:00", new Date(Date.UTC(2025, 0, 2, 3, 4, 5, 600)), "2024-07-29", "29/07/2024", "", null, 0, "0001-01-01T00:00:00+01:00", "2024-W31-1", NaN],
  fixed_data: [{}, { email: "a@example.com", nested: { b: [1, 2.5] } }, [], "{}", null, 3, { a: "\u0000" }, { big: 12345678901234567890 }],
  single_use: [true, false, "yes", "off", "maybe", 1, 0, 2, null, ""],
  flow: [FLOWS[0].pk, FLOWS[1].pk.toUpperCase(), "", null, "nope", "7e57ab1e-0000-4000-8000-00000000dead", true, 123, { pk: FLOWS[0].pk }],
};

test("validateField: a form's JS values get what the server says for that field alone (live reference)", () => {
  const cases = [];
  for (const [field, values] of Object.entries(FORM_VALUES)) {
    values.forEach((value, i) => cases.push({ id: `field/${field}/${i}`, field, value, body: JSON.stringify({ [field]: value }), invitation: INV, flows: FLOWS }));
  }
  for (const method of ["PUT", "POST"]) {
    // Only `name` differs between methods: absent, it is required.
    cases.push({ id: `field/name/absent-${method}`, field: "name", value: undefined, method, body: "{}", invitation: INV, flows: FLOWS, ...(method === "POST" ? { pk: "5e6f7a8b-9c0d-4e1f-8a2b-3c4d5e6f7a8b", user: INV.created_by } : {}) });
  }
  const answers = askReference(cases.map(({ field, value, ...c }) => c));
  const failures = [];
  cases.forEach((c, i) => {
    const a = answers[i];
    const r = validateField(api, c.field, c.value, { flows: FLOWS, method: c.method });
    if (a.status === 500) {
      if (r.ok || !r.messages.every((m) => m.includes("authentik 2024.6 fails on such"))) failures.push(`${c.id}: server 500, field ${stringify(r)}`);
      return;
    }
    const expected = parseLossless(a.body);
    if (a.status === 400) {
      const d = r.ok ? "accepted" : jsonDiff(r.messages, expected[c.field]);
      if (d) failures.push(`${c.id} (${stringify(c.value)}): ${d}; server ${a.body}, field ${stringify(r)}`);
    } else if (!r.ok) failures.push(`${c.id} (${stringify(c.value)}): refused ${stringify(r)}; server ${a.status}`);
    else if (c.value !== undefined) {
      const d = jsonDiff(r.value, expected[c.field]);
      if (d) failures.push(`${c.id}: value ${d}`);
    }
  });
  console.log(`forms: ${cases.length} form values through validateField and the reference, ${failures.length} differences`);
  assert.equal(failures.length, 0, failures.join("\n"));
});

test("a field's messages do not wait for the rest of the form", () => {
  const forms = createForms(api, { flows: FLOWS });
  // The server answers only the parse error for this body; each field still gets its own messages.
  const body = '{"name":"a b","fixed_data":{"email": "x" "n": 1}}';
  assert.deepEqual(Object.keys(api.validatePatch(body).errors), ["detail"]);
  assert.deepEqual(forms.validateField("name", "a b").messages, ['Enter a valid "slug" consisting of letters, numbers, underscores or hyphens.']);
  const fixed = forms.validateFieldJson("fixed_data", '{"email": "x" "n": 1}');
  assert.deepEqual(fixed.messages, ["JSON parse error - Expecting ',' delimiter: line 1 column 15 (char 14)"]);
  assert.deepEqual(forms.validateFieldJson("fixed_data", ""), { ok: true, value: undefined });
  assert.deepEqual(forms.validateFieldJson("fixed_data", '1}, "name": {'), {
    ok: false,
    messages: ["JSON parse error - Extra data: line 1 column 2 (char 1)"],
    ...(fixed.codes ? { codes: ["parse_error"] } : {}),
  });
  assert.throws(() => forms.validateField("pk", "x"), TypeError);
});

const tanstack = fileURLToPath(new URL("../forms/node_modules/@tanstack/form-core/dist/esm/index.js", import.meta.url));
const noTanstack = existsSync(tanstack) ? false : "tests/forms/node_modules is not installed (scripts/setup installs it)";

test("TanStack Form (form-core, headless) runs the PUT schema as authentik's admin form saves", { skip: noTanstack }, async () => {
  const { FormApi, FieldApi } = await import(tanstack);
  const forms = createForms(api, { flows: FLOWS });
  let submitted = null;
  const form = new FormApi({
    defaultValues: { name: INV.name, expires: INV.expires, fixed_data: INV.fixed_data, single_use: INV.single_use, flow: INV.flow },
    validators: { onChange: forms.put, onSubmit: forms.put },
    onSubmit: ({ value }) => {
      submitted = value;
    },
  });
  form.mount();
  const field = (name) => {
    const f = new FieldApi({ form, name });
    f.mount();
    return f;
  };
  const name = field("name");
  const expires = field("expires");
  const flow = field("flow");
  const messages = (f) => f.state.meta.errors.map((e) => e.message);

  name.handleChange("partner jordan");
  expires.handleChange("29/07/2024");
  flow.handleChange("7e57ab1e-0000-4000-8000-00000000dead");
  assert.deepEqual(messages(name), ['Enter a valid "slug" consisting of letters, numbers, underscores or hyphens.']);
  assert.deepEqual(messages(expires), ["Datetime has wrong format. Use one of these formats instead: YYYY-MM-DDThh:mm[:ss[.uuuuuu]][+HH:MM|-HH:MM|Z]."]);
  assert.deepEqual(messages(flow), ['Invalid pk "7e57ab1e-0000-4000-8000-00000000dead" - object does not exist.']);
  if (real.codes || shimmed) assert.deepEqual(name.state.meta.errors.map((e) => e.code), ["invalid"]);

  await form.handleSubmit();
  assert.equal(submitted, null, "an invalid form is not submitted");

  name.handleChange("partner-jordan");
  expires.handleChange("2024-07-29T17:51:28+02:00");
  flow.handleChange(FLOWS[1].pk);
  assert.deepEqual([messages(name), messages(expires), messages(flow)], [[], [], []]);
  await form.handleSubmit();
  assert.equal(submitted?.name, "partner-jordan");
  assert.equal(form.state.isValid, true);
  // What the server would store, from the same schema.
  assert.deepEqual(forms.put["~standard"].validate(submitted).value.expires, "2024-07-29T15:51:28Z");
});
