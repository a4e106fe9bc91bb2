// An edge worker in front of an authentik 2024.6 server. A PATCH to an invitation is judged here,
// as the server would judge it, and only a body the server accepts goes on to it:
//   - no JSON Content-Type (DRF's rules)       -> 415, the server's body
//   - a body authentik refuses                 -> 400, the server's body (`r.errors`), not forwarded
//   - a body authentik would crash on (500)    -> 400 with the module's own message, not forwarded
//   - a valid body                             -> the normalized patch, forwarded; the answer relayed
// Which flows exist is the server's to say: a body whose only fault is a flow that does not exist is
// forwarded, and the server's 400 relayed (README.md, "What differs from the server").
// Everything else (other methods, other paths) passes through untouched. See README.md.
import { validatePatch } from "authentik-invitation-patch/worker";
import { acceptsJson, decodedAsUtf8, unsupportedMediaType } from "./media-type.js";

// DRF's router: `^stages/invitation/invitations/(?P<invite_uuid>[^/.]+)/$` under `/api/v3/`, matched
// against the percent-decoded path, as Django matches it.
const INVITATION = /^\/api\/v3\/stages\/invitation\/invitations\/[^/.]+\/$/;

export default {
  async fetch(request, env) {
    if (!env.UPSTREAM) return answer({ detail: "The worker's UPSTREAM binding is not set." }, 500);
    const url = new URL(request.url);
    const target = new URL(url.pathname + url.search, env.UPSTREAM);
    // Django upper-cases the method; the Fetch API only normalizes the well-known ones.
    if (request.method.toUpperCase() !== "PATCH" || !isInvitation(url.pathname)) {
      return relay(new Request(target, request));
    }

    // The raw bytes, so that invalid UTF-8 is judged as the server judges it.
    const bytes = new Uint8Array(await request.arrayBuffer());
    const contentType = request.headers.get("content-type");
    // An empty body is `{}` to DRF whatever the Content-Type (or none): the module says so too.
    if (bytes.length > 0) {
      if (!acceptsJson(contentType)) return answer(unsupportedMediaType(contentType), 415);
      // Another charset means another decoding (latin-1, utf-16, utf-8-sig, …), done by Python's
      // codecs, which the module does not have: the body goes to the server as it came.
      if (!decodedAsUtf8(contentType)) return relay(forward(target, request, bytes));
    }

    // No `flows` option: the worker cannot know which flows exist; the server checks that.
    const r = validatePatch(bytes);
    if (!r.ok) return answer(r.errors, r.status);
    const headers = new Headers(request.headers);
    headers.set("content-type", "application/json");
    return relay(forward(target, request, patchText(r.patch, bytes), headers));
  },
};

// The patch as JSON text. `fixed_data` and a `flow` spelled as a UUID go as the client wrote them:
// the server keeps `fixed_data` exactly as parsed (`1.0` stays a float, `1e2` is `100.0`, key order
// as written), and echoes a flow that does not exist as sent (`Invalid pk "<as sent>"`); a JS value
// can hold neither. The other fields go as the module normalized them. Should the body's text not
// be found (it always is: the module parsed it), the normalized values go, integers beyond 2^53
// (BigInt) with their exact digits.
function patchText(patch, bytes) {
  let sent = new Map();
  try {
    sent = membersAsSent(bytes);
  } catch {}
  const members = Object.entries(patch).map(([key, value]) => {
    const raw = (key === "fixed_data" || (key === "flow" && typeof value === "string")) && sent.get(key);
    return `${JSON.stringify(key)}:${raw || JSON.stringify(value, exactBigInt)}`;
  });
  return `{${members.join(",")}}`;
}

const exactBigInt = (_key, v) => (typeof v === "bigint" ? JSON.rawJSON(v.toString()) : v);

// The text of each top-level member's value, by key (decoded; the last of duplicates, as Python's
// json keeps). Scans the bytes the module accepted as a JSON object: UTF-8 leaves every structural
// character a single ASCII byte. Throws on anything else.
function membersAsSent(b) {
  const utf8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });
  const members = new Map();
  const at = (i) => {
    if (i >= b.length) throw new Error("unexpected end");
    return b[i];
  };
  const ws = (i) => {
    while (i < b.length && (b[i] === 0x20 || b[i] === 0x09 || b[i] === 0x0a || b[i] === 0x0d)) i++;
    return i;
  };
  const string = (i) => {
    for (i++; at(i) !== 0x22; i++) if (b[i] === 0x5c) i++;
    return i + 1;
  };
  const value = (i) => {
    if (at(i) === 0x22) return string(i);
    if (b[i] === 0x7b || b[i] === 0x5b) {
      for (let depth = 0; ; ) {
        const c = at(i);
        if (c === 0x22) {
          i = string(i);
          continue;
        }
        if (c === 0x7b || c === 0x5b) depth++;
        else if ((c === 0x7d || c === 0x5d) && --depth === 0) return i + 1;
        i++;
      }
    }
    // A number or a constant: up to the next delimiter.
    while (i < b.length && ![0x2c, 0x7d, 0x5d, 0x20, 0x09, 0x0a, 0x0d].includes(b[i])) i++;
    return i;
  };
  let i = ws(0);
  if (at(i) !== 0x7b) throw new Error("not an object");
  i = ws(i + 1);
  if (at(i) === 0x7d) return members;
  for (;;) {
    const k = i;
    i = string(i);
    const key = JSON.parse(utf8.decode(b.subarray(k, i)));
    i = ws(i);
    if (at(i) !== 0x3a) throw new Error("expected :");
    const v = ws(i + 1);
    i = value(v);
    members.set(key, utf8.decode(b.subarray(v, i)));
    i = ws(i);
    if (at(i) === 0x7d) return members;
    if (b[i] !== 0x2c) throw new Error("expected ,");
    i = ws(i + 1);
  }
}

function isInvitation(pathname) {
  try {
    return INVITATION.test(decodeURIComponent(pathname));
  } catch {
    return false; // not UTF-8 once decoded: Django cannot route it either
  }
}

function forward(target, request, body, headers = new Headers(request.headers)) {
  // The body is given whole: fetch sets its Content-Length (servers such as wsgiref, and Django's
  // DRF, treat a body without one as empty).
  headers.delete("content-length");
  headers.delete("transfer-encoding");
  return new Request(target, { method: request.method, headers, body, redirect: "manual" });
}

async function relay(request) {
  try {
    // `manual`: a redirect is the server's answer to the client, not for the worker to follow.
    return await fetch(request, { redirect: "manual" });
  } catch (e) {
    return answer({ detail: `The upstream server could not be reached (${e.message}).` }, 502);
  }
}

// A JSON answer as DRF's JSONRenderer writes it: compact, UTF-8, U+2028/U+2029 escaped.
function answer(body, status) {
  const text = JSON.stringify(body).replace(/[\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16)}`);
  return new Response(text, { status, headers: { "content-type": "application/json" } });
}
