// The Django reference harness (tests/reference/), driven from JS: cases in, the server's answers out.
import { spawnSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { jsonDiff, parseLossless } from "./lossless.mjs";

const root = fileURLToPath(new URL("../..", import.meta.url));
const python = `${root}tests/reference/.venv/bin/python`;

function run(args, input) {
  const r = spawnSync(python, args, { cwd: root, input, encoding: "utf8", maxBuffer: 1 << 30 });
  if (r.status !== 0) throw new Error(`${args.join(" ")} failed (${r.status}): ${r.stderr.slice(-2000)}`);
  return r.stdout;
}

const lines = (text) => text.split("\n").filter(Boolean).map((l) => JSON.parse(l));

/** The seeded generator's cases (inputs only), for PATCH unless `method` is "PUT" or "POST". */
export function generatedCases(seed, count, method = "PATCH") {
  return lines(run(["tests/reference/gen_cases.py", "--seed", String(seed), "--count", String(count), "--method", method]));
}

/** Asks the real Django + DRF for each case's answer: { status, body, codes? } in case order
 * (`codes`: DRF's get_codes() of an error answer). */
export function askReference(cases) {
  const input = cases.map((c) => JSON.stringify(stripExpect(c))).join("\n") + "\n";
  const answers = lines(run(["tests/reference/harness.py"], input));
  if (answers.length !== cases.length) throw new Error(`harness answered ${answers.length} of ${cases.length}`);
  return answers.map((a, i) => {
    if (a.status === 0) throw new Error(`harness could not run case ${cases[i].id}: ${a.error}`);
    return "codes" in a ? { status: a.status, body: a.body, codes: a.codes } : { status: a.status, body: a.body };
  });
}

function stripExpect({ expect, ...rest }) {
  return rest;
}

/** The golden cases under tests/cases/, each with the reference's answer in `expect`: the PATCH
 * ones unless `methods` names others ("PUT", "POST": tests/js/methods.test.mjs). */
export function goldenCases({ methods = ["PATCH"] } = {}) {
  const dir = `${root}tests/cases/`;
  return readdirSync(dir)
    .filter((f) => f.endsWith(".json"))
    .sort()
    .flatMap((f) => JSON.parse(readFileSync(dir + f, "utf8")))
    .filter((c) => methods.includes(c.method ?? "PATCH"));
}

/** Fails unless tests/cases/ holds what the harness answers today. */
export function checkGoldenFresh() {
  run(["tests/reference/make_golden.py", "--check"]);
}

/** Whether the module judges this case at all: 415s and other charsets are the caller's. */
export function inModuleScope(c) {
  if (!("content_type" in c)) return true;
  const ct = c.content_type;
  if (ct === null) return false;
  const [type, ...params] = ct.split(";").map((p) => p.trim().toLowerCase());
  const charset = params.find((p) => p.startsWith("charset="));
  const json = ["application/json", "application/*", "*/*", "*/json"].includes(type);
  return json && (!charset || /^charset="?utf-?8"?$/.test(charset));
}

/** The body as the module gets it: the text as a string, or the raw bytes. */
export function bodyOf(c) {
  return "body_b64" in c ? new Uint8Array(Buffer.from(c.body_b64, "base64")) : c.body;
}

/** Our own 400s where the server answers 500 say so, in these words. */
export const CRASH_MARK = "authentik 2024.6 fails on such";

/**
 * Compares the module's answers to the reference's for one case; returns a list of differences.
 */
export function compare(c, answer, { validatePatch, applyPatch }) {
  const options = c.flows ? { flows: c.flows } : undefined;
  const body = bodyOf(c);
  const v = validatePatch(body, options);
  const a = applyPatch(c.invitation, body, options);
  const diffs = [];
  const expected = answer.status === 500 ? null : parseLossless(answer.body);
  if (answer.status === 200) {
    if (!a.ok) diffs.push(`applyPatch refused: ${JSON.stringify(a.errors)}`);
    else {
      const d = jsonDiff(a.invitation, expected);
      if (d) diffs.push(`applyPatch invitation ${d}`);
    }
    if (!v.ok) diffs.push(`validatePatch refused: ${JSON.stringify(v.errors)}`);
    else {
      for (const [k, val] of Object.entries(v.patch)) {
        const d = jsonDiff(val, expected[k]);
        if (d) diffs.push(`validatePatch patch.${k} ${d}`);
      }
    }
  } else if (answer.status === 400) {
    for (const [name, r] of [["validatePatch", v], ["applyPatch", a]]) {
      if (r.ok || r.status !== 400) diffs.push(`${name} accepted what the server refuses: ${answer.body}`);
      else {
        const d = jsonDiff(r.errors, expected);
        if (d) diffs.push(`${name} errors ${d}`);
      }
    }
  } else if (answer.status === 500) {
    for (const [name, r] of [["validatePatch", v], ["applyPatch", a]]) {
      const messages = r.ok ? [] : Object.values(r.errors).flat();
      if (r.ok || r.status !== 400 || !messages.every((m) => m.includes(CRASH_MARK))) {
        diffs.push(`${name} should refuse a body the server fails on (500) with our own message, got ${stringify(r)}`);
      }
    }
  } else {
    diffs.push(`reference answered ${answer.status}, outside the module's scope`);
  }
  return diffs;
}

export const stringify = (v) => JSON.stringify(v, (_k, x) => (typeof x === "bigint" ? `${x}n` : x));
