// The WebAssembly a cold start compiles on its first call (`make bench-profile`). V8 compiles a
// Wasm function whole (Liftoff) the first time it is called, so the bytes a typical first call
// reaches are a cold-start cost of their own: 38.5 KB before BENCHMARKS.md's round six, 26.2 KB
// after it. A deterministic figure, unlike the cold start's milliseconds.
//
//   node first-call.mjs [named.wasm]   Markdown: functions and bytes; with a build that kept its
//                                      names (wasm-sizes.sh), the largest of them by name
// With no argument the shipped pkg/index_bg.wasm is measured (its functions are numbered).
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

const TYPICAL = JSON.stringify((await import("./corpus.mjs")).TYPICAL);
const wasm = process.argv[2] ?? fileURLToPath(new URL("../../pkg/index_bg.wasm", import.meta.url));
const glue = new URL("../../pkg/index.js", import.meta.url).href;
// A fresh process: the glue, the module, two typical calls (the second compiles nothing new).
const child = `const g = await import(${JSON.stringify(glue)});
g.initSync({ module: process.getBuiltinModule("node:fs").readFileSync(${JSON.stringify(wasm)}) });
for (let i = 0; i < 2; i++) g.validatePatch(${TYPICAL});`;
const run = spawnSync(process.execPath, ["--trace-wasm-compilation-times", "--input-type=module", "-e", child], { encoding: "utf8" });
if (run.status !== 0) throw new Error(run.stderr);
// "Compiled function 0x…#275 using Liftoff, took 0 ms and 18520 bytes; bodysize 174 codesize 564"
const compiled = [...run.stdout.matchAll(/#(\d+) using Liftoff.*bodysize (\d+)/g)].map((m) => [Number(m[1]), Number(m[2])]);
const names = functionNames(readFileSync(wasm));
const total = compiled.reduce((n, [, size]) => n + size, 0);
console.log(`The typical body's first call compiles ${compiled.length} functions, ${total} B of WebAssembly (${wasm.split("/").pop()}).\n`);
console.log("| bytes | function |\n| --- | --- |");
for (const [index, size] of compiled.sort((a, b) => b[1] - a[1]).slice(0, 15)) {
  const name = (names.get(index) ?? `#${index}`).replace(/17h[0-9a-f]{16}E$/, "");
  console.log(`| ${size} | \`${name.slice(0, 100)}\` |`);
}

/** Function index → name, from the name section (empty when the build has none). */
function functionNames(b) {
  let p = 8;
  const u32 = () => {
    let r = 0, s = 0, x;
    do {
      x = b[p++];
      r |= (x & 0x7f) << s;
      s += 7;
    } while (x & 0x80);
    return r >>> 0;
  };
  const names = new Map();
  while (p < b.length) {
    const id = b[p++];
    const end = u32() + p;
    if (id === 0) {
      const n = u32();
      const section = b.subarray(p, p + n).toString();
      p += n;
      while (section === "name" && p < end) {
        const sub = b[p++];
        const subEnd = u32() + p;
        for (let count = sub === 1 ? u32() : 0; count > 0; count--) {
          const index = u32();
          const len = u32();
          names.set(index, b.subarray(p, p + len).toString());
          p += len;
        }
        p = subEnd;
      }
    }
    p = end;
  }
  return names;
}
