// Compiled by tests/js/types.test.mjs (when the package declares createInvitation); never run.
import * as api from "authentik-invitation-patch";
import { createFake, DEFAULT_USER } from "authentik-invitation-patch/fake";
import type { FakeAuthentik } from "authentik-invitation-patch/fake";

const fake: FakeAuthentik = createFake(api, { flows: [], user: { ...DEFAULT_USER, pk: 2 }, newPk: () => crypto.randomUUID() });
const answer: Promise<Response> = fake.fetch("http://authentik.test/api/v3/stages/invitation/invitations/");
const held: api.Invitation[] = fake.invitations;
// @ts-expect-error: invitations are authentik's objects
createFake(api, { invitations: [{ name: "x" }] });
void answer, held;
