// The edge worker as a user deploys it: www/worker/worker.js and its wrangler.toml, copied into a
// project whose node_modules holds the package (a link to pkg/), run with wrangler 3 (pinned in the
// repository's devDependencies; wrangler 4 needs Node 22). `wrangler deploy --dry-run` must bundle
// the .wasm as a module, and `wrangler dev` must answer as the gate does, in front of the reference
// harness. Neither touches the network: dry-run uploads nothing, dev runs workerd locally.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { freePort, startReference } from "./servers.mjs";

const root = fileURLToPath(new URL("../..", import.meta.url));
const wrangler = join(root, "node_modules/.bin/wrangler");
const PK = "8c1c5ab4-4ae5-4a3d-8a4b-1f7c6d5e4f3a";
const PATH = `/api/v3/stages/invitation/invitations/${PK}/`;

let dir;
let env;
before(() => {
  dir = mkdtempSync(join(tmpdir(), "gate-wrangler-"));
  for (const f of ["worker.js", "wrangler.toml"]) copyFileSync(join(root, "www/worker", f), join(dir, f));
  mkdirSync(join(dir, "node_modules"));
  symlinkSync(join(root, "pkg"), join(dir, "node_modules/authentik-invitation-patch"), "dir");
  // No metrics, no prompts, wrangler's own files in the scratch directory.
  env = { ...process.env, WRANGLER_SEND_METRICS: "false", CI: "true", XDG_CONFIG_HOME: join(dir, ".config"), NO_COLOR: "1" };
});
after(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

test("wrangler 3 deploy --dry-run bundles the worker with the .wasm as a module", { timeout: 120_000 }, () => {
  const r = spawnSync(wrangler, ["deploy", "--dry-run", "--outdir", "out"], { cwd: dir, env, encoding: "utf8", timeout: 90_000 });
  assert.equal(r.status, 0, `${r.stdout}\n${r.stderr}`);
  assert.match(r.stdout, /--dry-run: exiting now/);
  const out = readdirSync(join(dir, "out"));
  const wasm = out.filter((f) => f.endsWith(".wasm"));
  assert.equal(wasm.length, 1, `out/: ${out.join(", ")}`);
  assert.deepEqual(readFileSync(join(dir, "out", wasm[0])), readFileSync(join(root, "pkg/index_bg.wasm")), "the package's .wasm, as built");
  const bundle = readFileSync(join(dir, "out/worker.js"), "utf8");
  assert.ok(bundle.includes(`"./${wasm[0]}"`), "the bundle imports the .wasm module");
  assert.match(bundle, /createGate/);
});

/** `wrangler dev` on a free port; resolves once it answers. Ends its whole process group on stop. */
async function startDev(upstream) {
  const [port, inspector] = [await freePort(), await freePort()];
  const child = spawn(
    wrangler,
    ["dev", "--ip", "127.0.0.1", "--port", String(port), "--inspector-port", String(inspector), "--var", `UPSTREAM:${upstream}`],
    { cwd: dir, env, detached: true, stdio: ["ignore", "pipe", "pipe"] },
  );
  let output = "";
  child.stdout.on("data", (d) => (output += d));
  child.stderr.on("data", (d) => (output += d));
  const exited = new Promise((resolve) => child.once("exit", resolve));
  // Ctrl-C first, as a user stops it: wrangler then ends (and reaps) its workerd itself. Whatever
  // of its group is left after that, or after 5 s, is killed.
  const stop = async () => {
    const killGroup = () => {
      try {
        process.kill(-child.pid, "SIGKILL");
      } catch {}
    };
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGINT");
    const timer = setTimeout(killGroup, 5000);
    await exited;
    clearTimeout(timer);
    killGroup();
  };
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) break;
    try {
      await fetch(`${url}/`, { signal: AbortSignal.timeout(1000) });
      return { url, stop, output: () => output };
    } catch {
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  await stop();
  throw new Error(`wrangler dev did not answer:\n${output.slice(-3000)}`);
}

test("wrangler 3 dev answers as the gate: 400 and 415 itself, a valid body through to the server", { timeout: 120_000 }, async () => {
  const upstream = await startReference();
  let dev;
  try {
    dev = await startDev(upstream.url);
    const setup = await fetch(`${upstream.url}/__reference__/setup`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ invitation: { pk: PK, name: "welcome" }, flows: [] }),
    });
    assert.equal(setup.status, 200);
    const patch = (body, type = "application/json") =>
      fetch(dev.url + PATH, { method: "PATCH", headers: { "content-type": type }, body });
    let r = await patch('{"single_use":2}');
    assert.equal(r.status, 400);
    assert.equal(await r.text(), '{"single_use":["Must be a valid boolean."]}');
    r = await patch("{}", "text/plain");
    assert.equal(r.status, 415);
    assert.equal(await r.text(), '{"detail":"Unsupported media type \\"text/plain\\" in request."}');
    r = await fetch(dev.url + PATH, { method: "PUT", headers: { "content-type": "application/json" }, body: "{}" });
    assert.equal(await r.text(), '{"name":["This field is required."]}');
    const stats = async () => (await (await fetch(`${upstream.url}/__reference__/stats`)).json()).patch_requests;
    assert.equal(await stats(), 0, "nothing invalid reached the server");
    r = await patch('{"name":" spring-2024 ","fixed_data":{"b":1.0}}');
    assert.equal(r.status, 200);
    const body = await r.text();
    assert.match(body, /"name":"spring-2024"/);
    assert.match(body, /"fixed_data":\{"b":1\.0\}/);
    assert.equal(await stats(), 1);
  } finally {
    await dev?.stop();
    await upstream.stop();
  }
});
