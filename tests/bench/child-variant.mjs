// Speed of another build of the module (a folder holding the web glue `index.js` and a
// .wasm): `node child-variant.mjs <folder> [file.wasm]` prints one JSON line. Used to compare
// opt-levels and size experiments with the same inputs as the main table.
import { readFileSync } from "node:fs";
import { pathToFileURL } from "node:url";
import { corpus, TYPICAL } from "./corpus.mjs";
import { opsPerSecond, passTime, sink } from "./lib.mjs";

const [dir, file = "shipped.wasm"] = process.argv.slice(2);
const glue = await import(pathToFileURL(`${dir}/index.js`).href);
glue.initSync({ module: readFileSync(`${dir}/${file}`) });
const bodies = corpus().map((b) => b.text);
const typical = opsPerSecond(() => glue.validatePatch(TYPICAL));
const corpusPass = passTime(bodies, (t) => glue.validatePatch(t));
console.log(JSON.stringify({ dir, file, bytes: readFileSync(`${dir}/${file}`).length, typical: typical.median, corpusMs: corpusPass.median, wasmMemory: glue.wasmMemoryBytes(), sink: sink.n > 0 }));
