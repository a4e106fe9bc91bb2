// applyPatch on a typical invitation, beside what a JS developer would write instead:
// the hand-written validator, then structuredClone + a hand-written merge.
// `node child-apply.mjs` prints one JSON line.
import { applyPatch, createValidator, validatePatch } from "../../pkg/node.js";
import { INVITATION, TYPICAL } from "./corpus.mjs";
import { opsPerSecond, sink } from "./lib.mjs";
import { validate } from "./peers/hand.mjs";

const FIELDS = ["name", "expires", "fixed_data", "single_use", "flow"];
const FLOWS = [INVITATION.flow_obj];

function same(a, b) {
  return a === b || (typeof a === "object" && a !== null && JSON.stringify(a) === JSON.stringify(b));
}

export function handApply(invitation, text) {
  const r = validate(text);
  if (!r.ok) return { ok: false, status: 400, errors: r.errors };
  const next = structuredClone(invitation);
  const changed = [];
  for (const k of FIELDS) {
    if (!(k in r.value)) continue;
    const v = r.value[k];
    if (!same(next[k], v)) changed.push(k);
    next[k] = v;
  }
  if (changed.includes("flow")) next.flow_obj = FLOWS.find((f) => f.pk === next.flow) ?? null;
  return { ok: true, status: 200, invitation: next, changed };
}

const prepared = createValidator({ flows: FLOWS });
const results = {
  module: opsPerSecond(() => applyPatch(INVITATION, TYPICAL)),
  modulePrepared: opsPerSecond(() => prepared.applyPatch(INVITATION, TYPICAL)),
  // Issue 8's "prepared validator with one Flow ≤ 1.05× a call without options", side by side.
  validateNoOptions: opsPerSecond(() => validatePatch(TYPICAL)),
  validatePrepared: opsPerSecond(() => prepared.validatePatch(TYPICAL)),
  validateWithFlows: opsPerSecond(() => validatePatch(TYPICAL, { flows: FLOWS })),
  moduleWithFlows: opsPerSecond(() => applyPatch(INVITATION, TYPICAL, { flows: FLOWS })),
  hand: opsPerSecond(() => handApply(INVITATION, TYPICAL)),
  structuredClone: opsPerSecond(() => ({ ok: structuredClone(INVITATION) !== null })),
};
console.log(JSON.stringify({ apply: results, sink: sink.n > 0 }));
