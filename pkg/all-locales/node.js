// Node entry of the all-locales build: the catalogs of every language Django 5.0.6 and DRF 3.14.0
// ship (the default build holds those of authentik's UI). Ready on import. It is ../node.js (one
// instance with `require`), switched to the all-locales module (it answers every code the default
// one does, identically). Node built-ins come from `process.getBuiltinModule`, as in ../node.js.
import { initSync } from "../node.js";

const { readFileSync } = process.getBuiltinModule("node:fs");
const { fileURLToPath } = process.getBuiltinModule("node:url");
initSync({ module: readFileSync(fileURLToPath(`${import.meta.url.slice(0, import.meta.url.lastIndexOf("/"))}/../all-locales_bg.wasm`)) }, true);

export * from "../node.js";
export { default } from "../node.js";
