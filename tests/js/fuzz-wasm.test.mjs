// The fuzz targets' properties on the built pkg/ (tests/fuzz/wasm.mjs): a short run with a fixed
// seed and count, so every machine checks the same bodies; then the same bodies through the Django
// reference harness. The long run is by hand: `make fuzz-wasm` (tests/fuzz/README.md).
import { test } from "node:test";
import assert from "node:assert/strict";
import { PKG, checkBody, differential, fixtures, fuzzWasm } from "../fuzz/wasm.mjs";
import { stringify } from "./reference.mjs";

const SEED = Number(process.env.FUZZ_WASM_SEED ?? 20240600);
const ITERATIONS = Number(process.env.FUZZ_WASM_ITERATIONS ?? 1500);

const show = ({ body, error }) => `${error}\n  body: ${stringify(Buffer.from(body.subarray(0, 400)).toString("latin1"))}`;

test("the checks catch a module that throws, mutates its input, or answers differently", () => {
  const fx = fixtures()[0];
  const body = new TextEncoder().encode('{"name":"next","zz":1}');
  assert.doesNotThrow(() => checkBody(body, fx));
  let n = 0;
  // Each broken module, and the check that must catch it.
  const broken = [
    ["throws on bad data", /threw TypeError/, { ...PKG, validatePatch: (b, o) => (b.length > 3 ? PKG.validatePatch(b, o) : PKG.validatePatch(null, o).x.y) }],
    ["mutates the bytes", /changed the body's bytes/, { ...PKG, validatePatch: (b, o) => ((b instanceof Uint8Array && b.length && (b[0] = 32)), PKG.validatePatch(b, o)) }],
    ["mutates the invitation", /changed the invitation/, { ...PKG, applyPatch: (inv, b, o) => ((inv.name = "x"), PKG.applyPatch(inv, b, o)) }],
    ["answers differently each time", /a second call answers differently/, { ...PKG, validatePatch: (b, o) => ({ ...PKG.validatePatch(b, o), ignored: n++ ? ["zz"] : [] }) }],
    ["judges bytes and text differently", /the text answers differently/, { ...PKG, validatePatch: (b, o) => PKG.validatePatch(typeof b === "string" ? b + " x" : b, o) }],
    ["drops strict", /strict accepted ignored keys/, { ...PKG, validatePatch: (b, o) => PKG.validatePatch(b, o && { flows: o.flows }) }],
    ["differs from its CommonJS entry", /CommonJS entry answers differently/, { ...PKG, cjs: { ...PKG.cjs, applyPatch: (inv, b, o) => ({ ...PKG.cjs.applyPatch(inv, b, o), changed: [] }) } }],
  ];
  for (const [what, caught, mod] of broken) {
    const bytes = what === "throws on bad data" ? new TextEncoder().encode("{]") : body;
    assert.throws(() => checkBody(bytes.slice(), fx, mod), caught, `not caught: a module that ${what}`);
  }
});

let run;
test(`pkg/ keeps every property over the seeds and ${ITERATIONS} mutants (seed ${SEED})`, () => {
  run = fuzzWasm({ seed: SEED, iterations: ITERATIONS, keepBodies: Infinity });
  console.log(`fuzz-wasm: ${run.checked} bodies checked through pkg/, ${run.failures.length} failures`);
  assert.ok(run.checked >= ITERATIONS);
  assert.equal(run.failures.length, 0, run.failures.slice(0, 5).map(show).join("\n\n"));
});

test("the same bodies through the reference harness answer as pkg/ does", () => {
  assert.ok(run, "the run above did not finish");
  const d = differential(run.bodies, run.fixtures);
  console.log(`fuzz-wasm: ${d.compared} bodies compared with the reference, ${d.differences.length} differences, ${d.documented} at the module's own depth limits`);
  assert.ok(d.compared >= ITERATIONS, `only ${d.compared} distinct bodies`);
  const shown = d.differences.slice(0, 5).map(({ c, a, diffs }) => `${c.id} ${stringify(Buffer.from(c.body_b64, "base64").toString("latin1").slice(0, 400))}\n  server: ${a.status} ${a.body.slice(0, 300)}\n  ${diffs.join("\n  ")}`);
  assert.equal(d.differences.length, 0, shown.join("\n\n"));
});
