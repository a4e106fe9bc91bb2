// Node ESM entry: ready on import. `import` and `require` in one process share one instance (one
// memory, one panic-reset state, objects that pass between the two sides): this file and the
// CommonJS entry beside it (index.cjs, index.js bundled by scripts/build-cjs, reading the same
// .wasm) each take the API the other left under KEY, named by their folder, and the first to load
// makes it. This file loads no CommonJS and imports no Node module: Node's CommonJS loader started
// from an ES module, and the ES wrappers of built-in modules, cost 2–3 ms of a 10 ms cold start
// (BENCHMARKS.md); built-ins come from `process.getBuiltinModule` (Node 20.16). The names are
// listed here; tests/js/package.test.mjs checks they are index.cjs's.
import * as glue from "./index.js";

const builtin = (name) => process.getBuiltinModule(name);
// A bundler that turns this file into CommonJS (esbuild --platform=node) leaves import.meta empty:
// the bundle's own file then, beside which the .wasm is copied.
const here = import.meta.url ?? builtin("node:url").pathToFileURL(__filename).href;
const folder = here.slice(0, here.lastIndexOf("/") + 1);
const KEY = Symbol.for(`authentik-invitation-patch ${folder}`);
const api = (globalThis[KEY] ??= load());

function load() {
  // A path, not a URL object: jsdom's URL (Vitest, Jest) is not one that Node's fs takes.
  glue.initSync({ module: builtin("node:fs").readFileSync(builtin("node:url").fileURLToPath(`${folder}index_bg.wasm`)) });
  return glue;
}

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
} = api;
export default api.default;
