// Node ESM entry of the all-locales build: the catalogs of every language Django 5.0.6 and DRF
// 3.14.0 ship (the default build holds those of authentik's UI). Ready on import; it replaces the
// default build if that was loaded first (it answers every code that one does, identically).
import { readFileSync } from "node:fs";
import { initSync } from "../index.js";

initSync({ module: readFileSync(new URL("../all-locales_bg.wasm", import.meta.url)) }, true);

export * from "../index.js";
