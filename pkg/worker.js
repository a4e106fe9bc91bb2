// Workers entry (Cloudflare, workerd): the .wasm arrives as a compiled module, since workers may not
// compile Wasm bytes at run time.
import wasm from "./index_bg.wasm";
import { initSync } from "./index.js";

initSync({ module: wasm });

export * from "./index.js";
export { default } from "./index.js";
