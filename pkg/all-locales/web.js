// Browsers and bundlers, all-locales build: `await init()` fetches ../all-locales_bg.wasm (or what
// `module_or_path` names) and runs every later call on it, in place of the default build.
import defaultInit from "../index.js";

export * from "../index.js";

export default function init(options) {
  return defaultInit(options ?? { module_or_path: new URL("../all-locales_bg.wasm", import.meta.url) }, true);
}
