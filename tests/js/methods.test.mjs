// PUT, POST and DRF's error codes against the real server: golden cases (tests/cases/put.json,
// post.json, and the codes of every golden 400) and seeded generated PUT and POST cases, each
// through the package and through the Django reference harness. Skips, saying why, while the
// package lacks validatePut/applyPut/validatePost/createInvitation or `codes` (FORMS_SHIM=1 runs it
// on tests/js/methods.mjs's shim instead, to check the shim).
import { test } from "node:test";
import assert from "node:assert/strict";
import { api, complete, MISSING } from "./methods.mjs";
import { askReference, bodyOf, CRASH_MARK, generatedCases, goldenCases, inModuleScope, stringify } from "./reference.mjs";
import { jsonDiff, parseLossless } from "./lossless.mjs";

const SEED = Number(process.env.PARITY_SEED ?? 20240600);
const COUNT = Number(process.env.METHODS_COUNT ?? 1000);
const skip = complete || process.env.FORMS_SHIM === "1" ? false : MISSING;

/** The module's verdicts for a case, by the case's method: [[name, result, kind], …]. */
function verdicts(c) {
  const options = c.flows ? { flows: c.flows } : undefined;
  const body = bodyOf(c);
  switch (c.method ?? "PATCH") {
    case "PATCH":
      return [["validatePatch", api.validatePatch(body, options), "validate"], ["applyPatch", api.applyPatch(c.invitation, body, options), "apply"]];
    case "PUT":
      return [["validatePut", api.validatePut(body, options), "validate"], ["applyPut", api.applyPut(c.invitation, body, options), "apply"]];
    case "POST":
      return [
        ["validatePost", api.validatePost(body, options), "validate"],
        ["createInvitation", api.createInvitation(body, { ...options, pk: c.pk, created_by: c.user }), "apply"],
      ];
  }
  throw new Error(`unknown method ${c.method}`);
}

/** Differences between the module and the server's answer ({status, body, codes}) for one case. */
export function compareMethod(c, answer) {
  const diffs = [];
  const expected = answer.status === 500 ? null : parseLossless(answer.body);
  for (const [name, r, kind] of verdicts(c)) {
    if (answer.status === 200 || answer.status === 201) {
      if (!r.ok) {
        diffs.push(`${name} refused: ${stringify(r.errors)}`);
        continue;
      }
      if (kind === "apply") {
        if (r.status !== answer.status) diffs.push(`${name} status ${r.status}, server ${answer.status}`);
        const d = jsonDiff(r.invitation, expected);
        if (d) diffs.push(`${name} invitation ${d}`);
      } else {
        for (const [k, val] of Object.entries(r.patch)) {
          const d = jsonDiff(val, expected[k]);
          if (d) diffs.push(`${name} patch.${k} ${d}`);
        }
      }
    } else if (answer.status === 400) {
      if (r.ok || r.status !== 400) {
        diffs.push(`${name} accepted what the server refuses: ${answer.body}`);
        continue;
      }
      const d = jsonDiff(r.errors, expected);
      if (d) diffs.push(`${name} errors ${d}`);
      const dc = jsonDiff(r.codes, answer.codes);
      if (dc) diffs.push(`${name} codes ${dc} (server ${stringify(answer.codes)})`);
    } else if (answer.status === 500) {
      const messages = r.ok ? [] : Object.values(r.errors).flat();
      if (r.ok || r.status !== 400 || !messages.every((m) => m.includes(CRASH_MARK))) {
        diffs.push(`${name} should refuse a body the server fails on (500) with our own message, got ${stringify(r)}`);
      }
    } else diffs.push(`reference answered ${answer.status}, outside the module's scope`);
  }
  return diffs;
}

function check(cases, answers) {
  const failures = [];
  let compared = 0;
  cases.forEach((c, i) => {
    if (!inModuleScope(c)) return;
    compared++;
    const diffs = compareMethod(c, answers[i]);
    if (diffs.length) failures.push(`case ${c.id}\n  input: ${stringify(c)}\n  server: ${answers[i].status} ${answers[i].body}\n  ${diffs.join("\n  ")}`);
  });
  return { compared, failures };
}

for (const method of ["PUT", "POST"]) {
  test(`golden ${method} cases answer as the reference does`, { skip }, () => {
    const cases = goldenCases({ methods: ["PATCH", "PUT", "POST"] }).filter((c) => c.method === method);
    const { compared, failures } = check(cases, cases.map((c) => c.expect));
    console.log(`methods: ${compared} golden ${method} cases compared, ${failures.length} differences`);
    assert.ok(compared >= 20, `only ${compared} golden ${method} cases`);
    assert.equal(failures.length, 0, failures.slice(0, 15).join("\n\n"));
  });

  test(`generated ${method} cases (seed ${SEED}, ${COUNT}) answer as the reference does`, { skip }, () => {
    const cases = generatedCases(SEED, COUNT, method);
    const { compared, failures } = check(cases, askReference(cases));
    console.log(`methods: ${compared} generated ${method} cases compared, ${failures.length} differences`);
    assert.ok(compared >= COUNT * 0.9, `only ${compared} cases in scope`);
    assert.equal(failures.length, 0, failures.slice(0, 15).join("\n\n"));
  });
}

test("every golden 400 (PATCH, PUT, POST) carries the server's get_codes() as `codes`", { skip }, () => {
  const cases = goldenCases({ methods: ["PATCH", "PUT", "POST"] }).filter((c) => c.expect.status === 400 && inModuleScope(c));
  const failures = [];
  for (const c of cases) {
    for (const [name, r] of verdicts(c)) {
      const d = r.ok ? "accepted" : jsonDiff(r.codes, c.expect.codes);
      if (d) failures.push(`${c.id}: ${name} codes ${d}; server ${stringify(c.expect.codes)}, module ${stringify(r.codes)}`);
    }
  }
  console.log(`methods: codes of ${cases.length} golden 400s compared, ${failures.length} differences`);
  assert.ok(cases.length >= 150);
  assert.equal(failures.length, 0, failures.slice(0, 20).join("\n"));
});
