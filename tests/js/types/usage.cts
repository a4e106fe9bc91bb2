// The CommonJS side of tests/js/types/usage.ts: `require` gets the CommonJS glue's declarations
// (a .d.cts), which hold the same functions and types and no init functions.
import patch = require("authentik-invitation-patch");

const options: patch.PatchOptions = { flows: ["e1877072-5d36-4973-b23d-d89962081e60"], strict: true };
const verdict: patch.PatchVerdict = patch.validatePatch('{"name":"welcome"}', options);
if (verdict.ok) {
  const p: patch.InvitationPatch = verdict.patch;
  void p;
} else {
  const errors: patch.ServerErrors = verdict.errors;
  void errors;
}
declare const invitation: patch.Invitation;
const applied: patch.ApplyVerdict = patch.applyPatch(invitation, new Uint8Array());
if (applied.ok && !applied.unknown) {
  const flowObj: patch.Flow | null = applied.invitation.flow_obj;
  void flowObj;
}
// @ts-expect-error: the CommonJS entry is ready on require, with no init function
patch.initSync;
