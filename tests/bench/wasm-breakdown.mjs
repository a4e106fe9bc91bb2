// Where a .wasm's bytes go, grouped: `node wasm-breakdown.mjs <named.wasm>` (a build that kept its
// name section: wasm-sizes.sh writes target/bench/opt-z/named.wasm). Prints sections, then code
// bytes by group (by function name) and each data segment with a guess at what it holds.
import { readFileSync } from "node:fs";
import zlib from "node:zlib";

const bytes = readFileSync(process.argv[2]);
let p = 8;
const u32 = () => {
  let r = 0, s = 0, b;
  do { b = bytes[p++]; r |= (b & 0x7f) << s; s += 7; } while (b & 0x80);
  return r >>> 0;
};
const sections = [];
const SECTION = ["custom", "type", "import", "function", "table", "memory", "global", "export", "start", "element", "code", "data", "datacount"];
let importedFuncs = 0;
const names = new Map();
const bodies = [];
const data = [];
const dataAt = [];
while (p < bytes.length) {
  const id = bytes[p++];
  const size = u32();
  const start = p;
  let label = SECTION[id] ?? `#${id}`;
  if (id === 0) {
    const n = u32();
    const name = bytes.subarray(p, p + n).toString("utf8");
    p += n;
    label = `custom "${name}"`;
    if (name === "name") {
      while (p < start + size) {
        const sub = bytes[p++], len = u32(), end = p + len;
        if (sub === 1) {
          for (let count = u32(); count > 0; count--) {
            const idx = u32(), l = u32();
            names.set(idx, bytes.subarray(p, p + l).toString("utf8"));
            p += l;
          }
        }
        p = end;
      }
    }
  } else if (id === 2) {
    for (let count = u32(); count > 0; count--) {
      for (let k = 0; k < 2; k++) {
        const len = u32(); // module, then field name
        p += len;
      }
      const kind = bytes[p++];
      if (kind === 0) { importedFuncs++; u32(); }
      else if (kind === 1) { p++; const f = u32(); u32(); if (f & 1) u32(); }
      else if (kind === 2) { const f = u32(); u32(); if (f & 1) u32(); }
      else if (kind === 3) { p += 2; }
    }
  } else if (id === 10) {
    const count = u32();
    for (let i = 0; i < count; i++) {
      const len = u32();
      bodies.push({ index: importedFuncs + i, size: len });
      p += len;
    }
  } else if (id === 11) {
    for (let count = u32(); count > 0; count--) {
      const flags = u32();
      if (flags === 2) u32();
      if (flags !== 1) { while (bytes[p] !== 0x0b) p++; p++; }
      const len = u32();
      data.push(bytes.subarray(p, p + len));
      dataAt.push(p);
      p += len;
    }
  }
  sections.push({ label, size });
  p = start + size;
}

const brotli = (b) => zlib.brotliCompressSync(b, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
console.log(`# ${process.argv[2]}: ${bytes.length} B, brotli ${brotli(bytes)} B\n\n## Sections`);
for (const s of sections) console.log(`${String(s.size).padStart(8)}  ${s.label}`);

const GROUPS = [
  ["float parsing (core dec2flt)", /dec2flt|FromStr>::from_str|<f64 as core.*FromStr/],
  ["float formatting (core flt2dec, {:e})", /flt2dec|LowerExp|float_to_exponential|float_to_decimal|fmt::float/],
  ["sorting (core::slice::sort)", /slice::sort/],
  ["allocator (dlmalloc)", /dlmalloc|__rdl_|__rust_alloc|__rust_dealloc|__rust_realloc|RawVec|alloc::alloc/],
  ["fmt machinery (format!, Debug, Display)", /core.*::fmt|fmt::Write|<.* as core.*Debug>|Display>::fmt|Arguments/],
  ["panics, bounds and slice errors", /panic|slice_error_fail|slice_index|str_index|unwrap_failed|expect_failed|assert_failed|begin_panic|rust_begin_unwind|abort/],
  ["JS boundary (wasm-bindgen shims, js-sys, wasm.rs)", /shim|wasm_bindgen|js_sys|__wbindgen|__wbg|externref|::wasm::|closure|Closure/],
  ["body: UTF-8 + JSON scanner (body.rs)", /::body::/],
  ["expires (expires.rs)", /::expires::/],
  ["flow (flow.rs)", /::flow::/],
  ["name (name.rs)", /::name::/],
  ["fixed_data (fixed_data.rs)", /::fixed_data::/],
  ["single_use", /::single_use::/],
  ["value: writer, Python repr (value.rs)", /::value::/],
  ["unicode tables (unicode.rs)", /::unicode::/],
  ["validate/apply core (lib.rs)", /authentik_invitation_patch::(judge|validate_patch|apply_patch|Invitation|Options|Errors|Patch|flow_exists|expires_value|flow_value)/],
  ["string/char helpers (core/alloc str)", /str::|char::|String|string::|unicode::/],
  ["collections, iterators, drops (generic)", /Vec|iter|drop_in_place|clone|Clone|vec::|Box/],
];
const grouped = new Map();
let unnamed = 0;
for (const b of bodies) {
  const n = names.get(b.index) ?? "";
  if (!n) unnamed += b.size;
  const g = GROUPS.find(([, re]) => re.test(n))?.[0] ?? "other";
  const e = grouped.get(g) ?? { size: 0, fns: [] };
  e.size += b.size;
  e.fns.push([b.size, n || `code[${b.index}]`]);
  grouped.set(g, e);
}
const codeTotal = bodies.reduce((a, b) => a + b.size, 0);
console.log(`\n## Code: ${codeTotal} B in ${bodies.length} functions, by group (largest functions listed)`);
for (const [g, e] of [...grouped].sort((a, b) => b[1].size - a[1].size)) {
  e.fns.sort((a, b) => b[0] - a[0]);
  console.log(`${String(e.size).padStart(8)}  ${(100 * e.size / codeTotal).toFixed(1).padStart(5)}%  ${g}`);
  for (const [s, n] of e.fns.slice(0, 4)) console.log(`${"".padStart(18)}${String(s).padStart(6)}  ${n.slice(0, 110)}`);
}

// Tables worth naming, found by their first entries.
const u32s = (xs) => Buffer.from(new Uint32Array(xs).buffer);
const u64 = (x) => { const b = Buffer.alloc(8); b.writeBigUInt64LE(x); return b; };
const TABLES = [
  ["src/unicode.rs NOT_PRINTABLE_EDGES (1424 × u32 = 5,696 B)", u32s([0x0, 0x20, 0x7f, 0xa1])],
  ["src/unicode.rs DIGIT_ZEROS (68 × u32 = 272 B)", u32s([0x30, 0x660, 0x6f0])],
  ["core dec2flt POWER_OF_FIVE_128 (1302 × u64 = 10,416 B)", u64(0xeef453d6923bd65an)],
];
const found = new Map();
for (const [label, needle] of TABLES) {
  const at = bytes.indexOf(needle);
  const seg = dataAt.findIndex((s, i) => at >= s && at < s + data[i].length);
  if (seg >= 0) found.set(seg, [...(found.get(seg) ?? []), `${label} at +${at - dataAt[seg]}`]);
}
console.log(`\n## Data: ${data.reduce((a, d) => a + d.length, 0)} B in ${data.length} segments (largest first)`);
const printable = (b) => [...b.subarray(0, 72)].map((c) => (c >= 32 && c < 127 ? String.fromCharCode(c) : ".")).join("");
for (const [i, d] of [...data.entries()].sort((a, b) => b[1].length - a[1].length).slice(0, 14)) {
  const text = [...d].filter((c) => c >= 32 && c < 127).length / d.length;
  console.log(`${String(d.length).padStart(8)}  segment ${i}, ${Math.round(text * 100)}% printable: ${printable(d)}`);
  for (const t of found.get(i) ?? []) console.log(`${"".padStart(18)}holds ${t}`);
}
