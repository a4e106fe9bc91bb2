// The contract of SPEC Part A through pkg/ as a user imports it: JS values judged as the server
// judges JSON.stringify(value) (answers from the Django reference harness), results, TypeErrors.
import { test } from "node:test";
import assert from "node:assert/strict";
import { validatePatch, applyPatch } from "../../pkg/node.js";
import { flows, invitation } from "../../www/sample.js";
import { askReference, compare, stringify } from "./reference.mjs";

const flowPk = flows[1].pk;

// Values a JS client might send; each is judged as the server judges JSON.stringify(value).
const values = {
  "undefined member is absent": { name: "spring", expires: undefined },
  "undefined as the whole body": undefined,
  "null body": null,
  "Date becomes its ISO string": { expires: new Date(Date.UTC(2024, 6, 29, 15, 51, 28, 123)) },
  "invalid Date becomes null": { expires: new Date(NaN) },
  "NaN becomes null": { single_use: NaN, name: NaN },
  "Infinity in fixed_data becomes null": { fixed_data: { n: Infinity, m: -Infinity } },
  "integral float is an integer": { name: 1.0, single_use: 1.0 },
  "non-integral float": { name: 1.5, fixed_data: { f: 0.1, g: 1e-7, h: 1e21 } },
  "nested toJSON": { fixed_data: { when: { toJSON: () => "2024-07-29" }, n: { toJSON: () => 5 } } },
  "toJSON on the body": { toJSON: () => ({ name: "from-tojson" }) },
  "function and symbol members are absent": { name: "x", f() {}, s: Symbol("s") },
  "array body": [1, 2],
  "number body": new Number(5),
  "boolean body": true,
  "Map is an empty object": { fixed_data: new Map([["a", 1]]) },
  "flow as an integer": { flow: 0x5fb522c34ee64b8fa6fd2ae2d4a46c1e },
  "flow existing": { flow: flowPk.toUpperCase(), single_use: "yes" },
  "flow empty string": { flow: "" },
  "every field": { name: " partner-2024 ", expires: "2024-W31-2", fixed_data: { email: "a@b.c", __proto__: null }, single_use: "off", flow: `{${flowPk}}` },
  "unknown and read-only keys": { pk: "x", created_by: 1, flow_obj: null, zz: 1 },
  "lone surrogate in a string": { name: "\ud800", fixed_data: { k: "\udfff" } },
  "__proto__ own key": JSON.parse('{"fixed_data": {"__proto__": {"polluted": true}}}'),
};

test("JS values are judged as the server judges JSON.stringify(value)", () => {
  const names = Object.keys(values);
  const cases = names.map((id) => {
    const text = JSON.stringify(values[id]);
    return { id, body: text ?? "", invitation, flows };
  });
  const answers = askReference(cases);
  const failures = [];
  names.forEach((id, i) => {
    // The module gets the JS value itself; the reference got its JSON.stringify text.
    const diffs = compare({ ...cases[i], body: values[id] }, answers[i], { validatePatch, applyPatch });
    if (diffs.length) failures.push(`${id}: server ${answers[i].status} ${answers[i].body}\n  ${diffs.join("\n  ")}`);
  });
  assert.equal(failures.length, 0, failures.join("\n\n"));
});

test("what fetch sends as text or bytes is judged as that text or those bytes", () => {
  const text = '{"name": "caf\u00e9 x", "fixed_data": {"k": "\u0000"}}';
  const utf8 = Buffer.from(text);
  const bodies = {
    "String object": new String(text),
    Int8Array: new Int8Array(utf8.buffer, utf8.byteOffset, utf8.length),
    Uint8ClampedArray: new Uint8ClampedArray(utf8),
    DataView: new DataView(utf8.buffer, utf8.byteOffset, utf8.length),
    "ArrayBuffer slice": utf8.buffer.slice(utf8.byteOffset, utf8.byteOffset + utf8.length),
    "Int8Array of control bytes": new Int8Array([1, 2]),
  };
  // What fetch would send: the text, or the bytes the view or buffer spans.
  const sent = (b) => (b instanceof String ? { body: String(b) } : { body_b64: Buffer.from(ArrayBuffer.isView(b) ? b.buffer : b, b.byteOffset ?? 0, b.byteLength).toString("base64") });
  const cases = Object.entries(bodies).map(([id, body]) => ({ id, ...sent(body), invitation, flows }));
  const answers = askReference(cases);
  const failures = cases.flatMap((c, i) => compare({ ...c, body: Object.values(bodies)[i] }, answers[i], { validatePatch, applyPatch }).map((d) => `${c.id}: ${d}`));
  assert.deepEqual(failures, []);
});

test("what is not text, bytes or a JSON value is a TypeError saying what to pass", () => {
  const calls = [
    [new Uint16Array([123, 125]), /^body: a Uint16Array holds Uint16 numbers, not the body's bytes/],
    [new Float64Array(1), /^body: a Float64Array /],
    [new Blob(["{}"]), /^body: a Blob: pass `await blob\.text\(\)`/],
    [new ReadableStream(), /^body: a ReadableStream: /],
    [new URLSearchParams("a=1"), /^body: a URLSearchParams, which fetch sends as a form/],
  ];
  for (const [body, message] of calls) {
    assert.throws(() => validatePatch(body), (e) => e instanceof TypeError && message.test(e.message), String(message));
    assert.throws(() => applyPatch(invitation, body), (e) => e instanceof TypeError && message.test(e.message), String(message));
  }
});

test("bytes and text give the same answers", () => {
  const text = '{"name": "café", "expires": "2024-07-29T15:51:28+02:00"}';
  const bytes = new TextEncoder().encode(text);
  const want = validatePatch(text);
  assert.deepEqual(validatePatch(bytes), want);
  assert.deepEqual(validatePatch(bytes.buffer), want);
  assert.deepEqual(validatePatch(Buffer.from(text)), want);
});

test("results have the documented shapes", () => {
  assert.deepEqual(validatePatch('{"name": " x ", "zz": 1}'), { ok: true, patch: { name: "x" }, ignored: ["zz"] });
  assert.deepEqual(validatePatch("null"), { ok: false, status: 400, errors: { non_field_errors: ["No data provided"] }, codes: { non_field_errors: ["null"] } });
  const applied = applyPatch(invitation, { single_use: !invitation.single_use }, { flows });
  assert.equal(applied.ok, true);
  assert.equal(applied.status, 200);
  assert.deepEqual(applied.changed, ["single_use"]);
  assert.deepEqual(Object.keys(applied.invitation), ["pk", "name", "expires", "fixed_data", "created_by", "single_use", "flow", "flow_obj"]);
  assert.equal(applied.unknown, undefined);
});

test("strict turns ignored keys into errors", () => {
  const r = validatePatch('{"zz": 1, "pk": 2, "name": "ok"}', { strict: true });
  assert.equal(r.ok, false);
  assert.deepEqual(Object.keys(r.errors), ["zz", "pk"]);
  assert.match(r.errors.zz[0], /Unknown field/);
  assert.match(r.errors.pk[0], /read-only/);
});

test("flows decide existence, and flow_obj is never guessed", () => {
  const other = "11111111-2222-4333-8444-555555555555";
  assert.deepEqual(validatePatch({ flow: other }, { flows }).errors, { flow: [`Invalid pk "${other}" - object does not exist.`] });
  assert.equal(validatePatch({ flow: other }).ok, true); // not given: not checked
  assert.equal(validatePatch({ flow: other }, { flows: [other] }).ok, true); // pk strings
  const known = applyPatch(invitation, { flow: flowPk }, { flows });
  assert.deepEqual(known.invitation.flow_obj, flows[1]);
  const unknown = applyPatch(invitation, { flow: other });
  assert.equal(unknown.ok, true);
  assert.equal(unknown.invitation.flow, other);
  assert.equal("flow_obj" in unknown.invitation, false);
  assert.deepEqual(unknown.unknown, ["flow_obj"]);
});

test("a wrong call throws a TypeError naming the argument", () => {
  const cycle = {};
  cycle.self = cycle;
  const throwing = { get name() { throw new Error("boom"); } };
  const calls = [
    [() => validatePatch({ a: 1n }), /^body: /],
    [() => validatePatch(cycle), /^body: /],
    [() => validatePatch(throwing), /^body: .*boom/],
    [() => validatePatch("{}", { flow: [] }), /^options: unknown option `flow`/],
    [() => validatePatch("{}", { flows: "x" }), /^options\.flows: /],
    [() => validatePatch("{}", { flows: [{ name: "no pk" }] }), /^options\.flows\[0\]: /],
    [() => validatePatch("{}", { strict: "yes" }), /^options\.strict: /],
    [() => validatePatch("{}", "strict"), /^options: /],
    [() => validatePatch("{}", [1]), /^options: /],
    [() => applyPatch(undefined, "{}"), /^invitation: /],
    [() => applyPatch({ ...invitation, pk: "nope" }, "{}"), /^invitation: `pk`/],
    [() => applyPatch({ ...invitation, fixed_data: [] }, "{}"), /^invitation: `fixed_data`/],
    [() => applyPatch({ ...invitation, expires: "tomorrow" }, "{}"), /^invitation: `expires`/],
    [() => applyPatch({ name: "x" }, "{}"), /^invitation: missing `pk`/],
  ];
  for (const [call, message] of calls) {
    assert.throws(call, (e) => e instanceof TypeError && message.test(e.message), String(call));
  }
});

test("big integers come back exactly, and JS-safe ones as numbers", () => {
  const r = validatePatch('{"fixed_data": {"a": 100000000000000000001, "b": 100000000000000000000, "c": 9007199254740993, "d": 1e21}}');
  assert.deepEqual(r.patch.fixed_data, { a: 100000000000000000001n, b: 1e20, c: 9007199254740993n, d: 1e21 });
  assert.equal(stringify(r.patch.fixed_data), '{"a":"100000000000000000001n","b":100000000000000000000,"c":"9007199254740993n","d":1e+21}');
});

test("floats print as Python's repr (the wasm build formats them through JS)", () => {
  // A float `flow` is echoed in the server's message as str(value): the digits show.
  let seed = 7;
  const next = () => ((seed = (seed * 1103515245 + 12345) % 2147483648), seed / 2147483648);
  const view = new DataView(new ArrayBuffer(8));
  const floats = [907199254740993.25, 907199254740993.75, 0.1, 1e16, 1e15, 1e-5, 1e-4, 5e-324, 1.7976931348623157e308];
  for (let i = 0; i < 400; i++) {
    if (i % 2) floats.push((Math.floor(next() * 2 ** 53) / 4) * (next() < 0.5 ? -1 : 1));
    else {
      view.setUint32(0, Math.floor(next() * 2 ** 32));
      view.setUint32(4, Math.floor(next() * 2 ** 32));
      const f = view.getFloat64(0);
      if (Number.isFinite(f)) floats.push(f);
    }
  }
  const cases = floats.map((f, i) => ({ id: `float-${i}`, body: `{"flow": ${f}, "name": ${f}}`, invitation, flows }));
  const answers = askReference(cases);
  const failures = cases.flatMap((c, i) => compare(c, answers[i], { validatePatch, applyPatch }).map((d) => `${c.body}: ${d}`));
  assert.equal(failures.length, 0, failures.slice(0, 10).join("\n"));
});
