// The READMEs are tested: every JavaScript block of README.md and pkg/README.md runs here, against
// the packed package installed as a user installs it, and what it prints must be what the README
// says it prints. An example can never rot.
//
// Conventions, for whoever adds a block:
//
// 1. A fenced block whose language is `js`, `javascript` or `mjs` is an ES module; `cjs` is a
//    CommonJS script. Every such block runs, each on its own, in a fresh process or page: a block
//    defines every name it uses, and imports the package by its name, `authentik-invitation-patch`.
//    Blocks in other languages (sh, rust, ts) are not run here.
// 2. One word after the language says where the block runs (GitHub does not show it):
//      ```js            Node (the package's Node entry)
//      ```js browser    built by Vite with no configuration, run in headless Chromium
//      ```js worker     the block is a worker's main module: bundled by esbuild with the `workerd`
//                       condition and the .wasm left as a module (as wrangler does), run in
//                       workerd; see 4.
// 3. Output: `// → VALUE` under a `console.log(...)` documents what that call prints. VALUE is a
//    JavaScript expression; it goes on over the following lines that start with `//` and two or
//    more spaces. The n-th `// →` of a block is compared, by deep equality, with the n-th call's
//    argument (with the array of its arguments when it got several). A block prints exactly as
//    many times as it has `// →` lines. Write the whole value: `…` is not an expression.
// 4. In a worker block, a pair of comment lines sends a request and documents the answer:
//      // PATCH {"name": 123}
//      // → 200 {"name": "123"}
//    The request goes to /api/v3/stages/invitation/invitations/<pk>/ with `content-type:
//    application/json`; the answer is its status and its JSON body. `env.AUTHENTIK` (and `env.UPSTREAM`, the gate's) is the origin of
//    a stand-in for authentik that answers every request it gets with 200 and, as its body, the
//    JSON it received: a `→ 200` line shows what the worker forwarded.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import { join } from "node:path";
import { deserialize } from "node:v8";
import { chromiumMissing, hostProject, launchChromium, root, serveStatic } from "./lib.mjs";
import { startWorkerd } from "../js/servers.mjs";

const READMES = ["README.md", "pkg/README.md"];
const LANGS = { js: "mjs", javascript: "mjs", mjs: "mjs", cjs: "cjs" };
const WHERE = ["node", "browser", "worker"];

/** The runnable blocks of a Markdown file: { file, line, lang, where, code, outputs, requests }. */
export function extractBlocks(file, text) {
  const blocks = [];
  const lines = text.split("\n");
  for (let i = 0; i < lines.length; i++) {
    const open = /^```(\S*)\s*(\S*)\s*$/.exec(lines[i]);
    if (!open) continue;
    const start = i;
    const body = [];
    for (i++; i < lines.length && !/^```\s*$/.test(lines[i]); i++) body.push(lines[i]);
    const [, lang, word] = open;
    if (!(lang in LANGS)) continue;
    const where = word || "node";
    if (!WHERE.includes(where)) throw new Error(`${file}:${start + 1}: unknown place \`${word}\` (one of ${WHERE.join(", ")})`);
    blocks.push({ file, line: start + 1, lang: LANGS[lang], where, code: body.join("\n"), ...documented(body) });
  }
  return blocks;
}

/** The `// →` values of a block, and in worker blocks the request line above each. */
function documented(body) {
  const outputs = [];
  const requests = [];
  const METHOD = /^\s*\/\/ (GET|POST|PUT|PATCH|DELETE) (.*)$/;
  for (let i = 0; i < body.length; i++) {
    const arrow = /^\s*\/\/ → ?(.*)$/.exec(body[i]);
    if (!arrow) continue;
    const request = i > 0 && METHOD.exec(body[i - 1]);
    if (request) requests.push({ method: request[1], body: request[2] });
    let text = arrow[1];
    // Continuation lines: `//` and at least two spaces.
    while (i + 1 < body.length && /^\s*\/\/ {2,}\S/.test(body[i + 1])) text += `\n${body[++i].replace(/^\s*\/\//, "")}`;
    outputs.push(text);
  }
  return { outputs, requests };
}

const value = (text, where) => {
  try {
    return (0, eval)(`(${text})`);
  } catch (e) {
    throw new Error(`${where}: the documented output is not a JavaScript expression (${e.message}):\n${text}`);
  }
};

function assertPrinted(block, printed) {
  const where = `${block.file}:${block.line}`;
  const got = printed.map((args) => (args.length === 1 ? args[0] : args));
  assert.equal(got.length, block.outputs.length, `${where}: printed ${got.length} times, documents ${block.outputs.length} outputs`);
  block.outputs.forEach((text, n) => {
    assert.deepStrictEqual(got[n], value(text, where), `${where}: output ${n + 1} differs from the README`);
  });
}

const blocks = READMES.flatMap((f) => extractBlocks(f, readFileSync(join(root, f), "utf8")));
const browserSkip = chromiumMissing() ?? false;
let project, browser;

before(async () => {
  project = hostProject("readme");
  if (!browserSkip && blocks.some((b) => b.where === "browser")) browser = await launchChromium();
}, { timeout: 360_000 });
after(async () => {
  await browser?.close();
  project?.remove();
});

test("the READMEs have JavaScript blocks, and each documents what it prints", () => {
  assert.ok(blocks.length >= 4, `found ${blocks.length} blocks`);
  for (const b of blocks) {
    if (b.where !== "worker") assert.ok(b.outputs.length > 0, `${b.file}:${b.line}: a block prints, and says what (// →)`);
    else assert.ok(b.requests.length > 0, `${b.file}:${b.line}: a worker block documents a request and its answer`);
  }
});

// Node: the block as a file of the scratch project; a preloaded hook records console.log's
// arguments (v8-serialized: BigInts, -0 and undefined survive) into a file.
const HOOK = `import { writeFileSync } from "node:fs";
import { serialize } from "node:v8";
const calls = [];
const log = console.log;
console.log = (...args) => { calls.push(args); log(...args); };
process.on("exit", () => writeFileSync(process.env.AIP_LOG, serialize(calls)));
`;

async function runNode(block, n) {
  const dir = join(project.dir, `node-${n}`);
  mkdirSync(dir);
  writeFileSync(join(dir, "hook.mjs"), HOOK);
  const file = `block.${block.lang}`;
  writeFileSync(join(dir, file), block.code);
  const log = join(dir, "log.bin");
  const r = spawnSync(process.execPath, ["--import", "./hook.mjs", file], {
    cwd: dir,
    encoding: "utf8",
    timeout: 30_000,
    env: { ...process.env, AIP_LOG: log },
  });
  assert.equal(r.status, 0, `${block.file}:${block.line} failed:\n${r.stderr}`);
  return deserialize(readFileSync(log));
}

// Browser: Vite builds an entry that installs the recording hook, then imports the block.
async function runBrowser(block, n) {
  const dir = join(project.dir, `browser-${n}`);
  mkdirSync(dir);
  writeFileSync(join(dir, "hook.js"), "window.__calls = [];\nconst log = console.log;\nconsole.log = (...args) => { window.__calls.push(args); log(...args); };\n");
  writeFileSync(join(dir, "block.js"), block.code);
  writeFileSync(join(dir, "main.js"), 'import "./hook.js";\nimport "./block.js";\ndocument.title = "done";\n');
  writeFileSync(
    join(dir, "index.html"),
    '<!doctype html><html><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>loading</title></head><body><script type="module" src="./main.js"></script></body></html>\n',
  );
  const { build } = await import("vite");
  await build({ root: dir, logLevel: "warn", build: { outDir: "dist" } });
  const server = await serveStatic(join(dir, "dist"));
  try {
    const page = await browser.open(`${server.origin}/`);
    await page.waitForFunction(() => document.title !== "loading" || window.__failed);
    assert.deepEqual(page.problems, [], `${block.file}:${block.line}`);
    const calls = await page.evaluate(() => window.__calls);
    await page.close();
    return calls;
  } finally {
    await server.close();
  }
}

// Worker: bundled with the "workerd" condition and the .wasm left as a module beside it (as
// wrangler does), run in workerd in front of a stand-in for authentik that echoes what it gets.
async function runWorker(block, n) {
  const dir = join(project.dir, `worker-${n}`);
  mkdirSync(dir);
  writeFileSync(join(dir, "block.js"), block.code);
  const { build } = await import("esbuild");
  await build({
    entryPoints: [join(dir, "block.js")],
    bundle: true,
    format: "esm",
    platform: "neutral",
    conditions: ["workerd", "worker"],
    mainFields: ["module", "main"],
    external: ["*.wasm"],
    outfile: join(dir, "main.js"),
    logLevel: "silent",
  });
  const src = readFileSync(join(dir, "main.js"), "utf8");
  // The .wasm modules the bundle imports, copied beside it (capnp embeds relative paths only).
  const wasm = [...src.matchAll(/from\s*"\.\/([^"/]+\.wasm)"/g)].map((m) => m[1]);
  for (const w of wasm) copyFileSync(join(project.pkgDir, w), join(dir, w));
  const upstream = createServer((req, res) => {
    const chunks = [];
    req.on("data", (c) => chunks.push(c));
    req.on("end", () => {
      res.writeHead(200, { "content-type": "application/json" }).end(Buffer.concat(chunks));
    });
  });
  await new Promise((resolve) => upstream.listen(0, "127.0.0.1", resolve));
  writeFileSync(
    join(dir, "config.capnp"),
    `using Workerd = import "/workerd/workerd.capnp";
const config :Workerd.Config = (
  services = [(name = "main", worker = .w), (name = "network", network = (allow = ["public", "private"]))],
  sockets = [(name = "http", address = "127.0.0.1:8787", http = (), service = "main")],
);
const w :Workerd.Worker = (
  modules = [
    (name = "main.js", esModule = embed "main.js"),
${wasm.map((w) => `    (name = "${w}", wasm = embed "${w}"),`).join("\n")}
  ],
  bindings = [
    (name = "AUTHENTIK", text = "http://127.0.0.1:${upstream.address().port}"),
    (name = "UPSTREAM", text = "http://127.0.0.1:${upstream.address().port}"),
  ],
  globalOutbound = "network",
  compatibilityDate = "2024-09-23",
);
`,
  );
  const answers = [];
  let workerd;
  try {
    workerd = await startWorkerd("config.capnp", { cwd: dir });
    for (const r of block.requests) {
      const res = await fetch(`${workerd.url}/api/v3/stages/invitation/invitations/8c1c5ab4-4ae5-4a3d-8a4b-1f7c6d5e4f3a/`, {
        method: r.method,
        headers: { "content-type": "application/json" },
        body: r.body,
        signal: AbortSignal.timeout(10_000),
      });
      answers.push({ status: res.status, text: await res.text() });
    }
  } finally {
    await workerd?.stop();
    await new Promise((resolve) => upstream.close(resolve) && upstream.closeAllConnections());
  }
  return answers;
}

blocks.forEach((block, n) => {
  const title = `${block.file}:${block.line} (${block.where})`;
  const skip = block.where === "browser" && browserSkip;
  test(title, { skip, timeout: 120_000 }, async () => {
    if (block.where === "node") assertPrinted(block, await runNode(block, n));
    else if (block.where === "browser") assertPrinted(block, await runBrowser(block, n));
    else {
      const answers = await runWorker(block, n);
      assert.equal(block.requests.length, block.outputs.length, `${title}: one answer per request`);
      answers.forEach((a, i) => {
        const m = /^(\d{3})\s+([^]*)$/.exec(block.outputs[i]);
        assert.ok(m, `${title}: an answer reads \`→ STATUS JSON\`: ${block.outputs[i]}`);
        assert.equal(a.status, Number(m[1]), `${title}: ${block.requests[i].body}: ${a.text}`);
        assert.deepStrictEqual(JSON.parse(a.text), value(m[2], title), `${title}: ${block.requests[i].body}`);
      });
    }
  });
});
