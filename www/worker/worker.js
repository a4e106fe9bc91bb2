// An edge worker in front of an authentik 2024.6 server (README.md beside this file): a write to an
// invitation is judged here, as the server would judge it, and only a body the server accepts goes
// on, to the origin in the UPSTREAM binding; everything else passes through to that origin.
import * as invitationPatch from "authentik-invitation-patch";
import { createGate } from "authentik-invitation-patch/gate";

export default createGate(invitationPatch);
