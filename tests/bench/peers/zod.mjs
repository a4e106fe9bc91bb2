// zod 4: the same rules as schema.json, all issues collected (zod's default).
import { z } from "zod";

const Patch = z.object({
  name: z.string().max(50).regex(/^[-a-zA-Z0-9_]+$/).optional(),
  expires: z.iso.datetime({ offset: true }).nullable().optional(),
  fixed_data: z.record(z.string(), z.unknown()).optional(),
  single_use: z.boolean().optional(),
  // z.guid(): any 8-4-4-4-12 hex, as ajv-formats' "uuid"; z.uuid() also checks the RFC 9562 version.
  flow: z.guid().nullable().optional(),
});

export function validate(text) {
  let data;
  try {
    data = JSON.parse(text);
  } catch (e) {
    return { ok: false, errors: { detail: e.message } };
  }
  const r = Patch.safeParse(data);
  return r.success ? { ok: true, value: r.data } : { ok: false, errors: r.error.issues };
}
