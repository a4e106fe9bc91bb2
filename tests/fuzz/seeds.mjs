// Writes the raw targets' seed corpus: every golden case body in the module's scope
// (tests/cases/*.json) and the hand-written seeds in seeds/raw/, one file each, named by content
// hash, into the directory given (default corpus/.seeds). Usage: node tests/fuzz/seeds.mjs [DIR]
import { createHash } from "node:crypto";
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { bodyOf, goldenCases, inModuleScope } from "../js/reference.mjs";

const here = fileURLToPath(new URL(".", import.meta.url));
const out = process.argv[2] ?? `${here}corpus/.seeds`;
mkdirSync(out, { recursive: true });

const bodies = [];
try {
  for (const c of goldenCases()) {
    if (!inModuleScope(c)) continue;
    const b = bodyOf(c);
    bodies.push(typeof b === "string" ? Buffer.from(b, "utf8") : Buffer.from(b));
  }
} catch (e) {
  console.error(`seeds: no golden cases read (${e.message}); using seeds/raw only`);
}
for (const f of readdirSync(`${here}seeds/raw`)) bodies.push(readFileSync(`${here}seeds/raw/${f}`));

let written = 0;
for (const b of bodies) {
  // Bodies beyond 64 KiB only slow every mutation down; the hostile-input tests cover size.
  if (b.length > 65536) continue;
  writeFileSync(`${out}/${createHash("sha1").update(b).digest("hex")}`, b);
  written++;
}
console.log(`seeds: ${written} bodies in ${out}`);
