// Timing helpers shared by the bench's child processes.

export const PEERS = ["module", "json-parse", "hand", "ajv-standalone", "ajv-compiled", "valibot", "zod"];

export const LABELS = {
  module: "this module (validatePatch, raw text)",
  "json-parse": "JSON.parse alone (floor)",
  hand: "hand-written JS",
  "ajv-standalone": "ajv 8 standalone (precompiled)",
  "ajv-compiled": "ajv 8 (compiled at load)",
  valibot: "valibot",
  zod: "zod 4",
};

export function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** Somewhere to put results so the engine cannot drop the work. */
export const sink = { n: 0 };

/** `BENCH_QUICK=1`: fewer and shorter samples, for trying the bench out, not for the table. */
const QUICK = process.env.BENCH_QUICK === "1";

/** CPU milliseconds this process has used (user + system): on a shared machine, a sample's CPU
 * time is steadier than its wall time, which also counts the time other processes had the core. */
export function cpuMs() {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

/**
 * Operations per second of `fn` (called with no argument), as the median of `reps` samples of
 * about `sampleMs` each, after `warmMs` of warm-up that also sizes the samples. `median` counts
 * CPU time, `wallMedian` wall time.
 */
export function opsPerSecond(fn, { warmMs = QUICK ? 200 : 1000, sampleMs = QUICK ? 60 : 250, reps = QUICK ? 3 : 7 } = {}) {
  let n = 0;
  const warmEnd = performance.now() + warmMs;
  while (performance.now() < warmEnd) {
    for (let i = 0; i < 100; i++) if (fn().ok) sink.n++;
    n += 100;
  }
  const perOp = warmMs / n;
  const batch = Math.max(100, Math.round(sampleMs / perOp));
  const samples = [];
  const wall = [];
  for (let r = 0; r < reps; r++) {
    const c0 = cpuMs();
    const t0 = performance.now();
    for (let i = 0; i < batch; i++) if (fn().ok) sink.n++;
    wall.push((batch * 1000) / (performance.now() - t0));
    samples.push((batch * 1000) / (cpuMs() - c0));
  }
  return { median: median(samples), wallMedian: median(wall), samples, wall, batch };
}

/** Milliseconds for one pass of `fn` over every item, median of `reps` after `warm` passes:
 * `median` in CPU time, `wallMedian` in wall time. */
export function passTime(items, fn, { warm = QUICK ? 1 : 2, reps = QUICK ? 3 : 7 } = {}) {
  for (let w = 0; w < warm; w++) for (const x of items) if (fn(x).ok) sink.n++;
  const samples = [];
  const wall = [];
  for (let r = 0; r < reps; r++) {
    const c0 = cpuMs();
    const t0 = performance.now();
    for (const x of items) if (fn(x).ok) sink.n++;
    wall.push(performance.now() - t0);
    samples.push(cpuMs() - c0);
  }
  return { median: median(samples), wallMedian: median(wall), samples, wall };
}
