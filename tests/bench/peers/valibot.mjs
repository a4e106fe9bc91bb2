// valibot 1: the same rules as schema.json, all issues collected (valibot's default).
import * as v from "valibot";

const Patch = v.object({
  name: v.optional(v.pipe(v.string(), v.maxLength(50), v.regex(/^[-a-zA-Z0-9_]+$/))),
  expires: v.optional(v.nullable(v.pipe(v.string(), v.isoTimestamp()))),
  // valibot's record (and looseObject) let arrays through; JSON schema's "object" does not.
  fixed_data: v.optional(v.pipe(v.record(v.string(), v.unknown()), v.check((o) => !Array.isArray(o), "Expected an object"))),
  single_use: v.optional(v.boolean()),
  flow: v.optional(v.nullable(v.pipe(v.string(), v.uuid()))),
});

export function validate(text) {
  let data;
  try {
    data = JSON.parse(text);
  } catch (e) {
    return { ok: false, errors: { detail: e.message } };
  }
  const r = v.safeParse(Patch, data);
  return r.success ? { ok: true, value: r.output } : { ok: false, errors: r.issues };
}
