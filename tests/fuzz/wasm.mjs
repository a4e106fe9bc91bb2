// The fuzz targets' properties, checked on the built pkg/ (the .wasm a user runs, through its JS
// boundary), over the seed corpus and seeded mutations of it; optionally bodies also go
// through the Django reference harness, compared as the parity tests compare: N of them (20,000
// unless --compare says), a uniform random sample of the whole run, after it.
//
//   node tests/fuzz/wasm.mjs [--seed N] [--iterations N] [--seconds S] [--corpus] [--differential [--compare N]]
//   node tests/fuzz/wasm.mjs FILE...              replay bodies (e.g. tests/fuzz/artifacts/wasm/*)
//   make fuzz-wasm                                the long run by hand (10 minutes, --corpus --differential)
//
// tests/js/fuzz-wasm.test.mjs runs a short, fixed-seed, fixed-count run of this inside `make test`.
// Inputs: the golden case bodies (tests/cases, in the module's scope) and tests/fuzz/seeds/raw/;
// with --corpus also the libFuzzer corpus (tests/fuzz/corpus/{validate_raw,apply_raw}, and
// near_valid's decoded by the `bodies` binary). Each iteration takes one input and stacks 1-4
// mutations: byte edits, splices from another input, JSON tokens and values, field edits on the
// parsed object, nesting around the module's and the server's depth limits.
//
// Properties, as the native targets check them (tests/fuzz/src/lib.rs), per body and for
// `validatePatch` with no options, with the flows, and strict, and `applyPatch` with the flows:
// - a verdict for every body, never a throw; its shape as index.d.ts says (errors keyed `detail`,
//   or `non_field_errors`, or writable fields in the server's order then ignored keys);
// - the same verdict for the body as a Uint8Array, an ArrayBuffer, a view at an offset into a
//   larger buffer, the text (when the bytes are UTF-8), from the CommonJS entry, and a second time;
// - the body's bytes, the invitation and the options are not mutated;
// - `applyPatch` is ok exactly when `validatePatch` is, with the same errors; knowing the flows only
//   adds errors; strict refuses what the default refuses plus one message per ignored key;
// - the returned patch, written as JSON and validated again, comes back unchanged with nothing
//   ignored; the 200 body has the serializer's keys in order, shows the patch, and applying the
//   patch to it again changes nothing.
// A failing body is saved in tests/fuzz/artifacts/wasm/ (replay it with the FILE form above).
import { createHash } from "node:crypto";
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { isDeepStrictEqual } from "node:util";
import * as esm from "../../pkg/node.js";
import { askReference, bodyOf, compare, goldenCases, inModuleScope, stringify } from "../js/reference.mjs";
import { atOwnDepthLimit, saveFound } from "./found.mjs";

const root = fileURLToPath(new URL("../..", import.meta.url));
const fuzz = `${root}tests/fuzz/`;
// The CommonJS entry, resolved as `require` resolves the package directory (its "main").
const cjs = createRequire(import.meta.url)("../../pkg");

const WRITABLE = ["name", "expires", "fixed_data", "single_use", "flow"];
const INVITATION_KEYS = ["pk", "name", "expires", "fixed_data", "created_by", "single_use", "flow", "flow_obj"];
const MAX_SEED = 64 << 10;
const MAX_BODY = 256 << 10;

// ------------------------------------------------------------------ inputs

/** The stored invitations and flows the golden cases use (make_golden.py's INV and INV_PLAIN). */
export function fixtures() {
  const byId = new Map(goldenCases().map((c) => [c.id, c]));
  const pick = (id) => {
    const c = byId.get(id);
    if (!c) throw new Error(`golden case ${id} is gone: pick another fixture in tests/fuzz/wasm.mjs`);
    return { invitation: c.invitation, flows: c.flows };
  };
  return [pick("response/field-order"), pick("response/no-flow")];
}

/** The committed seeds: golden bodies in the module's scope and seeds/raw/, as bytes. */
export function seedBodies() {
  const out = [];
  for (const c of goldenCases()) {
    if (!inModuleScope(c)) continue;
    const b = bodyOf(c);
    out.push(typeof b === "string" ? new Uint8Array(Buffer.from(b, "utf8")) : b);
  }
  for (const f of readdirSync(`${fuzz}seeds/raw`).sort()) out.push(new Uint8Array(readFileSync(`${fuzz}seeds/raw/${f}`)));
  return dedupe(out.filter((b) => b.length <= MAX_SEED));
}

/** libFuzzer's corpus (not committed): the raw targets' entries, and near_valid's as bodies. */
export function corpusBodies(log = console.log) {
  const out = [];
  for (const target of ["validate_raw", "apply_raw"]) {
    const dir = `${fuzz}corpus/${target}`;
    if (!existsSync(dir)) continue;
    for (const f of readdirSync(dir).sort()) {
      // A running fuzzer may remove an entry between the listing and this read: skip it.
      const bytes = readIfThere(`${dir}/${f}`);
      if (bytes) out.push(new Uint8Array(bytes));
    }
  }
  const nv = `${fuzz}corpus/near_valid`;
  if (existsSync(nv) && readdirSync(nv).length) {
    const built = spawnSync("cargo", ["build", "--quiet", "--release", "--manifest-path", `${fuzz}Cargo.toml`, "--bin", "bodies"], { cwd: root, encoding: "utf8" });
    if (built.status !== 0) log(`fuzz-wasm: near_valid corpus skipped (the bodies binary did not build): ${built.stderr.slice(-500)}`);
    else {
      const files = readdirSync(nv).sort().map((f) => `${nv}/${f}`);
      for (let i = 0; i < files.length; i += 500) {
        const r = spawnSync(`${fuzz}target/release/bodies`, ["near_valid", ...files.slice(i, i + 500)], { encoding: "utf8", maxBuffer: 1 << 30 });
        for (const line of r.stdout.split("\n").filter(Boolean)) out.push(new Uint8Array(Buffer.from(JSON.parse(line).body_b64, "base64")));
      }
    }
  }
  return dedupe(out.filter((b) => b.length <= MAX_BODY));
}

function readIfThere(path) {
  try {
    return readFileSync(path);
  } catch (e) {
    if (e.code === "ENOENT") return null;
    throw e;
  }
}

function dedupe(bodies) {
  const seen = new Set();
  return bodies.filter((b) => {
    const h = sha1(b);
    return !seen.has(h) && seen.add(h);
  });
}

const sha1 = (b) => createHash("sha1").update(b).digest("hex");

// ------------------------------------------------------------------ mutations

/** mulberry32: a small seeded PRNG, so a run is the same on every machine. */
export function prng(seed) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n) => Math.floor(next() * n);
  return { next, int, pick: (xs) => xs[int(xs.length)] };
}

const enc = new TextEncoder();
const deepList = (n, inner = "") => "[".repeat(n) + inner + "]".repeat(n);
const deepObject = (n) => '{"a":'.repeat(n - 1) + "{}" + "}".repeat(n - 1);
// Depths at the module's limits (400 for a flow list, 1,401 for the body) and the server's (488, ~1,486).
const DEPTHS = [1, 2, 3, 399, 400, 401, 487, 488, 1398, 1399, 1400, 1401, 1402];
const FLOW_A = "b4a8c1a2-3f6e-4d0b-9a53-6f1f2c3d4e5a";
const FLOW_B = "0c9d8e7f-6a5b-4c3d-8e2f-1a0b9c8d7e6f";

// Values a field may get: the server's edge cases for every field, in JSON text.
const VALUES = [
  "null", "true", "false", "0", "1", "-0", "-0.0", "1.0", "1.5", "1e2", "1e400", "-1e400", "1e-7", "2", "123",
  "340282366920938463463374607431768211455", "340282366920938463463374607431768211456", "9".repeat(4300), "9".repeat(4301),
  '""', '" "', '"a"', '"welcome-team"', '"Team_Q3-2024"', `"${"a".repeat(50)}"`, `"${"a".repeat(51)}"`, '"\\u0000"', '"\\ud800"',
  '"\\udc00x"', '"\\ud83d\\ude00"', '"\\u3000"', '"\\u001fus\\u001f"', '"caf\\u00e9"', '"\\u2028"', '"yes"', '"YES"', '"yEs"',
  '"off"', '"t"', '"on"', '"2024-07-29T15:51:28Z"', '"2024-07-29"', '"2024-W31-1"', '"20240729T155128"', '"2024-07-29T15.5"',
  '"2024-7-9T1:2:3Z"', '"2024-07-29T15:51:28+02:00"', '"0001-01-01T00:00:00+01:00"', '"9999-12-31T23:59:59-01:00"',
  '"2024-07-29T24:00:00Z"', '"2024-07-29T15:51:28z"', '"2024-07-29T15:51:28\\n"', '"2024-07-29T15:51:28\\u0000"',
  `"${FLOW_A}"`, `"${FLOW_B.toUpperCase()}"`, `"{${FLOW_B}}"`, `"urn:uuid:${FLOW_B}"`, `"0x${FLOW_B.replace(/-/g, "").slice(2)}"`,
  `"+${FLOW_B.replace(/-/g, "").slice(1)}"`, '"7e57ab1e-0000-4000-8000-00000000dead"', String(BigInt(`0x${FLOW_B.replace(/-/g, "")}`)),
  "[]", "{}", '["a"]', '{"pk":"x"}', '{"a":{"b":[1,"two",null,true]}}', '{"k":"\\u0000"}', '{"k":"\\udbff"}', '{"n":1e400}',
  '{"__proto__":{"x":1}}', '{"":1,"é":2,"a":3}',
];
const KEYS = [...WRITABLE, "pk", "created_by", "flow_obj", "expiring", "zz", "__proto__", "2", "", "Name", "name\\u0000"];
// Tokens to drop anywhere, as libFuzzer's dictionary would.
const TOKENS = ["{", "}", "[", "]", '"', ":", ",", "\\", "\\u", "\\ud800", "\\u0000", " ", "\n", "\t", "\u00a0", "\ufeff", "é", "😀",
  "NaN", "Infinity", "-", "+", ".", "e", "E", "0", "00", "1e", '"name":', '"flow":', '"fixed_data":', '"expires":', '"single_use":',
  ...VALUES.slice(0, 24)];

function splice(b, at, del, ins) {
  del = Math.min(del, b.length - at);
  const out = new Uint8Array(b.length - del + ins.length);
  out.set(b.subarray(0, at));
  out.set(ins, at);
  out.set(b.subarray(at + del), at + ins.length);
  return out;
}

/** One mutation of `b` (bytes), drawing on `others` for splices. */
function mutate(r, b, others) {
  const at = () => r.int(b.length + 1);
  switch (r.int(12)) {
    case 0: { // flip a bit
      if (!b.length) return enc.encode(r.pick(TOKENS));
      const out = b.slice();
      out[r.int(b.length)] ^= 1 << r.int(8);
      return out;
    }
    case 1: { // a random byte, or a few
      const n = 1 + r.int(4);
      return splice(b, at(), r.int(2) ? 0 : Math.min(n, b.length), Uint8Array.from({ length: n }, () => r.int(256)));
    }
    case 2: { // delete a range
      const i = at();
      return splice(b, i, r.int(Math.min(16, b.length - i) + 1), new Uint8Array());
    }
    case 3: { // duplicate a range elsewhere
      const i = at();
      const chunk = b.slice(i, i + 1 + r.int(32));
      return splice(b, at(), 0, chunk);
    }
    case 4: { // splice in a piece of another input
      const o = r.pick(others);
      const i = r.int(o.length + 1);
      return splice(b, at(), r.int(8), o.slice(i, i + 1 + r.int(64)));
    }
    case 5: // a dictionary token
      return splice(b, at(), r.int(3) ? 0 : 1, enc.encode(r.pick(TOKENS)));
    case 6: { // the front of one input, the back of another
      const o = r.pick(others);
      return Uint8Array.from([...b.subarray(0, at()), ...o.subarray(r.int(o.length + 1))]);
    }
    case 7: { // nest the whole body
      const n = r.pick(DEPTHS);
      return enc.encode(r.int(2) ? deepList(n, decode(b)) : '{"zz":'.repeat(n) + decode(b) + "}".repeat(n));
    }
    default:
      return mutateObject(r, b) ?? mutate(r, b, others);
  }
}

const decode = (b) => Buffer.from(b).toString("utf8");

/** Field-level edits on a body that parses as an object; null when it does not. */
function mutateObject(r, b) {
  let obj;
  try {
    obj = JSON.parse(decode(b));
  } catch {
    return null;
  }
  if (obj === null || typeof obj !== "object" || Array.isArray(obj)) return null;
  // Members as JSON texts, so that number literals and escapes survive.
  let members;
  try {
    members = Object.keys(obj).map((k) => [JSON.stringify(k), JSON.stringify(obj[k])]);
  } catch {
    return null; // nested deeper than JSON.stringify's recursion reaches (JSON.parse has no limit)
  }
  const key = () => (r.int(4) ? `"${r.pick(WRITABLE)}"` : `"${r.pick(KEYS)}"`);
  switch (r.int(6)) {
    case 0: members.push([key(), r.pick(VALUES)]); break;
    case 1: if (members.length) members[r.int(members.length)][1] = r.pick(VALUES); else members.push([key(), r.pick(VALUES)]); break;
    case 2: if (members.length) members.splice(r.int(members.length), 1); break;
    case 3: { // nest a member's value: lists, objects, or lists inside an object
      const n = r.pick(DEPTHS);
      const v = r.pick([deepList(n), deepObject(n), `{"a":${deepList(n)}}`, deepList(n, r.pick(VALUES))]);
      members.push([key(), v]);
      break;
    }
    case 4: if (members.length) members.push(members[r.int(members.length)].slice()); break; // a duplicate key
    default: // reorder
      for (let i = members.length - 1; i > 0; i--) {
        const j = r.int(i + 1);
        [members[i], members[j]] = [members[j], members[i]];
      }
  }
  const sep = r.pick([",", ", ", ",\n  "]);
  return enc.encode("{" + members.map(([k, v]) => `${k}:${v}`).join(sep) + "}");
}

// ------------------------------------------------------------------ properties

class Broken extends Error {}
const must = (cond, what) => {
  if (!cond) throw new Broken(what);
};
const isIndex = (k) => /^(0|[1-9]\d{0,9})$/.test(k) && Number(k) < 2 ** 32 - 1;
const messages = (v) => Array.isArray(v) && v.length > 0 && v.every((m) => typeof m === "string" && m.length > 0);

function call(what, fn) {
  try {
    return fn();
  } catch (e) {
    throw new Broken(`${what} threw ${e?.name}: ${String(e?.message ?? e).slice(0, 300)}`);
  }
}

function checkVerdict(v, strict, what) {
  must(v && typeof v === "object", `${what}: not an object`);
  if (v.ok === true) {
    must(same(Object.keys(v), ["ok", "patch", "ignored"]), `${what}: keys ${Object.keys(v)}`);
    const keys = Object.keys(v.patch);
    must(keys.every((k) => WRITABLE.includes(k)), `${what}: patch keys ${keys}`);
    must(same(keys, WRITABLE.filter((k) => keys.includes(k))), `${what}: patch keys out of order ${keys}`);
    must(Array.isArray(v.ignored) && v.ignored.every((k) => typeof k === "string" && !WRITABLE.includes(k)), `${what}: ignored ${stringify(v.ignored)}`);
    must(!strict || v.ignored.length === 0, `${what}: strict accepted ignored keys`);
    return;
  }
  must(v.ok === false && v.status === 400, `${what}: ok ${v.ok}, status ${v.status}`);
  checkErrors(v.errors, strict, what);
}

function checkErrors(e, strict, what) {
  const keys = Object.keys(e ?? {});
  must(keys.length > 0, `${what}: empty errors`);
  if (keys.includes("detail")) {
    must(keys.length === 1 && typeof e.detail === "string" && e.detail.length > 0, `${what}: detail ${stringify(e)}`);
    return;
  }
  if (keys.includes("non_field_errors")) {
    must(keys.length === 1 && messages(e.non_field_errors), `${what}: non_field_errors ${stringify(e)}`);
    return;
  }
  // Writable fields in the server's order, then (strict) the ignored keys; JS puts index-like keys first.
  const named = keys.filter((k) => !isIndex(k));
  const writable = named.filter((k) => WRITABLE.includes(k));
  must(same(named.slice(0, writable.length), WRITABLE.filter((k) => writable.includes(k))), `${what}: error keys out of order ${keys}`);
  must(strict || named.length === writable.length, `${what}: error keys that are not fields ${keys}`);
  must(keys.every((k) => messages(e[k])), `${what}: errors not lists of messages ${stringify(e)}`);
}

// The checks below walk values with a stack of their own, not by recursion: a body may nest 1,400
// levels (README's limits), and node:util's isDeepStrictEqual takes three frames a level: it ran
// out of stack in CI (RangeError, seed 20240600), where the same run fitted on this machine.

/** JSON text for a patch: bigints as their digits, -0 as a float. */
function toJson(v) {
  const out = [];
  const todo = [v];
  while (todo.length) {
    const x = todo.pop();
    if (x instanceof Raw) out.push(x.text);
    else if (typeof x === "bigint") out.push(x.toString());
    else if (Object.is(x, -0)) out.push("-0.0");
    else if (x === null || typeof x !== "object") out.push(JSON.stringify(x));
    else {
      const array = Array.isArray(x);
      const keys = Object.keys(x);
      todo.push(new Raw(array ? "]" : "}"));
      for (let i = keys.length - 1; i >= 0; i--) {
        todo.push(x[keys[i]]);
        if (!array) todo.push(new Raw(JSON.stringify(keys[i]) + ":"));
        if (i > 0) todo.push(new Raw(","));
      }
      todo.push(new Raw(array ? "[" : "{"));
    }
  }
  return out.join("");
}

class Raw {
  constructor(text) {
    this.text = text;
  }
}

/** isDeepStrictEqual, and own keys in the same order: an answer's key order is part of it. */
function same(a, b) {
  const todo = [a, b];
  while (todo.length) {
    const y = todo.pop();
    const x = todo.pop();
    if (Object.is(x, y)) continue;
    if (x === null || y === null || typeof x !== "object" || typeof y !== "object") return false;
    if (Object.getPrototypeOf(x) !== Object.getPrototypeOf(y)) return false;
    if (ArrayBuffer.isView(x)) {
      if (!isDeepStrictEqual(x, y)) return false; // bytes: flat
      continue;
    }
    const kx = Object.keys(x);
    const ky = Object.keys(y);
    if (kx.length !== ky.length) return false;
    for (let i = 0; i < kx.length; i++) {
      if (kx[i] !== ky[i]) return false;
      todo.push(x[kx[i]], y[ky[i]]);
    }
  }
  return true;
}

const hasPositiveExponent = (v) => anyValue(v, (x) => typeof x === "number" && String(x).includes("e+"));
const hasBigInt = (v) => anyValue(v, (x) => typeof x === "bigint");

/** Whether `v` or any value inside it passes `test`. */
function anyValue(v, test) {
  const stack = [v];
  while (stack.length) {
    const x = stack.pop();
    if (test(x)) return true;
    if (x !== null && typeof x === "object") stack.push(...Object.values(x));
  }
  return false;
}

/** pkg/ as Node imports it (ESM), and as `require` loads it (CommonJS). */
export const PKG = { validatePatch: esm.validatePatch, applyPatch: esm.applyPatch, cjs };

/** Every property for one body (bytes). Throws Broken with what failed. `mod` is pkg/ unless a
 * test hands in a broken one to see the checks fail. */
export function checkBody(bytes, { invitation, flows }, mod = PKG) {
  const copy = bytes.slice();
  const forms = [["an ArrayBuffer", () => copy.slice().buffer]];
  forms.push(["a view at an offset", () => {
    const big = new Uint8Array(copy.length + 7);
    big.set(copy, 3);
    return big.subarray(3, 3 + copy.length);
  }]);
  let text = null;
  try {
    text = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(copy);
  } catch {}
  if (text !== null) forms.push(["the text", () => text]);

  const inv = structuredClone(invitation);
  const withFlows = { flows: structuredClone(flows) };
  const strictFlows = { flows: structuredClone(flows), strict: true };
  const verdicts = [];
  for (const [label, opts, strict] of [["no options", undefined, false], ["flows", withFlows, false], ["strict", strictFlows, true]]) {
    const body = copy.slice();
    const what = `validatePatch (${label})`;
    const v = call(what, () => mod.validatePatch(body, opts));
    checkVerdict(v, strict, what);
    must(same(body, copy), `${what} changed the body's bytes`);
    must(same(call(`${what}, again`, () => mod.validatePatch(body, opts)), v), `${what}: a second call answers differently`);
    for (const [form, make] of forms) {
      must(same(call(`${what} on ${form}`, () => mod.validatePatch(make(), opts)), v), `${what}: ${form} answers differently`);
    }
    must(same(call(`${what} (CommonJS)`, () => mod.cjs.validatePatch(body, opts)), v), `${what}: the CommonJS entry answers differently`);
    verdicts.push(v);
  }
  const [plain, lenient, strict] = verdicts;
  must(!(lenient.ok && !plain.ok), "refused without flows but accepted with them");
  checkStrictExtends(lenient, strict);
  if (lenient.ok) {
    const again = call("validatePatch of the returned patch", () => mod.validatePatch(toJson(lenient.patch), withFlows));
    if (!(again.ok && again.ignored.length === 0 && same(again.patch, lenient.patch))) {
      must(false, `the returned patch does not validate to itself: ${stringify(again).slice(0, 300)}`);
    }
  }

  const what = "applyPatch (flows)";
  const a = call(what, () => mod.applyPatch(inv, copy.slice(), withFlows));
  must(same(inv, invitation) && same(withFlows.flows, flows), `${what} changed the invitation or the options`);
  must(same(call(`${what}, again`, () => mod.applyPatch(inv, copy, withFlows)), a), `${what}: a second call answers differently`);
  must(same(call(`${what} (CommonJS)`, () => mod.cjs.applyPatch(inv, copy, withFlows)), a), `${what}: the CommonJS entry answers differently`);
  // Messages holding results are written only on failure: JSON.stringify recurses through their
  // 1,400 levels.
  if (a.ok !== lenient.ok) must(false, `validatePatch and applyPatch disagree: ${stringify(lenient).slice(0, 300)} / ${stringify(a).slice(0, 300)}`);
  if (!a.ok) {
    must(a.status === 400 && same(a.errors, lenient.errors), `applyPatch refuses differently: ${stringify(a.errors).slice(0, 300)}`);
  } else {
    checkApplied(lenient, a, withFlows, mod);
  }
  must(same(bytes, copy), "the body's bytes changed");
  must(same(inv, invitation), "the invitation changed");
  must(same(withFlows.flows, flows) && same(strictFlows, { flows, strict: true }), "the options changed");
}

function checkStrictExtends(lenient, strict) {
  if (lenient.ok && strict.ok) {
    must(lenient.ignored.length === 0 && same(lenient.patch, strict.patch), "strict accepted differently");
  } else if (lenient.ok) {
    const extra = Object.keys(strict.errors).sort();
    must(same(extra, [...new Set(lenient.ignored)].sort()), `strict errors ${extra} are not the ignored keys ${lenient.ignored}`);
  } else if (strict.ok) {
    must(false, "strict accepted what the default refuses");
  } else {
    const l = lenient.errors;
    for (const k of Object.keys(l)) must(same(strict.errors[k], l[k]), `strict changed the errors for ${k}`);
    const added = Object.keys(strict.errors).filter((k) => !(k in l));
    must(added.every((k) => !WRITABLE.includes(k) && k !== "detail" && k !== "non_field_errors"), `strict added errors ${added}`);
  }
}

function checkApplied(valid, a, opts, mod) {
  must(a.status === 200, `applyPatch ok with status ${a.status}`);
  const unknown = a.unknown !== undefined;
  const keys = INVITATION_KEYS.filter((k) => !unknown || k !== "flow_obj");
  must(same(Object.keys(a.invitation), keys), `the 200 body's keys ${Object.keys(a.invitation)}`);
  must(!unknown || same(a.unknown, ["flow_obj"]), `unknown ${stringify(a.unknown)}`);
  for (const [k, v] of Object.entries(valid.patch)) {
    must(same(a.invitation[k], v), `the 200 body does not show the patch's ${k}`);
  }
  must(a.changed.every((k) => k in valid.patch), `changed ${a.changed} is not in the patch`);
  if (unknown || hasBigInt(a.invitation)) return; // not an Invitation to pass back (README)
  const again = call("applyPatch of the patch to its own result", () => mod.applyPatch(a.invitation, toJson(valid.patch), opts));
  // A stored fixed_data is what jsonb gives back (SPEC §4): a number JSON.stringify writes with a
  // positive exponent (1.2345678901234568e+29) is stored as numeric and read back as that integer,
  // which Python finds unequal to the float the patch holds, so `fixed_data` changes again.
  const reread = "fixed_data" in valid.patch && hasPositiveExponent(valid.patch.fixed_data);
  if (!(again.ok && same(again.invitation, a.invitation) && same(again.changed, reread ? again.changed.filter((k) => k === "fixed_data") : []))) {
    must(false, `re-applying the patch changes something: ${stringify(again).slice(0, 300)}`);
  }
}

// ------------------------------------------------------------------ runs

const show = (b) => stringify(Buffer.from(b.subarray(0, 600)).toString("latin1")) + (b.length > 600 ? ` … (${b.length} bytes)` : "");

/**
 * Runs the properties over the seeds and `iterations` mutants (or until `seconds` pass, by hand).
 * Returns { checked, failures: [{ body, error }], bodies } where bodies are up to `keepBodies`
 * distinct bodies, a uniform random sample of all those checked (for the differential run).
 */
export function fuzzWasm({ seed = 1, iterations = 1000, seconds = 0, corpus = false, keepBodies = 0, log = () => {} } = {}) {
  const fx = fixtures();
  let inputs = seedBodies();
  if (corpus) {
    const more = corpusBodies(log);
    log(`fuzz-wasm: ${inputs.length} seeds, ${more.length} corpus entries`);
    inputs = dedupe([...inputs, ...more]);
  }
  const r = prng(seed);
  const failures = [];
  // The bodies kept for the differential run: a uniform sample of the whole run (reservoir
  // sampling, from a generator of its own so the mutations stay those of the seed), distinct.
  const sample = prng(seed ^ 0x5a3c9e1d);
  const kept = [];
  const keptHashes = [];
  const keptSet = new Set();
  let checked = 0;
  const check = (body, i) => {
    checked++;
    const slot = kept.length < keepBodies ? kept.length : sample.int(checked);
    if (slot < keepBodies) {
      const h = sha1(body);
      if (!keptSet.has(h)) {
        keptSet.delete(keptHashes[slot]);
        keptSet.add(h);
        kept[slot] = body;
        keptHashes[slot] = h;
      }
    }
    try {
      checkBody(body, fx[i % fx.length]);
    } catch (e) {
      if (!(e instanceof Broken)) throw e;
      failures.push({ body, error: e.message });
    }
  };
  inputs.forEach((b, i) => check(b, i));
  const until = seconds > 0 ? Date.now() + seconds * 1000 : Infinity;
  for (let i = 0; (seconds > 0 ? Date.now() < until : i < iterations) && failures.length < 20; i++) {
    let b = r.pick(inputs);
    for (let n = 1 + r.int(4); n > 0; n--) b = mutate(r, b, inputs);
    if (b.length > MAX_BODY) b = b.subarray(0, MAX_BODY);
    check(b, i);
    if (seconds > 0 && i % 5000 === 4999) log(`fuzz-wasm: ${checked} bodies, ${failures.length} failures`);
  }
  return { checked, failures, bodies: kept, fixtures: fx };
}

/** Each body through the reference harness and pkg/, compared as the parity tests compare. */
export function differential(bodies, fx) {
  const cases = bodies.map((b, i) => ({ id: `fuzz-wasm/${sha1(b).slice(0, 16)}`, body_b64: Buffer.from(b).toString("base64"), ...fx[i % fx.length] }));
  const answers = [];
  for (let i = 0; i < cases.length; i += 2000) answers.push(...askReference(cases.slice(i, i + 2000)));
  const differences = [];
  let documented = 0;
  cases.forEach((c, i) => {
    let diffs;
    try {
      diffs = compare(c, answers[i], esm);
    } catch (e) {
      diffs = [`the module threw: ${e}`];
    }
    if (!diffs.length) return;
    if (atOwnDepthLimit(c, answers[i], esm)) documented++;
    else differences.push({ c, a: answers[i], diffs });
  });
  return { compared: cases.length, documented, differences };
}

function saveArtifacts(failures) {
  const dir = `${fuzz}artifacts/wasm`;
  mkdirSync(dir, { recursive: true });
  return failures.map(({ body }) => {
    const file = `${dir}/${sha1(body)}`;
    writeFileSync(file, body);
    return file;
  });
}

function parseArgs(argv) {
  const o = { seed: 1, iterations: 0, seconds: 0, corpus: false, differential: false, compare: 20000, files: [] };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--seed") o.seed = Number(argv[++i]);
    else if (a === "--iterations") o.iterations = Number(argv[++i]);
    else if (a === "--seconds") o.seconds = Number(argv[++i]);
    else if (a === "--corpus") o.corpus = true;
    else if (a === "--differential") o.differential = true;
    else if (a === "--compare") o.compare = Number(argv[++i]);
    else if (a.startsWith("--")) throw new Error(`unknown option ${a}`);
    else o.files.push(a);
  }
  if (!o.iterations && !o.seconds) o.seconds = 60;
  return o;
}

async function main(argv) {
  const o = parseArgs(argv);
  if (o.files.length) {
    const fx = fixtures();
    let bad = 0;
    for (const f of o.files) {
      const body = new Uint8Array(readFileSync(f));
      for (const [i, x] of fx.entries()) {
        try {
          checkBody(body, x);
        } catch (e) {
          bad++;
          console.log(`${f} (invitation ${i}): ${e.message}\n  body: ${show(body)}`);
        }
      }
    }
    console.log(`fuzz-wasm: replayed ${o.files.length} bodies, ${bad} failures`);
    return bad ? 1 : 0;
  }
  const started = Date.now();
  const run = fuzzWasm({ ...o, keepBodies: o.differential ? o.compare : 0, log: console.log });
  console.log(`fuzz-wasm: ${run.checked} bodies checked through pkg/ in ${((Date.now() - started) / 1000).toFixed(0)} s (seed ${o.seed}), ${run.failures.length} failures`);
  let status = 0;
  if (run.failures.length) {
    const files = saveArtifacts(run.failures);
    run.failures.forEach(({ body, error }, i) => console.log(`\n${files[i]}\n  ${error}\n  body: ${show(body)}`));
    status = 1;
  }
  if (o.differential) {
    const d = differential(run.bodies, run.fixtures);
    console.log(`fuzz-wasm: ${d.compared} bodies compared with the reference harness, ${d.differences.length} differences, ${d.documented} at the module's own depth limits (README)`);
    if (d.differences.length) {
      d.differences.slice(0, 20).forEach(({ c, a, diffs }) =>
        console.log(`\n${c.id}\n  body: ${show(bodyOf(c))}\n  server: ${a.status} ${a.body.slice(0, 300)}\n  ${diffs.join("\n  ").slice(0, 1500)}`));
      const added = saveFound(d.differences, "fuzzing through pkg/ (tests/fuzz/wasm.mjs)");
      console.log(`\nfuzz-wasm: FAILED, ${added} new differences saved in tests/cases/fuzz-found.json`);
      status = 1;
    }
  }
  return status;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  process.exitCode = await main(process.argv.slice(2));
}
