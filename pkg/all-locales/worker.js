// Workers entry of the all-locales build (Cloudflare, workerd): the .wasm arrives as a compiled module.
import wasm from "../all-locales_bg.wasm";
import { initSync } from "../index.js";

initSync({ module: wasm }, true);

export * from "../index.js";
