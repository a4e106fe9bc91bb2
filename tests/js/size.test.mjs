// The size budget: what a browser or worker downloads for the web entry, `pkg/index_bg.wasm` plus
// its glue `pkg/index.js`, each brotli-compressed (quality 11, as a CDN serves them), added up.
// Where the bytes go and what would shrink them: BENCHMARKS.md ("Where the .wasm bytes go").
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import zlib from "node:zlib";

// 40 KiB for the module and its glue, as before languages, plus 5 KiB for the catalogs of the
// languages authentik's UI offers, which the default build holds (they cost 6.4 KB: 2.7 KB of
// resolution code and small tables, 2.5 KB of templates, 1.2 KB of aliases; README "Languages"),
// plus 1 KiB for finding big integers' paths in fixed_data from its text (src/body.rs
// `Span::big_ints`), which halved the time and memory of hostile bodies of them (BENCHMARKS.md),
// plus half a KiB for a stored invitation's fixed_data taken as its own text where it reads back
// alike (src/fields/fixed_data.rs `reads_back_as_written`): applyPatch with a megabyte of it went
// from up to 310 ms and 70 MiB of Wasm memory to 28 ms and 2.3 MiB (BENCHMARKS.md, round five).
// Then back to 46 KiB: wasm-opt keeping the rare paths apart (scripts/wasm-opt-flags.sh, -ocimfs)
// and the call's fixed cost without core's generic iterators gave back 579 B (round six).
// The all-locales build is reported beside it, not budgeted: it is an opt-in entry.
const BUDGET = 46 * 1024;

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
    const all = readFileSync(new URL("../../pkg/all-locales_bg.wasm", import.meta.url));
    t.diagnostic(`all-locales_bg.wasm (the opt-in entry, not budgeted): ${all.length} B raw, ${brotli(all)} B brotli`);
    for (const s of sizes) t.diagnostic(`${s.file}: ${s.raw} B raw, ${s.brotli} B brotli`);
    t.diagnostic(`total: ${total} B brotli of ${BUDGET} B (${((100 * total) / BUDGET).toFixed(0)}%)`);
    assert.ok(
      !over,
      `pkg/index_bg.wasm + pkg/index.js are ${total} B brotli, ${total - BUDGET} B over the ${BUDGET} B budget ` +
        `(${sizes.map((s) => `${s.file} ${s.brotli} B`).join(", ")})`,
    );
  },
);
