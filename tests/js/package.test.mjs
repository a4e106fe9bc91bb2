// The npm package as users get it: pkg/ packed with `npm pack`, installed from the tarball into a
// scratch project, and each entry point used there the way its users use it: Node ESM (ready on
// import), CommonJS `require`, the web entry with initSync / init, and the worker entry in workerd.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { NAME, packedProject } from "./packed.mjs";
import { startWorkerd } from "./servers.mjs";

let project;
before(() => {
  project = packedProject();
}, { timeout: 360_000 });
after(() => project?.remove());

const INVITATION = {
  pk: "8c1c5ab4-4ae5-4a3d-8a4b-1f7c6d5e4f3a",
  name: "welcome",
  expires: null,
  fixed_data: {},
  created_by: { pk: 1, username: "akadmin" },
  single_use: false,
  flow: null,
  flow_obj: null,
};

// The same calls through every entry; the answers are compared to these.
const CALLS = `
  const invitation = ${JSON.stringify(INVITATION)};
  const big = validatePatch('{"fixed_data":{"n":123456789012345678901234567890}}');
  const results = {
    trimmed: validatePatch('{"name":"  spring-2024  ","zz":1}'),
    tooLong: validatePatch({ name: "x".repeat(51) }),
    bytes: validatePatch(new TextEncoder().encode('{"name":"\\u00e9"}')),
    applied: applyPatch(invitation, '{"single_use":"yes","expires":"2024-07-29T17:51:28+02:00"}'),
    bigint: typeof big.patch.fixed_data.n + " " + big.patch.fixed_data.n,
  };
`;

const EXPECTED = {
  trimmed: { ok: true, patch: { name: "spring-2024" }, ignored: ["zz"] },
  tooLong: { ok: false, status: 400, errors: { name: ["Ensure this field has no more than 50 characters."] }, codes: { name: ["max_length"] } },
  bytes: {
    ok: false,
    status: 400,
    errors: { name: ['Enter a valid "slug" consisting of letters, numbers, underscores or hyphens.'] },
    codes: { name: ["invalid"] },
  },
  applied: {
    ok: true,
    status: 200,
    invitation: { ...INVITATION, expires: "2024-07-29T15:51:28Z", single_use: true },
    changed: ["expires", "single_use"],
  },
  bigint: "bigint 123456789012345678901234567890",
};

/** Runs a file of the scratch project with Node; returns what it printed as JSON. */
function run(file, source, nodeArgs = []) {
  writeFileSync(join(project.dir, file), source);
  const out = execFileSync(process.execPath, [...nodeArgs, file], { cwd: project.dir, encoding: "utf8", timeout: 30_000 });
  return JSON.parse(out);
}

test("the tarball holds the entries, the glue, one .wasm, the types and the docs, and nothing else", { timeout: 60_000 }, () => {
  assert.deepEqual(project.files, [
    "CHANGELOG.md",
    "FORMS.md",
    "LICENSE",
    "README.md",
    "all-locales/index.d.ts",
    "all-locales/node.js",
    "all-locales/web.js",
    "all-locales/worker.js",
    "all-locales_bg.wasm",
    "fake.d.ts",
    "fake.js",
    "forms.d.ts",
    "forms.js",
    "gate.d.ts",
    "gate.js",
    "index.cjs",
    "index.d.cts",
    "index.d.ts",
    "index.js",
    "index_bg.wasm",
    "node.js",
    "package.json",
    "worker.js",
  ]);
  const manifest = JSON.parse(readFileSync(join(project.pkgDir, "package.json"), "utf8"));
  // Every target of the exports map is in the tarball, and `types` comes first wherever it appears
  // (TypeScript takes the first condition that matches).
  const targets = [];
  const walk = (node, path) => {
    if (typeof node === "string") return targets.push([path, node]);
    const keys = Object.keys(node);
    if (keys.includes("types")) assert.equal(keys[0], "types", `${path}: "types" must come first`);
    for (const k of keys) walk(node[k], `${path}.${k}`);
  };
  walk(manifest.exports, "exports");
  for (const field of ["main", "module", "types"]) targets.push([field, manifest[field]]);
  for (const [path, target] of targets) {
    assert.ok(project.files.includes(target.replace(/^\.\//, "")), `${path} -> ${target} is not in the tarball`);
  }
  // Each condition of ".": a leaf with types, so no resolver falls through to the wrong types.
  assert.deepEqual(Object.keys(manifest.exports["."]), ["workerd", "browser", "node", "default"]);
});

test("Node ESM: `import { validatePatch, applyPatch }` works on import, no init call", { timeout: 60_000 }, () => {
  const out = run(
    "esm.mjs",
    `import { validatePatch, applyPatch } from "${NAME}";
     ${CALLS}
     const where = import.meta.resolve("${NAME}");
     console.log(JSON.stringify({ where, results }));`,
  );
  assert.match(out.where, new RegExp(`/node_modules/${NAME}/node\\.js$`));
  assert.deepEqual(out.results, EXPECTED);
});

test("every entry exports the glue's names: node.js and all-locales/node.js list them by hand", { timeout: 60_000 }, () => {
  const out = run(
    "names.mjs",
    `import { createRequire } from "node:module";
     const names = async (spec) => Object.keys(await import(spec)).sort();
     const cjs = Object.keys(createRequire(import.meta.url)("${NAME}")).sort();
     console.log(JSON.stringify({
       cjs,
       node: await names("${NAME}"),
       web: await names("${NAME}/web"),
       allLocales: await names("${NAME}/all-locales"),
     }));`,
  );
  assert.ok(out.cjs.includes("validatePatch") && out.cjs.includes("default"), out.cjs.join());
  assert.deepEqual(out.node, out.cjs);
  assert.deepEqual(out.allLocales, out.cjs);
  // The web entry adds its async loader (the default export is `init` there).
  assert.deepEqual(out.web.filter((n) => n !== "init"), out.cjs);
});

test("CommonJS: `require` works, ready on require, from the CommonJS build", { timeout: 60_000 }, () => {
  const out = run(
    "cjs.cjs",
    `const { validatePatch, applyPatch } = require("${NAME}");
     ${CALLS}
     console.log(JSON.stringify({ where: require.resolve("${NAME}"), results }));`,
  );
  assert.match(out.where, new RegExp(`/node_modules/${NAME}/index\\.cjs$`));
  assert.deepEqual(out.results, EXPECTED);
});

test("web entry: nothing runs before init; initSync({ module: bytes }) and await init({ module_or_path })", { timeout: 60_000 }, () => {
  const sync = run(
    "web-sync.mjs",
    `import { readFileSync } from "node:fs";
     import { fileURLToPath } from "node:url";
     import { initSync, validatePatch, applyPatch } from "${NAME}/web";
     let early;
     try { validatePatch("{}"); early = "ran"; } catch (e) { early = "threw"; }
     const wasm = readFileSync(fileURLToPath(import.meta.resolve("${NAME}/index_bg.wasm")));
     initSync({ module: wasm });
     ${CALLS}
     console.log(JSON.stringify({ early, results }));`,
  );
  assert.equal(sync.early, "threw", "the web entry must not instantiate on import");
  assert.deepEqual(sync.results, EXPECTED);

  const async = run(
    "web-async.mjs",
    `import { readFileSync } from "node:fs";
     import { fileURLToPath } from "node:url";
     import init, { validatePatch, applyPatch } from "${NAME}/web";
     const wasm = readFileSync(fileURLToPath(import.meta.resolve("${NAME}/index_bg.wasm")));
     await init({ module_or_path: await WebAssembly.compile(wasm) });
     ${CALLS}
     console.log(JSON.stringify({ results }));`,
  );
  assert.deepEqual(async.results, EXPECTED);
});

test("conditions: browsers and bundlers get the web entry, workerd the worker entry", { timeout: 60_000 }, () => {
  const resolve = (conditions) =>
    run("resolve.mjs", `console.log(JSON.stringify(import.meta.resolve("${NAME}")));`, [`--conditions=${conditions}`]);
  assert.match(resolve("browser"), new RegExp(`/${NAME}/index\\.js$`));
  assert.match(resolve("workerd"), new RegExp(`/${NAME}/worker\\.js$`));
});

test("worker entry in workerd: the .wasm imported as a module, initSync({ module: wasm })", { timeout: 60_000 }, async () => {
  // The modules a bundler would resolve with the "workerd" condition, named so that the entry's
  // relative imports (./index.js, ./index_bg.wasm) find their files.
  const entry = run(
    "resolve-workerd.mjs",
    `import { fileURLToPath } from "node:url";
     console.log(JSON.stringify(fileURLToPath(import.meta.resolve("${NAME}"))));`,
    ["--conditions=workerd"],
  );
  const rel = (p) => relative(project.dir, p);
  writeFileSync(
    join(project.dir, "main.js"),
    `import { validatePatch, applyPatch } from "${NAME}";
     export default {
       async fetch(request) {
         ${CALLS}
         results.raw = validatePatch(new Uint8Array(await request.arrayBuffer()));
         return Response.json(results);
       },
     };`,
  );
  writeFileSync(
    join(project.dir, "config.capnp"),
    `using Workerd = import "/workerd/workerd.capnp";
     const config :Workerd.Config = (
       services = [(name = "main", worker = .w)],
       sockets = [(name = "http", address = "127.0.0.1:8787", http = (), service = "main")],
     );
     const w :Workerd.Worker = (
       modules = [
         (name = "main.js", esModule = embed "main.js"),
         (name = "${NAME}", esModule = embed "${rel(entry)}"),
         (name = "index.js", esModule = embed "${rel(join(project.pkgDir, "index.js"))}"),
         (name = "index_bg.wasm", wasm = embed "${rel(join(project.pkgDir, "index_bg.wasm"))}"),
       ],
       compatibilityDate = "2024-09-23",
     );`,
  );
  const workerd = await startWorkerd("config.capnp", { cwd: project.dir });
  try {
    const res = await fetch(workerd.url, { method: "POST", body: '{"name":"x\\u0000"}', signal: AbortSignal.timeout(10_000) });
    assert.equal(res.status, 200, workerd.output());
    const { raw, ...results } = await res.json();
    assert.deepEqual(results, EXPECTED);
    assert.deepEqual(raw, {
      ok: false,
      status: 400,
      errors: {
        name: ["Null characters are not allowed.", 'Enter a valid "slug" consisting of letters, numbers, underscores or hyphens.'],
      },
      codes: { name: ["null_characters_not_allowed", "invalid"] },
    });
  } finally {
    await workerd.stop();
  }
});
