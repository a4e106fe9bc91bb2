// What the differential runs (differential.mjs, wasm.mjs) share: which differences from the
// reference the README documents, and saving the others as golden cases.
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { parseLossless } from "../js/lossless.mjs";
import { bodyOf } from "../js/reference.mjs";

// The module refuses from a body 1,402 levels deep and from a flow list 401 levels deep, where the
// server still answers up to its own limits (~1,486 and 488; tests/reference/README.md).
const BODY_TOO_DEEP = /^Request body nests deeper than 1401 levels/;
const FLOW_TOO_DEEP = /^Value is a list nested deeper than 400 levels/;

/** Whether a difference is one of those: the module's own depth message where the server still
 * answers. A crash is the module's whole answer (the server would answer nothing else), so the
 * server's other fields' errors are not compared there. `mod` is pkg/. */
export function atOwnDepthLimit(c, answer, mod) {
  if (answer.status === 500) return false;
  const v = mod.validatePatch(bodyOf(c), c.flows ? { flows: c.flows } : undefined);
  if (v.ok) return false;
  if (BODY_TOO_DEEP.test(v.errors.detail ?? "")) return true;
  if (answer.status !== 400 || !FLOW_TOO_DEEP.test(v.errors.flow?.[0] ?? "")) return false;
  // The server answered that list with its ordinary message.
  return /” is not a valid UUID\.$/.test(parseLossless(answer.body).flow?.[0] ?? "");
}

// Differences found are saved as golden cases in tests/cases/fuzz-found.json (the harness's answer
// in `expect`), so that the golden tests fail on them until the module is fixed.
const found = fileURLToPath(new URL("../cases/fuzz-found.json", import.meta.url));

/** differences: [{ c: case with body_b64, a: the harness's answer, diffs: [text] }], by `source`. */
export function saveFound(differences, source) {
  const golden = existsSync(found) ? JSON.parse(readFileSync(found, "utf8")) : [];
  const ids = new Set(golden.map((g) => g.id));
  let added = 0;
  for (const { c, a, diffs } of differences) {
    if (ids.has(c.id)) continue;
    const body = Buffer.from(c.body_b64, "base64");
    const text = body.toString("utf8");
    // Readable text where the bytes are UTF-8 and round-trip; the raw bytes otherwise.
    const src = Buffer.from(text, "utf8").equals(body) ? { body: text } : { body_b64: c.body_b64 };
    golden.push({
      id: c.id,
      rule: `found by ${source}: ${diffs[0].slice(0, 200)}`,
      ...src,
      invitation: c.invitation,
      flows: c.flows,
      expect: { status: a.status, body: a.body },
    });
    ids.add(c.id);
    added++;
  }
  // One case a line, as the other files in tests/cases/.
  writeFileSync(found, "[\n" + golden.map((g) => JSON.stringify(g)).join(",\n") + "\n]\n");
  return added;
}
