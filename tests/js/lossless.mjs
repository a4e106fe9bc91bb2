// JSON text -> JS value, the way this module hands results back: key order kept, `__proto__` a
// plain key, and integers a JS number cannot hold (their digits would change) as BigInt. Used to
// read the reference's answers without losing what JSON.parse would.

export function parseLossless(text) {
  let i = 0;
  const ws = () => {
    while (i < text.length && " \t\n\r".includes(text[i])) i++;
  };
  const fail = (why) => {
    throw new SyntaxError(`${why} at ${i} in ${text.slice(0, 80)}`);
  };
  const value = () => {
    ws();
    const c = text[i];
    if (c === "{") {
      i++;
      const obj = {};
      ws();
      if (text[i] === "}") return i++, obj;
      for (;;) {
        ws();
        const key = string();
        ws();
        if (text[i++] !== ":") fail("expected :");
        Object.defineProperty(obj, key, { value: value(), enumerable: true, writable: true, configurable: true });
        ws();
        if (text[i] === ",") i++;
        else if (text[i++] === "}") return obj;
        else fail("expected , or }");
      }
    }
    if (c === "[") {
      i++;
      const arr = [];
      ws();
      if (text[i] === "]") return i++, arr;
      for (;;) {
        arr.push(value());
        ws();
        if (text[i] === ",") i++;
        else if (text[i++] === "]") return arr;
        else fail("expected , or ]");
      }
    }
    if (c === '"') return string();
    const m = /^-?\d+(\.\d+)?([eE][-+]?\d+)?|^true|^false|^null/.exec(text.slice(i, i + 5000));
    if (!m) fail("unexpected");
    i += m[0].length;
    if (m[0] === "true") return true;
    if (m[0] === "false") return false;
    if (m[0] === "null") return null;
    const n = Number(m[0]);
    if (m[1] === undefined && m[2] === undefined && !sameDigits(n, m[0])) return BigInt(m[0]);
    return n;
  };
  const string = () => {
    if (text[i] !== '"') fail("expected string");
    const start = i;
    i++;
    while (text[i] !== '"') {
      if (text[i] === "\\") i++;
      if (i >= text.length) fail("unterminated string");
      i++;
    }
    i++;
    return JSON.parse(text.slice(start, i));
  };
  const v = value();
  ws();
  if (i !== text.length) fail("extra data");
  return v;
}

// Does JSON.stringify give these digits back for this number?
function sameDigits(n, digits) {
  if (!Number.isFinite(n)) return false;
  // String(n) is "1e+21" from 1e21 on: spell its shortest digits out as an integer.
  const m = /^(-?)(\d)(?:\.(\d+))?e\+(\d+)$/.exec(String(n));
  const frac = m?.[3] ?? "";
  const s = m ? m[1] + m[2] + frac + "0".repeat(Number(m[4]) - frac.length) : String(n);
  return s === (digits === "-0" ? "0" : digits);
}

// Deep equality as JSON values, key order included; numbers by value (1.0 and 1 are one JSON
// value once parsed). Returns a path to the first difference, or null.
export function jsonDiff(a, b, path = "$") {
  if (typeof a === "bigint" || typeof b === "bigint") return a === b ? null : `${path}: ${a} != ${b}`;
  if (a === null || b === null || typeof a !== "object" || typeof b !== "object") {
    return a === b ? null : `${path}: ${JSON.stringify(a)} != ${JSON.stringify(b)}`;
  }
  if (Array.isArray(a) !== Array.isArray(b)) return `${path}: array vs object`;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.join("\u0000") !== kb.join("\u0000")) return `${path}: keys [${ka}] != [${kb}]`;
  for (const k of ka) {
    const d = jsonDiff(a[k], b[k], `${path}.${k}`);
    if (d) return d;
  }
  return null;
}
