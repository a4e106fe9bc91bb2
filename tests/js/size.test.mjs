// The size budget: what a browser or worker downloads for the web entry, `pkg/index_bg.wasm` plus
// its glue `pkg/index.js`, each brotli-compressed (quality 11, as a CDN serves them), added up.
// Where the bytes go and what would shrink them: BENCHMARKS.md ("Where the .wasm bytes go").
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import zlib from "node:zlib";

const BUDGET = 40 * 1024;

const FILES = ["index_bg.wasm", "index.js"];
const brotli = (bytes) =>
  zlib.brotliCompressSync(bytes, {
    params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: bytes.length },
  }).length;
const sizes = FILES.map((f) => {
  const bytes = readFileSync(new URL(`../../pkg/${f}`, import.meta.url));
  return { file: f, raw: bytes.length, brotli: brotli(bytes) };
});
const total = sizes.reduce((n, s) => n + s.brotli, 0);
const over = total > BUDGET;

test(
  `pkg/ web entry: brotli(.wasm) + brotli(glue) within ${BUDGET / 1024} KB`,
  (t) => {
    for (const s of sizes) t.diagnostic(`${s.file}: ${s.raw} B raw, ${s.brotli} B brotli`);
    t.diagnostic(`total: ${total} B brotli of ${BUDGET} B (${((100 * total) / BUDGET).toFixed(0)}%)`);
    assert.ok(
      !over,
      `pkg/index_bg.wasm + pkg/index.js are ${total} B brotli, ${total - BUDGET} B over the ${BUDGET} B budget ` +
        `(${sizes.map((s) => `${s.file} ${s.brotli} B`).join(", ")})`,
    );
  },
);
