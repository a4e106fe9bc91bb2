// Values nested 1,400 levels (the deepest the module answers) through pkg/ with little stack: run
// by hostile.test.mjs in `node --stack-size=…`, and in its own process for the answers to expect.
// In Wasm the stack is the JS caller's, whatever is left of it, so nothing in the module may take
// stack a level: not the reading of results, nor the engine (the stored value's key order, the
// comparison with it, Python's repr of a value, a value's drop). What is left is V8's own
// JSON.stringify of a deep invitation, which the glue calls.
//   node --stack-size=200 tests/js/deep-stack.mjs sent
//   node --stack-size=600 tests/js/deep-stack.mjs stored
import { applyPatch, createInvitation, validatePatch, validatePut } from "../../pkg/node.js";

const LEVELS = 1400;
const lists = (leaf) => "[".repeat(LEVELS - 1) + leaf + "]".repeat(LEVELS - 1);
const objects = (leaf) => '{"b":'.repeat(LEVELS - 1) + leaf + "}".repeat(LEVELS - 1);
const fixed = (deep, leaf) => `{"fixed_data":{"a":${deep(leaf)}}}`;
const invitation = (fixedData) => ({
  pk: "6a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d", name: "welcome-team", expires: null, fixed_data: fixedData,
  created_by: { pk: 7 }, single_use: false, flow: null, flow_obj: null,
});
const created = { pk: "7b2c3d4e-5f60-4b7c-8d9e-0f1a2b3c4d5e", created_by: { pk: 7 } };

/** The scenarios, by the stack they need: bodies only, or a deep stored invitation too. */
export const SCENARIOS = {
  sent: () => [lists, objects].flatMap((deep) => [
    validatePatch(fixed(deep, "1")),
    validatePatch(fixed(deep, "1e400")), // built to be judged, then dropped
    validatePatch(fixed(deep, '"\\u0000"')),
    validatePut(`{"name":"x",${fixed(deep, "1").slice(1)}`),
    createInvitation(`{"name":"x",${fixed(deep, "2").slice(1)}`, created),
    applyPatch(invitation({}), fixed(deep, "123456789012345678901234567890")),
    // A flow object with a repeated key is built and printed whole, as Python's str() of it.
    validatePatch(`{"flow":{"a":1,"a":${deep("1")}}}`),
  ]),
  stored: () => [lists, objects].flatMap((deep) => {
    const stored = invitation(JSON.parse(`{"a":${deep("1")}}`));
    return ["1", "1.0", "2", '"x"'].map((leaf) => applyPatch(stored, fixed(deep, leaf))).concat(applyPatch(stored, '{"name":"next"}'));
  }),
};

/** What a result says, without its deep values: their depth and innermost item instead. */
export function digest(r) {
  const { patch, invitation: inv, ...rest } = r;
  const fixedData = (patch ?? inv)?.fixed_data;
  if (fixedData === undefined) return rest;
  let depth = 0;
  let x = fixedData;
  while (x && typeof x === "object") {
    depth++;
    x = Array.isArray(x) ? x[0] : Object.values(x)[0];
  }
  return { ...rest, fixed_data: { depth, innermost: typeof x === "bigint" ? `${x}n` : x } };
}

if (process.argv[1] === new URL(import.meta.url).pathname) {
  const which = process.argv[2];
  process.stdout.write(JSON.stringify(SCENARIOS[which]().map(digest)));
}
