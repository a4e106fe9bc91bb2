// Parity with the real server: every case goes through the built pkg/ and through the Django
// reference harness (real Django 5.0.6 + DRF 3.14.0); any difference fails, with the case printed.
import { test } from "node:test";
import assert from "node:assert/strict";
import { validatePatch, applyPatch } from "../../pkg/node.js";
import { askReference, checkGoldenFresh, compare, generatedCases, goldenCases, inModuleScope, stringify } from "./reference.mjs";

const SEED = Number(process.env.PARITY_SEED ?? 20240600);
const COUNT = Number(process.env.PARITY_COUNT ?? 2500);
const mod = { validatePatch, applyPatch };

function check(cases, answers) {
  const failures = [];
  let compared = 0;
  cases.forEach((c, i) => {
    if (!inModuleScope(c)) return;
    compared++;
    const diffs = compare(c, answers[i], mod);
    if (diffs.length) failures.push(`case ${c.id}\n  input: ${stringify(c)}\n  server: ${answers[i].status} ${answers[i].body}\n  ${diffs.join("\n  ")}`);
  });
  return { compared, failures };
}

test(`generated cases (seed ${SEED}, ${COUNT}) answer as the reference does`, () => {
  const cases = generatedCases(SEED, COUNT);
  const { compared, failures } = check(cases, askReference(cases));
  console.log(`parity: ${compared} generated cases compared, ${failures.length} differences`);
  assert.ok(compared >= 2000, `only ${compared} cases in scope`);
  assert.equal(failures.length, 0, failures.slice(0, 15).join("\n\n"));
});

test("golden cases: the stored answers are still the reference's, and the module's", () => {
  // The harness reads the stored case text itself, number literals and all.
  checkGoldenFresh();
  const cases = goldenCases();
  const { compared, failures } = check(cases, cases.map((c) => c.expect));
  console.log(`parity: ${compared} golden cases compared, ${failures.length} differences`);
  assert.equal(failures.length, 0, failures.slice(0, 15).join("\n\n"));
});
