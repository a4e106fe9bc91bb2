// Browsers through bundlers: a tiny page importing the packed package as a user's app does
// (`import init, { applyPatch } from "authentik-invitation-patch"; await init()`), built by Vite,
// webpack 5, Rollup and esbuild with no configuration beyond the line pkg/README.md documents for
// each ("Bundlers"), served on 127.0.0.1 and run in headless Chromium. Each page must fetch the
// .wasm its bundler emitted, answer the golden cases as the reference harness did, and log no error.
// Vite's dev server runs the same page unbundled, and esbuild bundles a Node script.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { copyFileSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import {
  NAME,
  RUN_CASES,
  assertAnswers,
  chromiumMissing,
  hostCases,
  hostProject,
  launchChromium,
  serveStatic,
} from "./lib.mjs";

const skip = chromiumMissing() ?? false;
const cases = hostCases();
let project, browser;

// The app: what pkg/README.md's browser snippet does. `early` is what a call before init() does.
const APP = `import init, { applyPatch, validatePatch } from "${NAME}";

let early;
try {
  validatePatch("{}");
  early = "returned";
} catch (e) {
  early = e instanceof Error ? (e.message.includes("init()") ? "Error saying to call init()" : "Error: " + e.message) : typeof e;
}
init().then(
  () => {
    window.host = { early, applyPatch };
    document.title = "ready";
  },
  (e) => {
    document.title = "init failed: " + e;
  },
);
`;
const html = (script) =>
  `<!doctype html><html><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>loading</title></head>` +
  `<body><script type="module" src="${script}"></script></body></html>\n`;

before(async () => {
  project = hostProject("bundlers");
  mkdirSync(join(project.dir, "src"));
  writeFileSync(join(project.dir, "src", "index.js"), APP);
  writeFileSync(join(project.dir, "index.html"), html("/src/index.js")); // Vite's entry
  if (!skip) browser = await launchChromium();
}, { timeout: 360_000 });
after(async () => {
  await browser?.close();
  project?.remove();
});

/** Serves `dir`, runs the page in Chromium, checks its answers and that it fetched one .wasm. */
async function runPage(dir, where) {
  const server = await serveStatic(dir);
  try {
    const page = await browser.open(`${server.origin}/`);
    await page.waitForFunction(() => document.title !== "loading");
    assert.equal(await page.title(), "ready", `${where}: ${page.problems.join("\n")}`);
    const host = await page.evaluate(() => ({ early: window.host.early }));
    // Before init() the call throws an Error that says to call init() first.
    assert.equal(host.early, "Error saying to call init()", `${where}: a call before init() must say what to do`);
    const answers = await page.evaluate(({ src, cases }) => (0, eval)(src)(window.host.applyPatch, cases), {
      src: RUN_CASES,
      cases,
    });
    assertAnswers(cases, answers, where);
    assert.deepEqual(page.problems, [], where);
    assert.equal(server.requests.filter((p) => p.endsWith(".wasm")).length, 1, `${where}: fetched ${server.requests}`);
    await page.close();
  } finally {
    await server.close();
  }
}

/** An index.html loading the bundle, for the bundlers that do not write one. */
function writeHtml(dir, script) {
  writeFileSync(join(dir, "index.html"), html(script));
}

test("Vite: `vite build`, no configuration", { skip, timeout: 120_000 }, async () => {
  const { build } = await import("vite");
  await build({ root: project.dir, logLevel: "warn", build: { outDir: "dist-vite" } });
  await runPage(join(project.dir, "dist-vite"), "vite build");
});

test("Vite: the dev server, no configuration", { skip, timeout: 120_000 }, async () => {
  const { createServer } = await import("vite");
  const server = await createServer({
    root: project.dir,
    logLevel: "warn",
    server: { host: "127.0.0.1", port: 0, strictPort: false, hmr: false },
  });
  await server.listen();
  try {
    const page = await browser.open(server.resolvedUrls.local[0]);
    await page.waitForFunction(() => document.title !== "loading");
    assert.equal(await page.title(), "ready", page.problems.join("\n"));
    const answers = await page.evaluate(({ src, cases }) => (0, eval)(src)(window.host.applyPatch, cases), {
      src: RUN_CASES,
      cases,
    });
    assertAnswers(cases, answers, "vite dev");
    assert.deepEqual(page.problems, []);
    await page.close();
  } finally {
    await server.close();
  }
});

test("webpack 5: webpack's defaults (src/index.js -> dist/main.js), no configuration", { skip, timeout: 120_000 }, async () => {
  const { default: webpack } = await import("webpack");
  const out = join(project.dir, "dist-webpack");
  const stats = await new Promise((resolve, reject) =>
    webpack({ mode: "production", context: project.dir, output: { path: out } }, (e, s) => (e ? reject(e) : resolve(s))),
  );
  assert.equal(stats.hasErrors() || stats.hasWarnings(), false, stats.toString({ all: false, errors: true, warnings: true }));
  writeHtml(out, "main.js");
  await runPage(out, "webpack");
});

test("Rollup: node-resolve plus the documented line, importMetaAssets()", { skip, timeout: 120_000 }, async () => {
  const { rollup } = await import("rollup");
  const { nodeResolve } = await import("@rollup/plugin-node-resolve");
  const { importMetaAssets } = await import("@web/rollup-plugin-import-meta-assets");
  const warnings = [];
  const bundle = await rollup({
    input: join(project.dir, "src", "index.js"),
    // nodeResolve: any npm package needs it in Rollup. importMetaAssets(): the documented line.
    plugins: [nodeResolve({ browser: true }), importMetaAssets()],
    onwarn: (w) => warnings.push(w.message),
  });
  const out = join(project.dir, "dist-rollup");
  await bundle.write({ dir: out, format: "es" });
  await bundle.close();
  assert.deepEqual(warnings, []);
  writeHtml(out, "index.js");
  await runPage(out, "rollup");
});

test("esbuild: --bundle --format=esm plus the documented line, the .wasm copied beside the bundle", { skip, timeout: 120_000 }, async () => {
  const { build } = await import("esbuild");
  const out = join(project.dir, "dist-esbuild");
  const r = await build({
    entryPoints: [join(project.dir, "src", "index.js")],
    bundle: true,
    format: "esm",
    outdir: out,
    logLevel: "silent",
  });
  assert.deepEqual([...r.errors, ...r.warnings], []);
  // The documented line: `cp node_modules/authentik-invitation-patch/index_bg.wasm dist/`.
  copyFileSync(join(project.pkgDir, "index_bg.wasm"), join(out, "index_bg.wasm"));
  writeHtml(out, "index.js");
  await runPage(out, "esbuild");
});

for (const format of ["cjs", "esm"]) {
  test(`esbuild for Node: --bundle --platform=node --format=${format} plus the same \`cp\``, { timeout: 60_000 }, async () => {
    const { build } = await import("esbuild");
    const { execFileSync } = await import("node:child_process");
    const out = join(project.dir, `dist-esbuild-node-${format}`);
    writeFileSync(
      join(project.dir, "src", "node-app.mjs"),
      `import { applyPatch } from "${NAME}";\nconst cases = JSON.parse(process.argv[2]);\nconsole.log(JSON.stringify((${RUN_CASES})(applyPatch, cases)));\n`,
    );
    // CommonJS output (esbuild's default for --platform=node) and ES module output: the Node entry
    // takes Node's built-ins from process.getBuiltinModule, which either output keeps as it is.
    const r = await build({
      entryPoints: [join(project.dir, "src", "node-app.mjs")],
      bundle: true,
      platform: "node",
      format,
      outExtension: { ".js": format === "esm" ? ".mjs" : ".js" },
      outdir: out,
      logLevel: "silent",
    });
    assert.deepEqual([...r.errors, ...r.warnings], []);
    copyFileSync(join(project.pkgDir, "index_bg.wasm"), join(out, "index_bg.wasm"));
    const answers = JSON.parse(
      execFileSync(process.execPath, [join(out, `node-app.${format === "esm" ? "mjs" : "js"}`), JSON.stringify(cases)], { encoding: "utf8", timeout: 30_000 }),
    );
    assertAnswers(cases, answers, `esbuild --platform=node --format=${format}`);
  });
}
