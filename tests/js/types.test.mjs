// The TypeScript declarations as users get them: tests/js/types/usage.ts (ESM) and usage.cts
// (CommonJS) are compiled with `tsc --strict --noEmit` in a project that installed the packed
// package, with Node's resolution (node16) and with bundlers' (bundler).
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { copyFileSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { packedProject } from "./packed.mjs";

const root = fileURLToPath(new URL("../..", import.meta.url));
const tsc = `${root}node_modules/.bin/tsc`;

// forms.ts always; fake.ts once the package declares what the fake needs (createInvitation, applyPut).
const ESM = ["usage.ts", "forms.ts"];
if (/\bcreateInvitation\b/.test(readFileSync(`${root}pkg/index.d.ts`, "utf8"))) ESM.push("fake.ts");

let project;
before(() => {
  project = packedProject("aip-types-");
  const manifest = JSON.parse(readFileSync(join(project.dir, "package.json"), "utf8"));
  writeFileSync(join(project.dir, "package.json"), JSON.stringify({ ...manifest, type: "module" }));
  for (const f of ["usage.ts", "usage.cts", "forms.ts", "fake.ts"]) copyFileSync(`${root}tests/js/types/${f}`, join(project.dir, f));
}, { timeout: 360_000 });
after(() => project?.remove());

function compile(name, compilerOptions, files) {
  const config = join(project.dir, `tsconfig.${name}.json`);
  // `types: []`: only the package's declarations (and TypeScript's own lib), nothing else found lying around.
  const base = { target: "es2022", strict: true, noEmit: true, skipLibCheck: false, types: [] };
  writeFileSync(config, JSON.stringify({ compilerOptions: { ...base, ...compilerOptions }, files }));
  const r = spawnSync(tsc, ["-p", config, "--strict", "--noEmit", "--pretty", "false"], {
    cwd: project.dir,
    encoding: "utf8",
    timeout: 120_000,
  });
  return { status: r.status, output: `${r.stdout}${r.stderr}` };
}

test("usage.ts and usage.cts compile under --strict with Node's resolution (node16)", { timeout: 120_000 }, () => {
  const r = compile("node16", { module: "node16", moduleResolution: "node16" }, [...ESM, "usage.cts"]);
  assert.equal(r.status, 0, r.output);
});

test("usage.ts compiles under --strict with bundlers' resolution", { timeout: 120_000 }, () => {
  const r = compile("bundler", { module: "esnext", moduleResolution: "bundler" }, ESM);
  assert.equal(r.status, 0, r.output);
});

test("a misuse fails to compile, naming the declaration it breaks", { timeout: 120_000 }, () => {
  writeFileSync(
    join(project.dir, "misuse.ts"),
    `import { validatePatch } from "authentik-invitation-patch";
     const r = validatePatch("{}");
     const name: string | undefined = r.patch.name;\n`,
  );
  const r = compile("misuse", { module: "node16", moduleResolution: "node16" }, ["misuse.ts"]);
  assert.notEqual(r.status, 0);
  assert.match(r.output, /misuse\.ts\(3,[^]*Property 'patch' does not exist on type 'PatchRejected'/);
});
