// The gate in the request's language (`createGate(m, { locale })`), through the package as a worker
// uses it, against the reference's answers to the same bodies in that language
// (tests/cases/locales/requests.json: authentik's middlewares on real Django + DRF).
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import * as invitationPatch from "../../pkg/node.js";
import { createGate } from "../../pkg/gate.js";

const CASES = JSON.parse(readFileSync(new URL("../cases/locales/requests.json", import.meta.url), "utf8"));
const URL_ = "https://gate.example/api/v3/stages/invitation/invitations/8c1c5ab4-4ae5-4a3d-8a4b-1f7c6d5e4f3a/";

/** What the gate does with `body` in `locale`: its own answer, or what it forwards. */
async function through(body, locale) {
  let forwarded = null;
  const gate = createGate(invitationPatch, {
    upstream: "https://authentik.example",
    locale: (request, env) => env.locale,
    fetch: async (r) => ((forwarded = await r.text()), new Response("{}", { status: 200 })),
  });
  const res = await gate.fetch(new Request(URL_, { method: "PATCH", headers: { "content-type": "application/json" }, body }), { locale });
  return { status: res.status, body: await res.text(), forwarded };
}

test("the gate answers in the request's language, as the server does", async () => {
  // Bodies the server refuses, with no flows to check (the gate has none), in languages this build holds.
  const cases = CASES.filter((c) => !c.all_locales && c.expect.status === 400 && !/flow/.test(c.body) && !c.body.includes("\\u0000"));
  assert.ok(cases.length > 100, `only ${cases.length} cases`);
  const failures = [];
  for (const c of cases) {
    const r = await through(c.body, c.locale);
    if (r.status !== 400 || JSON.stringify(JSON.parse(r.body)) !== JSON.stringify(JSON.parse(c.expect.body))) {
      failures.push(`${c.id} (${c.locale}): server ${c.expect.body}\n  gate ${r.status} ${r.body}`);
    }
  }
  assert.deepEqual(failures.slice(0, 5), []);
});

test("a language this build lacks: the server's own 400s go to the server, crashes are still stopped", async () => {
  const refused = await through('{"name": "a b"}', "ru");
  assert.equal(refused.forwarded, '{"name": "a b"}', "the server answers it in Russian");
  const crash = await through('{"fixed_data": {"a": "\\u0000"}}', "ru");
  assert.equal(crash.status, 400);
  assert.equal(crash.forwarded, null);
  assert.match(crash.body, /authentik 2024\.6 fails on such/);
});
