// Where validatePatch's time goes for the typical body (`make bench-profile`):
// 1. variants timed side by side in one process: bytes vs string input, options, bodies that fail
//    early, one field at a time, and the JS pieces the boundary is made of (encodeInto,
//    TextDecoder, JSON.parse of a result-sized text);
// 2. with a named build (wasm-sizes.sh writes target/bench/opt-s/), a V8 CPU profile of the hot
//    loop (`node --cpu-prof`), self time grouped by function.
// Prints Markdown.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { validatePatch } from "../../pkg/node.js";
import { initSync } from "../../pkg/index.js";
import { INVITATION, TYPICAL } from "./corpus.mjs";
import { opsPerSecond } from "./lib.mjs";

const here = (p) => fileURLToPath(new URL(p, import.meta.url));
const wasm = initSync(); // already initialised by node.js: hands back the exports
const opts = { warmMs: 400, sampleMs: 150, reps: 7 };
const typical = JSON.parse(TYPICAL);
const bytes = new TextEncoder().encode(TYPICAL);
const one = (k) => JSON.stringify({ [k]: typical[k] });
const FLOW_PKS = Array.from({ length: 20 }, (_, i) => `0c5e6d3a-6f6b-4e0a-9d7c-1f2e3d4c5b${String(i).padStart(2, "0")}`);
const resultText = JSON.stringify(validatePatch(TYPICAL));
const resultBytes = new TextEncoder().encode(resultText);
const encoder = new TextEncoder();
const decoder = new TextDecoder("utf-8", { ignoreBOM: true });

const variants = [
  ["validatePatch(typical string) — the baseline", () => validatePatch(TYPICAL)],
  ["validatePatch(typical as Uint8Array)", () => validatePatch(bytes)],
  ["validatePatch(TextEncoder.encode(typical))", () => validatePatch(encoder.encode(TYPICAL))],
  ["validatePatch(typical object) — JSON.stringify inside", () => validatePatch(typical)],
  ["validatePatch(typical, {}) — options JSON.stringified", () => validatePatch(TYPICAL, {})],
  ["validatePatch(typical, { flows: [flow object] })", () => validatePatch(TYPICAL, { flows: [INVITATION.flow_obj] })],
  ["validatePatch(typical, { flows: 20 pk strings })", () => validatePatch(TYPICAL, { flows: FLOW_PKS })],
  ['validatePatch("{}") — boundary + empty result', () => validatePatch("{}")],
  ['validatePatch("[]") — fails after parsing', () => validatePatch("[]")],
  ['validatePatch(\'{"name":\') — JSON error message', () => validatePatch('{"name":')],
  ["validatePatch(typical, every field invalid)", () => validatePatch('{"name":"spring 2024 onboarding","expires":"2024-07-29 at noon","fixed_data":["email","new.user@example.com"],"single_use":"maybe","flow":"0c5e6d3a-6f6b-4e0a-9d7c-1f2e3d4c5b6"}')],
  ...["name", "expires", "fixed_data", "single_use", "flow"].map((k) => [`validatePatch(only ${k}: ${one(k).length} B)`, () => validatePatch(one(k))]),
  ["JSON.parse(typical) — the parse floor", () => ({ ok: JSON.parse(TYPICAL) !== null })],
  [`JSON.parse(result text, ${resultText.length} B) — the result's floor`, () => ({ ok: JSON.parse(resultText) !== null })],
  [`TextDecoder.decode(${resultBytes.length} B) — result text out of Wasm memory`, () => ({ ok: decoder.decode(resultBytes).length > 0 })],
  [`TextEncoder.encodeInto(typical) into Wasm memory — string in`, () => {
    const ptr = wasm.__wbindgen_malloc(TYPICAL.length * 3, 1) >>> 0;
    const r = encoder.encodeInto(TYPICAL, new Uint8Array(wasm.memory.buffer, ptr, TYPICAL.length * 3));
    wasm.__wbindgen_free(ptr, TYPICAL.length * 3, 1);
    return { ok: r.written > 0 };
  }],
  ["JSON.stringify(options { flows: [flow object] })", () => ({ ok: JSON.stringify({ flows: [INVITATION.flow_obj] }).length > 0 })],
];

const out = [];
out.push("### validatePatch variants (one process, CPU time, median of 7)", "", "| variant | ops/s | µs/op | vs baseline |", "| --- | --- | --- | --- |");
let baseUs = 0;
for (const [label, fn] of variants) {
  const r = opsPerSecond(fn, opts);
  const us = 1e6 / r.median;
  if (!baseUs) baseUs = us;
  out.push(`| ${label} | ${Math.round(r.median).toLocaleString("en-US")} | ${us.toFixed(2)} | ${(us / baseUs).toFixed(2)}× |`);
}

// The CPU profile, on a build that kept its function names.
const named = here("../../target/bench/opt-s");
if (existsSync(`${named}/named.wasm`)) {
  const dir = here("../../target/bench/prof");
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const r = spawnSync(process.execPath, ["--cpu-prof", `--cpu-prof-dir=${dir}`, "--cpu-prof-interval=50", here("child-prof.mjs"), named], { encoding: "utf8" });
  if (r.status !== 0) throw new Error(r.stderr);
  const file = readdirSync(dir).find((f) => f.endsWith(".cpuprofile"));
  const prof = JSON.parse(readFileSync(`${dir}/${file}`, "utf8"));
  const self = new Map();
  const byId = new Map(prof.nodes.map((n) => [n.id, n]));
  const dt = new Map();
  prof.samples.forEach((id, i) => dt.set(id, (dt.get(id) ?? 0) + (prof.timeDeltas[i] ?? 0)));
  let total = 0;
  for (const [id, t] of dt) {
    const n = byId.get(id);
    const name = n.callFrame.functionName || `(${n.callFrame.url.split("/").pop() || "anonymous"})`;
    self.set(name, (self.get(name) ?? 0) + t);
    total += t;
  }
  const GROUPS = [
    ["JS glue: string into Wasm memory (`__wbindgen_string_get`: passStringToWasm0)", /string_get|passStringToWasm0/],
    ["JS glue: other imports (anonymous; includes `JSON.parse` of the result text)", /^\(index\.js\)$|getStringFromWasm0|^decode$|takeFromExternrefTable0|^validatePatch$|getDataViewMemory0|getUint8ArrayMemory0/],
    ["Rust: allocating, growing, cloning and freeing", /alloc|dlmalloc|drop_in_place|clone|Clone|Str::new|reserve|RawVec|memcpy|memmove|memset|__rust_|__rdl_/],
    ["Rust: writing the result's JSON text", /write_json_str|JsonWriter|render|hyphenated|to_value|rejected|::finish|expires_value|flow_value/],
    ["Rust: decoding and parsing the body (body.rs)", /::body::/],
    ["Rust: the field rules (fields/, judge)", /::fields::|judge|validate_patch|unicode/],
    ["Rust: the export's shim (wasm-bindgen)", /shim/],
    ["garbage collector", /garbage collector/],
  ];
  const groups = new Map();
  for (const [name, t] of self) {
    const g = GROUPS.find(([, re]) => re.test(name))?.[0] ?? "other";
    groups.set(g, (groups.get(g) ?? 0) + t);
  }
  out.push("", `### CPU profile of the typical body in a hot loop: self time by group (${(total / 1e6).toFixed(1)} s sampled)`, "", "| group | self | share |", "| --- | --- | --- |");
  for (const [g, t] of [...groups].sort((a, b) => b[1] - a[1])) out.push(`| ${g} | ${(t / 1e3).toFixed(0)} ms | ${((100 * t) / total).toFixed(1)}% |`);
  out.push("", `### The same profile, by function`, "", "| function | self | share |", "| --- | --- | --- |");
  for (const [name, t] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 30)) {
    out.push(`| \`${name.replace(/\|/g, "\\|").slice(0, 110)}\` | ${(t / 1e3).toFixed(0)} ms | ${((100 * t) / total).toFixed(1)}% |`);
  }
}
console.log(out.join("\n"));
