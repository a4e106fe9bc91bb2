// Node entry of the all-locales build: the catalogs of every language Django 5.0.6 and DRF 3.14.0
// ship (the default build holds those of authentik's UI). Ready on import. Like ../node.js it is the
// CommonJS build, loaded the same way, so that import and require share one instance, which now
// runs the all-locales module (it answers every code the default one does, identically).
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

// A bundler that turns this file into CommonJS (esbuild --platform=node) has no import.meta.url
// but a `require` it resolves statically, bundling index.cjs in; Node gives an ES module no
// `require`.
const cjs = typeof require === "function" ? require("../index.cjs") : createRequire(import.meta.url)("../index.cjs");

cjs.initSync({ module: readFileSync(new URL("../all-locales_bg.wasm", import.meta.url)) }, true);

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
