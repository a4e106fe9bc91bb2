// Compiled by tests/js/types.test.mjs with `tsc --strict --noEmit` against the packed package
// (node16 and bundler resolution); never run. The forms entry as a user writes it.
import * as api from "authentik-invitation-patch";
import { createForms, standardSchema, toIssues, validateField, validateFieldJson } from "authentik-invitation-patch/forms";
import type { FieldResult, FormIssue, InvitationSchema, StandardSchemaV1 } from "authentik-invitation-patch/forms";

const forms = createForms(api, { flows: ["b4a8c1a2-3f6e-4d0b-9a53-6f1f2c3d4e5a"] });
const schema: StandardSchemaV1<unknown, api.InvitationPatch> = forms.put;
const patchSchema: InvitationSchema = standardSchema(api, { method: "PATCH" });
const result = schema["~standard"].validate({ name: "x" });
if (!(result instanceof Promise)) {
  if (result.issues) {
    const first = result.issues[0] as FormIssue;
    const where: string | undefined = first.path?.[0];
    const code: string | undefined = first.code;
    void where, code;
  } else {
    const name: string | undefined = result.value.name;
    void name;
  }
}
const field: FieldResult<"expires"> = validateField(api, "expires", "2024-07-29");
if (field.ok) {
  const stored: string | null | undefined = field.value;
  void stored;
} else {
  const messages: string[] = field.messages;
  void messages;
}
validateFieldJson(api, "fixed_data", '{"a": 1}', { method: "PUT" });
forms.validateField("name", undefined, { method: "POST" });
const issues: FormIssue[] = toIssues({ name: ["This field may not be blank."] }, { name: ["blank"] });
// @ts-expect-error: only the writable fields
validateField(api, "pk", "x");
// @ts-expect-error: PATCH, PUT or POST
standardSchema(api, { method: "GET" });
void patchSchema, issues;
