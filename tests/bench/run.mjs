// The benchmark (`make bench`): builds the peers, measures each in processes of its own, one after
// another, and writes results.json, chart.svg and the results block of ../../BENCHMARKS.md.
// `BENCH_QUICK=1 node run.mjs` runs a short version for trying changes out (not for the table).
import { execFileSync, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import { fileURLToPath } from "node:url";
import zlib from "node:zlib";
import { build } from "./build.mjs";
import { corpus, TYPICAL } from "./corpus.mjs";
import { chart } from "./chart.mjs";
import { LABELS, median, PEERS } from "./lib.mjs";
import { report } from "./report.mjs";

const here = (p) => fileURLToPath(new URL(p, import.meta.url));
const QUICK = process.env.BENCH_QUICK === "1";
const COLD_RUNS = QUICK ? 3 : 15;
const log = (...a) => console.error("bench:", ...a);

function child(args, { gc = false } = {}) {
  const r = spawnSync(process.execPath, [...(gc ? ["--expose-gc"] : []), ...args], { cwd: here("."), encoding: "utf8", env: process.env });
  if (r.status !== 0) throw new Error(`node ${args.join(" ")} failed:\n${r.stderr}`);
  return JSON.parse(r.stdout.trim().split("\n").pop());
}

function git(...args) {
  try {
    return execFileSync("git", args, { cwd: here("."), encoding: "utf8" }).trim();
  } catch {
    return "";
  }
}

function sizes(files) {
  const bytes = Buffer.concat(files.map((f) => readFileSync(f)));
  // Each file is compressed on its own, as a server sends it; the totals add up.
  const per = files.map((f) => {
    const b = readFileSync(f);
    return {
      raw: b.length,
      gzip: zlib.gzipSync(b, { level: 9 }).length,
      brotli: zlib.brotliCompressSync(b, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: b.length } }).length,
    };
  });
  const sum = (k) => per.reduce((a, p) => a + p[k], 0);
  return { raw: bytes.length, gzip: sum("gzip"), brotli: sum("brotli"), files: per };
}

const started = new Date();
const machine = {
  date: started.toISOString(),
  nproc: os.availableParallelism(),
  cpu: os.cpus()[0]?.model ?? "unknown",
  memoryGiB: Math.round(os.totalmem() / 2 ** 30),
  node: process.version,
  v8: process.versions.v8,
  os: `${os.type()} ${os.release()}`,
  loadBefore: os.loadavg(),
  commit: git("rev-parse", "--short", "HEAD"),
  dirty: git("status", "--porcelain", "--", "../../src", "../../Cargo.toml", "../../Cargo.lock") !== "",
  wasmSha256: createHash("sha256").update(readFileSync(here("../../pkg/index_bg.wasm"))).digest("hex").slice(0, 12),
  quick: QUICK,
};

log("building peers (ajv standalone, size bundles)");
await build();

const speed = {};
for (const peer of PEERS) {
  log(`speed: ${peer}`);
  speed[peer] = child(["child-speed.mjs", peer]);
}

log("applyPatch, prepared options");
const apply = child(["child-apply.mjs"]).apply;

log("hostile bodies (1 and 10 MiB)");
const hostile = QUICK ? null : child(["child-hostile.mjs"], { gc: true });

const cold = Object.fromEntries(PEERS.map((p) => [p, []]));
for (let i = 0; i < COLD_RUNS; i++) {
  log(`cold start: round ${i + 1}/${COLD_RUNS}`);
  for (const peer of PEERS) {
    const t0 = performance.now();
    const r = child(["child-cold.mjs", peer]);
    cold[peer].push({ ...r, spawnToExit: performance.now() - t0 });
  }
}
const coldSummary = Object.fromEntries(
  PEERS.map((p) => [
    p,
    {
      importToVerdict: median(cold[p].map((r) => r.importToVerdict)),
      importToVerdictCpu: median(cold[p].map((r) => r.importToVerdictCpu)),
      processStartToVerdict: median(cold[p].map((r) => r.total)),
      spawnToExit: median(cold[p].map((r) => r.spawnToExit)),
      runs: cold[p].length,
    },
  ]),
);

const size = {};
for (const peer of PEERS) {
  const files = [here(`generated/size/${peer}.min.js`)];
  if (peer === "module") files.push(here("../../pkg/index_bg.wasm"));
  size[peer] = sizes(files);
}
size.module.wasmOnly = sizes([here("../../pkg/index_bg.wasm")]);
size.module.unminifiedGlue = sizes([here("../../pkg/index.js"), here("../../pkg/index_bg.wasm")]);

const memory = { typical: {}, corpus: {} };
if (!QUICK) {
  for (const peer of PEERS) {
    log(`memory (1,000,000 typical bodies): ${peer}`);
    memory.typical[peer] = child(["child-memory.mjs", peer, "typical"], { gc: true });
  }
  for (const peer of ["module", "json-parse", "ajv-standalone"]) {
    log(`memory (1,000,000 corpus bodies): ${peer}`);
    memory.corpus[peer] = child(["child-memory.mjs", peer, "corpus"], { gc: true });
  }
}

machine.loadAfter = os.loadavg();
machine.seconds = Math.round((Date.now() - started.getTime()) / 1000);
const bodies = corpus();
const results = {
  machine,
  typicalBytes: Buffer.byteLength(TYPICAL),
  corpusBytes: bodies.reduce((n, b) => n + Buffer.byteLength(b.text), 0),
  labels: LABELS, peers: PEERS, speed, apply, hostile, cold: coldSummary, coldRuns: cold, size, memory };
// A quick run's figures are not the table's: they go to generated/, which git ignores.
const outDir = QUICK ? "generated/" : "";
writeFileSync(here(`${outDir}results.json`), JSON.stringify(results, null, 2) + "\n");
writeFileSync(here(`${outDir}chart.svg`), chart(results));

const block = report(results);
const doc = here("../../BENCHMARKS.md");
const START = "<!-- bench:results (written by `make bench`; edit outside this block) -->";
const END = "<!-- /bench:results -->";
const text = existsSync(doc) ? readFileSync(doc, "utf8") : `# Benchmarks\n\n${START}\n${END}\n`;
const a = text.indexOf(START);
const b = text.indexOf(END);
if (a < 0 || b < a) throw new Error(`BENCHMARKS.md has no ${START} … ${END} block`);
if (QUICK) {
  log("quick run: BENCHMARKS.md, results.json and chart.svg left as they are (see generated/)");
  console.log(block);
} else {
  writeFileSync(doc, text.slice(0, a + START.length) + "\n" + block + "\n" + text.slice(b));
  log(`wrote BENCHMARKS.md, tests/bench/chart.svg and tests/bench/results.json in ${machine.seconds} s`);
}
