// The results block of BENCHMARKS.md, written from results.json by run.mjs.

const MB = 2 ** 20;

/** A ratio with two significant digits: 0.23×, 4.1×, 120×. */
export function ratio(x) {
  if (!Number.isFinite(x) || x <= 0) return "—";
  const digits = x >= 100 ? 0 : x >= 10 ? 1 : x >= 1 ? 1 : 2;
  return `${x.toFixed(digits)}×`;
}

function num(x, digits = 0) {
  return x.toLocaleString("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

function kib(bytes) {
  return bytes >= 10 * 1024 ? `${num(bytes / 1024, 0)} KiB` : bytes >= 1024 ? `${num(bytes / 1024, 1)} KiB` : `${bytes} B`;
}

function row(cells) {
  return `| ${cells.join(" | ")} |`;
}

/** The hostile bodies' section (child-hostile.mjs's output), as markdown lines. */
export function hostileSection(h) {
  const out = [];
  out.push(
    "### Hostile bodies (1 and 10 MiB): one call each in a process of its own, beside `JSON.parse` of the same text",
    "",
    "Milliseconds: the best of three calls. Memory: the first call's, on a fresh instance: the Wasm memory it leaves (which never shrinks, so its high-water mark) and the growth of the process's peak RSS (the JS result and strings included). `node --expose-gc tests/bench/child-hostile.mjs` after `scripts/build-pkg`.",
    "",
    row(["body", "MiB", "function", "status", "JSON.parse, ms", "ms", "× JSON.parse", "Wasm memory, MiB", "× body", "peak RSS growth, MiB", "× body"]),
    row(Array(11).fill("---")),
  );
  for (const x of h.rows) {
    if (x.error) {
      out.push(row([x.name, num(x.bytes / MB, 1), x.fn === "apply" ? "applyPatch" : "validatePatch", `fails: ${x.error}`, "", "", "", "", "", "", ""]));
      continue;
    }
    out.push(row([x.name, num(x.bytes / MB, 1), x.fn === "apply" ? "applyPatch" : "validatePatch", x.status, num(x.jsonParse, 1), num(x.ms, 1), ratio(x.ms / x.jsonParse), num(x.wasm / MB, 1), num(x.wasm / x.bytes, 1), num(x.rss / MB, 1), num(x.rss / x.bytes, 1)]));
  }
  // The bound over the bodies (a large stored invitation costs apart: its rows' own figures).
  const bodyRows = h.rows.filter((x) => !x.name.startsWith("stored") && !x.error);
  const k = (key) => Math.max(...bodyRows.map((x) => (x[key] - h.bound.fixed) / x.bytes));
  out.push(
    "",
    `Bound: the Wasm memory of any call above (but the stored invitation's rows) is at most ${num(h.bound.fixed / MB)} MiB + ${num(k("wasm"), 1)} × the body's bytes; the process's peak RSS grows by at most ${num(h.bound.fixed / MB)} MiB + ${num(k("rss"), 1)} × the body's bytes. After any of them, one small call: at most ${num(h.after.wasm / MB, 1)} MiB of Wasm memory (a call that grows it past 16 MiB leaves a fresh instance for the next).`,
    "",
  );
  if (h.workerd?.length) {
    out.push(
      "#### The same 10 MiB bodies in workerd",
      "",
      "Each through `tests/bench/workerd/worker.js` (the package's worker entry) in a fresh `workerd serve` process: the request's round trip, the Wasm memory after the call, and the workerd process's peak RSS (VmHWM: the whole process, so an upper bound of the isolate's memory).",
      "",
      row(["body", "function", "status", "round trip, ms", "Wasm memory after, MiB", "workerd peak RSS, MiB (before the request)"]),
      row(Array(6).fill("---")),
    );
    for (const w of h.workerd) {
      out.push(row([w.name, w.fn === "apply" ? "applyPatch" : "validatePatch", w.status, num(w.roundTripMs), num(w.wasmAfter / MB, 1), `${num(w.rssPeak / MB)} (${num(w.rssBefore / MB)})`]));
    }
    out.push("");
  }
  return out;
}

export function report(r) {
  const { machine: m, peers, labels: L } = r;
  const base = "ajv-standalone";
  const floor = "json-parse";
  const out = [];
  const contention = m.loadBefore[0] > m.nproc * 0.5 || m.loadAfter[0] > m.nproc * 0.5;

  out.push(
    `Measured ${m.date.slice(0, 16).replace("T", " ")} UTC on ${m.nproc} × ${m.cpu} (\`nproc\` ${m.nproc}), ${m.memoryGiB} GiB, ` +
      `Node ${m.node} (V8 ${m.v8}), ${m.os}; commit ${m.commit}${m.dirty ? " with uncommitted changes to src/" : ""}, ` +
      `\`pkg/index_bg.wasm\` sha256 ${m.wasmSha256}…; ${m.seconds} s in all. ` +
      `Load average ${m.loadBefore[0].toFixed(2)} before, ${m.loadAfter[0].toFixed(2)} after` +
      (contention ? ": the cores were shared with other work during this run, so speeds are CPU time (user + system of the measuring process), steadier than wall time; wall-clock medians are in `tests/bench/results.json`." : "; speeds are CPU time (user + system of the measuring process); wall-clock medians are in `tests/bench/results.json`."),
    "",
    "Ratios compare with ajv standalone and with `JSON.parse` alone, measured in the same run. Above 1× is faster for ops/s, slower for times, larger for bytes.",
    "",
  );

  // Speed.
  const ops = (p) => r.speed[p].typical.median;
  const corpusMs = (p) => r.speed[p].corpus.median;
  out.push(
    "### Validating: `JSON.parse` (or the module's own parser) then the rules, all errors collected",
    "",
    `Typical body: ${r.typicalBytes} bytes, in a hot loop (1 s warm-up, then the median of 7 samples of about 250 ms). ` +
      `Corpus: 10,000 seeded bodies (60% valid, 30% invalid, 10% odd: malformed, non-objects, 10 KB strings, 200-key \`fixed_data\`), ${num(r.corpusBytes / MB, 1)} MB in all, one pass, median of 7 after 2 warm-up passes. ` +
      "The last column: how often the peer's accept/refuse verdict is the server's (the module's, checked against the Django reference elsewhere).",
    "",
    row(["", "typical, ops/s", "× ajv standalone", "× JSON.parse", "corpus, ms", "× ajv standalone", "× JSON.parse", "same verdict as the server"]),
    row(Array(8).fill("---")),
  );
  for (const p of peers) {
    out.push(
      row([
        p === "module" ? `**${L[p]}**` : L[p],
        num(ops(p)),
        ratio(ops(p) / ops(base)),
        ratio(ops(p) / ops(floor)),
        num(corpusMs(p), 1),
        ratio(corpusMs(p) / corpusMs(base)),
        ratio(corpusMs(p) / corpusMs(floor)),
        `${num(r.speed[p].agree * 100, 1)}%`,
      ]),
    );
  }
  out.push("");

  // applyPatch.
  const a = r.apply;
  out.push(
    "### `applyPatch` on a typical invitation (the typical body as the patch)",
    "",
    row(["", "ops/s", "× hand-written apply", "× ajv standalone validate", "× JSON.parse"]),
    row(Array(5).fill("---")),
  );
  const applyRows = [
    ["module", "**applyPatch(invitation, body)**"],
    ["moduleWithFlows", "applyPatch(invitation, body, { flows: [flow] })"],
    ["modulePrepared", "createValidator({ flows: [flow] }).applyPatch(invitation, body)"],
    ["hand", "hand-written validator + `structuredClone` + merge"],
    ["structuredClone", "`structuredClone(invitation)` alone"],
  ];
  for (const [k, label] of applyRows) {
    out.push(row([label, num(a[k].median), ratio(a[k].median / a.hand.median), ratio(a[k].median / ops(base)), ratio(a[k].median / ops(floor))]));
  }
  out.push("");
  out.push(
    "### Options read once: `createValidator`",
    "",
    row(["validatePatch(typical)", "ops/s", "cost × no options"]),
    row(Array(3).fill("---")),
  );
  for (const [k, label] of [
    ["validateNoOptions", "no options"],
    ["validatePrepared", "**createValidator({ flows: [flow] }).validatePatch**"],
    ["validateWithFlows", "validatePatch(body, { flows: [flow] }) (options read on every call)"],
  ]) {
    if (a[k]) out.push(row([label, num(a[k].median), ratio(a.validateNoOptions.median / a[k].median)]));
  }
  out.push("");

  // Hostile bodies.
  if (r.hostile) out.push(...hostileSection(r.hostile));

  // Cold start.
  const c = r.cold;
  out.push(
    "### Cold start: a fresh `node` process, from `import` to the first verdict",
    "",
    `Median of ${c.module.runs} processes per peer, run in turns. The module's Node entry reads the \`.wasm\` and compiles it synchronously on import. ` +
      "\"Process start\" adds Node's own start-up.",
    "",
    row(["", "import → verdict, ms", "× ajv standalone", "× JSON.parse", "same, CPU ms", "process start → verdict, ms", "× ajv standalone", "× JSON.parse"]),
    row(Array(8).fill("---")),
  );
  for (const p of peers) {
    const x = c[p];
    out.push(
      row([
        p === "module" ? `**${L[p]}**` : L[p],
        num(x.importToVerdict, 1),
        ratio(x.importToVerdict / c[base].importToVerdict),
        ratio(x.importToVerdict / c[floor].importToVerdict),
        num(x.importToVerdictCpu, 1),
        num(x.processStartToVerdict, 1),
        ratio(x.processStartToVerdict / c[base].processStartToVerdict),
        ratio(x.processStartToVerdict / c[floor].processStartToVerdict),
      ]),
    );
  }
  out.push("");

  // Size.
  const s = r.size;
  out.push(
    "### Bytes a browser or worker downloads",
    "",
    "Each peer bundled with what it imports and minified by esbuild (`tests/bench/build.mjs`); the module is its web entry's glue (`pkg/index.js`, minified) plus `pkg/index_bg.wasm`. " +
      "gzip -9 and brotli 11 via Node's zlib, each file on its own. `JSON.parse` ships nothing, so no ratio to it.",
    "",
    row(["", "raw", "gzip", "brotli", "brotli × ajv standalone"]),
    row(Array(5).fill("---")),
  );
  for (const p of peers) {
    out.push(row([p === "module" ? `**${L[p]}**` : L[p], kib(s[p].raw), kib(s[p].gzip), kib(s[p].brotli), p === floor ? "—" : ratio(s[p].brotli / s[base].brotli)]));
  }
  const w = s.module.wasmOnly;
  out.push(
    row(["… of which `index_bg.wasm`", kib(w.raw), kib(w.gzip), kib(w.brotli), ratio(w.brotli / s[base].brotli)]),
    row(["… as `pkg/` ships it (scripts/build-pkg minifies the glue)", kib(s.module.unminifiedGlue.raw), kib(s.module.unminifiedGlue.gzip), kib(s.module.unminifiedGlue.brotli), ratio(s.module.unminifiedGlue.brotli / s[base].brotli)]),
    "",
    `Budget: 46 KiB brotli for \`.wasm\` + glue with the catalogs of the UI's languages (\`tests/js/size.test.mjs\`); now ${num(s.module.unminifiedGlue.brotli)} B as shipped.`,
    "",
  );

  // Memory.
  if (Object.keys(r.memory.typical).length) {
    out.push(
      "### Memory: a million calls in one process",
      "",
      "JS heap used after `global.gc()` (`node --expose-gc`), after a warm-up pass of 10,000 calls and after the million calls that follow (calls/s here is wall time); the module's Wasm memory is what its `wasmMemoryBytes()` reads. " +
        "Ratios are of the heap at the end.",
      "",
      row(["", "bodies", "calls/s", "JS heap start → end", "Wasm memory start → end", "peak RSS", "heap end × ajv standalone", "× JSON.parse"]),
      row(Array(8).fill("---")),
    );
    for (const mode of ["typical", "corpus"]) {
      const set = r.memory[mode];
      for (const p of peers) {
        const x = set[p];
        if (!x) continue;
        const wasm = p === "module" ? `${num(x.start.wasm / MB, 2)} → ${num(x.end.wasm / MB, 2)} MB` : "—";
        out.push(
          row([
            p === "module" ? `**${L[p]}**` : L[p],
            mode === "typical" ? "typical" : "corpus, cycled",
            num(x.calls / x.seconds),
            `${num(x.start.heapUsed / MB, 2)} → ${num(x.end.heapUsed / MB, 2)} MB`,
            wasm,
            `${num(x.peakRss / MB, 0)} MB`,
            set[base] ? ratio(x.end.heapUsed / set[base].end.heapUsed) : "—",
            set[floor] ? ratio(x.end.heapUsed / set[floor].end.heapUsed) : "—",
          ]),
        );
      }
    }
    out.push("");
  }
  out.push("![Ratios to ajv standalone](tests/bench/chart.svg)", "");
  return out.join("\n");
}
