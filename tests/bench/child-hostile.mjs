// Hostile bodies (issue 9): how long each takes, against JSON.parse of the same text in the same
// process, and the Wasm memory a call leaves behind. `node --expose-gc child-hostile.mjs` prints one
// JSON line. Sizes: 1 MiB and 10 MiB; both functions, applyPatch also with a 1 MiB stored invitation.
import { applyPatch, validatePatch, wasmMemoryBytes } from "../../pkg/node.js";

const MB = 2 ** 20;
const fill = (unit, size) => unit.repeat(Math.floor(size / unit.length));
const INVITATION = { pk: "6f1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d", name: "x", expires: null, fixed_data: {}, created_by: { pk: 1 }, single_use: false, flow: null, flow_obj: null };

/** The patterns issue 9 names, and others of ours. */
export function bodies(size) {
  return {
    "250k floats": `{"fixed_data":{"a":[${fill("1.5e300,", size)}1]}}`,
    "a BigInt then 0, × n": `{"fixed_data":{"a":[123456789012345678901234567890,${fill("0,", size)}0]}}`,
    "lists 1,390 deep, repeated": `{"fixed_data":{"a":[${fill("[".repeat(1390) + "]".repeat(1390) + ",", size)}0]}}`,
    "keys": `{"fixed_data":{${fill('"k":1,', size)}"z":0}}`,
    "one string": `{"name":"${"a".repeat(size)}"}`,
    "escapes": `{"name":"${fill("\\u00e9", size)}"}`,
    "name list": `{"name":[${fill("1,", size)}1]}`,
    "flow list": `{"flow":[${fill("1,", size)}1]}`,
  };
}

function ms(f) {
  global.gc();
  const t0 = performance.now();
  f();
  return performance.now() - t0;
}

const rows = [];
for (const size of [MB, 10 * MB]) {
  for (const [name, body] of Object.entries(bodies(size))) {
    const jsonParse = ms(() => JSON.parse(body));
    const validate = ms(() => validatePatch(body));
    const apply = ms(() => applyPatch(INVITATION, body));
    rows.push({ name, bytes: body.length, jsonParse, validate, apply, wasm: wasmMemoryBytes() });
  }
}
const stored = { ...INVITATION, fixed_data: { a: Array(Math.floor(MB / 8)).fill(1e308) } };
const storedText = JSON.stringify(stored);
rows.push({ name: "stored invitation of 1e308 × 131,072 (applyPatch '{}')", bytes: storedText.length, jsonParse: ms(() => JSON.parse(storedText)), validate: null, apply: ms(() => applyPatch(stored, "{}")) });
// After the hostile bodies: a small call, and the Wasm memory it leaves (a fresh instance after a
// call that grew memory past 16 MiB). `wasm` in a row: the memory the call left (before that).
validatePatch('{"name":"after"}');
global.gc();
console.log(JSON.stringify({ rows, after: { wasm: wasmMemoryBytes(), rss: process.memoryUsage().rss } }));
