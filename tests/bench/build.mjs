// Bench build step (run by run.mjs before measuring): ajv's standalone validator, generated from
// schema.json and bundled into one ES module, the form that runs on workers (no eval, no require);
// and the minified bundles whose bytes the size table counts.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import Ajv from "ajv";
import addFormats from "ajv-formats";
import standaloneCode from "ajv/dist/standalone/index.js";
import * as esbuild from "esbuild";

const here = (p) => fileURLToPath(new URL(p, import.meta.url));
const schema = JSON.parse(readFileSync(here("schema.json"), "utf8"));

/** Each peer as a browser or worker would ship it: the validator and the library it uses. */
export const SIZE_ENTRIES = {
  "json-parse": "peers/json-parse.mjs",
  hand: "peers/hand.mjs",
  "ajv-standalone": "peers/ajv-standalone.mjs",
  "ajv-compiled": "peers/ajv-compiled.mjs",
  valibot: "peers/valibot.mjs",
  zod: "peers/zod.mjs",
};

export async function build() {
  mkdirSync(here("generated/size"), { recursive: true });

  // ajv 8's ESM standalone output still `require`s its runtime helpers (ucs2length, the
  // ajv-formats date-time check): esbuild bundles them in, so the result imports nothing.
  const ajv = new Ajv({ allErrors: true, code: { source: true, esm: true } });
  addFormats(ajv, ["date-time", "uuid"]);
  writeFileSync(here("generated/ajv-standalone.src.mjs"), standaloneCode(ajv, ajv.compile(schema)));
  await esbuild.build({
    entryPoints: [here("generated/ajv-standalone.src.mjs")],
    outfile: here("generated/ajv-standalone.mjs"),
    bundle: true,
    format: "esm",
    platform: "neutral",
    logLevel: "warning",
  });

  for (const [name, entry] of Object.entries(SIZE_ENTRIES)) {
    await esbuild.build({
      entryPoints: [here(entry)],
      outfile: here(`generated/size/${name}.min.js`),
      bundle: true,
      minify: true,
      format: "esm",
      platform: "browser",
      logLevel: "warning",
    });
  }
  // This module: the web entry's glue, minified, beside the .wasm (which is counted as it is).
  const glue = await esbuild.transform(readFileSync(here("../../pkg/index.js"), "utf8"), { minify: true, format: "esm" });
  writeFileSync(here("generated/size/module.min.js"), glue.code);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await build();
