// The glue writes a text body into Wasm memory with one byte of room a character first (all an
// ASCII text needs), then room for what did not fit (src/index.js, `append`). Whatever the text,
// the module must read the same bytes as from the body's own UTF-8 given as a Uint8Array, which
// takes another path (a copy, no encoding): the two answers are compared, for texts whose first
// multi-byte character falls at the start, in the middle, at the end, as a surrogate pair across
// the one-byte room's end, and as a lone surrogate; and for an invitation (applyPatch's text after
// the body) that does the same. The checks run in a child process with a time limit: a loop that
// never gets past such a character hangs, which no in-process timeout can interrupt.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

const CHECKS = String.raw`
import assert from "node:assert/strict";
import { applyPatch, validatePatch } from "./pkg/node.js";

const utf8 = (s) => new TextEncoder().encode(s);
const long = "a".repeat(70_000);
const names = ["é", "😀", "\ud800", long + "é", "é" + long, long + "😀" + long, "a😀", "é".repeat(40_000) + "x", "x\u2028y"];
const bodies = [
  "é", "😀", "\ud800", "{}", '"é"',
  ...names.map((name) => JSON.stringify({ name })),
  ...names.map((name) => JSON.stringify({ fixed_data: { [name]: name } })),
  ...names.map((name) => JSON.stringify({ flow: [name] })),
];
for (const body of bodies) assert.deepEqual(validatePatch(body), validatePatch(utf8(body)), body.slice(0, 40));

const invitation = (name) => ({
  pk: "6a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d", name: "x", expires: null, fixed_data: { note: name },
  created_by: { pk: 1 }, single_use: false, flow: null, flow_obj: null,
});
for (const name of names) {
  for (const body of ["{}", '{"single_use":"yes"}', '{"fixed_data":{"é":"😀"}}', JSON.stringify({ fixed_data: { a: long + "é" } })]) {
    const got = applyPatch(invitation(name), body);
    assert.equal(got.ok, true, name.slice(0, 20) + " / " + body.slice(0, 20));
    if (!body.includes("fixed_data")) assert.deepEqual(got.invitation.fixed_data, { note: name });
    assert.deepEqual(got, applyPatch(invitation(name), utf8(body)));
  }
}
console.log("checked", bodies.length, "bodies and", names.length * 4, "invitations");
`;

test("a text body, and applyPatch's invitation after it, are read as their UTF-8 bytes", () => {
  const root = fileURLToPath(new URL("../..", import.meta.url));
  const run = spawnSync(process.execPath, ["--input-type=module", "-e", CHECKS], { cwd: root, encoding: "utf8", timeout: 60_000 });
  assert.equal(run.signal, null, "the checks did not finish within 60 s: a write loop that never ends?");
  assert.equal(run.status, 0, run.stderr);
  assert.match(run.stdout, /^checked 32 bodies and 36 invitations/);
});
