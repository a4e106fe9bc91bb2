// Interop with authentik's own TypeScript client, @goauthentik/api at its 2024.6 release: what its
// PatchedInvitationRequestToJSON sends is judged by validatePatch / applyPatch, and what applyPatch
// answers reads back through InvitationFromJSON (Dates, camelCase <-> snake_case, fixed_data).
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import {
  FlowDesignationEnum,
  InvitationFromJSON,
  InvitationToJSON,
  PatchedInvitationRequestFromJSON,
  PatchedInvitationRequestToJSON,
} from "@goauthentik/api";
import { applyPatch, validatePatch } from "../../pkg/node.js";
import { askReference, compare } from "./reference.mjs";

const FLOW = {
  pk: "e1877072-5d36-4973-b23d-d89962081e60",
  policybindingmodel_ptr_id: "cf543e81-80c0-40c9-83e3-cd708270d068",
  name: "Default enrollment Flow",
  slug: "default-enrollment-flow",
  title: "Welcome to authentik!",
  designation: "enrollment",
  background: "/static/dist/assets/images/flow_background.jpg",
  stages: [],
  policies: [],
  cache_count: 0,
  policy_engine_mode: "any",
  compatibility_mode: false,
  export_url: "/api/v3/flows/instances/default-enrollment-flow/export/",
  layout: "stacked",
  denied_action: "message_continue",
  authentication: "none",
};

// The 200 body of GET /api/v3/stages/invitation/invitations/<pk>/, as the server renders it.
const INVITATION = {
  pk: "8c1c5ab4-4ae5-4a3d-8a4b-1f7c6d5e4f3a",
  name: "spring-2024",
  expires: "2024-07-29T15:51:28Z",
  fixed_data: { name: "Jane", email: "jane@example.com" },
  created_by: {
    pk: 1,
    username: "akadmin",
    name: "authentik Default Admin",
    is_active: true,
    last_login: "2024-07-29T10:00:00.123456Z",
    email: "admin@example.com",
    attributes: {},
    uid: "a5f1b7f0c0c6d0e1b7e3f5a2c4d6e8f0a1b3c5d7e9f1a3b5c7d9e1f3a5b7c9d1",
  },
  single_use: false,
  flow: null,
  flow_obj: null,
};

test("@goauthentik/api is pinned at authentik's 2024.6 release", { timeout: 60_000 }, () => {
  const root = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8"));
  const installed = JSON.parse(readFileSync(new URL("../../node_modules/@goauthentik/api/package.json", import.meta.url), "utf8"));
  assert.match(root.devDependencies["@goauthentik/api"], /^2024\.6\.\d+-\d+$/, "pinned exactly, no range");
  assert.equal(installed.version, root.devDependencies["@goauthentik/api"]);
});

test("PatchedInvitationRequestToJSON's body: snake_case keys, Date as ISO, judged as the server would", { timeout: 60_000 }, () => {
  const request = {
    name: "summer-2024",
    expires: new Date("2024-08-01T12:30:00.250Z"),
    fixedData: { email: "new@example.com", groups: ["staff"], n: 1 },
    singleUse: true,
    flow: FLOW.pk.toUpperCase(),
  };
  const body = PatchedInvitationRequestToJSON(request);
  // The client's fetch sends JSON.stringify(body): the module takes either.
  for (const form of [body, JSON.stringify(body)]) {
    const r = validatePatch(form, { flows: [FLOW] });
    assert.deepEqual(r, {
      ok: true,
      patch: {
        name: "summer-2024",
        expires: "2024-08-01T12:30:00.250000Z",
        fixed_data: { email: "new@example.com", groups: ["staff"], n: 1 },
        single_use: true,
        flow: FLOW.pk,
      },
      ignored: [],
    });
  }
  // The real server (the Django reference harness) answers this body as the module does.
  const c = { id: "goauthentik/patched-request", body: JSON.stringify(body), invitation: INVITATION, flows: [FLOW] };
  const [answer] = askReference([c]);
  assert.equal(answer.status, 200, answer.body);
  assert.deepEqual(compare(c, answer, { validatePatch, applyPatch }), []);
  // The normalized patch reads back into the client's request model.
  const back = PatchedInvitationRequestFromJSON(validatePatch(body).patch);
  assert.deepEqual(back, { ...request, flow: FLOW.pk });
  assert.equal(back.expires.getTime(), request.expires.getTime());
});

test("fields the client leaves undefined are absent, not cleared; null clears", { timeout: 60_000 }, () => {
  const body = PatchedInvitationRequestToJSON({ singleUse: false });
  assert.deepEqual(Object.keys(body), ["name", "expires", "fixed_data", "single_use", "flow"]);
  assert.deepEqual(validatePatch(body), { ok: true, patch: { single_use: false }, ignored: [] });
  const cleared = PatchedInvitationRequestToJSON({ expires: null, flow: null });
  assert.deepEqual(validatePatch(cleared), { ok: true, patch: { expires: null, flow: null }, ignored: [] });
  const a = applyPatch({ ...INVITATION, flow: FLOW.pk, flow_obj: FLOW }, cleared);
  assert.equal(a.ok, true);
  assert.deepEqual(a.changed, ["expires", "flow"]);
  assert.equal(InvitationFromJSON(a.invitation).flowObj, null);
});

test("what the server refuses comes back as its 400 body, keyed by the API's snake_case names", { timeout: 60_000 }, () => {
  const body = PatchedInvitationRequestToJSON({ name: "not a slug", fixedData: [], singleUse: true });
  assert.deepEqual(validatePatch(body), {
    ok: false,
    status: 400,
    errors: {
      name: ['Enter a valid "slug" consisting of letters, numbers, underscores or hyphens.'],
      fixed_data: ["Value must be a dictionary, and not have any duplicate keys."],
    },
    codes: { name: ["invalid"], fixed_data: ["invalid"] },
  });
});

test("applyPatch's invitation reads back through InvitationFromJSON", { timeout: 60_000 }, () => {
  const request = {
    name: "summer-2024",
    expires: new Date("2024-08-01T12:30:00.250Z"),
    fixedData: { email: "new@example.com" },
    singleUse: true,
    flow: FLOW.pk,
  };
  const a = applyPatch(INVITATION, PatchedInvitationRequestToJSON(request), { flows: [FLOW] });
  assert.equal(a.ok, true, JSON.stringify(a));
  assert.equal(a.unknown, undefined);
  assert.deepEqual(a.changed, ["name", "expires", "fixed_data", "single_use", "flow"]);
  assert.deepEqual(Object.keys(a.invitation), ["pk", "name", "expires", "fixed_data", "created_by", "single_use", "flow", "flow_obj"]);

  const model = InvitationFromJSON(a.invitation);
  assert.equal(model.pk, INVITATION.pk);
  assert.equal(model.name, request.name);
  assert.ok(model.expires instanceof Date);
  assert.equal(model.expires.getTime(), request.expires.getTime());
  assert.deepEqual(model.fixedData, request.fixedData);
  assert.equal(model.singleUse, true);
  assert.equal(model.flow, FLOW.pk);
  assert.equal(model.createdBy.username, "akadmin");
  assert.equal(model.createdBy.lastLogin.toISOString(), "2024-07-29T10:00:00.123Z");
  assert.equal(model.flowObj.slug, FLOW.slug);
  assert.equal(model.flowObj.designation, FlowDesignationEnum.Enrollment);
  assert.equal(model.flowObj.policybindingmodelPtrId, FLOW.policybindingmodel_ptr_id);
});

test("a client that sends its model back (InvitationToJSON) changes nothing, unless Dates lost microseconds", { timeout: 60_000 }, () => {
  const model = InvitationFromJSON(INVITATION);
  const a = applyPatch(INVITATION, InvitationToJSON(model));
  assert.equal(a.ok, true, JSON.stringify(a));
  assert.deepEqual(a.changed, []);
  assert.deepEqual(a.invitation, INVITATION);

  // A JS Date holds milliseconds: the server's microseconds do not survive the client's model.
  const precise = { ...INVITATION, expires: "2024-07-29T15:51:28.123456Z" };
  const b = applyPatch(precise, InvitationToJSON(InvitationFromJSON(precise)));
  assert.deepEqual(b.changed, ["expires"]);
  assert.equal(b.invitation.expires, "2024-07-29T15:51:28.123000Z");
});
