// Node ESM entry: ready on import, no init call.
import { readFileSync } from "node:fs";
import { initSync } from "./index.js";

initSync({ module: readFileSync(new URL("./index_bg.wasm", import.meta.url)) });

export * from "./index.js";
export { default } from "./index.js";
