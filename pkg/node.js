// Node ESM entry: ready on import. It is the CommonJS build (index.cjs: index.js bundled by
// scripts/build-pkg, reading the same .wasm), so that `import` and `require` in one process share
// one instance: one memory, one panic-reset state, and objects that pass between the two sides.
// Loaded with `createRequire` rather than `import … from "./index.cjs"`: Node's translation of a
// CommonJS module for `import` (its loader internals, and a lexer pass over the file to find the
// export names) cost about 7 ms of CPU at start-up, a third of a cold start (BENCHMARKS.md). The
// names are therefore listed here; tests/js/package.test.mjs checks they are index.cjs's.
import { createRequire } from "node:module";

// A bundler that turns this file into CommonJS (esbuild --platform=node) has no import.meta.url
// but a `require` it resolves statically, bundling index.cjs in; Node gives an ES module no
// `require`.
const cjs = typeof require === "function" ? require("./index.cjs") : createRequire(import.meta.url)("./index.cjs");

export const {
  applyPatch,
  applyPut,
  createInvitation,
  createValidator,
  initSync,
  validatePatch,
  validatePost,
  validatePut,
  wasmMemoryBytes,
} = cjs;
export default cjs.default;
