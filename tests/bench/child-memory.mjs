// Memory over a million calls in one process, after a warm-up pass: `node --expose-gc child-memory.mjs <peer> <typical|corpus>`
// prints one JSON line. The JS heap is read after global.gc(); this module's Wasm memory is what its
// `wasmMemoryBytes()` reads.
import { corpus, TYPICAL } from "./corpus.mjs";

const [peer, mode = "typical"] = process.argv.slice(2);
const CALLS = 1_000_000;
const { validate } = await import(`./peers/${peer}.mjs`);
const { wasmMemoryBytes } = await import("../../pkg/node.js");
const wasmBytes = () => (peer === "module" ? wasmMemoryBytes() : 0);
const bodies = mode === "corpus" ? corpus().map((b) => b.text) : [TYPICAL];

function snapshot() {
  global.gc();
  const m = process.memoryUsage();
  return { heapUsed: m.heapUsed, rss: m.rss, wasm: wasmBytes() };
}

// One warm-up pass first (10,000 calls at least), so that "start" holds what every call needs
// (compiled code, caches, Wasm memory grown to its working size) and not the corpus's making.
for (let i = 0; i < Math.max(10_000, bodies.length); i++) validate(bodies[i % bodies.length]);
const start = snapshot();
let ok = 0;
let peakRss = 0;
const t0 = performance.now();
for (let i = 0; i < CALLS; i++) {
  if (validate(bodies[i % bodies.length]).ok) ok++;
  if ((i & 0xffff) === 0) peakRss = Math.max(peakRss, process.memoryUsage.rss());
}
const seconds = (performance.now() - t0) / 1000;
const end = snapshot();
// Reading `bodies` here keeps them alive through the end snapshot, as they were at the start.
console.log(JSON.stringify({ peer, mode, bodies: bodies.length, calls: CALLS, ok, seconds, start, end, peakRss }));
