// Shared by the host tests (tests/hosts/*.test.mjs): the packed package in a scratch project, a few
// golden cases with the reference harness's answers, a static server and headless Chromium.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:http";
import { tmpdir } from "node:os";
import { extname, join, normalize } from "node:path";
import { fileURLToPath } from "node:url";
import { packedProject } from "../js/packed.mjs";
import { goldenCases } from "../js/reference.mjs";

export const root = fileURLToPath(new URL("../..", import.meta.url));
export const hostsDir = fileURLToPath(new URL(".", import.meta.url));
export { NAME } from "../js/packed.mjs";

/**
 * pkg/ packed and installed into a scratch project under tests/hosts/, so that the project finds
 * the bundlers and runners of tests/hosts/node_modules as a user's project finds its own.
 */
export function hostProject(prefix) {
  if (!existsSync(join(hostsDir, "node_modules", ".package-lock.json"))) {
    throw new Error("tests/hosts/node_modules is missing: scripts/setup installs it (npm ci in tests/hosts)");
  }
  return packedProject(`scratch-${prefix}-`, hostsDir);
}

// Golden cases (tests/cases/, the reference harness's answers) that every host runs: a parse error,
// a field error of each kind, and 200s that change every field.
const IDS = [
  "body/expecting-comma-delimiter",
  "body/top-level-int",
  "body/all-fields-valid",
  "name/int-becomes-string",
  "expires/week-no-day-is-monday",
  "expires/year-1-positive-offset-overflows",
  "fixed_data/key-order-kept",
  "fixed_data/string",
  "flow/dict",
];

/** The cases each host runs: { id, body, invitation, flows, expect: { status, body } }. */
export function hostCases() {
  const all = new Map(goldenCases().map((c) => [c.id, c]));
  return IDS.map((id) => {
    const c = all.get(id);
    assert.ok(c && typeof c.body === "string", `golden case ${id} is missing`);
    return { id, body: c.body, invitation: c.invitation, flows: c.flows, expect: c.expect };
  });
}

/**
 * The source of a function a host runs: `run(applyPatch, cases)` gives, for each case, what
 * `applyPatch(invitation, body, { flows })` answered, as JSON text (BigInts would not survive
 * structured clone or JSON.stringify unnoticed: there are none in these cases).
 */
export const RUN_CASES = `(applyPatch, cases) => cases.map((c) => {
  const r = applyPatch(c.invitation, c.body, { flows: c.flows });
  return JSON.stringify(r.ok ? { status: r.status, body: r.invitation } : { status: r.status, body: r.errors });
})`;

/** Compares what a host answered (RUN_CASES's output) with the reference's answers. */
export function assertAnswers(cases, answers, where) {
  assert.equal(answers.length, cases.length, `${where}: one answer per case`);
  cases.forEach((c, i) => {
    const got = JSON.parse(answers[i]);
    assert.deepEqual(got, { status: c.expect.status, body: JSON.parse(c.expect.body) }, `${where}: ${c.id}`);
  });
}

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".wasm": "application/wasm",
  ".json": "application/json",
};

/** Serves `dir` on 127.0.0.1 (a free port). Returns { origin, requests, close }. */
export async function serveStatic(dir) {
  const requests = [];
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url, "http://x").pathname);
    requests.push(path);
    const file = normalize(join(dir, path.endsWith("/") ? `${path}index.html` : path));
    if (!file.startsWith(dir) || !existsSync(file)) {
      res.writeHead(404).end("not found");
      return;
    }
    res.writeHead(200, { "content-type": TYPES[extname(file)] ?? "application/octet-stream" });
    res.end(readFileSync(file));
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    origin: `http://127.0.0.1:${server.address().port}`,
    requests,
    // Chromium keeps its connections alive: close them, or close() waits for their timeout.
    close: () => new Promise((resolve) => server.close(resolve) && server.closeAllConnections()),
  };
}

// TOOLCHAIN.md: Debian's chromium, these flags, a fresh profile; playwright's own browsers cannot
// be downloaded here.
const FLAGS = [
  "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
  "--disable-background-networking", "--disable-component-update", "--disable-sync",
];

export function findChromium() {
  const candidates = [process.env.CHROMIUM_PATH, "/usr/bin/chromium", "/usr/bin/chromium-browser"];
  try {
    candidates.push(execFileSync("sh", ["-c", "command -v chromium"], { encoding: "utf8" }).trim());
  } catch {}
  return candidates.find((p) => p && existsSync(p));
}

/** Why Chromium tests cannot run here, or null. Under CI they must run: a missing browser fails. */
export function chromiumMissing() {
  if (findChromium()) return null;
  const why = "Chromium is not installed (scripts/setup installs Debian's `chromium`; or set CHROMIUM_PATH)";
  if (process.env.CI) throw new Error(`${why}: under CI the browser tests must run`);
  return why;
}

/**
 * Headless Chromium with a fresh profile. Returns { context, open(url), close }; `open` gives a
 * page whose console errors, page errors, failed requests and requests off 127.0.0.1 are collected
 * in `page.problems`.
 */
export async function launchChromium() {
  const { chromium } = await import("playwright-core");
  const profile = mkdtempSync(join(tmpdir(), "hosts-chromium-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: findChromium(),
    headless: true,
    args: FLAGS,
    viewport: { width: 1280, height: 800 },
    timeout: 30_000,
  });
  context.setDefaultTimeout(15_000);
  const problems = [];
  await context.route(
    (url) => url.hostname !== "127.0.0.1" && url.protocol !== "data:",
    (route) => {
      problems.push(`request off 127.0.0.1: ${route.request().url()}`);
      return route.abort();
    },
  );
  return {
    context,
    async open(url) {
      const page = await context.newPage();
      page.problems = problems.splice(0);
      page.on("console", (m) => m.type() === "error" && page.problems.push(`console error: ${m.text()}`));
      page.on("pageerror", (e) => page.problems.push(`page error: ${e.message}`));
      page.on("requestfailed", (r) => page.problems.push(`request failed: ${r.url()} ${r.failure()?.errorText}`));
      page.on("response", (r) => r.status() >= 400 && page.problems.push(`HTTP ${r.status()}: ${r.url()}`));
      await page.goto(url);
      return page;
    },
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
