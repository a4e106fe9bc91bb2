// Node entry of the all-locales build: the catalogs of every language Django 5.0.6 and DRF 3.14.0
// ship (the default build holds those of authentik's UI). Ready on import. It is ../node.js (the
// CommonJS build, so that import and require share one instance), switched to the all-locales
// module (it answers every code the default one does, identically).
import { readFileSync } from "node:fs";
import { initSync } from "../node.js";

initSync({ module: readFileSync(new URL("../all-locales_bg.wasm", import.meta.url)) }, true);

export * from "../node.js";
export { default } from "../node.js";
