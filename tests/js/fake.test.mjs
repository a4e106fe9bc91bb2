// The fake authentik (pkg/fake.js) against the real one: the same request sequences go through the
// fake and, over HTTP, through the Django reference harness (tests/reference/serve.py: authentik's
// viewset on real Django + DRF), and every response is compared: status, body (as JSON values, key
// order included), Content-Type and Allow. Then authentik's own client, @goauthentik/api, drives
// the fake.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { Configuration, ResponseError, StagesApi } from "@goauthentik/api";
import { createFake } from "../../pkg/fake.js";
import { api, shimmed } from "./methods.mjs";
import { jsonDiff, parseLossless } from "./lossless.mjs";
import { startReference } from "./servers.mjs";
import { SEQUENCES } from "./fake-sequences.mjs";

const ENDPOINT = "/api/v3/stages/invitation/invitations/";
if (shimmed) console.log("fake: PUT, POST and codes come from tests/js/methods.mjs's shim until pkg/ has them");

let reference;
before(async () => {
  reference = await startReference();
});
after(async () => {
  await reference?.stop();
});

async function setupReference(state) {
  const r = await fetch(`${reference.url}/__reference__/setup`, {
    method: "POST",
    body: JSON.stringify({ invitations: state.invitations, flows: state.flows, user: state.user }),
  });
  assert.equal(r.status, 200, await r.text());
}

/** fetch's init for one step: method, body (a string, or bytes to send no Content-Type), headers. */
function init(step, extra = {}) {
  const headers = { ...extra };
  if (step.contentType !== undefined) headers["Content-Type"] = step.contentType;
  let body;
  if (step.body !== undefined) body = step.contentType === undefined ? new TextEncoder().encode(step.body) : step.body;
  return { method: step.method, body, headers };
}

async function snapshot(response) {
  const text = await response.text();
  return {
    status: response.status,
    text,
    contentType: response.headers.get("content-type"),
    allow: response.headers.get("allow"),
  };
}

function differences(step, server, fake) {
  const diffs = [];
  if (server.status !== fake.status) diffs.push(`status: server ${server.status}, fake ${fake.status}`);
  if (server.status >= 500 || fake.status >= 500) return diffs; // the server's 500 page is not ours to match
  if (server.text === "" || fake.text === "") {
    if (server.text !== fake.text) diffs.push(`body: server ${JSON.stringify(server.text)}, fake ${JSON.stringify(fake.text)}`);
  } else {
    const d = jsonDiff(parseLossless(fake.text), parseLossless(server.text));
    if (d) diffs.push(`body ${d}\n      server ${server.text.slice(0, 400)}\n      fake   ${fake.text.slice(0, 400)}`);
  }
  if (server.text !== "" && server.contentType !== fake.contentType) diffs.push(`Content-Type: server ${server.contentType}, fake ${fake.contentType}`);
  if (server.allow !== fake.allow) diffs.push(`Allow: server ${server.allow}, fake ${fake.allow}`);
  return diffs;
}

test("the fake answers every request sequence as the reference server does", { timeout: 120_000 }, async (t) => {
  let compared = 0;
  for (const seq of SEQUENCES) {
    await t.test(seq.name, async () => {
      await setupReference(seq.state);
      let nextPk;
      const fake = createFake(api, { ...seq.state, newPk: () => nextPk });
      const failures = [];
      for (const [i, step] of seq.steps.entries()) {
        nextPk = step.newPk ?? "00000000-0000-4000-8000-0000000000ff";
        const path = ENDPOINT + (step.path ?? "");
        const server = await snapshot(await fetch(reference.url + path, init(step, { "X-Reference-New-Pk": nextPk })));
        const mine = await snapshot(await fake.fetch("http://authentik.test" + path, init(step)));
        compared++;
        const diffs = differences(step, server, mine);
        if (diffs.length) failures.push(`step ${i}: ${step.method} ${path} ${step.body ?? ""}\n    ${diffs.join("\n    ")}`);
      }
      assert.equal(failures.length, 0, failures.slice(0, 10).join("\n"));
    });
  }
  console.log(`fake: ${compared} requests in ${SEQUENCES.length} sequences compared with the reference server`);
});

test("@goauthentik/api's client drives the fake", async () => {
  const [seq] = SEQUENCES;
  const created = "3f2e1d0c-9b8a-4766-9544-332211000fff";
  const fake = createFake(api, { ...seq.state, newPk: () => created });
  const stages = new StagesApi(new Configuration({ basePath: "http://authentik.test/api/v3", fetchApi: fake.fetch }));

  const page = await stages.stagesInvitationInvitationsList({ pageSize: 2 });
  assert.equal(page.pagination.count, seq.state.invitations.length);
  assert.equal(page.results.length, 2);
  assert.ok(page.results.every((inv) => typeof inv.pk === "string" && typeof inv.singleUse === "boolean"));

  const one = await stages.stagesInvitationInvitationsRetrieve({ inviteUuid: seq.state.invitations[0].pk });
  assert.equal(one.name, seq.state.invitations[0].name);

  // What authentik's admin form does: create with a POST, save with a PUT of every field.
  const made = await stages.stagesInvitationInvitationsCreate({
    invitationRequest: { name: "from-the-client", expires: new Date("2030-01-02T03:04:05Z"), fixedData: { email: "a@example.com" }, singleUse: true },
  });
  assert.equal(made.pk, created);
  assert.equal(made.createdBy.username, seq.state.user.username);
  assert.equal(made.expires.toISOString(), "2030-01-02T03:04:05.000Z");
  const saved = await stages.stagesInvitationInvitationsUpdate({
    inviteUuid: created,
    invitationRequest: { name: "renamed", expires: made.expires, fixedData: {}, singleUse: false, flow: seq.state.flows[0].pk },
  });
  assert.equal(saved.name, "renamed");
  assert.equal(saved.flowObj.slug, seq.state.flows[0].slug);

  // A 400 comes back as the client's ResponseError, with the server's body.
  const refused = await stages
    .stagesInvitationInvitationsPartialUpdate({ inviteUuid: created, patchedInvitationRequest: { name: "not a slug" } })
    .then(() => null, (e) => e);
  assert.ok(refused instanceof ResponseError, String(refused));
  assert.equal(refused.response.status, 400);
  assert.deepEqual(await refused.response.json(), { name: ['Enter a valid "slug" consisting of letters, numbers, underscores or hyphens.'] });

  await stages.stagesInvitationInvitationsDestroy({ inviteUuid: created });
  const gone = await stages.stagesInvitationInvitationsRetrieve({ inviteUuid: created }).then(() => null, (e) => e);
  assert.equal(gone?.response?.status, 404);
  assert.deepEqual(await gone.response.json(), { detail: "Not found." });
});

const mswDir = fileURLToPath(new URL("../forms/node_modules/msw/", import.meta.url));
const noMsw = existsSync(mswDir) ? false : "tests/forms/node_modules/msw is not installed (scripts/setup installs it)";

test("the msw hook-up of pkg/FORMS.md: global fetch answered by the fake", { skip: noMsw }, async () => {
  const { http } = await import(`${mswDir}lib/core/index.mjs`);
  const { setupServer } = await import(`${mswDir}lib/node/index.mjs`);
  const [seq] = SEQUENCES;
  const fake = createFake(api, { ...seq.state, newPk: () => "3f2e1d0c-9b8a-4766-9544-332211000fff" });
  const server = setupServer(http.all("*/api/v3/stages/invitation/invitations/*", ({ request }) => fake.fetch(request)));
  server.listen({ onUnhandledRequest: "error" });
  try {
    const stages = new StagesApi(new Configuration({ basePath: "https://authentik.example.com/api/v3" }));
    const page = await stages.stagesInvitationInvitationsList({});
    assert.equal(page.pagination.count, seq.state.invitations.length);
    const made = await stages.stagesInvitationInvitationsCreate({ invitationRequest: { name: "through-msw" } });
    assert.equal(made.pk, "3f2e1d0c-9b8a-4766-9544-332211000fff");
    const r = await fetch(`https://authentik.example.com/api/v3/stages/invitation/invitations/${made.pk}/`, {
      method: "PATCH",
      headers: { "Content-Type": "application/json" },
      body: '{"expires":"tomorrow"}',
    });
    assert.equal(r.status, 400);
    assert.deepEqual(await r.json(), { expires: ["Datetime has wrong format. Use one of these formats instead: YYYY-MM-DDThh:mm[:ss[.uuuuuu]][+HH:MM|-HH:MM|Z]."] });
  } finally {
    server.close();
  }
});
