// Browsers and bundlers, all-locales build: `await init()` fetches ../all-locales_bg.wasm (or what
// `module_or_path` names) and runs every later call on it.
import { initSync } from "../index.js";

export * from "../index.js";

export default async function init(options) {
  let source = options !== null && typeof options === "object" && "module_or_path" in options ? options.module_or_path : options;
  source ??= new URL("../all-locales_bg.wasm", import.meta.url);
  // Compiled here, then run in place of the default build.
  const module = await compile(source);
  initSync({ module }, true);
}

async function compile(source) {
  source = typeof source === "string" || source instanceof URL ? await fetch(source) : await source;
  if (source instanceof WebAssembly.Module) return source;
  if (typeof Response === "function" && source instanceof Response) {
    if (!source.ok) throw new Error(`authentik-invitation-patch: failed to fetch its .wasm: ${source.status} (${source.url})`);
    return WebAssembly.compile(await source.arrayBuffer());
  }
  return WebAssembly.compile(source);
}
