// authentik-invitation-patch/gate: an edge gate in front of an authentik 2024.6 server. Requests that
// Django routes to the invitation endpoints are judged here, as the server would judge them; only
// bodies the server accepts go on, to one fixed upstream origin. Written by hand (not generated);
// www/worker/README.md explains each decision and the sources it was read from.
//
//   import * as invitationPatch from "authentik-invitation-patch";
//   import { createGate } from "authentik-invitation-patch/gate";
//   export default createGate(invitationPatch); // a worker: reads env.UPSTREAM
//
// The module is passed in (not imported here) so that the gate uses the instance the host already
// set up (workers: the `.wasm` as a module import; Node: ready on import; browsers: after `init()`),
// and PUT and POST are judged by its `validatePut` (DRF's `partial=False`: `name` required).

/** What the gate judges: method (as Django upper-cases it) and Django's route. */
const LIST = /^\/api\/v3\/stages\/invitation\/invitations\/$/;
// DRF's DefaultRouter, `lookup_value_regex` `[^/.]+`, under `api/v3/` (authentik 2024.6
// `authentik/api/v3/urls.py`, `include_format_suffixes = False`). Django fullmatches an endpoint
// pattern ending in `$` (django/urls/resolvers.py, RegexPattern.match), so a trailing `\n` does not
// match; `[^/.]` does match `;`, `%`, spaces and any other character.
const DETAIL = /^\/api\/v3\/stages\/invitation\/invitations\/([^/.]+)\/$/;

// ---------------------------------------------------------------------------------------------
// Content-Type, as DRF 3.14 reads it over Django 5.0's header parser.
// Sources: Django 5.0 `utils/http.py` (`_parseparam`, `parse_header_parameters`) and
// `http/request.py` (`_set_content_type_params`); DRF 3.14 `negotiation.py` (`select_parser`),
// `utils/mediatypes.py` (`_MediaType.match`), `exceptions.py` (`UnsupportedMediaType`).

// Python's `str.strip()` set, as far as a header value (Latin-1) can hold it.
const PY_SPACE = new Set("\t\n\v\f\r \x1c\x1d\x1e\x1f\x85\xa0");

function pyStrip(s) {
  let a = 0;
  let b = s.length;
  while (a < b && PY_SPACE.has(s[a])) a++;
  while (b > a && PY_SPACE.has(s[b - 1])) b--;
  return s.slice(a, b);
}

const count = (s, needle) => s.split(needle).length - 1;

// Django's `_parseparam`: `;`-separated parts, a `;` inside an odd number of quotes not splitting.
function* parseParam(s) {
  while (s.startsWith(";")) {
    s = s.slice(1);
    let end = s.indexOf(";");
    while (end > 0 && (count(s.slice(0, end), '"') - count(s.slice(0, end), '\\"')) % 2) {
      end = s.indexOf(";", end + 1);
    }
    if (end < 0) end = s.length;
    yield pyStrip(s.slice(0, end));
    s = s.slice(end);
  }
}

function parseHeaderParameters(line) {
  const parts = parseParam(";" + line);
  const type = parts.next().value.toLowerCase();
  const params = new Map();
  let extended = false;
  for (const p of parts) {
    const i = p.indexOf("=");
    if (i < 0) continue;
    let name = pyStrip(p.slice(0, i)).toLowerCase();
    if (name.endsWith("*")) {
      // RFC 2231's `name*=`: Django decodes the value with a Python codec the gate does not have.
      name = name.slice(0, -1);
      extended = true;
    }
    let value = pyStrip(p.slice(i + 1));
    if (value.length >= 2 && value[0] === '"' && value.at(-1) === '"') {
      value = value.slice(1, -1).replaceAll("\\\\", "\\").replaceAll('\\"', '"');
    }
    params.set(name, value);
  }
  return { type, params, extended };
}

/**
 * Whether DRF 3.14 hands a body with this Content-Type (`null`: no header) to its JSONParser: the
 * type matches `application/json` case-insensitively, parameters ignored, `*` matching either half.
 */
export function acceptsJson(contentType) {
  const { type } = parseHeaderParameters(contentType ?? "");
  const slash = type.indexOf("/");
  const main = slash < 0 ? type : type.slice(0, slash);
  const sub = slash < 0 ? "" : type.slice(slash + 1);
  return (main === "application" || main === "*") && (sub === "json" || sub === "*");
}

/** DRF's 415 body for this Content-Type: the header exactly as received, `""` when absent. */
export function unsupportedMediaType(contentType) {
  return { detail: `Unsupported media type "${contentType ?? ""}" in request.` };
}

// How Python 3.12's `codecs.lookup` finds UTF-8 (`encodings.search_function`): the name normalized
// (`normalize_encoding`: each run of characters other than letters, digits and `.` one `_`, none at
// the ends, lower-cased) is an alias in `encodings/aliases.py`, as is or with every `.` made `_`.
const UTF8_ALIASES = new Set(["utf8", "u8", "utf", "utf8_ucs2", "utf8_ucs4", "cp65001"]);

function normalizeEncoding(name) {
  return name
    .toLowerCase()
    .replace(/[^a-z0-9.]+/g, "_")
    .replace(/^_+|_+$/g, "");
}

/**
 * Whether the server decodes a body with this Content-Type as UTF-8, the only decoding the module
 * has: no `charset`, an empty one, or one of UTF-8's names. `false`: another codec may apply
 * (latin-1, utf-16, utf-8-sig, names Python may or may not know); the gate leaves such a body to the
 * server.
 */
export function decodedAsUtf8(contentType) {
  const { params, extended } = parseHeaderParameters(contentType ?? "");
  if (extended) return false;
  if (!params.has("charset")) return true;
  const charset = params.get("charset");
  // Outside ASCII, Python's idea of a letter or digit (`str.isalnum`) is not worth copying here.
  if (/[^\x00-\x7f]/.test(charset)) return false;
  const norm = normalizeEncoding(charset);
  return norm === "" || norm === "utf_8" || UTF8_ALIASES.has(norm) || UTF8_ALIASES.has(norm.replaceAll(".", "_"));
}

// ---------------------------------------------------------------------------------------------
// Where a request goes, and what Django makes of its path.

/**
 * The upstream URL for a request: the upstream's origin, with the request's path and query and
 * nothing else from it. The client never chooses the scheme, host or port: they are set first and
 * the path and query go in through the URL setters, which cannot change them (a path `//host/x`,
 * `/\host/x` or `///x` stays a path on the upstream). `\` is sent as `%5C`, which Django decodes
 * back to `\` (the URL parser would make it `/`). Dot segments (`/./`, `/../`, `%2e%2e`) are
 * resolved by the URL parser, as fetch() always does: no fetch can send them.
 */
export function upstreamUrl(request, upstream) {
  const origin = upstreamOrigin(upstream);
  const target = new URL(origin);
  const { path, query } = rawTarget(request.url);
  target.pathname = path.replaceAll("\\", "%5C");
  target.search = query;
  if (target.origin !== origin) throw new Error("unreachable: the upstream URL left its origin");
  return target;
}

// The path and query of a request's URL as the client sent them. workerd gives `request.url` as
// `<scheme>://<Host header><request target>`, the target unparsed (`/a/./b`, `//x`, `/\x` as sent);
// the authority ends at the first `/`, `?` or `#` after `//`. Nothing of the authority is used.
function rawTarget(url) {
  const afterScheme = url.indexOf("//");
  let rest = "/";
  if (afterScheme >= 0) {
    const m = /[/?#]/.exec(url.slice(afterScheme + 2));
    rest = m ? url.slice(afterScheme + 2 + m.index) : "/";
  }
  const hash = rest.indexOf("#");
  if (hash >= 0) rest = rest.slice(0, hash);
  const q = rest.indexOf("?");
  let path = q < 0 ? rest : rest.slice(0, q);
  if (!path.startsWith("/")) path = "/" + path;
  return { path, query: q < 0 ? "" : rest.slice(q) };
}

/** The upstream's origin; throws a TypeError unless it is an http(s) origin (a path of `/` at most). */
export function upstreamOrigin(upstream) {
  let u;
  try {
    u = new URL(String(upstream ?? ""));
  } catch {
    throw new TypeError(`upstream: expected the authentik server's origin, such as "https://authentik.example.com", got ${JSON.stringify(String(upstream))}`);
  }
  if ((u.protocol !== "http:" && u.protocol !== "https:") || u.username || u.password || u.pathname !== "/" || u.search || u.hash) {
    throw new TypeError(`upstream: expected an http(s) origin with no path, query or credentials, such as "https://authentik.example.com", got ${JSON.stringify(String(upstream))}`);
  }
  return u.origin;
}

// Python's `urllib.parse.unquote` (UTF-8, errors="replace"), which uvicorn applies to the request
// path to make the ASGI `scope["path"]` that Django routes on (uvicorn `httptools_impl.py`,
// `on_headers_complete`; `django/core/handlers/asgi.py`, `ASGIRequest.path_info`).
function pyUnquote(s) {
  if (!s.includes("%")) return s;
  return s.replace(/(?:%[0-9a-fA-F]{2})+/g, (run) => {
    const bytes = new Uint8Array(run.length / 3);
    for (let i = 0; i < bytes.length; i++) bytes[i] = parseInt(run.slice(3 * i + 1, 3 * i + 3), 16);
    return new TextDecoder("utf-8").decode(bytes);
  });
}

/**
 * Which invitation endpoint Django 5.0 routes this request path (as sent upstream) to: "detail",
 * "list", or `null`. `uuid` is whether the detail's pk is one that Python's `uuid.UUID(hex=…)`
 * accepts; for any other pk the view answers 404 before it reads the body (DRF `get_object`).
 */
export function invitationRoute(pathname, module) {
  const path = pyUnquote(pathname);
  if (LIST.test(path)) return { route: "list" };
  const m = DETAIL.exec(path);
  if (!m) return null;
  return { route: "detail", uuid: isUuid(m[1], module) };
}

// Django's UUIDField.to_python on a string is `uuid.UUID(hex=value)`, exactly what DRF's
// PrimaryKeyRelatedField applies to a `flow` string: the module's answer for `{"flow": pk}` says
// whether Python accepts `pk` as a UUID (it does not check existence without `flows`).
function isUuid(pk, { validatePatch }) {
  try {
    return validatePatch({ flow: pk }).ok;
  } catch {
    return false;
  }
}

function sentKeys(bytes) {
  try {
    return membersAsSent(bytes);
  } catch {
    return new Map();
  }
}

// ---------------------------------------------------------------------------------------------
// What goes upstream.

/**
 * The accepted body as JSON text for the upstream: the fields of `patch` (ignored keys dropped).
 * `fixed_data` and a `flow` spelled as a UUID go as the client wrote them: the server keeps
 * `fixed_data` exactly as parsed (`1.0` stays a float, `1e2` is `100.0`, key order as written) and
 * echoes a flow that does not exist as sent; a JS value can hold neither. The other fields go as
 * the module normalized them. Should the body's text not be found (it always is: the module parsed
 * it), the normalized values go, integers beyond 2^53 (BigInt) with their exact digits.
 */
export function forwardedBody(patch, bytes) {
  const sent = sentKeys(bytes);
  const members = Object.entries(patch).map(([key, value]) => {
    const raw = (key === "fixed_data" || (key === "flow" && typeof value === "string")) && sent.get(key);
    return `${JSON.stringify(key)}:${raw || JSON.stringify(value, exactBigInt)}`;
  });
  return `{${members.join(",")}}`;
}

const exactBigInt = (_key, v) => (typeof v === "bigint" ? JSON.rawJSON(v.toString()) : v);

// The text of each top-level member's value, by key (decoded; the last of duplicates, as Python's
// json keeps). Scans bytes the module accepted as a JSON object: UTF-8 leaves every structural
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

// ---------------------------------------------------------------------------------------------
// The gate.

/**
 * A JSON answer as DRF's JSONRenderer writes it: compact, UTF-8, U+2028/U+2029 escaped.
 */
export function jsonAnswer(body, status) {
  const text = JSON.stringify(body).replace(/[\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16)}`);
  return new Response(text, { status, headers: { "content-type": "application/json" } });
}

/**
 * Decides one request: `{ answer }`, a Response the gate gives itself (400, 415), or `{ forward }`,
 * the Request to send to the upstream (the judged body normalized, or the request untouched).
 * Never sends anything.
 */
export async function judgeRequest(module, request, upstream, locale = "") {
  const target = upstreamUrl(request, upstream);
  const method = request.method.toUpperCase(); // Django upper-cases; fetch leaves `patch` as sent
  const where = invitationRoute(target.pathname, module);
  const judgeIn =
    where?.route === "detail" && where.uuid && method === "PATCH"
      ? (b, o) => module.validatePatch(b, o)
      : (where?.route === "detail" && where.uuid && method === "PUT") || (where?.route === "list" && method === "POST")
        ? (b, o) => module.validatePut(b, o)
        : null;
  // In the request's language; a code this build has no catalogs for (a TypeError naming
  // options.locale) is judged in English, and then only what the server would crash on is
  // answered here: the server answers the rest in its language.
  let foreign = false;
  const judge = judgeIn && ((b) => {
    if (locale) {
      try {
        return judgeIn(b, { locale });
      } catch (e) {
        if (!(e instanceof TypeError) || !/^options\.locale/.test(e.message)) throw e;
        foreign = true;
      }
    }
    return judgeIn(b);
  });
  if (!judge) return { forward: passThrough(target, request) };

  // The raw bytes, so that invalid UTF-8 is judged as the server judges it.
  const bytes = new Uint8Array(await request.arrayBuffer());
  // workerd joins repeated headers with ", " (as the Fetch standard does); authentik's stack
  // (Django's ASGIRequest) joins them with ",". DRF's decision is the same for both: see README.
  const contentType = request.headers.get("content-type");
  // An empty body is `{}` to DRF whatever the Content-Type (or none): the module says so too.
  if (bytes.length > 0) {
    if (!acceptsJson(contentType)) return { answer: jsonAnswer(unsupportedMediaType(contentType), 415) };
    // Another charset means another decoding (latin-1, utf-16, utf-8-sig, …), done by Python's
    // codecs, which the module does not have: the body goes to the server as it came.
    if (!decodedAsUtf8(contentType)) return { forward: forwardRequest(target, request, bytes) };
  }
  // No `flows` option: the gate cannot know which flows exist; the server checks that.
  const r = judge(bytes);
  if (!r.ok && foreign && !JSON.stringify(r.codes ?? {}).includes('"server_error"')) {
    return { forward: forwardRequest(target, request, bytes) };
  }
  if (!r.ok) return { answer: jsonAnswer(r.errors, r.status) };
  const headers = new Headers(request.headers);
  headers.set("content-type", "application/json");
  return { forward: forwardRequest(target, request, forwardedBody(r.patch, bytes), headers) };
}

// The request as it came, to the upstream URL. `duplex` is for Node's fetch (a streamed body).
function passThrough(target, request) {
  const init = { method: request.method, headers: new Headers(request.headers), redirect: "manual" };
  if (request.body !== null) Object.assign(init, { body: request.body, duplex: "half" });
  return new Request(target, init);
}

function forwardRequest(target, request, body, headers = new Headers(request.headers)) {
  // The body is given whole: fetch sets its Content-Length (Django treats a body without one as
  // empty).
  headers.delete("content-length");
  headers.delete("transfer-encoding");
  return new Request(target, { method: request.method, headers, body, redirect: "manual" });
}

/**
 * A worker (`{ fetch(request, env) }`) that judges invitation writes and relays everything to the
 * upstream. `module` is the package's main entry (`import * as m from "authentik-invitation-patch"`).
 * Options: `upstream`, the authentik server's origin or a function of the worker's `env` returning
 * it (default: `env.UPSTREAM`); `fetch`, the function that sends to the upstream (default: the
 * global `fetch`); `locale`, the code authentik activates for the request (its brand's default, or
 * the user's setting the worker looks up), or a function of `(request, env)` returning it (or a
 * promise of it): the gate's 400s are then in that language (default: English, as for a request
 * with no locale).
 */
export function createGate(module, options = {}) {
  if (typeof module?.validatePatch !== "function") {
    throw new TypeError('module: expected the package\'s exports, as `import * as m from "authentik-invitation-patch"`');
  }
  const upstreamOf = typeof options.upstream === "function" ? options.upstream : options.upstream !== undefined ? () => options.upstream : (env) => env?.UPSTREAM;
  if (options.upstream !== undefined && typeof options.upstream !== "function") upstreamOrigin(options.upstream);
  const send = options.fetch ?? ((r) => fetch(r, { redirect: "manual" }));
  return {
    async fetch(request, env) {
      let upstream;
      try {
        upstream = upstreamOrigin(upstreamOf(env));
      } catch (e) {
        return jsonAnswer({ detail: `The gate's upstream is not set: ${e.message}` }, 500);
      }
      const locale = typeof options.locale === "function" ? await options.locale(request, env) : options.locale ?? "";
      const decision = await judgeRequest(module, request, upstream, locale);
      if (decision.answer) return decision.answer;
      try {
        // Each forwarded Request has `redirect: "manual"`: a redirect is the server's answer to the
        // client, not for the gate to follow.
        return await send(decision.forward);
      } catch (e) {
        return jsonAnswer({ detail: `The upstream server could not be reached (${e.message}).` }, 502);
      }
    },
  };
}
