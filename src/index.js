// authentik-invitation-patch: authentik 2024.6's rules for invitation PATCH/PUT/POST bodies.
//
// The JS half of the boundary (the other is src/wasm.rs), built into pkg/index.js by scripts/build-pkg. A call classifies its arguments (all the
// caller's code — getters, toJSON, Proxy traps — runs here, before the module is entered), writes
// the input into Wasm memory, calls one export, and builds the result from the tape it returns.
// This file is the tape's only reader; src/tape.rs is its only writer, with the same opcodes:
const NULL = 0, FALSE = 1, TRUE = 2, INT = 3, F64 = 4, BIG = 5, CONST = 6, STR = 7, SLICE = 8;
const PARSE = 9, JSON_TEXT = 10, ARR = 11, OBJ = 12, EXT = 13, VALID = 14, BAD = 15, SAVED = 16;
const RECORD = 17, NAMES = 18, SPLICE = 19, BIGAT = 20, RUN = 21;
// EXT operands (src/tape.rs): 0 the invitation's created_by, 1 its flow_obj, 2 its fixed_data, 3 + i options.flows[i].
// Key lists of RECORD and NAMES:
const KEYS = [
  ["name", "expires", "fixed_data", "single_use", "flow"],
  ["pk", "name", "expires", "fixed_data", "created_by", "single_use", "flow", "flow_obj"],
];

const PREFIX = "authentik-invitation-patch";
const METHOD = { PATCH: 0, PUT: 1, POST: 2 };
/** Past this much Wasm memory, a call leaves a fresh instance behind (memory never shrinks). */
const MEMORY_LIMIT = 16 << 20;

const encoder = new TextEncoder();
// ignoreBOM: a span that starts with U+FEFF keeps it.
const decoder = new TextDecoder("utf-8", { ignoreBOM: true });

let compiled = null; // the WebAssembly.Module
let wasm = null; // the current instance's exports
let u8 = null; // views of its memory, renewed when memory grows
let view = null;
let generation = 0; // counts instances: prepared options belong to one
let broken = false; // the instance must be replaced before its next call
let panicked = null; // the message the module gave before trapping

const imports = {
  host: {
    parse_float: (ptr, len) => (memory(), parseFloat(ascii(ptr >>> 0, len >>> 0))),
    number_text(x, out) {
      out >>>= 0; // pointers past 2 GiB arrive negative
      const s = String(x);
      const m = memory();
      for (let i = 0; i < s.length; i++) m[out + i] = s.charCodeAt(i);
      return s.length;
    },
    panicked(ptr, len) {
      panicked = decoder.decode(memory().subarray(ptr >>> 0, (ptr >>> 0) + (len >>> 0)));
    },
  },
};

function memory() {
  // Growing memory detaches the views' buffer: they read as empty.
  if (u8.length === 0) {
    u8 = new Uint8Array(wasm.memory.buffer);
    view = new DataView(wasm.memory.buffer);
  }
  return u8;
}

function instantiate() {
  wasm = new WebAssembly.Instance(compiled, imports).exports;
  u8 = new Uint8Array(wasm.memory.buffer);
  view = new DataView(wasm.memory.buffer);
  generation++;
  broken = false;
  inputRoom = -1;
}

function toModule(source) {
  if (source instanceof WebAssembly.Module) return source;
  return new WebAssembly.Module(source);
}

/**
 * Instantiates the module from a compiled `WebAssembly.Module` or its bytes, synchronously. Workers
 * pass the module they imported: `initSync({ module: wasm })`. Calling it again does nothing,
 * unless `replace` is true (the all-locales entries): later calls then run on the given module.
 */
export function initSync(options, replace = false) {
  if (wasm !== null && !replace) return;
  const source = options !== null && typeof options === "object" && "module" in options ? options.module : options;
  start(toModule(source));
}

/** Runs later calls on `module`. Its constant strings live at its own addresses. */
function start(module) {
  if (module !== compiled) constants.clear();
  compiled = module;
  instantiate();
}

/**
 * Fetches, compiles and instantiates the module: from `./index_bg.wasm` beside this file by default,
 * or from a URL, `Response`, bytes or `WebAssembly.Module` given as `module_or_path`. Calling it
 * again does nothing, unless `replace` is true (the all-locales entries), as for `initSync`.
 */
export default async function init(options, replace = false) {
  if (wasm !== null && !replace) return;
  let source = options !== null && typeof options === "object" && "module_or_path" in options ? options.module_or_path : options;
  source ??= new URL("index_bg.wasm", import.meta.url);
  if (typeof source === "string" || source instanceof URL || (typeof Request === "function" && source instanceof Request)) {
    source = fetch(source);
  }
  source = await source;
  let module;
  if (typeof Response === "function" && source instanceof Response) {
    if (!source.ok) throw new Error(`${PREFIX}: failed to fetch its .wasm: ${source.status} ${source.statusText} (${source.url})`);
    const streaming = source.headers.get("content-type")?.startsWith("application/wasm") && WebAssembly.compileStreaming;
    module = streaming ? await WebAssembly.compileStreaming(source) : await WebAssembly.compile(await source.arrayBuffer());
  } else {
    module = source instanceof WebAssembly.Module ? source : await WebAssembly.compile(source);
  }
  if (wasm === null || replace) start(module);
}

// ---- Calls ------------------------------------------------------------------------------------

/** Makes sure a sound instance is there; called once the caller's code has run (it may call us). */
function enter() {
  if (wasm === null) {
    throw new Error(`${PREFIX}: not initialized. Call \`await init()\` (or \`initSync({ module })\`) from the package's web entry first; the Node entry and the worker entry are ready on import.`);
  }
  if (broken) instantiate();
}

/**
 * Runs `f`, which calls the module and nothing of the caller's. Any abnormal exit (a panic, a trap,
 * a RangeError or out-of-memory inside the module) leaves the instance to be replaced before the
 * next call, and so does a call that grew its memory past the limit.
 */
function invoke(f) {
  let ptr;
  try {
    ptr = f() >>> 0; // pointers past 2 GiB arrive negative
  } catch (e) {
    broken = true;
    const message = panicked;
    panicked = null;
    if (message !== null) {
      throw new Error(`${PREFIX}: internal error (${message}). Please report it with the input. The module has been reset: later calls work.`);
    }
    throw e;
  }
  if (memory().length > MEMORY_LIMIT) broken = true;
  return ptr;
}

const ours = new WeakSet(); // the TypeErrors this file throws

function typeError(message) {
  const e = new TypeError(message);
  ours.add(e);
  return e;
}

function messageOf(thrown) {
  try {
    if (typeof thrown === "string") return thrown;
    const m = thrown?.message;
    return typeof m === "string" ? m : String(thrown);
  } catch {
    return "";
  }
}

function stringify(value, arg) {
  try {
    return JSON.stringify(value);
  } catch (e) {
    throw typeError(`${arg}: JSON.stringify throws on this value (${messageOf(e)})`);
  }
}

// Reads of internal slots that no own property or Proxy can fake, in any realm.
const typedArrayProto = Object.getPrototypeOf(Uint8Array.prototype);
const getter = (proto, key) => Object.getOwnPropertyDescriptor(proto, key).get;
const typedArrayName = getter(typedArrayProto, Symbol.toStringTag);
const typedArrayBuffer = getter(typedArrayProto, "buffer");
const typedArrayOffset = getter(typedArrayProto, "byteOffset");
const typedArrayLength = getter(typedArrayProto, "byteLength");
const dataViewBuffer = getter(DataView.prototype, "buffer");
const dataViewOffset = getter(DataView.prototype, "byteOffset");
const dataViewLength = getter(DataView.prototype, "byteLength");
const arrayBufferLength = getter(ArrayBuffer.prototype, "byteLength");
const sharedBufferLength = typeof SharedArrayBuffer === "function" ? getter(SharedArrayBuffer.prototype, "byteLength") : null;
const stringValue = String.prototype.valueOf;
const BYTE_ARRAYS = new Set(["Uint8Array", "Int8Array", "Uint8ClampedArray"]);
// What fetch would send otherwise than as JSON text or bytes: the caller must read it first.
const UNREAD = {
  "[object Blob]": "a Blob: pass `await blob.text()`",
  "[object File]": "a File: pass `await file.text()`",
  "[object ReadableStream]": "a ReadableStream: pass `await new Response(stream).text()`",
  "[object Request]": "a Request: pass `await request.text()`",
  "[object Response]": "a Response: pass `await response.text()`",
  "[object FormData]": "a FormData, which fetch sends as multipart/form-data (the server answers 415): pass the JSON text",
  "[object URLSearchParams]": "a URLSearchParams, which fetch sends as a form (the server answers 415): pass the JSON text",
};

function succeeds(f) {
  try {
    f();
    return true;
  } catch {
    return false;
  }
}

/** The bytes of a view or buffer, copied out of the caller's memory. */
function bytesOf(make) {
  try {
    return make();
  } catch (e) {
    throw typeError(`body: its bytes cannot be read (${messageOf(e)})`);
  }
}

/**
 * The body as the server receives it: a string (text), bytes (a Uint8Array), or `undefined` for no
 * body. Text and bytes are what fetch sends for them; any other value is `JSON.stringify`'d, as a
 * JS client sends it.
 */
function received(body) {
  if (typeof body === "string") return body;
  if (typeof body === "object" && body !== null) {
    if (ArrayBuffer.isView(body)) {
      const name = typedArrayName.call(body);
      if (name === undefined) {
        return bytesOf(() => new Uint8Array(dataViewBuffer.call(body), dataViewOffset.call(body), dataViewLength.call(body)));
      }
      if (!BYTE_ARRAYS.has(name)) {
        throw typeError(`body: a ${name} holds ${name.replace(/Array$/, "")} numbers, not the body's bytes: pass the text, or its bytes as a Uint8Array (new Uint8Array(view.buffer, view.byteOffset, view.byteLength))`);
      }
      return bytesOf(() => new Uint8Array(typedArrayBuffer.call(body), typedArrayOffset.call(body), typedArrayLength.call(body)));
    }
    if (succeeds(() => arrayBufferLength.call(body)) || (sharedBufferLength !== null && succeeds(() => sharedBufferLength.call(body)))) {
      return bytesOf(() => new Uint8Array(body));
    }
    let text;
    if (succeeds(() => (text = stringValue.call(body)))) return text;
    let tag;
    try {
      tag = Object.prototype.toString.call(body);
    } catch {}
    if (tag in UNREAD) throw typeError(`body: ${UNREAD[tag]}, or its bytes as a Uint8Array`);
  }
  return stringify(body, "body");
}

/** Writes the body, then `extra` text after it, as the module's input; returns the lengths. */
function write(body, extra) {
  const text = typeof body === "string" ? body : null;
  // Room for one byte a character of both first (all ASCII needs), so that the invitation goes
  // after the body without moving it. Past a megabyte, a fresh buffer, which the module then gives back.
  const room = (body?.length ?? 0) + (extra?.length ?? 0);
  if (room > inputRoom || inputRoom > 1 << 20) reserve(room, 0);
  let len = body?.length ?? 0;
  if (text !== null) len = append(text, 0);
  else if (body !== undefined) memory().set(body, inputPtr);
  const total = extra === undefined ? len : append(extra, len);
  // Every character one byte: the text's own offsets are the bytes', and SLICE takes from it.
  source = text !== null && len === text.length ? text : null;
  sourcePtr = inputPtr;
  return { len, total };
}

/** Writes `s` as UTF-8 after the input's first `at` bytes; returns the input's new length. Room
 * for three bytes a character would take 30 MB of Wasm memory for a 10 MB body: a text gets one
 * byte a character (all it needs when every character is ASCII), then room for what is left. */
function append(s, at) {
  let end = at;
  for (let bytes = 1; s.length > 0; bytes = 3) {
    const room = end + s.length * bytes;
    if (room > inputRoom) reserve(room, end);
    const { read, written } = encoder.encodeInto(s, memory().subarray(inputPtr + end, inputPtr + room));
    end += written;
    s = s.slice(read);
  }
  return end;
}

/** Makes room for `room` bytes of input, keeping the first `keep` (already written). */
function reserve(room, keep) {
  inputPtr = wasm.input(room, keep) >>> 0;
  inputRoom = room;
}

// ---- The tape ---------------------------------------------------------------------------------

let at = 0; // where `read` is in the tape
let source = null; // the body as a string, when every character is one byte: SLICE takes from it
let sourcePtr = 0; // where the input is in Wasm memory
let inputPtr = 0; // the input buffer, which holds inputRoom bytes (-1: ask for it)
let inputRoom = -1;
let external = null; // EXT k: a function of k
const constants = new Map(); // CONST strings by address: the same in every instance

function u32() {
  const n = view.getUint32(at, true);
  at += 4;
  return n;
}

function ascii(ptr, len) {
  let s = "";
  for (let i = ptr; i < ptr + len; i++) s += String.fromCharCode(u8[i]);
  return s;
}

function utf8(ptr, len) {
  if (len <= 64) {
    let s = "";
    for (let i = ptr; i < ptr + len; i++) {
      const c = u8[i];
      if (c >= 0x80) return decoder.decode(u8.subarray(ptr, ptr + len));
      s += String.fromCharCode(c);
    }
    return s;
  }
  return decoder.decode(u8.subarray(ptr, ptr + len));
}

function slice(start, end) {
  return source !== null ? source.slice(start, end) : utf8(sourcePtr + start, end - start);
}

function read() {
  const op = u8[at++];
  switch (op) {
    case NULL:
      return null;
    case FALSE:
      return false;
    case TRUE:
      return true;
    case INT: {
      const n = view.getInt32(at, true);
      at += 4;
      return n;
    }
    case F64: {
      const f = view.getFloat64(at, true);
      at += 8;
      return f;
    }
    case BIG: {
      const len = u32();
      at += len;
      return BigInt(ascii(at - len, len));
    }
    case CONST: {
      const ptr = u32();
      const len = u32();
      let s = constants.get(ptr);
      if (s === undefined) constants.set(ptr, (s = utf8(ptr, len)));
      return s;
    }
    case STR: {
      const len = u32();
      at += len;
      return utf8(at - len, len);
    }
    case SLICE:
      return slice(u32(), u32());
    case SPLICE: {
      const head = slice(u32(), u32());
      const len = u32();
      at += len;
      return head + utf8(at - len, len);
    }
    case PARSE:
      return JSON.parse(slice(u32(), u32()));
    case BIGAT:
      return BigInt(slice(u32(), u32()));
    case JSON_TEXT: {
      const len = u32();
      at += len;
      return JSON.parse(utf8(at - len, len));
    }
    case ARR:
    case OBJ:
      return container(op);
    case EXT:
      return external(u32());
    case VALID: {
      const patch = read();
      return { ok: true, patch, ignored: read() };
    }
    case BAD: {
      const codes = read();
      return { ok: false, status: 400, errors: read(), codes };
    }
    case SAVED: {
      const status = u8[at++] === 1 ? 201 : 200;
      const unknown = u8[at++] === 1;
      const invitation = read();
      const changed = read();
      return unknown ? { ok: true, status, invitation, changed, unknown: ["flow_obj"] } : { ok: true, status, invitation, changed };
    }
    case RECORD: {
      const list = u8[at++];
      const mask = u8[at++];
      // Every writable field present: an object literal (one shape for all such patches).
      if (mask === 31 && list === 0) return { name: read(), expires: read(), fixed_data: read(), single_use: read(), flow: read() };
      const keys = KEYS[list];
      const o = {};
      for (let i = 0; i < keys.length; i++) if (mask & (1 << i)) o[keys[i]] = read();
      return o;
    }
    case NAMES: {
      const keys = KEYS[u8[at++]];
      const mask = u8[at++];
      const a = [];
      for (let i = 0; i < keys.length; i++) if (mask & (1 << i)) a.push(keys[i]);
      return a;
    }
    default:
      throw new Error(`${PREFIX}: internal error (tape opcode ${op} at ${at - 1}). Please report it with the input.`);
  }
}

/** ARR or OBJ (`op`, already read), with all it holds. Containers nest up to 1,401 levels, and a
 * call of `read` a level (about 450 B of stack each) would exhaust the stack of a caller that is
 * itself deep: the open containers wait on an array instead. `read` reads the keys and the
 * other values, and comes back here only for a new container. */
function container(op) {
  const open = []; // the containers around `o`, with their state
  let list = op === ARR;
  let o = list ? [] : {};
  let left = u32(); // entries still to read: an item, a key and its value, or a RUN
  let key; // an object's key, read, its value not yet
  for (;;) {
    let v;
    if (left === 0) {
      if (open.length === 0) return o;
      v = o;
      [o, list, left, key] = open.pop();
    } else if (u8[at] === RUN) {
      // `o` is held nowhere else while it is open, so a list takes the run's items in one copy.
      if (list) o = o.length === 0 ? run("[", "]") : o.concat(run("[", "]"));
      else {
        const members = run("{", "}");
        for (const k of Object.keys(members)) set(o, k, members[k]);
      }
      left--;
      continue;
    } else if (!list && key === undefined) {
      key = read();
      continue;
    } else if (u8[at] === ARR || u8[at] === OBJ) {
      open.push([o, list, left, key]);
      list = u8[at++] === ARR;
      o = list ? [] : {};
      left = u32();
      key = undefined;
      continue;
    } else {
      v = read();
    }
    if (list) o.push(v);
    else set(o, key, v), (key = undefined);
    left--;
  }
}

/** RUN, in a list or object: its items or members, as JSON reads them. */
function run(open, close) {
  at++;
  return JSON.parse(open + slice(u32(), u32()) + close);
}

/** `o[key] = value`, as data: a `__proto__` key never sets the prototype (as JSON.parse defines it). */
function set(o, key, value) {
  if (key === "__proto__") Object.defineProperty(o, key, { value, writable: true, enumerable: true, configurable: true });
  else o[key] = value;
}

/** Reads the tape at `ptr`: a result, or (a lone string) the message of a TypeError. */
function result(ptr) {
  memory();
  at = ptr + 4;
  if (u8[at] === STR) throw typeError(read());
  return read();
}

// ---- Options ----------------------------------------------------------------------------------

/** Options read once: their handle in an instance, and the flows' objects as JSON text. */
class Prepared {
  constructor(options) {
    // Arrays are refused inside, after JSON.stringify: Array.isArray throws for a revoked Proxy.
    if (typeof options !== "object" || options === null) {
      throw typeError("options: expected an object like { flows?: Flow[] | string[], strict?: boolean, locale?: string }");
    }
    this.text = stringify(options, "options") ?? "null";
    this.generation = -1;
    this.handle = 0;
    const flows = JSON.parse(this.text)?.flows;
    // The flows' objects as JSON reads them back: each result gets a copy.
    this.flows = Array.isArray(flows) ? flows : [];
  }

  /** The handle in the current instance (after `enter`), read there first if need be. */
  handleIn() {
    if (this.generation !== generation) {
      this.handle = result(invoke(() => wasm.prepare(write(undefined, this.text).total)));
      this.generation = generation;
    }
    return this.handle;
  }

  release() {
    if (!broken && this.generation === generation) wasm.release(this.handle);
    this.generation = -1;
  }
}

const DEFAULTS = { handleIn: () => 0, flows: [], release() {} };

function withOptions(options, f) {
  if (options === undefined || options === null) return f(DEFAULTS);
  const prepared = new Prepared(options);
  try {
    return f(prepared);
  } finally {
    prepared.release();
  }
}

// ---- The functions ----------------------------------------------------------------------------

function validate(method, body, prepared) {
  const input = received(body);
  enter();
  const handle = prepared.handleIn();
  return result(invoke(() => wasm.validate(write(input).len, method, handle)));
}

/** The order `Invitation::from_fields` (src/lib.rs, `Invitation::FIELDS`) reads the fields in. */
const INVITATION_FIELDS = ["pk", "name", "expires", "fixed_data", "created_by", "single_use", "flow", "flow_obj"];

/** The invitation's fields as JSON texts, and its created_by and flow_obj copied. */
function invitationText(invitation) {
  try {
    return readInvitation(invitation);
  } catch (e) {
    // A Proxy's trap or a getter threw: as JSON.stringify(invitation) would have.
    if (ours.has(e)) throw e;
    throw typeError(`invitation: JSON.stringify throws on this value (${messageOf(e)})`);
  }
}

/** What `Invitation::from_fields` (src/lib.rs) reads: each field's JSON text (empty when missing)
 * and a NUL (which no JSON text holds), in the order of INVITATION_FIELDS. */
function readInvitation(invitation) {
  if (invitation === undefined) throw typeError("invitation: expected an Invitation object, got undefined");
  let inv = invitation;
  if (typeof inv !== "object" || inv === null || typeof inv.toJSON === "function") {
    const text = stringify(inv, "invitation");
    if (text === undefined) throw typeError("invitation: expected an Invitation object, got undefined");
    inv = JSON.parse(text);
  }
  if (typeof inv !== "object" || inv === null || Array.isArray(inv)) {
    throw typeError("invitation: expected an Invitation object as authentik's API shows it");
  }
  // Copied here, as JSON.parse(JSON.stringify(x)) would; inside, only their shape matters.
  const copies = { created_by: jsonCopy(inv.created_by), flow_obj: jsonCopy(inv.flow_obj) };
  let json = "";
  let fixedData = "";
  for (const key of INVITATION_FIELDS) {
    const v = key in copies ? copies[key] : inv[key];
    const shape = key in copies && typeof v === "object" && v !== null && !Array.isArray(v);
    const text = shape ? "{}" : (JSON.stringify(v) ?? "");
    if (key === "fixed_data") fixedData = text;
    json += `${text}\0`;
  }
  return { json, fixedData, createdBy: copies.created_by, flowObj: copies.flow_obj };
}

const NOT_PLAIN = Symbol("not plain");

/** `JSON.parse(JSON.stringify(v))`, without the text where `v` is plain data. */
function jsonCopy(v) {
  const copy = plainCopy(v, 0);
  if (copy !== NOT_PLAIN) return copy;
  const text = JSON.stringify(v);
  return text === undefined ? undefined : JSON.parse(text);
}

/** A copy of plain data (literals, arrays, plain objects), or NOT_PLAIN for anything that
 * JSON.stringify treats specially (toJSON, boxed values, cycles…), which it is left to. */
function plainCopy(v, depth) {
  switch (typeof v) {
    case "string":
    case "boolean":
      return v;
    case "number":
      return Number.isFinite(v) ? v + 0 : null; // -0 + 0 is 0, as "0" reads back
    case "object":
      break;
    default:
      return NOT_PLAIN;
  }
  if (v === null) return null;
  if (depth > 64) return NOT_PLAIN;
  const proto = Object.getPrototypeOf(v);
  if (Array.isArray(v)) {
    if (proto !== Array.prototype) return NOT_PLAIN;
    const a = [];
    for (let i = 0; i < v.length; i++) {
      const item = v[i];
      const c = item === undefined || typeof item === "function" || typeof item === "symbol" ? null : plainCopy(item, depth + 1);
      if (c === NOT_PLAIN) return NOT_PLAIN;
      a.push(c);
    }
    return a;
  }
  if ((proto !== Object.prototype && proto !== null) || typeof v.toJSON === "function") return NOT_PLAIN;
  const o = {};
  for (const key of Object.keys(v)) {
    const item = v[key];
    if (item === undefined || typeof item === "function" || typeof item === "symbol") continue;
    const c = plainCopy(item, depth + 1);
    if (c === NOT_PLAIN) return NOT_PLAIN;
    if (key === "__proto__") Object.defineProperty(o, key, { value: c, writable: true, enumerable: true, configurable: true });
    else o[key] = c;
  }
  return o;
}

function apply(method, invitation, body, prepared) {
  const { json, fixedData, createdBy, flowObj } = invitationText(invitation);
  const input = received(body);
  enter();
  const handle = prepared.handleIn();
  const ptr = invoke(() => {
    const { len, total } = write(input, json);
    return wasm.apply(total, len, method, handle);
  });
  // EXT 2: the stored fixed_data, when its text reads back as the answer's (src/wasm.rs `apply`).
  external = (k) => (k === 0 ? createdBy : k === 1 ? flowObj : k === 2 ? JSON.parse(fixedData) : plainCopy(prepared.flows[k - 3], 0));
  return result(ptr);
}

function create(body, options) {
  if (typeof options !== "object" || options === null) {
    throw typeError("options: expected an object like { pk: string, created_by: object, flows?, strict?, locale? }");
  }
  const { pk, created_by, ...rest } = options;
  if (typeof pk !== "string") throw typeError("options.pk: expected a UUID string");
  const createdBy = stringify(created_by, "options.created_by");
  if (createdBy?.[0] !== "{") throw typeError("options.created_by: expected an object (the requesting user, as GroupMemberSerializer shows it)");
  return withOptions(rest, (prepared) => {
    const input = received(body);
    enter();
    const handle = prepared.handleIn();
    const ptr = invoke(() => {
      const { len, total } = write(input, pk);
      return wasm.create(total, len, handle);
    });
    external = (k) => (k === 0 ? JSON.parse(createdBy) : plainCopy(prepared.flows[k - 3], 0));
    return result(ptr);
  });
}

/**
 * Judges a PATCH body as authentik 2024.6 does. Never throws for bad data; throws a TypeError for a
 * wrong call (bad options, a body `JSON.stringify` throws on, a body that is not text, bytes or a
 * JSON value).
 */
export function validatePatch(body, options) {
  return withOptions(options, (p) => validate(METHOD.PATCH, body, p));
}

/** Judges a PUT body (DRF's full update: `name` is required) as authentik 2024.6 does. */
export function validatePut(body, options) {
  return withOptions(options, (p) => validate(METHOD.PUT, body, p));
}

/** Judges a POST body (a new invitation: `name` is required) as authentik 2024.6 does. */
export function validatePost(body, options) {
  return withOptions(options, (p) => validate(METHOD.POST, body, p));
}

/** Applies a PATCH body to an invitation, answering as authentik 2024.6 does. Never mutates its arguments. */
export function applyPatch(invitation, body, options) {
  return withOptions(options, (p) => apply(METHOD.PATCH, invitation, body, p));
}

/** Applies a PUT body to an invitation, answering as authentik 2024.6 does. */
export function applyPut(invitation, body, options) {
  return withOptions(options, (p) => apply(METHOD.PUT, invitation, body, p));
}

/**
 * Creates an invitation from a POST body, answering as authentik 2024.6 does (201); `options.pk`
 * and `options.created_by` are what the server would make up: the new UUID and the requesting user.
 */
export function createInvitation(body, options) {
  return create(body, options);
}

/**
 * The bytes of WebAssembly memory the module holds now (0 before it is ready): what a worker
 * watching its isolate's memory would read. A call that grows it past 16 MiB leaves a fresh instance
 * behind for the next one.
 */
export function wasmMemoryBytes() {
  return wasm === null ? 0 : wasm.memory.buffer.byteLength;
}

const finalizer = typeof FinalizationRegistry === "function" ? new FinalizationRegistry((prepared) => prepared.release()) : null;

/**
 * Reads `options` once and returns the functions bound to them: the fast way to judge many bodies
 * against the same flows, strictness and language.
 */
export function createValidator(options = {}) {
  const prepared = new Prepared(options);
  enter();
  prepared.handleIn(); // refuses bad options now, with their TypeError
  const validator = Object.freeze({
    validatePatch: (body) => validate(METHOD.PATCH, body, prepared),
    validatePut: (body) => validate(METHOD.PUT, body, prepared),
    validatePost: (body) => validate(METHOD.POST, body, prepared),
    applyPatch: (invitation, body) => apply(METHOD.PATCH, invitation, body, prepared),
    applyPut: (invitation, body) => apply(METHOD.PUT, invitation, body, prepared),
  });
  finalizer?.register(validator, prepared);
  return validator;
}
