// authentik-invitation-patch/fake: a fake authentik 2024.6 for JS test suites. A fetch-style
// handler (Request → Response) holding invitations and flows in memory that serves
// /api/v3/stages/invitation/invitations/ — list, retrieve, PATCH, PUT, POST, DELETE — with the
// server's statuses and bodies: every 400 is the package's (authentik's own messages), and 404,
// 405, 415, 201, 200 and 204 are DRF's, checked against the reference harness over HTTP.
//
// Hand-written, built only on the package's public functions, which you pass in (see forms.js for
// why). What it leaves out is listed in FORMS.md beside this file ("The fake: what it leaves out").

const PREFIX = "/api/v3/stages/invitation/invitations/";
const LIST_METHODS = ["GET", "POST", "HEAD", "OPTIONS"];
const DETAIL_METHODS = ["GET", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"];
// Our own 400s stand where the server fails with a 500 (the package's README lists them); a fake
// server answers those with the server's 500.
const CRASH_MARK = "authentik 2024.6 fails on such";
const PAGE_SIZE = 100; // authentik/root/settings.py REST_FRAMEWORK["PAGE_SIZE"]

/** authentik's default admin, as GroupMemberSerializer shows it: who the requests come from. */
export const DEFAULT_USER = Object.freeze({
  pk: 1,
  username: "akadmin",
  name: "authentik Default Admin",
  is_active: true,
  last_login: null,
  email: "admin@example.com",
  attributes: {},
  uid: "0000000000000000000000000000000000000000000000000000000000000000",
});

// --- JSON as DRF's JSONRenderer writes it ------------------------------------------------------

/** Compact JSON, BigInts as their digits, U+2028/U+2029 escaped (DRF's JSONRenderer). */
export function renderJson(value) {
  const out = [];
  const write = (v) => {
    if (v === null) out.push("null");
    else if (typeof v === "bigint") out.push(v.toString());
    else if (typeof v === "number") out.push(Number.isFinite(v) ? JSON.stringify(v) : "null");
    else if (typeof v === "string" || typeof v === "boolean") out.push(JSON.stringify(v));
    else if (Array.isArray(v)) {
      out.push("[");
      v.forEach((x, i) => {
        if (i) out.push(",");
        write(x === undefined ? null : x);
      });
      out.push("]");
    } else if (typeof v === "object") {
      out.push("{");
      let first = true;
      for (const [k, x] of Object.entries(v)) {
        if (x === undefined) continue;
        if (!first) out.push(",");
        first = false;
        out.push(JSON.stringify(k), ":");
        write(x);
      }
      out.push("}");
    } else out.push("null");
  };
  write(value);
  return out.join("").replaceAll("\u2028", "\\u2028").replaceAll("\u2029", "\\u2029");
}

// --- What PostgreSQL gives back ----------------------------------------------------------------

const utf8 = new TextEncoder();

function compareBytes(a, b) {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return a[i] - b[i];
  return a.length - b.length;
}

/** A value as jsonb stores and gives it back: object keys by UTF-8 length, then bytewise, at
 * every level (a JS number already lost what numeric would change). */
export function jsonbOrder(value) {
  if (Array.isArray(value)) return value.map(jsonbOrder);
  if (value === null || typeof value !== "object") return value;
  const keys = Object.keys(value).map((k) => [k, utf8.encode(k)]);
  keys.sort(([, a], [, b]) => a.length - b.length || compareBytes(a, b));
  const out = {};
  for (const [k] of keys) Object.defineProperty(out, k, { value: jsonbOrder(value[k]), enumerable: true, writable: true, configurable: true });
  return out;
}

// --- Python's int() for query parameters -----------------------------------------------------

const PY_SPACE = "\\t\\n\\v\\f\\r \\x1c-\\x1f\\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000";
const PY_INT = new RegExp(`^[${PY_SPACE}]*([+-]?)([0-9]+(?:_[0-9]+)*)[${PY_SPACE}]*$`);

/** Python's int(text) for ASCII digits, or null where it raises ValueError. */
function pyInt(text) {
  const m = PY_INT.exec(text);
  if (!m) return null;
  const n = Number(m[2].replaceAll("_", ""));
  return m[1] === "-" ? -n : n;
}

/** QueryDict.get: the last value of a repeated parameter. */
const lastParam = (params, name) => {
  const all = params.getAll(name);
  return all.length ? all[all.length - 1] : undefined;
};

// --- Responses ---------------------------------------------------------------------------------

function json(status, body, allow, head = false) {
  const headers = { "Content-Type": "application/json", Allow: allow.join(", "), Vary: "Accept" };
  return new Response(head ? null : renderJson(body), { status, headers });
}

const notFound = (allow, head) => json(404, { detail: "Not found." }, allow, head);

/** Django's own 500 page (DEBUG off), where the server fails. */
const serverError = () =>
  new Response('\n<!doctype html>\n<html lang="en">\n<head>\n  <title>Server Error (500)</title>\n</head>\n<body>\n  <h1>Server Error (500)</h1><p></p>\n</body>\n</html>\n', {
    status: 500,
    headers: { "Content-Type": "text/html; charset=utf-8" },
  });

// DRF utils/mediatypes.py: does the request's Content-Type select the JSONParser?
// The parser's type (application/json) has no parameters, so the request's are never compared;
// a `*` on the request's side matches anything.
function selectsJson(contentType) {
  const full = contentType.split(";")[0].trim().toLowerCase();
  const slash = full.indexOf("/");
  const main = slash < 0 ? full : full.slice(0, slash);
  const sub = slash < 0 ? "" : full.slice(slash + 1);
  return (main === "*" || main === "application") && (sub === "*" || sub === "json");
}

// --- The fake ----------------------------------------------------------------------------------

/**
 * A fake authentik holding `invitations` (as the API shows them) and `flows` (Flow objects) in
 * memory. `api` is the package's exports; `user` (a GroupMember object) is who every request comes
 * from, `created_by` of what a POST creates; `newPk()` makes up a POST's pk (default
 * crypto.randomUUID). Returns `{ fetch, invitations, flows }`: `fetch(input, init?)` answers as
 * authentik would (a Request, or fetch's arguments), and can be given to @goauthentik/api's
 * Configuration as `fetchApi`.
 */
export function createFake(api, { invitations = [], flows = [], user = DEFAULT_USER, newPk = () => crypto.randomUUID() } = {}) {
  for (const name of ["validatePatch", "applyPatch", "applyPut", "createInvitation"]) {
    if (typeof api?.[name] !== "function") throw new TypeError(`api.${name} is not a function: pass the package's exports (import * as api from "authentik-invitation-patch")`);
  }
  const flowList = flows.map((f) => (typeof f === "string" ? { pk: f } : f));
  const store = new Map(); // canonical pk -> invitation, in insertion order (ties in the ordering)
  for (const inv of invitations) store.set(canonicalPk(inv.pk), { ...inv, fixed_data: jsonbOrder(inv.fixed_data ?? {}) });

  /** Django's UUIDField.to_python for a path segment (uuid.UUID(hex=…)), or null. */
  function canonicalPk(text) {
    // The package knows Python's UUID parsing: `flow` takes a pk the same way.
    const r = api.validatePatch({ flow: String(text) });
    return r.ok && typeof r.patch.flow === "string" ? r.patch.flow : null;
  }

  // Always given: no flows means none exists (the server would look them up).
  const options = () => ({ flows: flowList });

  /** The request body as DRF reads it: null when the Content-Type selects no parser (415). */
  async function readBody(request) {
    const bytes = new Uint8Array(await request.arrayBuffer());
    if (bytes.length === 0) return { bytes }; // an empty body is {} whatever the Content-Type
    const ct = request.headers.get("content-type");
    if (ct === null || !selectsJson(ct)) return { unsupported: ct ?? "" };
    return { bytes };
  }

  function answer(result, okStatus, allow) {
    if (result.ok) return json(okStatus, result.invitation, allow);
    const messages = Object.values(result.errors).flat();
    if (messages.length && messages.every((m) => typeof m === "string" && m.includes(CRASH_MARK))) return serverError();
    return json(result.status, result.errors, allow);
  }

  function save(invitation) {
    // A later GET reads the row again: fixed_data as jsonb gives it back.
    const stored = { ...invitation, fixed_data: jsonbOrder(invitation.fixed_data) };
    store.set(invitation.pk, stored);
  }

  function list(url, head) {
    const params = url.searchParams;
    let size = PAGE_SIZE;
    const sizeParam = lastParam(params, "page_size");
    if (sizeParam !== undefined) {
      const n = pyInt(sizeParam);
      if (n !== null && n > 0) size = Math.min(n, Number.MAX_SAFE_INTEGER);
    }
    // ordering = ["-expires"], NULLs first as PostgreSQL sorts them descending.
    // (expires as the API shows it, YYYY-MM-DDTHH:MM:SS[.ffffff]Z, made comparable as text)
    const key = (inv) => {
      if (inv.expires === null) return null;
      const t = inv.expires.replace(/Z$/, "");
      return t.length === 19 ? `${t}.000000` : t;
    };
    const all = [...store.values()].map((inv, i) => ({ inv, i, k: key(inv) }));
    all.sort((a, b) => {
      if (a.k === b.k) return a.i - b.i;
      if (a.k === null) return -1;
      if (b.k === null) return 1;
      return a.k < b.k ? 1 : -1;
    });
    const count = all.length;
    const pages = Math.ceil(Math.max(1, count) / size);
    const pageParam = lastParam(params, "page") ?? "1";
    const number = pageParam === "last" ? pages : pyInt(pageParam);
    if (number === null || number < 1 || number > pages) return json(404, { detail: "Invalid page." }, LIST_METHODS, head);
    const start = (number - 1) * size;
    const results = all.slice(start, start + size).map((x) => x.inv);
    const pagination = {
      next: number < pages ? number + 1 : 0,
      previous: number > 1 ? number - 1 : 0,
      count,
      current: number,
      total_pages: pages,
      start_index: count === 0 ? 0 : start + 1,
      end_index: number === pages ? count : number * size,
    };
    return json(200, { pagination, results }, LIST_METHODS, head);
  }

  async function handle(request) {
    const url = new URL(request.url);
    const method = request.method.toUpperCase();
    if (!url.pathname.startsWith(PREFIX)) return new Response("Not Found", { status: 404, headers: { "Content-Type": "text/plain" } });
    let rest = url.pathname.slice(PREFIX.length);
    try {
      rest = decodeURIComponent(rest);
    } catch {} // a malformed %-escape stays as it is, as Django leaves it
    const head = method === "HEAD";

    if (rest === "") {
      if (!LIST_METHODS.includes(method) || method === "OPTIONS") return notAllowed(method, LIST_METHODS);
      if (method === "GET" || head) return list(url, head);
      const body = await readBody(request);
      if ("unsupported" in body) return unsupported(body.unsupported, LIST_METHODS);
      const r = api.createInvitation(body.bytes, { ...options(), pk: newPk(), created_by: user });
      if (r.ok) save(r.invitation);
      return answer(r, 201, LIST_METHODS);
    }

    const m = /^([^/.]+)\/$/.exec(rest);
    if (!m) return new Response("Not Found", { status: 404, headers: { "Content-Type": "text/plain" } });
    if (!DETAIL_METHODS.includes(method) || method === "OPTIONS") return notAllowed(method, DETAIL_METHODS);
    const pk = canonicalPk(m[1]);
    const current = pk === null ? undefined : store.get(pk);
    if (current === undefined) return notFound(DETAIL_METHODS, head);
    if (method === "GET" || head) return json(200, current, DETAIL_METHODS, head);
    if (method === "DELETE") {
      store.delete(pk);
      return new Response(null, { status: 204, headers: { Allow: DETAIL_METHODS.join(", "), Vary: "Accept" } });
    }
    const body = await readBody(request);
    if ("unsupported" in body) return unsupported(body.unsupported, DETAIL_METHODS);
    const r = method === "PUT" ? api.applyPut(current, body.bytes, options()) : api.applyPatch(current, body.bytes, options());
    if (r.ok) save(r.invitation);
    return answer(r, 200, DETAIL_METHODS);
  }

  function notAllowed(method, allow) {
    if (method === "OPTIONS") {
      // DRF answers OPTIONS with its metadata; the fake does not render it.
      return json(501, { detail: "OPTIONS is not served by the fake authentik." }, allow);
    }
    return json(405, { detail: `Method "${method}" not allowed.` }, allow);
  }

  function unsupported(contentType, allow) {
    return json(415, { detail: `Unsupported media type "${contentType}" in request.` }, allow);
  }

  return {
    /** Answers as authentik 2024.6 would: a Request, or fetch's (input, init). */
    fetch: (input, init) => handle(input instanceof Request && init === undefined ? input : new Request(input, init)),
    /** The invitations held now, as a GET would show them, in insertion order. */
    get invitations() {
      return [...store.values()];
    },
    /** The flows that exist. */
    get flows() {
      return [...flowList];
    },
  };
}
