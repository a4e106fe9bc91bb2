// Test runners: a user's test file, in a project that installed the packed package, run by Jest 30
// (node and jsdom environments, `require` as Jest's default CommonJS mode has it) and by Vitest
// (node and jsdom, `import`), with no configuration file and no setup file: only the runner's own
// `--env` / `--environment` flag. Each file checks it runs in the environment asked for, then
// answers the golden cases as the reference harness did.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { NAME, RUN_CASES, hostCases, hostProject, hostsDir } from "./lib.mjs";

const cases = hostCases();
let project;

const CHECK = (runner) => `
const run = ${RUN_CASES};
const expected = (c) => JSON.stringify({ status: c.expect.status, body: JSON.parse(c.expect.body) });

test("runs in the environment asked for", () => {
  expect(typeof document).toBe(process.env.AIP_ENV === "jsdom" ? "object" : "undefined");
});

test.each(cases)("%s", (_id, c) => {
  // ${runner}: compared as parsed JSON, so key order does not matter and messages must match.
  expect(JSON.parse(run(applyPatch, [c])[0])).toEqual(JSON.parse(expected(c)));
  expect(validatePatch(c.body, { flows: c.flows }).ok).toBe(c.expect.status === 200);
});
`;

before(() => {
  project = hostProject("runners");
  mkdirSync(join(project.dir, "jest"));
  mkdirSync(join(project.dir, "vitest"));
  writeFileSync(join(project.dir, "cases.json"), JSON.stringify(cases));
  // Jest's default mode: CommonJS, `require`.
  writeFileSync(
    join(project.dir, "jest", "package.spec.js"),
    `const { applyPatch, validatePatch } = require("${NAME}");
const cases = require("../cases.json").map((c) => [c.id, c]);
${CHECK("Jest")}`,
  );
  // Vitest: ES modules, `import`.
  writeFileSync(
    join(project.dir, "vitest", "package.test.mjs"),
    `import { expect, test } from "vitest";
import { applyPatch, validatePatch } from "${NAME}";
import all from "../cases.json";
const cases = all.map((c) => [c.id, c]);
${CHECK("Vitest")}`,
  );
}, { timeout: 360_000 });
after(() => project?.remove());

function runner(args, env) {
  const r = spawnSync(process.execPath, args, {
    cwd: project.dir,
    encoding: "utf8",
    timeout: 120_000,
    env: { ...process.env, AIP_ENV: env, CI: "true", NO_COLOR: "1" },
  });
  return { status: r.status, output: `${r.stdout}\n${r.stderr}` };
}

/** Runs Jest with only `--env`; returns its JSON report. */
function jest(env) {
  const report = join(project.dir, `jest-${env}.json`);
  const r = runner(
    [join(hostsDir, "node_modules", "jest", "bin", "jest.js"), "--ci", `--env=${env}`, "--json", `--outputFile=${report}`, "jest/"],
    env,
  );
  assert.equal(r.status, 0, `${r.output}\n${failures(report)}`);
  return JSON.parse(readFileSync(report, "utf8"));
}

/** Runs `vitest run` with only `--environment`; returns its JSON report. */
function vitest(env) {
  const report = join(project.dir, `vitest-${env}.json`);
  const r = runner(
    [join(hostsDir, "node_modules", "vitest", "vitest.mjs"), "run", `--environment=${env}`, "--reporter=json", `--outputFile=${report}`, "vitest/"],
    env,
  );
  assert.equal(r.status, 0, `${r.output}\n${failures(report)}`);
  return JSON.parse(readFileSync(report, "utf8"));
}

/** The failure messages of a Jest-shaped JSON report (Vitest writes the same shape). */
function failures(report) {
  try {
    const { testResults } = JSON.parse(readFileSync(report, "utf8"));
    return testResults
      .flatMap((f) => [f.message, f.failureMessage, ...f.assertionResults.flatMap((a) => a.failureMessages)])
      .filter(Boolean)
      .join("\n");
  } catch (e) {
    return `(no report: ${e.message})`;
  }
}

const expectAll = (report, where) => {
  assert.equal(report.numFailedTests, 0, where);
  assert.equal(report.numPassedTests, cases.length + 1, `${where}: every case ran`);
};

test("Jest 30, node environment: `require` works with no setup file", { timeout: 120_000 }, () => {
  expectAll(jest("node"), "jest node");
});

test("Jest 30, jsdom environment: `require` works with no setup file", { timeout: 120_000 }, () => {
  expectAll(jest("jsdom"), "jest jsdom");
});

test("Vitest, node environment: `import` works with no setup file", { timeout: 120_000 }, () => {
  expectAll(vitest("node"), "vitest node");
});

test("Vitest, jsdom environment: `import` works with no setup file", { timeout: 120_000 }, () => {
  expectAll(vitest("jsdom"), "vitest jsdom");
});
