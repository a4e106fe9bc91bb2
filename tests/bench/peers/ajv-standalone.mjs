// ajv 8 + ajv-formats, precompiled: the validating function was generated at bench build time
// (build.mjs, ajv's "standalone" code), the form that runs on workers, which may not eval.
import check from "../generated/ajv-standalone.mjs";

export function validate(text) {
  let data;
  try {
    data = JSON.parse(text);
  } catch (e) {
    return { ok: false, errors: { detail: e.message } };
  }
  return check(data) ? { ok: true, value: data } : { ok: false, errors: check.errors };
}
