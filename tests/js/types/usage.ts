// Compiled by tests/js/types.test.mjs with `tsc --strict --noEmit` against the packed package's
// declarations (node16 and bundler resolution); never run. Every export, option and result type is
// used as a user would use it, and each `@ts-expect-error` line is a mistake the types must catch
// (if the declarations degrade to `any`, those lines fail the build too).
import init, { applyPatch, createInvitation, createValidator, initSync, validatePatch } from "authentik-invitation-patch";
import { validatePatch as validateInWorker } from "authentik-invitation-patch/worker";
import initWeb, { initSync as initSyncWeb } from "authentik-invitation-patch/web";
import type {
  ApplyVerdict,
  ChangedField,
  CreateVerdict,
  Flow,
  FlowLike,
  Invitation,
  InvitationPatch,
  PatchAccepted,
  PatchApplied,
  PatchAppliedFlowUnknown,
  PatchBody,
  PatchOptions,
  PatchRejected,
  PatchVerdict,
  ServerErrors,
  ModuleSource,
} from "authentik-invitation-patch";

type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
function assertType<T extends true>(): T | void {}

// --- Loading: Node and workers are ready on import; browsers call init() or initSync().
declare const wasmBytes: Uint8Array;
declare const wasmModule: WebAssembly.Module;
const syncInput: ModuleSource = wasmModule;
initSync({ module: syncInput });
initSyncWeb({ module: wasmBytes });
const ready: Promise<void> = init({ module_or_path: "https://example.com/index_bg.wasm" });
void initWeb();
assertType<Equal<typeof validateInWorker, typeof validatePatch>>();

// --- Options: flows as the API shows them, as pk strings, or as an API client's Flow model.
const flow: Flow = { pk: "e1877072-5d36-4973-b23d-d89962081e60", slug: "default-enrollment-flow" };
interface ClientFlow {
  readonly pk: string;
  slug: string;
  policybindingmodelPtrId: string;
}
declare const clientFlows: ClientFlow[];
const flowLikes: FlowLike[] = [flow, "e1877072-5d36-4973-b23d-d89962081e60", ...clientFlows];
const options: PatchOptions = { flows: flowLikes, strict: false };
const strict: PatchOptions = { strict: true, flows: clientFlows };

// --- Bodies: raw text, raw bytes, or a value judged as JSON.stringify would send it.
const bodies: PatchBody[] = ['{"name":"x"}', new Uint8Array([123, 125]), new ArrayBuffer(0), { expires: new Date() }];

// --- validatePatch: narrow on `ok`.
const verdict: PatchVerdict = validatePatch(bodies[0], options);
if (verdict.ok) {
  const accepted: PatchAccepted = verdict;
  const patch: InvitationPatch = accepted.patch;
  const name: string | undefined = patch.name;
  const expires: string | null | undefined = patch.expires;
  const fixedData: Record<string, unknown> | undefined = patch.fixed_data;
  const singleUse: boolean | undefined = patch.single_use;
  const flowPk: string | null | undefined = patch.flow;
  const ignored: string[] = verdict.ignored;
  const upstream = JSON.stringify(patch, (_k, v) => (typeof v === "bigint" ? v.toString() : v));
  // @ts-expect-error: an accepted verdict carries no errors
  verdict.errors;
  void [name, expires, fixedData, singleUse, flowPk, ignored, upstream];
} else {
  const rejected: PatchRejected = verdict;
  const status: 400 = rejected.status;
  const errors: ServerErrors = verdict.errors;
  const detail: string | undefined = errors.detail;
  const nonField: string[] | undefined = errors.non_field_errors;
  const nameMessages: string[] = errors.name ?? [];
  const perField: Array<string[] | undefined> = [errors.expires, errors.fixed_data, errors.single_use, errors.flow];
  const ignoredKey: string | string[] | undefined = errors["some_unknown_key"];
  const response: Response = Response.json(verdict.errors, { status: verdict.status });
  // @ts-expect-error: a rejected verdict carries no patch
  verdict.patch;
  // @ts-expect-error: messages are strings
  const wrong: number[] | undefined = errors.name;
  void [status, detail, nonField, nameMessages, perField, ignoredKey, response, wrong];
}

// --- applyPatch: narrow on `ok`, then on `unknown`.
const invitation: Invitation = {
  pk: "8c1c5ab4-4ae5-4a3d-8a4b-1f7c6d5e4f3a",
  name: "welcome",
  expires: null,
  fixed_data: { email: "new@example.com" },
  created_by: { pk: 1, username: "akadmin" },
  single_use: false,
  flow: null,
  flow_obj: null,
};
const applied: ApplyVerdict = applyPatch(invitation, { single_use: true, flow: flow.pk }, { flows: [flow] });
if (!applied.ok) {
  const errors: ServerErrors = applied.errors;
  void errors;
} else if (applied.unknown) {
  const partial: PatchAppliedFlowUnknown = applied;
  const what: ["flow_obj"] = partial.unknown;
  const flowPk: string | null = applied.invitation.flow;
  // @ts-expect-error: flow_obj is the field that is not known
  applied.invitation.flow_obj;
  void [what, flowPk];
} else {
  const whole: PatchApplied = applied;
  const status: 200 = whole.status;
  const flowObj: Flow | null = applied.invitation.flow_obj;
  const changed: ChangedField[] = applied.changed;
  // The 200 body is an Invitation again: it can be patched further.
  const again: ApplyVerdict = applyPatch(applied.invitation, "{}");
  void [status, flowObj, changed, again];
}

// --- Mistakes the declarations catch.
// @ts-expect-error: strict is a boolean
validatePatch("{}", { strict: "yes" });
// @ts-expect-error: flows are Flow objects or pk strings
validatePatch("{}", { flows: [1] });
// @ts-expect-error: flows is a list
validatePatch("{}", { flows: "e1877072-5d36-4973-b23d-d89962081e60" });
// @ts-expect-error: the invitation is a whole Invitation
applyPatch({ name: "welcome" }, "{}");
// @ts-expect-error: the body comes second
applyPatch("{}");
// @ts-expect-error: ChangedField names writable fields only
const notAField: ChangedField = "pk";

// @ts-expect-error: a Symbol is not a body (JSON.stringify drops it)
validatePatch(Symbol("body"));
const prepared = createValidator({ flows: [flow], strict: true, locale: "de" });
const put: PatchVerdict = prepared.validatePut({ name: "x" });
const created: CreateVerdict = createInvitation({ name: "x" }, { pk: flow.pk, created_by: { pk: 1 } });
if (created.ok) {
  const status: 201 = created.status;
  void status;
}

void [ready, strict, notAField, put];
