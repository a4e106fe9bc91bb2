// Where validatePatch's time goes for the typical body (`make bench-profile`):
// 1. variants timed side by side in one process: bytes vs string input, options, bodies that fail
//    early, one field at a time, and the JS pieces the boundary is made of (encodeInto,
//    TextDecoder, JSON.parse of a result-sized text);
// 2. with a named build (wasm-sizes.sh writes target/bench/opt-z/), a V8 CPU profile of the hot
//    loop (`node --cpu-prof`), self time grouped by function.
// Prints Markdown.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { validatePatch } from "../../pkg/node.js";
import { INVITATION, TYPICAL } from "./corpus.mjs";
import { opsPerSecond } from "./lib.mjs";

const here = (p) => fileURLToPath(new URL(p, import.meta.url));
// A Wasm memory of its own for the encodeInto floor: the module's exports are not the glue's API.
const scratch = new Uint8Array(new WebAssembly.Memory({ initial: 1 }).buffer);
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
    const r = encoder.encodeInto(TYPICAL, scratch.subarray(1024, 1024 + TYPICAL.length * 3));
    return { ok: r.written > 0 };
  }],
  ["JSON.stringify(options { flows: [flow object] })", () => ({ ok: JSON.stringify({ flows: [INVITATION.flow_obj] }).length > 0 })],
];

/** Rust's legacy symbol mangling (`_ZN4body7Scanner6string17h…E`) as a path (`body::Scanner::string`). */
function demangle(name) {
  if (!name.startsWith("_ZN")) return name;
  const parts = [];
  let i = 3;
  while (i < name.length && name[i] !== "E") {
    const len = parseInt(name.slice(i), 10);
    if (!(len > 0)) return name;
    i += String(len).length;
    parts.push(name.slice(i, i + len));
    i += len;
  }
  if (/^h[0-9a-f]{16}$/.test(parts.at(-1))) parts.pop();
  return parts.join("::").replace(/\$LT\$/g, "<").replace(/\$GT\$/g, ">").replace(/\$u20\$/g, " ").replace(/\$C\$/g, ",").replace(/\.\./g, "::");
}

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
const named = here("../../target/bench/opt-z");
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
    const name = demangle(n.callFrame.functionName) || `(${n.callFrame.url.split("/").pop() || "anonymous"})`;
    self.set(name, (self.get(name) ?? 0) + t);
    total += t;
  }
  const GROUPS = [
    ["JS glue: reading the tape (`read`, with `JSON.parse` of `fixed_data`'s span)", /^read$|^u32$|^utf8$|^ascii$|^slice$|^result$/],
    ["JS glue: body in (`received`, `write`, `encodeInto`) and the call (`enter`, `invoke`)", /^received$|^write$|encodeInto|^enter$|^invoke$|^validate$|^validatePatch$|^withOptions$/],
    ["Rust: allocating, growing, cloning and freeing (arena, lol_alloc)", /alloc|Arena|bump|drop_in_place|clone|Clone|Str::new|reserve|RawVec|memcpy|memmove|memset|__rust_|String::push|append_elements|to_vec|extend|encode_utf8/],
    ["Rust: writing the tape", /::tape::|hyphenated|accepted|rejected|as_sent/],
    ["Rust: decoding and scanning the body (body.rs)", /::body::/],
    ["Rust: the field rules (fields/, check, judge)", /::fields::|judge|check|unicode|to_digit/],
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
