// The Content-Type rules authentik 2024.6 applies to a PATCH body, as the worker needs them:
// which header values DRF 3.14 hands to its JSONParser (else 415), and which bodies that parser
// decodes as UTF-8 (the only ones the module judges). No I/O here, so Node can test it as is.
//
// Sources: Django 5.0 `utils/http.py` (`_parseparam`, `parse_header_parameters`) and
// `http/request.py` (`_set_content_type_params`); DRF 3.14 `negotiation.py` (`select_parser`),
// `utils/mediatypes.py` (`_MediaType.match`), `exceptions.py` (`UnsupportedMediaType`).

// Python's `str.strip()` set, as far as a header value (Latin-1 in WSGI) can hold it.
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

/**
 * Django's `parse_header_parameters`: the lower-cased type and the parameters (later ones win).
 * `extended` is set when a parameter uses RFC 2231's `name*=` form, whose value Django decodes with
 * a Python codec the worker does not have.
 */
export function parseHeaderParameters(line) {
  const parts = parseParam(";" + line);
  const type = parts.next().value.toLowerCase();
  const params = new Map();
  let extended = false;
  for (const p of parts) {
    const i = p.indexOf("=");
    if (i < 0) continue;
    let name = pyStrip(p.slice(0, i)).toLowerCase();
    if (name.endsWith("*")) {
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
 * Whether DRF picks its JSONParser for this Content-Type value (`null`: no header): the type matches
 * `application/json` case-insensitively, parameters ignored, `*` matching either half.
 */
export function acceptsJson(header) {
  const { type } = parseHeaderParameters(header ?? "");
  const slash = type.indexOf("/");
  const main = slash < 0 ? type : type.slice(0, slash);
  const sub = slash < 0 ? "" : type.slice(slash + 1);
  return (main === "application" || main === "*") && (sub === "json" || sub === "*");
}

/** DRF's 415 body for this Content-Type value: the header exactly as sent, `""` when absent. */
export function unsupportedMediaType(header) {
  return { detail: `Unsupported media type "${header ?? ""}" in request.` };
}

// How Python's `codecs.lookup` finds its UTF-8 codec (`encodings.search_function`, 3.12): the name,
// normalized (`normalize_encoding`: lower case, each run of characters other than letters, digits
// and `.` one `_`, none at the ends), is an alias in `encodings/aliases.py`, as is or with every `.`
// made `_`; or it is the module's own name.
const UTF8_ALIASES = new Set(["utf8", "u8", "utf", "utf8_ucs2", "utf8_ucs4", "cp65001"]);

function normalizeEncoding(name) {
  return name
    .toLowerCase()
    .replace(/[^a-z0-9.]+/g, "_")
    .replace(/^_+|_+$/g, "");
}

/**
 * Whether the server decodes a body sent with this Content-Type as UTF-8: no `charset`, or one
 * Python cannot look up (Django then keeps UTF-8; only the empty name is certain to be one), or one
 * of UTF-8's names. `false` means another codec may apply (latin-1, utf-16, utf-8-sig, …) or the
 * worker cannot tell; the worker then leaves the body to the server.
 */
export function decodedAsUtf8(header) {
  const { params, extended } = parseHeaderParameters(header ?? "");
  if (extended) return false;
  if (!params.has("charset")) return true;
  const charset = params.get("charset");
  // Outside ASCII, Python's idea of a letter or digit (`str.isalnum`) is not worth copying here.
  if (/[^\x00-\x7f]/.test(charset)) return false;
  const norm = normalizeEncoding(charset);
  return norm === "" || norm === "utf_8" || UTF8_ALIASES.has(norm) || UTF8_ALIASES.has(norm.replaceAll(".", "_"));
}
