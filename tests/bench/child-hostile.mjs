// Hostile bodies (issue 9): how long each takes, against JSON.parse of the same text, and the memory
// a call takes. `node --expose-gc child-hostile.mjs` prints one JSON line; it runs each (body,
// function) in a process of its own (`child-hostile.mjs one <MiB> <body> <validate|apply>`), so that
// the process's peak RSS and the Wasm memory (which never shrinks: its size after the first call is
// that call's high-water mark on a fresh instance) are that call's alone; then a 10 MiB body of each
// kind through workerd (tests/bench/workerd/), reporting the workerd process's peak RSS.
// Sizes: 1 MiB and 10 MiB; both functions, applyPatch also with a 1 MiB stored invitation.
import { spawn, spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

const MB = 2 ** 20;
const fill = (unit, size) => unit.repeat(Math.floor(size / unit.length));
const INVITATION = { pk: "6f1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d", name: "x", expires: null, fixed_data: {}, created_by: { pk: 1 }, single_use: false, flow: null, flow_obj: null };

/** The patterns issue 9 names, and others of ours. */
export function bodies(size) {
  return {
    "250k floats": `{"fixed_data":{"a":[${fill("1.5e300,", size)}1]}}`,
    "a BigInt then 0, × n": `{"fixed_data":{"a":[123456789012345678901234567890,${fill("0,", size)}0]}}`,
    "lists 1,397 deep, repeated": `{"fixed_data":{"a":[${fill("[".repeat(1397) + "]".repeat(1397) + ",", size)}0]}}`,
    "big ints 1,000 deep": `{"fixed_data":{"a":${"[".repeat(1000)}${fill("12345678901234567890,", size)}0${"]".repeat(1000)}}}`,
    "keys": `{"fixed_data":{${fill('"k":1,', size)}"z":0}}`,
    "one string": `{"name":"${"a".repeat(size)}"}`,
    "escapes": `{"name":"${fill("\\u00e9", size)}"}`,
    "name list": `{"name":[${fill("1,", size)}1]}`,
    "expires list": `{"expires":[${fill("1,", size)}1]}`,
    "flow list": `{"flow":[${fill("1,", size)}1]}`,
    "flow floats": `{"flow":[${fill("1.5,", size)}1]}`,
    "flow strings": `{"flow":[${fill('"it\'s",', size)}1]}`,
    "flow objects, repeated keys": `{"flow":[${fill('{"a":1,"a":[2]},', size)}1]}`,
    "flow lists 400 deep": `{"flow":[${fill("[".repeat(399) + "]".repeat(399) + ",", size)}1]}`,
  };
}

/** A stored invitation whose fixed_data is 1e308 × n (about `size` bytes of JSON). */
const storedOf = (size) => ({ ...INVITATION, fixed_data: { a: Array(Math.floor(size / 7)).fill(1e308) } });
const STORED = "stored invitation of 1e308 × n (applyPatch '{}')";
const STORED_SAME = "stored invitation = the body's fixed_data, 250k floats";
// A client sending back the fixed_data it was given, as JSON.stringify writes it.
const STORED_ECHO = "stored invitation sent back unchanged, strings";
const STORED_ROWS = [STORED, STORED_SAME, STORED_ECHO];

function best(f, n = 3) {
  let min = Infinity;
  for (let i = 0; i < n; i++) {
    global.gc();
    const t0 = performance.now();
    f();
    min = Math.min(min, performance.now() - t0);
  }
  return min;
}

/** One call, in this process: its time (best of three), and the memory the first one took. */
async function one(mib, name, fn) {
  const { applyPatch, validatePatch, wasmMemoryBytes } = await import("../../pkg/node.js");
  const size = mib * MB;
  let invitation = INVITATION;
  let body = bodies(size)[name];
  if (name === STORED) {
    invitation = storedOf(size);
    body = "{}";
  } else if (name === STORED_SAME) {
    body = bodies(size)["250k floats"];
    invitation = { ...INVITATION, fixed_data: JSON.parse(body).fixed_data };
  } else if (name === STORED_ECHO) {
    invitation = { ...INVITATION, fixed_data: { a: Array(Math.floor(size / 8) - 4).fill("words") } };
    body = JSON.stringify({ fixed_data: invitation.fixed_data });
  }
  const text = name === STORED ? JSON.stringify(invitation) : body;
  const call = fn === "apply" ? () => applyPatch(invitation, body) : () => validatePatch(body);
  validatePatch('{"name":"warm"}');
  global.gc();
  const rss0 = process.resourceUsage().maxRSS * 1024;
  const wasm0 = wasmMemoryBytes();
  const t0 = performance.now();
  const result = call();
  const first = performance.now() - t0;
  const wasm = wasmMemoryBytes();
  const rss = process.resourceUsage().maxRSS * 1024 - rss0;
  validatePatch('{"name":"after"}'); // a call after one that grew memory past 16 MiB: a fresh instance
  const after = wasmMemoryBytes();
  const ms = Math.min(first, best(call, 2));
  const jsonParse = best(() => JSON.parse(text));
  return { name, fn, bytes: text.length, ms, jsonParse, wasm0, wasm, rss, after, status: result.ok ? 200 : 400 };
}

const here = fileURLToPath(new URL(".", import.meta.url));
const root = fileURLToPath(new URL("../..", import.meta.url));

/** One call's row; a call that fails (a trap, out of memory) is a row with its error. */
function child(args) {
  const r = spawnSync(process.execPath, ["--expose-gc", fileURLToPath(import.meta.url), ...args], { cwd: here, encoding: "utf8", maxBuffer: 1 << 26 });
  if (r.status === 0) return JSON.parse(r.stdout.trim().split("\n").pop());
  const error = /^(\w*Error: .*)$/m.exec(r.stderr)?.[1] ?? `exit ${r.status}`;
  return { name: args[2], fn: args[3], bytes: Number(args[1]) * MB, error };
}

/** Peak RSS of a process (VmHWM), in bytes. */
function peakRss(pid) {
  const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
  return m ? Number(m[1]) * 1024 : NaN;
}

/** A 10 MiB body of each kind through workerd, each in a fresh workerd process. */
async function inWorkerd(names) {
  const { workerdBinary } = await import("../js/servers.mjs");
  const bin = await workerdBinary();
  const out = [];
  for (const name of names) {
    for (const fn of ["validate", "apply"]) {
      const body = bodies(10 * MB)[name];
      const port = 18000 + Math.floor(Math.random() * 20000);
      const proc = spawn(bin, ["serve", "tests/bench/workerd/config.capnp", "--socket-addr", `http=127.0.0.1:${port}`], { cwd: root, stdio: ["ignore", "ignore", "pipe"] });
      let stderr = "";
      proc.stderr.on("data", (d) => (stderr += d));
      try {
        const url = `http://127.0.0.1:${port}/?fn=${fn}`;
        let ready = false;
        for (let i = 0; i < 100 && !ready; i++) {
          try {
            ready = (await fetch(url, { method: "POST", body: "{}" })).ok;
          } catch {
            await new Promise((r) => setTimeout(r, 50));
          }
        }
        if (!ready) throw new Error(`workerd did not start:\n${stderr}`);
        const base = peakRss(proc.pid);
        const t0 = performance.now();
        const r = await (await fetch(url, { method: "POST", body })).json();
        const ms = performance.now() - t0;
        out.push({ name, fn, bytes: r.bytes, status: r.error ? `fails: ${r.error}` : r.ok ? 200 : 400, roundTripMs: ms, wasmAfter: r.wasm, rssBefore: base, rssPeak: peakRss(proc.pid) });
      } catch (e) {
        out.push({ name, fn, bytes: body.length, status: `fails: ${e.message}`, roundTripMs: NaN, wasmAfter: NaN, rssBefore: NaN, rssPeak: NaN });
      } finally {
        proc.kill();
      }
    }
  }
  return out;
}

if (process.argv[2] === "one") {
  console.log(JSON.stringify(await one(Number(process.argv[3]), process.argv[4], process.argv[5])));
} else {
  const rows = [];
  for (const mib of [1, 10]) {
    for (const name of [...Object.keys(bodies(1)), ...STORED_ROWS]) {
      if (STORED_ROWS.includes(name) && mib !== 1) continue;
      for (const fn of ["validate", "apply"]) {
        if (STORED_ROWS.includes(name) && fn === "validate") continue;
        rows.push(child(["one", String(mib), name, fn]));
      }
    }
  }
  // The bound: Wasm memory and RSS growth per byte of body, past a fixed part (the fresh instance);
  // a large stored invitation costs apart (its rows).
  const fixed = 2 * MB;
  const bodyRows = rows.filter((r) => !STORED_ROWS.includes(r.name) && !r.error);
  const k = (key) => Math.max(...bodyRows.map((r) => (r[key] - fixed) / r.bytes));
  const workerd = await inWorkerd(Object.keys(bodies(1)));
  console.log(JSON.stringify({ rows, bound: { fixed, wasm: k("wasm"), rss: k("rss") }, after: { wasm: Math.max(...bodyRows.map((r) => r.after)) }, workerd }));
}
