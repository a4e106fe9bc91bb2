// A stored invitation's fixed_data crosses two ways (src/wasm.rs `apply`): as the caller's own
// JSON text, which JS parses, where that text reads back as the answer's value; or built in Wasm as
// PostgreSQL gives it back (jsonb's key order, numbers as `numeric`), which the parity suites check
// against the real server. Here the first way must answer what the second does, for random values
// near the edges of the rule (key order, escapes, integers past 15 digits, -0, 1e308), also when
// the body sends the same fixed_data back (its text compared, not built), and a megabyte of it
// must take no tree: Wasm memory stays within a few times its text.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { applyPatch } from "../../pkg/node.js";

const root = fileURLToPath(new URL("../..", import.meta.url));
const SEED = Number(process.env.STORED_SEED ?? 20261202);
const COUNT = Number(process.env.STORED_COUNT ?? 4000);

const INVITATION = {
  pk: "6f1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d",
  name: "x",
  expires: null,
  fixed_data: {},
  created_by: { pk: 1 },
  single_use: false,
  flow: null,
  flow_obj: null,
};
// jsonb puts the longest key last: first in the text, it makes the text out of order, so that the
// same value is built instead (and comes back last, to be taken out).
const LAST = "~".repeat(40);

let state = SEED;
const random = () => (state = (state * 1103515245 + 12345) % 2147483648) / 2147483648;
const pick = (a) => a[Math.floor(random() * a.length)];
const NUMBERS = [0, -0, 1, -1, 1.5, 0.1, -0.1, 100, 1e15, 1e16, 1e20, 1e21, -1e21, 123456789012345680000, 2 ** 53, 2 ** 53 + 2,
  999999999999999, 9999999999999998, 12345678901234567, 1e308, -1e308, 1.7976931348623157e308, 5e-324, -5e-324,
  1.2345678901234567e300, 1.5e300, 1e-7, -1e-7, 2.5e-5, 0.000001, 1e-300, 123.456, 4.35];
const KEYS = ["a", "b", "ab", "aa", "ba", "", "é", "€", "😀", "__proto__", "zz", "x y", 'q"t', "b\\s", "n\u0000", "\u2028", "\ud800", "A", "1", "10"];
const STRINGS = ["", "x", 'q"t', "b\\s", "nl\n", "\u0000", "\u001f", "\u007f", "\u2028", "\ud800", "\udc00x", "😀", "é", "</script>"];

function number() {
  const r = random();
  if (r < 0.5) return pick(NUMBERS);
  if (r < 0.7) return Math.floor(random() * 10 ** Math.floor(random() * 18)) * (random() < 0.3 ? -1 : 1);
  if (r < 0.85) return random() * 10 ** Math.floor(random() * 40 - 20);
  return (random() - 0.5) * 10 ** Math.floor(random() * 600 - 300);
}

function value(depth) {
  const r = random();
  if (depth < 4 && r < 0.2) return object(depth + 1);
  if (depth < 4 && r < 0.35) return Array.from({ length: Math.floor(random() * 4) }, () => value(depth + 1));
  if (r < 0.65) return number();
  if (r < 0.85) return pick(STRINGS);
  return pick([true, false, null]);
}

/** An object whose keys are often in jsonb's order already (UTF-8 length, then bytes). */
function object(depth) {
  const keys = Array.from({ length: Math.floor(random() * 5) }, () => pick(KEYS));
  if (random() < 0.6) {
    keys.sort((x, y) => Buffer.byteLength(x) - Buffer.byteLength(y) || Buffer.compare(Buffer.from(x), Buffer.from(y)));
  }
  const o = {};
  for (const k of keys) Object.defineProperty(o, k, { value: value(depth), enumerable: true, writable: true, configurable: true });
  return o;
}

/** A value's text with its key order, -0 and BigInts spelled out. */
const spelled = (v) =>
  JSON.stringify(v, (_, x) => (typeof x === "bigint" ? `${x}n` : Object.is(x, -0) ? "-0" : x));

test(`the caller's text and the built value answer alike (${COUNT} random stored fixed_data)`, () => {
  let compared = 0;
  for (let i = 0; i < COUNT; i++) {
    const fixed = object(0);
    const direct = applyPatch({ ...INVITATION, fixed_data: fixed }, "{}");
    const built = applyPatch({ ...INVITATION, fixed_data: { [LAST]: 0, ...fixed } }, "{}");
    assert.equal(built.ok, direct.ok);
    if (!direct.ok) continue;
    const rest = built.invitation.fixed_data;
    assert.deepEqual(Object.keys(rest).pop(), LAST);
    delete rest[LAST];
    assert.equal(spelled(direct.invitation.fixed_data), spelled(rest), `fixed_data ${spelled(fixed)}`);
    assert.equal(spelled(direct), spelled(built));
    // Sent back as it was given: the same text is known the same (unless a `+` exponent makes a
    // float of the body's and an int of the stored one's), without building either.
    const echo = applyPatch({ ...INVITATION, fixed_data: fixed }, JSON.stringify({ fixed_data: fixed }));
    const echoBuilt = applyPatch({ ...INVITATION, fixed_data: { [LAST]: 0, ...fixed } }, JSON.stringify({ fixed_data: { [LAST]: 0, ...fixed } }));
    assert.deepEqual(echo.changed, echoBuilt.changed, `fixed_data ${spelled(fixed)} sent back`);
    compared++;
  }
  assert.ok(compared > COUNT / 2, `${compared} compared`);
});

test("a stored fixed_data is a copy: the answer does not hold the caller's objects", () => {
  const fixed = { a: [1, 2], b: { c: "d" } };
  const r = applyPatch({ ...INVITATION, fixed_data: fixed }, '{"name":"y"}');
  assert.deepEqual(r.invitation.fixed_data, fixed);
  assert.notEqual(r.invitation.fixed_data, fixed);
  assert.notEqual(r.invitation.fixed_data.a, fixed.a);
});

test("a megabyte of stored fixed_data takes no tree: Wasm memory within a few times its text", async () => {
  const module = new WebAssembly.Module(readFileSync(`${root}pkg/index_bg.wasm`));
  for (const unit of [1e308, 1.5, 12345, "text"]) {
    const fixed = { a: Array.from({ length: Math.floor(2 ** 20 / (JSON.stringify(unit).length + 1)) }, () => unit) };
    const text = JSON.stringify(fixed).length;
    const m = await import(`${root}pkg/index.js?stored-${unit}`);
    m.initSync({ module });
    const r = m.applyPatch({ ...INVITATION, fixed_data: fixed }, "{}");
    assert.equal(r.ok, true);
    assert.equal(spelled(r.invitation.fixed_data), spelled(fixed));
    // Built, 1e308 took 70 MiB here (a 309-digit integer each), 1.5 and 12345 about 30.
    const used = m.wasmMemoryBytes();
    assert.ok(used <= 2 * 2 ** 20 + 3 * text, `${unit}: ${(used / 2 ** 20).toFixed(1)} MiB for ${(text / 2 ** 20).toFixed(1)} MiB of text`);
  }
});
