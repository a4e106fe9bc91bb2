// Node ESM entry: ready on import. It is the CommonJS build (index.cjs: index.js bundled by
// scripts/build-pkg, reading the same .wasm), so that `import` and `require` in one process share
// one instance: one memory, one panic-reset state, and objects that pass between the two sides.
import cjs from "./index.cjs";

export * from "./index.cjs";
export default cjs.default;
