// The CommonJS side of tests/js/types/usage.ts: `require` gets the CommonJS build's declarations
// (index.d.cts, a copy of index.d.ts), which hold the same functions and types.
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
