// The edge worker (www/worker/) end to end: workerd runs it with www/worker/config.capnp, in front
// of the Django reference harness served over HTTP (tests/reference/serve.py) as the upstream, both
// on 127.0.0.1. Each generated case is sent straight to the upstream and through the worker, from
// the same stored state: the answers must be the same JSON (the upstream's 500s become the module's
// 400s), and the upstream's request count shows that no body the module judged invalid reached it.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { request as httpRequest } from "node:http";
import { fileURLToPath } from "node:url";
import { jsonDiff, parseLossless } from "./lossless.mjs";
import { CRASH_MARK, generatedCases, inModuleScope } from "./reference.mjs";
import { startReference, startWorkerd } from "./servers.mjs";
import { acceptsJson, decodedAsUtf8 } from "../../pkg/gate.js";

const root = fileURLToPath(new URL("../..", import.meta.url));
const SEED = Number(process.env.WORKER_SEED ?? 20240615);
const COUNT = Number(process.env.WORKER_COUNT ?? 400);
const ENDPOINT = "/api/v3/stages/invitation/invitations/";
const NO_SUCH_FLOW = /^Invalid pk "[^]*" - object does not exist\.$/;

let upstream;
let worker;
before(async () => {
  upstream = await startReference();
  worker = await startWorkerd("www/worker/config.capnp", { env: { UPSTREAM: upstream.url } });
}, { timeout: 60_000 });
after(async () => {
  await worker?.stop();
  await upstream?.stop();
});

/** One HTTP request with exactly these headers (and a Content-Length); { status, text }. */
function send(base, { method = "GET", path = "/", headers = {}, body } = {}) {
  return new Promise((resolve, reject) => {
    const req = httpRequest(new URL(path, base), { method, headers, timeout: 30_000 }, (res) => {
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
const reference = (path, body) => send(upstream.url, { method: "POST", path, headers: { "content-type": "application/json" }, body });

async function setup(c) {
  const r = await reference("/__reference__/setup", json({ invitation: c.invitation, flows: c.flows ?? [] }));
  assert.equal(r.status, 200, `setup failed for ${c.id}: ${r.text}`);
}

async function patchRequests() {
  const r = await send(upstream.url, { path: "/__reference__/stats" });
  return JSON.parse(r.text).patch_requests;
}

/** Whether an answer is the module's own 400 for a body the server crashes on. */
function crashMessages(text) {
  try {
    const messages = Object.values(JSON.parse(text)).flat();
    return messages.length > 0 && messages.every((m) => typeof m === "string" && m.includes(CRASH_MARK));
  } catch {
    return false;
  }
}

function requestOf(c) {
  const headers = {};
  if (!("content_type" in c)) headers["content-type"] = "application/json";
  else if (c.content_type !== null) headers["content-type"] = c.content_type;
  const body = "body_b64" in c ? Buffer.from(c.body_b64, "base64") : Buffer.from(c.body, "utf8");
  return { method: "PATCH", path: `${ENDPOINT}${c.invitation.pk}/`, headers, body };
}

// The cases, COUNT in all, from a larger draw: every content-type case first, then the ones likely
// to crash the server (NUL and lone surrogates in fixed_data or flow, deep bodies), then the others.
let picked;
function pickCases() {
  picked ??= pick();
  return picked;
}
function pick() {
  const all = generatedCases(SEED, Math.max(COUNT * 3, 1200));
  const label = (c) => c.id.slice(c.id.indexOf("/") + 1);
  const rank = (c) =>
    label(c).startsWith("content_type/") ? 0 : /^(fixed_data|flow)\/[^+]*(nul|surrogate)|deep-body/.test(label(c)) ? 1 : 2;
  return all
    .map((c, i) => [rank(c), i, c])
    .sort((a, b) => a[0] - b[0] || a[1] - b[1])
    .slice(0, COUNT)
    .map(([, , c]) => c);
}

test(`generated cases (seed ${SEED}): through the worker as straight from the server; invalid bodies never forwarded`, { timeout: 240_000 }, async () => {
  const cases = pickCases();
  const failures = [];
  const tally = {};
  for (const c of cases) {
    const req = requestOf(c);
    await setup(c);
    const direct = await send(upstream.url, req);
    await setup(c);
    const before = await patchRequests();
    const via = await send(worker.url, req);
    const forwarded = (await patchRequests()) - before;
    const judged = inModuleScope(c);
    let expected = direct.status === 500 ? null : parseLossless(direct.text);
    // The worker does not know which flows exist. A body whose only fault is a flow that does not
    // exist is forwarded, and the server says so; one with other faults as well is answered
    // without the flow's message (both documented in www/worker/README.md).
    const noFlow = direct.status === 400 && expected.flow?.length === 1 && NO_SUCH_FLOW.test(expected.flow[0]);
    const onlyNoFlow = noFlow && Object.keys(expected).length === 1;
    if (noFlow && !onlyNoFlow) {
      const { flow, ...others } = expected;
      expected = others;
    }
    const note = !judged ? " (not judged)" : onlyNoFlow ? " (no such flow)" : noFlow ? " (and no such flow)" : "";
    const key = `${direct.status}${note} -> ${via.status}, forwarded ${forwarded}`;
    tally[key] = (tally[key] ?? 0) + 1;

    const problems = [];
    // With the flow unknown, a body that also holds a value the server crashes on at save time
    // gets the module's 400 for that value (once the flow exists, the server would crash).
    const crashes = via.status === 400 && crashMessages(via.text);
    if (onlyNoFlow && crashes && forwarded === 0) {
      tally[`  of which: crash 400 (the server's validation stopped at the missing flow)`] = 1 + (tally[`  of which: crash 400 (the server's validation stopped at the missing flow)`] ?? 0);
    } else if (direct.status === 500 && (judged || via.status !== 500)) {
      // The server crashes: the worker answers its own 400 and keeps the body from the server.
      if (!crashes) {
        problems.push(`server 500, worker ${via.status} ${via.text.slice(0, 300)}`);
      }
      if (forwarded !== 0) problems.push(`a body the server crashes on reached it (${forwarded} requests)`);
    } else {
      if (via.status !== direct.status) problems.push(`status ${via.status} != server's ${direct.status}`);
      else if (expected !== null) {
        const d = jsonDiff(parseLossless(via.text), expected);
        if (d) problems.push(`body differs: ${d}`);
        // Byte for byte, too (floats such as 1.0 in fixed_data, key order, escapes), unless the
        // flow's message had to be left out.
        else if (!(noFlow && !onlyNoFlow) && via.text !== direct.text) problems.push("same JSON value, different text");
      }
      if ((direct.status === 200 || onlyNoFlow) && forwarded !== 1) problems.push(`valid body forwarded ${forwarded} times`);
      if (direct.status === 415 && forwarded !== 0) problems.push(`415 body reached the server`);
      if (direct.status === 400 && judged && !onlyNoFlow && forwarded !== 0) problems.push(`invalid body reached the server`);
    }
    if (problems.length) {
      failures.push(`${c.id} (content-type ${JSON.stringify(req.headers["content-type"])}, body ${JSON.stringify(req.body.toString("utf8").slice(0, 200))})\n  server: ${direct.status} ${direct.text.slice(0, 300)}\n  worker: ${via.status} ${via.text.slice(0, 300)}\n  ${problems.join("\n  ")}`);
    }
  }
  console.log(`worker: ${cases.length} cases; server status -> worker status, requests forwarded:\n  ${Object.entries(tally).sort().map(([k, n]) => `${n} × ${k}`).join("\n  ")}`);
  assert.equal(failures.length, 0, failures.slice(0, 12).join("\n\n"));
  // Not vacuous: each kind of answer was seen.
  const seen = (re) => Object.entries(tally).filter(([k]) => re.test(k)).reduce((n, [, v]) => n + v, 0);
  assert.ok(seen(/^200 -> 200, forwarded 1/) >= 50, "valid bodies");
  assert.ok(seen(/^400 -> 400, forwarded 0/) >= 50, "invalid bodies");
  assert.ok(seen(/^400 \(no such flow\) -> 400, forwarded 1/) >= 1, "flows that do not exist");
  assert.ok(seen(/^415/) >= 5, "unsupported content types");
  assert.ok(seen(/^500 -> 400, forwarded 0/) >= 5, "bodies the server crashes on");
  assert.ok(seen(/not judged\) -> \d+, forwarded 1/) >= 1, "other charsets, forwarded untouched");
});

test("fixed_data and flow reach the server as written: big integers, 1.0, key order, a flow's spelling", { timeout: 240_000 }, async () => {
  const base = pickCases()[0];
  const bodies = [
    '{"fixed_data":{"big":123456789012345678901234567890,"neg":-9007199254740993,"list":[18446744073709551617]}}',
    '{"fixed_data":{"b":1.0,"2":1e2,"1":-0.0,"a":{"z":0.5,"10":1E+2}},"name":"x"}',
    '{"flow":"006A3F6E34CA4B3BAE6434A241CEBEEF","single_use":"yes"}',
    '{"flow":340282366920938463463374607431768211455}',
    '{"fixed_data":{"a":1},"fixed_data":{"b":2.50},"flow":"","flow":"{006a3f6e-34ca-4b3b-ae64-34a241cebeef}"}',
  ];
  for (const body of bodies) {
    const c = { id: "as-written", body, invitation: base.invitation, flows: base.flows };
    await setup(c);
    const direct = await send(upstream.url, requestOf(c));
    await setup(c);
    const via = await send(worker.url, requestOf(c));
    assert.equal(via.status, direct.status, `${body}: ${via.text}`);
    assert.equal(via.text, direct.text, body);
  }
  // The stored values, as a later GET shows them, are the same too.
  const c = { id: "stored", body: bodies[1], invitation: base.invitation, flows: base.flows };
  const path = `${ENDPOINT}${c.invitation.pk}/`;
  await setup(c);
  await send(upstream.url, requestOf(c));
  const direct = await send(upstream.url, { path });
  await setup(c);
  await send(worker.url, requestOf(c));
  const via = await send(upstream.url, { path });
  // Read back as PostgreSQL's jsonb gives it: keys by length then bytewise, numeric's unsigned zero.
  assert.match(direct.text, /"fixed_data":\{"1":0\.0,"2":100\.0,"a":\{"z":0\.5,"10":100\.0\},"b":1\.0\}/);
  assert.equal(via.text, direct.text);
});

// PUT and POST on the list are judged too: tests/js/gate.test.mjs.
test("other methods and other paths pass through untouched", { timeout: 240_000 }, async () => {
  const c = pickCases()[0];
  const path = `${ENDPOINT}${c.invitation.pk}/`;
  const requests = [
    { method: "GET", path },
    { method: "GET", path: `${path}?format=json` },
    { method: "OPTIONS", path },
    { method: "POST", path, headers: { "content-type": "application/json" }, body: Buffer.from("{") },
    { method: "DELETE", path },
    { method: "PATCH", path: ENDPOINT, headers: { "content-type": "application/json" }, body: Buffer.from("{") },
    { method: "PATCH", path: path.slice(0, -1), headers: { "content-type": "application/json" }, body: Buffer.from("{") },
    { method: "PATCH", path: `/api/v3/core/users/1/`, headers: { "content-type": "text/plain" }, body: Buffer.from("{") },
  ];
  for (const req of requests) {
    await setup(c);
    const direct = await send(upstream.url, req);
    await setup(c);
    const before = await patchRequests();
    const via = await send(worker.url, req);
    const forwarded = (await patchRequests()) - before;
    const what = `${req.method} ${req.path}`;
    assert.equal(via.status, direct.status, `${what}: ${via.text.slice(0, 300)}`);
    assert.equal(via.text, direct.text, what);
    if (req.path.startsWith(ENDPOINT)) assert.equal(forwarded, 1, `${what} reached the server`);
  }
});

test("without a reachable upstream: invalid bodies are still answered, valid ones get a 502", { timeout: 240_000 }, async () => {
  // Port 9 (discard) on 127.0.0.1: nothing listens there.
  const lone = await startWorkerd("www/worker/config.capnp", { env: { UPSTREAM: "http://127.0.0.1:9" } });
  try {
    const path = `${ENDPOINT}8c1c5ab4-4ae5-4a3d-8a4b-1f7c6d5e4f3a/`;
    const headers = { "content-type": "application/json" };
    const bad = await send(lone.url, { method: "PATCH", path, headers, body: Buffer.from('{"single_use":2}') });
    assert.equal(bad.status, 400);
    assert.deepEqual(JSON.parse(bad.text), { single_use: ["Must be a valid boolean."] });
    const ok = await send(lone.url, { method: "PATCH", path, headers, body: Buffer.from('{"single_use":true}') });
    assert.equal(ok.status, 502, ok.text);
  } finally {
    await lone.stop();
  }
});

test("the worker's Content-Type rules agree with Django 5.0 and DRF 3.14", { timeout: 240_000 }, () => {
  const headers = [
    "application/json", "APPLICATION/JSON", "Application/Json; charset=UTF-8", "application/json ; charset=utf-8",
    "application/json;", "application/json; q=0.5", "*/*", "application/*", "*/json", "*/*; q=0.8", "APPLICATION/*",
    " application/json", "application/json\u0085", "\u00a0application/json", "application/json/x", "application", "application/",
    "/json", "*", "", "text/plain", "text/json", "text/*", "application/jsonp", "application/merge-patch+json",
    "application/json-patch+json", "application/vnd.api+json", "multipart/form-data; boundary=x", "application/json, text/plain",
    'application/json"; charset=latin-1', 'application/json; x="a;b"; charset=latin-1', 'application/json; x="a;charset=latin-1"',
    "application/json; charset=utf-8", "application/json; charset=UTF8", "application/json; charset=u8", "application/json; charset=utf",
    "application/json; charset=cp65001", "application/json; charset=utf8-ucs2", "application/json; charset= utf-8 ",
    'application/json; charset="utf-8"', 'application/json; charset="UTF-8 "', "application/json; charset=utf--8",
    "application/json; charset=utf.8", "application/json; charset=utf_8", "application/json; charset=.utf8",
    "application/json; charset=", "application/json; charset=---", "application/json; charset=utf-8-sig",
    "application/json; charset=latin-1", "application/json; charset=ISO-8859-1", "application/json; charset=ascii",
    "application/json; charset=utf-16", "application/json; charset=cp1252", "application/json; charset=bogus",
    "application/json; CHARSET=utf-16", "application/json; charset=utf-8; charset=latin-1",
    "application/json; charset=latin-1; charset=utf-8", "application/json; charset*=utf-8''latin-1",
    "application/json; charset*=utf-8", "application/json; charset=\u00e9", "application/json; charset",
  ];
  const script = `
import codecs, json, sys
sys.path.insert(0, "tests/reference")
import refapp
refapp.boot()
from django.utils.http import parse_header_parameters
from rest_framework.utils.mediatypes import media_type_matches
out = []
for h in json.load(sys.stdin):
    accepts = media_type_matches("application/json", h)
    try:
        charset = parse_header_parameters(h)[1].get("charset")
    except Exception as e:
        out.append([accepts, "error: %r" % e]); continue
    if charset is None:
        out.append([accepts, "none"]); continue
    try:
        out.append([accepts, codecs.lookup(charset).name])
    except LookupError:
        out.append([accepts, "unknown"])
print(json.dumps(out))
`;
  const r = spawnSync(`${root}tests/reference/.venv/bin/python`, ["-c", script], {
    cwd: root,
    input: JSON.stringify(headers),
    encoding: "utf8",
    timeout: 60_000,
  });
  assert.equal(r.status, 0, r.stderr);
  const answers = JSON.parse(r.stdout);
  const wrong = [];
  headers.forEach((h, i) => {
    const [accepts, codec] = answers[i];
    if (acceptsJson(h) !== accepts) wrong.push(`${JSON.stringify(h)}: DRF ${accepts ? "accepts" : "refuses"} it`);
    // Django keeps UTF-8 without a charset or with one Python does not know. The worker may leave
    // a body to the server when unsure, but never judges one the server decodes otherwise.
    const utf8 = codec === "none" || codec === "unknown" || codec === "utf-8";
    if (decodedAsUtf8(h) && !utf8) wrong.push(`${JSON.stringify(h)}: decoded as ${codec}, not UTF-8`);
    // Where Python finds UTF-8 (or no charset), the worker judges the body itself, unless the
    // parameter uses RFC 2231's charset*= form.
    if ((codec === "none" || codec === "utf-8") && !decodedAsUtf8(h) && !h.includes("*=")) {
      wrong.push(`${JSON.stringify(h)}: decoded as UTF-8, but the worker leaves it to the server`);
    }
  });
  assert.deepEqual(wrong, []);
});
