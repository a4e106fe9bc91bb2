// Run under `node --cpu-prof` by profile.mjs: the typical body in a hot loop for about 3 s, through
// the glue and the named .wasm that wasm-sizes.sh built (argument: its folder).
import { readFileSync } from "node:fs";
import { pathToFileURL } from "node:url";
import { TYPICAL } from "./corpus.mjs";

const dir = process.argv[2];
const glue = await import(pathToFileURL(`${dir}/index.js`).href);
glue.initSync({ module: readFileSync(`${dir}/named.wasm`) });
let ok = 0;
const end = performance.now() + 3000;
while (performance.now() < end) for (let i = 0; i < 1000; i++) if (glue.validatePatch(TYPICAL).ok) ok++;
if (ok === 0) throw new Error("no verdict was ok");
