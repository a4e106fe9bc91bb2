// The gate (pkg/gate.js, the edge worker www/worker/ is built on) in workerd, against the Django
// reference harness (real Django 5.0.6 + DRF 3.14.0) and two recording loopback servers:
//   - SSRF: whatever the request target or Host header, nothing reaches another host, and the
//     client's Authorization and Cookie headers go to UPSTREAM only;
//   - paths: only what Django routes to the invitation endpoints (with a pk Django can look up) is
//     judged; everything else reaches the upstream untouched;
//   - PUT (DRF's full update) and POST on the list (create) are judged as the server judges them;
//   - repeated Content-Type headers get the answer authentik's own ASGI stack gives.
// The expected answers come from the reference harness (or from Django's ASGI handler running the
// same viewset, tests/js/asgi_reference.py), never from the module.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { createServer, request as httpRequest } from "node:http";
import { fileURLToPath } from "node:url";
import { jsonDiff, parseLossless } from "./lossless.mjs";
import { CRASH_MARK, generatedCases } from "./reference.mjs";
import { startReference, startWorkerd } from "./servers.mjs";
import * as invitationPatch from "../../pkg/node.js";
import { createGate, invitationRoute, upstreamUrl } from "../../pkg/gate.js";

const root = fileURLToPath(new URL("../..", import.meta.url));
const CONFIG = "www/worker/config.capnp";
const ENDPOINT = "/api/v3/stages/invitation/invitations/";
const PK = "8c1c5ab4-4ae5-4a3d-8a4b-1f7c6d5e4f3a";
const STATE = {
  invitation: { pk: PK, name: "welcome", expires: null, fixed_data: { a: 1 }, created_by: { pk: 1, username: "akadmin" }, single_use: false, flow: null, flow_obj: null },
  flows: [],
};
const NO_SUCH_FLOW = /^Invalid pk "[^]*" - object does not exist\.$/;
const SECRET = { authorization: "Bearer secret-token-123", cookie: "authentik_session=s3cr3t" };

/** A loopback server that records every request (raw target and headers) and answers 200. */
function recorder(name) {
  const requests = [];
  const server = createServer((req, res) => {
    const chunks = [];
    req.on("data", (c) => chunks.push(c));
    req.on("end", () => {
      requests.push({ method: req.method, target: req.url, headers: req.headers, body: Buffer.concat(chunks).toString("utf8") });
      res.setHeader("content-type", "application/json");
      res.end(JSON.stringify({ server: name, target: req.url }));
    });
  });
  return new Promise((resolve) =>
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      resolve({ url: `http://127.0.0.1:${port}`, host: `127.0.0.1:${port}`, requests, stop: () => new Promise((r) => server.close(r)) });
    }),
  );
}

/**
 * One HTTP request with exactly this target (sent as written: `//x`, `/\x`, absolute-form) and
 * these headers (an array value: repeated header lines); { status, text, headers }.
 */
function send(base, { method = "GET", path = "/", headers = {}, body } = {}) {
  const { hostname, port } = new URL(base);
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: hostname, port, method, path, headers, timeout: 30_000, setHost: !("host" in headers) }, (res) => {
      const chunks = [];
      res.on("data", (c) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode, text: Buffer.concat(chunks).toString("utf8"), headers: res.headers }));
      res.on("error", reject);
    });
    req.on("timeout", () => req.destroy(new Error(`${method} ${path}: no answer in 30 s`)));
    req.on("error", reject);
    if (body !== undefined) req.setHeader("content-length", body.length);
    req.end(body);
  });
}

const json = (o) => Buffer.from(JSON.stringify(o));

let upstream; // the reference harness
let viaReference; // workerd + the gate, UPSTREAM = the reference harness
let recorded; // a recording server as UPSTREAM
let internal; // a recording server standing in for an internal host
let viaRecorder; // workerd + the gate, UPSTREAM = the recording server
before(async () => {
  [upstream, recorded, internal] = await Promise.all([startReference(), recorder("upstream"), recorder("internal")]);
  [viaReference, viaRecorder] = await Promise.all([
    startWorkerd(CONFIG, { env: { UPSTREAM: upstream.url } }),
    startWorkerd(CONFIG, { env: { UPSTREAM: recorded.url } }),
  ]);
}, { timeout: 60_000 });
after(async () => {
  await Promise.all([viaReference?.stop(), viaRecorder?.stop()]);
  await Promise.all([upstream?.stop(), recorded?.stop(), internal?.stop()]);
});

async function setup(state = STATE) {
  const r = await send(upstream.url, { method: "POST", path: "/__reference__/setup", headers: { "content-type": "application/json" }, body: json(state) });
  assert.equal(r.status, 200, r.text);
}

async function endpointRequests() {
  return JSON.parse((await send(upstream.url, { path: "/__reference__/stats" })).text).patch_requests;
}

/** The same request straight to the reference and through the gate, each from the same state. */
async function both(req, { state = STATE, directPath = req.path } = {}) {
  await setup(state);
  const direct = await send(upstream.url, { ...req, path: directPath });
  await setup(state);
  const before = await endpointRequests();
  const via = await send(viaReference.url, req);
  return { direct, via, forwarded: (await endpointRequests()) - before };
}

const crashOnly = (text) => {
  try {
    const messages = Object.values(JSON.parse(text)).flat();
    return messages.length > 0 && messages.every((m) => typeof m === "string" && m.includes(CRASH_MARK));
  } catch {
    return false;
  }
};

// ---------------------------------------------------------------------------------------------

test("SSRF: no request target or Host header makes the gate call another host; credentials go to UPSTREAM only", { timeout: 120_000 }, async () => {
  const I = internal.host;
  const targets = [
    `//${I}/internal/secret`,
    `/\\${I}/internal/secret`,
    `///${I}/internal/secret`,
    `/\\\\${I}/internal/secret`,
    `/\\/${I}/internal/secret`,
    `//${I}`,
    `//${I}?x=1`,
    `//user:pass@${I}/internal/secret`,
    `/%2F%2F${I}/internal/secret`,
    `/%2f/${I}/internal/secret`,
    `/%5C%5C${I}/internal/secret`,
    `/.//${I}/internal/secret`,
    `/..//${I}/internal/secret`,
    `/%2e%2e//${I}/internal/secret`,
    `/x/..//${I}/internal/secret`,
    `http://${I}/internal/secret`,
    `https://${I}/internal/secret`,
    `//${I}${ENDPOINT}${PK}/`,
    `/\\${I}${ENDPOINT}${PK}/`,
  ];
  const before = recorded.requests.length;
  let sent = 0;
  for (const method of ["GET", "POST", "PATCH", "DELETE"]) {
    for (const path of targets) {
      const body = method === "GET" || method === "DELETE" ? undefined : Buffer.from('{"name":"ok"}');
      const r = await send(viaRecorder.url, { method, path, headers: { ...SECRET, "content-type": "application/json" }, body });
      sent++;
      assert.ok(r.status === 200 && JSON.parse(r.text).server === "upstream", `${method} ${path}: ${r.status} ${r.text.slice(0, 200)}`);
    }
    // The Host header names the internal server: the gate does not care.
    const r = await send(viaRecorder.url, { method, path: "/internal/secret", headers: { ...SECRET, host: I } });
    sent++;
    assert.equal(JSON.parse(r.text).server, "upstream", `${method} with Host: ${I}`);
  }
  assert.deepEqual(internal.requests, [], "a request reached the internal server");
  const got = recorded.requests.slice(before);
  assert.equal(got.length, sent, "every request reached UPSTREAM, once");
  for (const g of got) {
    assert.equal(g.headers.authorization, SECRET.authorization);
    assert.equal(g.headers.cookie, SECRET.cookie);
    assert.equal(g.headers.host, recorded.host, "the upstream is called by its own name");
  }
  // `//host/x` stays a path on the upstream, as Django reads it (and authentik's Go router
  // redirects it to `/host/x`); `\` travels as `%5C`, which Django decodes back to `\`.
  const gets = got.filter((g) => g.method === "GET");
  const targetOf = (path) => gets[targets.indexOf(path)].target;
  assert.equal(targetOf(`//${I}/internal/secret`), `//${I}/internal/secret`);
  assert.equal(targetOf(`/\\${I}/internal/secret`), `/%5C${I}/internal/secret`);
  assert.equal(targetOf(`///${I}/internal/secret`), `///${I}/internal/secret`);
  assert.equal(targetOf(`http://${I}/internal/secret`), "/internal/secret");
  assert.equal(targetOf(`/..//${I}/internal/secret`), `//${I}/internal/secret`);
});

test("SSRF, in Node: upstreamUrl never leaves the upstream's origin", () => {
  const upstreams = ["http://127.0.0.1:9000", "https://authentik.example.com/", "http://[::1]:8080"];
  const paths = ["//evil.example/x", "/\\evil.example/x", "///evil.example/x", "/\\/evil.example", "//evil.example:1@x/y", "/%2F%2Fevil.example/x", "/%5C%5Cevil.example", "/..//evil.example/x", "/%2e%2e/%2e%2e//evil.example/x", "//evil.example?x=//y#//z", "/?//evil.example", "/#//evil.example"];
  for (const up of upstreams) {
    const origin = new URL(up).origin;
    for (const p of paths) {
      for (const url of [`http://gate.example${p}`, `https://gate.example:8443${p}`, `http://evil.example${p}`]) {
        const t = upstreamUrl({ url }, up);
        assert.equal(t.origin, origin, `${url} -> ${t.href}`);
        assert.ok(t.pathname.startsWith("/"));
      }
    }
  }
  for (const bad of [undefined, "", "not a url", "ftp://x", "http://u:p@x", "http://x/api", "http://x/?q", "file:///etc/passwd"]) {
    assert.throws(() => upstreamUrl({ url: "http://gate/" }, bad), TypeError, String(bad));
  }
});

test("the gate refuses to run without a valid upstream, and never calls one it was not given", async () => {
  const calls = [];
  const gate = createGate(invitationPatch, { fetch: (r) => (calls.push(r.url), new Response("{}")) });
  for (const env of [{}, { UPSTREAM: "" }, { UPSTREAM: "http://x/base/" }, { UPSTREAM: "javascript:alert(1)" }]) {
    const r = await gate.fetch(new Request("http://gate.example//evil.example/x"), env);
    assert.equal(r.status, 500);
    assert.match((await r.json()).detail, /upstream/);
  }
  assert.deepEqual(calls, []);
  await gate.fetch(new Request("http://gate.example//evil.example/x"), { UPSTREAM: "http://up.example:81" });
  assert.deepEqual(calls, ["http://up.example:81//evil.example/x"]);
  assert.throws(() => createGate({}), TypeError);
  assert.throws(() => createGate(invitationPatch, { upstream: "http://x/path" }), TypeError);
});

// ---------------------------------------------------------------------------------------------

test("Django's path resolution, in Node: what routes to the invitation endpoints", () => {
  const route = (p) => invitationRoute(p, invitationPatch);
  const judged = [
    `${ENDPOINT}${PK}/`,
    `${ENDPOINT}${PK.toUpperCase()}/`,
    `${ENDPOINT}${PK.replaceAll("-", "")}/`,
    `${ENDPOINT}urn:uuid:${PK}/`,
    `${ENDPOINT}%7B${PK}%7D/`,
    `${ENDPOINT}%38${PK.slice(1)}/`,
    `/api/v3/stages%2Finvitation/invitations/${PK}/`,
    `/%61pi/v3/stages/invitation/invitations/${PK}/`,
    `${ENDPOINT}${PK}%2F`,
  ];
  for (const p of judged) assert.deepEqual(route(p), { route: "detail", uuid: true }, p);
  for (const p of [`${ENDPOINT}${PK};x/`, `${ENDPOINT}${PK}x/`, `${ENDPOINT}not-a-uuid/`, `${ENDPOINT}%FF/`, `${ENDPOINT}%20/`]) {
    assert.deepEqual(route(p), { route: "detail", uuid: false }, p);
  }
  for (const p of [`/${ENDPOINT}${PK}/`, `${ENDPOINT}${PK}`, `${ENDPOINT}${PK}/%0A`, `${ENDPOINT}${PK}/x/`, `${ENDPOINT}${PK}.json`, `${ENDPOINT}a.b/`, `/api\\v3\\stages\\invitation\\invitations\\${PK}\\`, `/API/v3/stages/invitation/invitations/${PK}/`  ]) {
    assert.equal(route(p), null, p);
  }
  assert.deepEqual(route(ENDPOINT), { route: "list" });
  assert.deepEqual(route("/api/v3/stages/invitation/invitations%2F"), { route: "list" });
});

test("paths: only what Django routes to an invitation (with a pk it can look up) is judged; the rest reaches the server untouched", { timeout: 240_000 }, async () => {
  const headers = { "content-type": "application/json" };
  const bad = Buffer.from('{"name":"not a slug"}');
  const good = Buffer.from('{"name":"renamed","fixed_data":{"b":1.0}}');
  // Paths the gate forwards as they are: the answer through the gate is the server's own.
  const same = [
    [`${ENDPOINT}${PK}/`, "judged"],
    [`${ENDPOINT}${PK}/?format=json&x=%2F%2F`, "judged"],
    [`${ENDPOINT}${PK.toUpperCase()}/`, "judged"],
    [`${ENDPOINT}urn:uuid:${PK}/`, "judged"],
    [`${ENDPOINT}%7B${PK}%7D/`, "judged"],
    [`${ENDPOINT}%38${PK.slice(1)}/`, "judged"],
    [`/api/v3/stages%2Finvitation/invitations/${PK}/`, "judged"],
    [`${ENDPOINT}${PK}%2F`, "judged"],
    [`${ENDPOINT}${PK};x/`, "untouched"],
    [`${ENDPOINT}${PK}x/`, "untouched"],
    [`${ENDPOINT}%FF${PK.slice(2)}/`, "untouched"],
    [`//api/v3/stages/invitation/invitations/${PK}/`, "untouched"],
    [`/api\\v3\\stages\\invitation\\invitations\\${PK}\\`, "untouched"],
    [`${ENDPOINT}${PK}/%0A`, "untouched"],
    [`${ENDPOINT}${PK}`, "untouched"],
  ];
  for (const [path, kind] of same) {
    for (const [method, body] of [["PATCH", bad], ["PATCH", good], ["patch", bad], ["PUT", bad]]) {
      const { direct, via, forwarded } = await both({ method, path, headers, body });
      const what = `${method} ${path} ${body}`;
      assert.equal(via.status, direct.status, `${what}: server ${direct.status} ${direct.text.slice(0, 200)}, gate ${via.text.slice(0, 200)}`);
      assert.equal(via.text, direct.text, what);
      const reachedEndpoint = kind === "untouched" && path.startsWith(ENDPOINT);
      if (kind === "judged") assert.equal(forwarded, body === bad ? 0 : 1, `${what}: forwarded ${forwarded}`);
      if (reachedEndpoint) assert.equal(forwarded, 1, `${what}: not forwarded untouched`);
    }
  }
  // Dot segments: no fetch() can send them (the URL parser resolves them), so the gate forwards
  // the resolved path and judges by it; authentik's own router answers such a path with a 301 to
  // that same resolved path (gorilla/mux cleanPath), the reference harness (no Go router) a 404.
  const dots = [
    [`/api/v3/./stages/invitation/invitations/${PK}/`, `${ENDPOINT}${PK}/`],
    [`/api/v3/stages/x/%2e%2e/invitation/invitations/${PK}/`, `${ENDPOINT}${PK}/`],
    [`/api/v3/stages/invitation/invitations/${PK}/%2E/`, `${ENDPOINT}${PK}/`],
    [`/api/v3/stages/invitation/invitations/x/../${PK}/`, `${ENDPOINT}${PK}/`],
    [`/api/v3/stages/invitation/invitations/${PK}/../`, ENDPOINT],
  ];
  for (const [path, resolved] of dots) {
    for (const body of [bad, good]) {
      await setup();
      const raw = await send(upstream.url, { method: "PATCH", path, headers, body });
      assert.equal(raw.status, 404, `${path}: the harness routes dot segments nowhere`);
      const { direct, via } = await both({ method: "PATCH", path, headers, body }, { directPath: resolved });
      assert.equal(via.status, direct.status, `${path} ${body}: ${via.text.slice(0, 200)}`);
      assert.equal(via.text, direct.text, path);
    }
  }
});

// ---------------------------------------------------------------------------------------------

/**
 * PUT bodies: hand-picked ones where PUT differs from PATCH, then the generated cases' bodies
 * (GATE_PUT_COUNT of seed GATE_PUT_SEED; a run of 900 from seed 7 matched the harness too).
 */
function putCases() {
  const nul = '"\\u0000"';
  const lone = '"\\ud800"';
  const picked = [
    "", "{}", "null", "[]", "{", '{"name":"new-name"}', '{"name":" padded "}', '{"name":null}', '{"name":""}',
    '{"single_use":true}', '{"single_use":2}', '{"name":"bad slug","single_use":2}', '{"single_use":2,"expires":"x"}',
    `{"fixed_data":{"a":${nul}}}`, `{"name":"ok","fixed_data":{"a":${nul}}}`, `{"fixed_data":{"a":${lone}}}`,
    `{"fixed_data":{"a":${nul}},"single_use":2}`, `{"name":"ok","fixed_data":{"a":${nul}},"single_use":2}`,
    `{"flow":${lone}}`, `{"name":"ok","flow":${lone}}`, `{"flow":"x${lone.slice(1)}}`,
'{"flow":"006a3f6e-34ca-4b3b-ae64-34a241cebeef"}',
    '{"name":"ok","flow":"006a3f6e-34ca-4b3b-ae64-34a241cebeef"}', '{"pk":"x","created_by":1,"unknown":2}',
    '{"name":"ok","fixed_data":{"b":1.0,"2":1e2}}', '{"fixed_data":null}', '{"expires":null,"flow":""}',
  ].map((body, i) => ({ id: `put/picked-${i}`, body, invitation: STATE.invitation, flows: STATE.flows }));
  const count = Number(process.env.GATE_PUT_COUNT ?? 150);
  const generated = generatedCases(Number(process.env.GATE_PUT_SEED ?? 20240616), count).filter((c) => !("content_type" in c));
  return [...picked, ...generated];
}

function requestOf(c, method, path) {
  const body = "body_b64" in c ? Buffer.from(c.body_b64, "base64") : Buffer.from(c.body, "utf8");
  return { method, path, headers: { "content-type": "application/json" }, body };
}

/** Differences between the server's answer and the gate's, for a judged method (as worker.test.mjs). */
function judgedProblems(direct, via, forwarded) {
  const problems = [];
  let expected = direct.status === 500 ? null : parseLossless(direct.text);
  const noFlow = direct.status === 400 && expected.flow?.length === 1 && NO_SUCH_FLOW.test(expected.flow[0]);
  const onlyNoFlow = noFlow && Object.keys(expected).length === 1;
  if (noFlow && !onlyNoFlow) {
    const { flow, ...others } = expected;
    expected = others;
  }
  const crashes = via.status === 400 && crashOnly(via.text);
  if (onlyNoFlow && crashes && forwarded === 0) return problems; // README: the flow's existence is the server's
  if (direct.status === 500) {
    if (!crashes) problems.push(`server 500, gate ${via.status} ${via.text.slice(0, 300)}`);
    if (forwarded !== 0) problems.push("a body the server crashes on reached it");
    return problems;
  }
  if (via.status !== direct.status) problems.push(`status ${via.status} != server's ${direct.status}`);
  else {
    const d = jsonDiff(parseLossless(via.text), expected);
    if (d) problems.push(`body differs: ${d}`);
    else if (!(noFlow && !onlyNoFlow) && via.text !== direct.text) problems.push("same JSON value, different text");
  }
  if ((direct.status === 200 || onlyNoFlow) && forwarded !== 1) problems.push(`valid body forwarded ${forwarded} times`);
  if (direct.status === 400 && !onlyNoFlow && forwarded !== 0) problems.push("invalid body reached the server");
  return problems;
}

test("PUT is judged as DRF's full update (PATCH's rules, name required), against the real viewset", { timeout: 300_000 }, async () => {
  const failures = [];
  const tally = {};
  for (const c of putCases()) {
    const state = { invitation: c.invitation, flows: c.flows ?? [] };
    const path = `${ENDPOINT}${c.invitation.pk}/`;
    const { direct, via, forwarded } = await both(requestOf(c, "PUT", path), { state });
    const key = `${direct.status} -> ${via.status}, forwarded ${forwarded}`;
    tally[key] = (tally[key] ?? 0) + 1;
    const problems = judgedProblems(direct, via, forwarded);
    if (problems.length) failures.push(`${c.id} ${JSON.stringify(c.body ?? c.body_b64).slice(0, 200)}\n  server: ${direct.status} ${direct.text.slice(0, 200)}\n  gate: ${via.status} ${via.text.slice(0, 200)}\n  ${problems.join("\n  ")}`);
  }
  console.log(`gate PUT: server status -> gate status, forwarded:\n  ${Object.entries(tally).sort().map(([k, n]) => `${n} × ${k}`).join("\n  ")}`);
  assert.equal(failures.length, 0, failures.slice(0, 10).join("\n\n"));
  const seen = (re) => Object.entries(tally).filter(([k]) => re.test(k)).reduce((n, [, v]) => n + v, 0);
  assert.ok(seen(/^200 -> 200, forwarded 1/) >= 10, "valid PUT bodies forwarded");
  assert.ok(seen(/^400 -> 400, forwarded 0/) >= 50, "invalid PUT bodies answered by the gate");
  assert.ok(seen(/^500 -> 400, forwarded 0/) >= 3, "PUT bodies the server crashes on");
});

test("POST on the list is judged as create, which runs PUT's validation; the answers are PUT's", { timeout: 300_000 }, async () => {
  // The harness's viewset cannot create (authentik's perform_create adds created_by), so a valid
  // POST is a 500 there: the 400s are compared with the server's, and every verdict with PUT's.
  const failures = [];
  let judged = 0;
  for (const c of putCases().slice(0, 80)) {
    const state = { invitation: c.invitation, flows: c.flows ?? [] };
    const post = await both(requestOf(c, "POST", ENDPOINT), { state });
    const put = await both(requestOf(c, "PUT", `${ENDPOINT}${c.invitation.pk}/`), { state });
    const problems = [];
    if (put.forwarded === 0) {
      judged++;
      if (post.via.status !== put.via.status || post.via.text !== put.via.text) problems.push(`POST ${post.via.status} ${post.via.text.slice(0, 200)} != PUT ${put.via.text.slice(0, 200)}`);
      if (post.forwarded !== 0) problems.push("POST forwarded a body PUT refuses");
      if (post.direct.status === 400) problems.push(...judgedProblems(post.direct, post.via, post.forwarded));
    } else if (post.forwarded !== 1) problems.push(`POST forwarded ${post.forwarded} times where PUT is forwarded`);
    if (problems.length) failures.push(`${c.id}: ${problems.join("; ")}`);
  }
  assert.equal(failures.length, 0, failures.slice(0, 10).join("\n"));
  assert.ok(judged >= 30, `${judged} POST bodies answered by the gate`);
});

test("validatePut stands in for the module's own: createGate uses the module's when it has one", async () => {
  const seen = [];
  const module = {
    validatePatch: invitationPatch.validatePatch,
    validatePut: (body) => (seen.push(new TextDecoder().decode(body)), { ok: false, status: 400, errors: { name: ["from validatePut"] } }),
  };
  const gate = createGate(module, { upstream: "http://up.example", fetch: () => new Response("forwarded") });
  const put = await gate.fetch(new Request(`http://gate${ENDPOINT}${PK}/`, { method: "PUT", headers: { "content-type": "application/json" }, body: "{}" }));
  assert.deepEqual(await put.json(), { name: ["from validatePut"] });
  const post = await gate.fetch(new Request(`http://gate${ENDPOINT}`, { method: "POST", headers: { "content-type": "application/json" }, body: '{"a":1}' }));
  assert.deepEqual(await post.json(), { name: ["from validatePut"] });
  assert.deepEqual(seen, ["{}", '{"a":1}']);
});

// ---------------------------------------------------------------------------------------------

function asgiReference(requests) {
  const input = requests.map((r) => JSON.stringify(r)).join("\n") + "\n";
  const r = spawnSync(`${root}tests/reference/.venv/bin/python`, [`${root}tests/js/asgi_reference.py`], { cwd: root, input, encoding: "utf8", timeout: 120_000 });
  assert.equal(r.status, 0, r.stderr);
  return r.stdout.split("\n").filter(Boolean).map((l) => JSON.parse(l));
}

test("repeated Content-Type headers: the gate answers as authentik's ASGI stack does", { timeout: 240_000 }, async () => {
  const path = `${ENDPOINT}${PK}/`;
  const pairs = [
    ["application/json", "application/json"],
    ["application/json", "text/plain"],
    ["text/plain", "application/json"],
    ["application/json; charset=utf-8", "text/plain"],
    ["application/json;charset=utf-8", "application/json"],
    ["application/json; charset=latin-1", "application/json"],
    ["*/*", "application/json"],
    ["application/*; q=1", "text/html"],
  ];
  const bodies = ['{"name":"renamed"}', '{"name":"not a slug"}', ""];
  const requests = [];
  for (const [a, b] of pairs) for (const body of bodies) requests.push({ a, b, body });
  const answers = asgiReference(
    requests.map(({ a, b, body }) => ({
      state: STATE,
      method: "PATCH",
      raw_path: path,
      headers: [["content-type", a], ["content-type", b]],
      body_b64: Buffer.from(body).toString("base64"),
    })),
  );
  const failures = [];
  for (const [i, { a, b, body }] of requests.entries()) {
    const asgi = answers[i];
    await setup();
    const via = await send(viaReference.url, { method: "PATCH", path, headers: { "content-type": [a, b] }, body: Buffer.from(body) });
    const what = `Content-Type: ${a} + Content-Type: ${b}, body ${JSON.stringify(body)}`;
    if (via.status !== asgi.status) failures.push(`${what}: server ${asgi.status} ${asgi.body.slice(0, 200)}, gate ${via.status} ${via.text.slice(0, 200)}`);
    else if (asgi.status === 415) {
      // Django joins the two lines with ",", workerd with ", " (the gate cannot see the lines).
      const expected = JSON.parse(asgi.body).detail.replace(`"${a},${b}"`, `"${a}, ${b}"`);
      if (JSON.parse(via.text).detail !== expected) failures.push(`${what}: 415 detail ${via.text} vs server ${asgi.body}`);
    } else if (via.text !== asgi.body) failures.push(`${what}: gate ${via.text.slice(0, 200)} vs server ${asgi.body.slice(0, 200)}`);
  }
  assert.deepEqual(failures, []);
  // Not vacuous: both kinds of answer occurred.
  assert.ok(answers.some((a) => a.status === 415) && answers.some((a) => a.status === 200) && answers.some((a) => a.status === 400));
});

// ---------------------------------------------------------------------------------------------

test("gate.d.ts: the worker compiles under tsc --strict, with the DOM lib and without it", { timeout: 120_000 }, async () => {
  const { mkdtempSync, mkdirSync, rmSync, symlinkSync, writeFileSync } = await import("node:fs");
  const { tmpdir } = await import("node:os");
  const { join } = await import("node:path");
  const dir = mkdtempSync(join(tmpdir(), "gate-types-"));
  try {
    mkdirSync(join(dir, "node_modules"));
    symlinkSync(join(root, "pkg"), join(dir, "node_modules/authentik-invitation-patch"), "dir");
    writeFileSync(join(dir, "package.json"), '{"type":"module"}');
    writeFileSync(
      join(dir, "dom.ts"),
      `import * as invitationPatch from "authentik-invitation-patch";
       import { createGate, judgeRequest, acceptsJson } from "authentik-invitation-patch/gate";
       const gate = createGate(invitationPatch);
       createGate(invitationPatch, { upstream: (env: { UPSTREAM: string }) => env.UPSTREAM, fetch: (r: Request) => fetch(r) });
       const answer: Promise<Response> = gate.fetch(new Request("http://gate/"), { UPSTREAM: "http://up" });
       const decided = judgeRequest(invitationPatch, new Request("http://gate/"), "http://up").then((d) => d.answer ?? d.forward);
       const json: boolean = acceptsJson(null);
       export default gate;
       export { answer, decided, json };\n`,
    );
    // No DOM lib, no @types: the gate's own shapes stand in for Request and Response.
    writeFileSync(
      join(dir, "bare.ts"),
      `import { createGate } from "authentik-invitation-patch/gate";
       const judge = (b: Uint8Array) => ({ ok: false as const, status: 400, errors: { size: b.length } });
       const module = { validatePatch: judge, validatePut: judge };
       const gate = createGate(module, { upstream: "http://up" });
       const verdict = module.validatePut(new Uint8Array());
       export default gate;
       export { verdict };\n`,
    );
    writeFileSync(join(dir, "misuse.ts"), `import { createGate } from "authentik-invitation-patch/gate";\nexport default createGate({ validate: () => true });\n`);
    const tsc = (files, lib) => {
      const config = { compilerOptions: { target: "es2022", module: "node16", moduleResolution: "node16", strict: true, noEmit: true, skipLibCheck: false, types: [], lib }, files };
      writeFileSync(join(dir, "tsconfig.json"), JSON.stringify(config));
      const r = spawnSync(`${root}node_modules/.bin/tsc`, ["-p", "tsconfig.json", "--pretty", "false"], { cwd: dir, encoding: "utf8", timeout: 90_000 });
      return { status: r.status, output: `${r.stdout}${r.stderr}` };
    };
    let r = tsc(["dom.ts"], ["es2022", "dom"]);
    assert.equal(r.status, 0, r.output);
    r = tsc(["bare.ts"], ["es2022"]);
    assert.equal(r.status, 0, r.output);
    r = tsc(["misuse.ts"], ["es2022"]);
    assert.notEqual(r.status, 0);
    assert.match(r.output, /misuse\.ts\(2,[^]*InvitationPatchModule/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
