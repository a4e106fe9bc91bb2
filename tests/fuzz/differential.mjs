// Differential fuzzing: the fuzzers' corpus entries that reach new paths, through the Django
// reference harness and through the built pkg/; any difference becomes a golden case.
//
//   node tests/fuzz/differential.mjs [TARGET...]        (make fuzz-diff; default: all three targets)
//
// 1. For each target, libFuzzer's merge (-merge=1) keeps the corpus entries that add coverage: the
//    ones reaching paths no other entry reaches. The corpus itself is left as it is.
// 2. Entries already compared on an earlier run (their body's SHA-1 is in
//    tests/fuzz/differential/compared.txt) are skipped, across targets too.
// 3. Each body (near_valid's decoded by the `bodies` binary) becomes a case with the fuzz targets'
//    invitation and flows, and goes through tests/reference/harness.py and through pkg/, compared
//    as tests/js/parity.test.mjs compares (tests/js/reference.mjs `compare`).
// 4. Each difference is added to tests/cases/fuzz-found.json as a golden case (same format as the
//    other files there, the harness's answer in `expect`) and the script exits 1. The golden tests
//    then fail on it until the module is fixed.
// Needs: nightly + cargo-fuzz (the merge), tests/reference/.venv (bash tests/reference/setup.sh),
// and a built pkg/ (make pkg).
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { appendFileSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { applyPatch, validatePatch } from "../../pkg/node.js";
import { compare, stringify } from "../js/reference.mjs";
import { atOwnDepthLimit, saveFound } from "./found.mjs";

const root = fileURLToPath(new URL("../..", import.meta.url));
const fuzz = `${root}tests/fuzz/`;
const targets = process.argv.slice(2).length ? process.argv.slice(2) : ["validate_raw", "apply_raw", "near_valid"];
const python = `${root}tests/reference/.venv/bin/python`;
const state = `${fuzz}differential/`;
const compared = `${state}compared.txt`;

function run(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { cwd: root, encoding: "utf8", maxBuffer: 1 << 30, ...opts });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(" ")} failed (${r.status}):\n${(r.stderr ?? "").slice(-3000)}`);
  return r.stdout;
}

if (!existsSync(python)) {
  console.error("differential: the reference harness is not set up: bash tests/reference/setup.sh");
  process.exit(2);
}
mkdirSync(state, { recursive: true });
const seen = new Set(existsSync(compared) ? readFileSync(compared, "utf8").split("\n").filter(Boolean) : []);

run("cargo", ["build", "--quiet", "--release", "--manifest-path", `${fuzz}Cargo.toml`, "--bin", "bodies"]);
const bodiesBin = `${fuzz}target/release/bodies`;

const cases = [];
for (const target of targets) {
  const corpus = `${fuzz}corpus/${target}`;
  if (!existsSync(corpus) || readdirSync(corpus).length === 0) {
    console.log(`differential: ${target}: no corpus yet (run make fuzz first)`);
    continue;
  }
  // The entries that reach new paths: libFuzzer's merge into an empty directory, from a snapshot
  // (a fuzzer running meanwhile deletes the entries it reduces).
  const merged = mkdtempSync(`${state}merge-${target}-`);
  const snapshot = mkdtempSync(`${state}snapshot-${target}-`);
  try {
    for (const f of readdirSync(corpus)) {
      try {
        copyFileSync(`${corpus}/${f}`, `${snapshot}/${f}`);
      } catch (e) {
        if (e.code !== "ENOENT") throw e; // reduced away meanwhile
      }
    }
    run("cargo", ["+nightly", "fuzz", "run", "--fuzz-dir", "tests/fuzz", "-a", target, merged, snapshot, "--", "-merge=1"], { stdio: ["ignore", "ignore", "pipe"] });
    const files = readdirSync(merged).map((f) => `${merged}/${f}`);
    let fresh = 0;
    for (let i = 0; i < files.length; i += 500) {
      for (const line of run(bodiesBin, [target, ...files.slice(i, i + 500)]).split("\n").filter(Boolean)) {
        const c = JSON.parse(line);
        const hash = createHash("sha1").update(Buffer.from(c.body_b64, "base64")).digest("hex");
        if (seen.has(hash)) continue;
        seen.add(hash);
        c.id = `fuzz/${target}/${hash.slice(0, 16)}`;
        c.hash = hash;
        cases.push(c);
        fresh++;
      }
    }
    console.log(`differential: ${target}: ${files.length} entries reach new paths, ${fresh} not compared before`);
  } finally {
    rmSync(merged, { recursive: true, force: true });
    rmSync(snapshot, { recursive: true, force: true });
  }
}

// The harness, in chunks; a case it cannot run (status 0) is reported, not compared.
const answers = [];
for (let i = 0; i < cases.length; i += 2000) {
  const chunk = cases.slice(i, i + 2000);
  const input = chunk.map(({ hash, ...c }) => JSON.stringify(c)).join("\n") + "\n";
  const lines = run(python, ["tests/reference/harness.py"], { input }).split("\n").filter(Boolean);
  if (lines.length !== chunk.length) throw new Error(`harness answered ${lines.length} of ${chunk.length}`);
  answers.push(...lines.map((l) => JSON.parse(l)));
}

const mod = { validatePatch, applyPatch };
const differences = [];
let unrunnable = 0;
// SPEC Part A: bodies nesting deeper than 1,401 levels, and flow lists deeper than 400, get the
// module's own 400 where the server still answers up to its own limits (README). Those are
// counted, not saved.
let deep = 0;
cases.forEach((c, i) => {
  const a = answers[i];
  if (a.status === 0) {
    unrunnable++;
    console.log(`differential: the harness could not run ${c.id}: ${a.error}`);
    return;
  }
  let diffs;
  try {
    diffs = compare(c, a, mod);
  } catch (e) {
    diffs = [`the module threw: ${e}`];
  }
  if (diffs.length && atOwnDepthLimit(c, a, mod)) {
    deep++;
    return;
  }
  if (diffs.length) differences.push({ c, a, diffs });
});

// Only cases that answered the same are remembered as compared: a difference is checked again.
const same = new Set(differences.map((d) => d.c.hash));
const done = cases.filter((c, i) => answers[i].status !== 0 && !same.has(c.hash)).map((c) => c.hash);
if (done.length) appendFileSync(compared, done.join("\n") + "\n");

console.log(`differential: ${cases.length} bodies compared, ${differences.length} differences, ${unrunnable} not runnable, ${deep} at the module's own depth limits (its own 400, SPEC Part A)`);
if (differences.length === 0) process.exit(0);

for (const { c, a, diffs } of differences) {
  console.log(`\n${c.id}\n  body: ${stringify(Buffer.from(c.body_b64, "base64").toString("latin1")).slice(0, 500)}\n  server: ${a.status} ${a.body.slice(0, 500)}\n  ${diffs.join("\n  ").slice(0, 2000)}`);
}
saveFound(differences, "differential fuzzing (tests/fuzz/differential.mjs)");
console.log(`\ndifferential: FAILED, ${differences.length} differences saved in tests/cases/fuzz-found.json`);
process.exit(1);
