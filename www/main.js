// The admin form: edit one authentik enrollment invitation and see, as you type, what authentik
// 2024.6 would answer to the PATCH the page would send. Nothing is sent anywhere.
//
// Facts for the README:
// - Run: `make serve` (builds pkg/, serves www/ and pkg/ on 127.0.0.1) and open
//   http://127.0.0.1:8080/ (it redirects to /www/, so relative URLs work as from any static server).
// - No bundler, no network beyond 127.0.0.1: this file imports ../pkg/index.js, whose default
//   export fetches ../pkg/index_bg.wasm from the same server.
// - The body holds only the fields that differ from the stored invitation (www/sample.js), in the
//   server's field order. Fixed data goes into the body as the raw text typed, so its JSON errors
//   are the server's own ("JSON parse error - …", positions counted in the whole body; the page
//   also says where that is in the text area).
// - Expires: a datetime-local input read in a chosen time zone (this browser's by default, or UTC,
//   or any IANA zone) and sent as an ISO string with that zone's offset on that date. An
//   incomplete date (the browser's value is empty) is sent as "", which the server refuses;
//   "Never expires" sends null.
// - Each field's messages are its own, as you type (pkg/forms.js validateField / validateFieldJson:
//   what the server says for that field when the rest of the body is valid), so a JSON typo in
//   fixed data hides no other field's message. The summary at the top is the server's answer to
//   the whole body (`detail`, `non_field_errors`, links to the failing fields). The response panel
//   is applyPatch's result; `changed` marks fields. BigInts (integers beyond 2^53 in fixed_data)
//   print exactly.
// - "Save as PUT" sends what authentik's own admin form sends (InvitationForm saves with
//   stagesInvitationInvitationsUpdate, a PUT): every field, `name` required. The page shows that
//   body and applyPut's answer; expires and fixed data go in as in the PATCH (the zone's offset,
//   the raw text) where authentik's client would send toISOString() and a parsed object. It needs a
//   build of the package with validatePut/applyPut; without one the switch is disabled.
// - Test: tests/js/form.test.mjs drives this page in headless Chromium.

import init, * as api from "../pkg/index.js";
import { createForms } from "../pkg/forms.js";
import { invitation as stored, flows } from "./sample.js";

const { validatePatch, applyPatch } = api;
const canPut = typeof api.validatePut === "function" && typeof api.applyPut === "function";
// The language the server answers in: the code authentik activates (the user's, else the brand's
// `attributes.settings.locale`); "" is authentik's default, English. The picker offers the UI's.
const options = { flows, locale: "" };
let forms = createForms(api, options);

const FIELDS = ["name", "expires", "fixed_data", "single_use", "flow"];
const LABELS = { name: "Name", expires: "Expires", fixed_data: "Fixed data", single_use: "Single use", flow: "Enrollment flow" };
const $ = (id) => document.getElementById(id);
const el = {
  form: $("form"),
  name: $("name"),
  expires: $("expires"),
  zone: $("zone"),
  never: $("never"),
  flow: $("flow"),
  fixed: $("fixed_data"),
  single: $("single_use"),
  asPut: $("as-put"),
};

// --- JSON that may hold BigInts ------------------------------------------------------------------

/** JSON.stringify throws on BigInt: print its digits as a JSON number instead. */
function pretty(value, indent = 2) {
  if (typeof JSON.rawJSON === "function") {
    return JSON.stringify(value, (_k, v) => (typeof v === "bigint" ? JSON.rawJSON(v.toString()) : v), indent);
  }
  const mark = "\u{F8FF}bigint:"; // browsers without JSON.rawJSON: mark, then unquote
  const text = JSON.stringify(value, (_k, v) => (typeof v === "bigint" ? mark + v.toString() : v), indent);
  return text.replaceAll(new RegExp(`"${mark}(-?\\d+)"`, "g"), "$1");
}

/** Length in code points, as Python counts the positions in its JSON errors. */
const codePoints = (s) => [...s].length;

// --- Time zones ----------------------------------------------------------------------------------

const browserZone = Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC";
const formatters = new Map();
const pad = (n, w = 2) => String(n).padStart(w, "0");

/** The wall-clock fields of instant `ms` in `zone`. */
function wallIn(zone, ms) {
  let f = formatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone: zone, hourCycle: "h23", era: "short",
      year: "numeric", month: "numeric", day: "numeric", hour: "numeric", minute: "numeric", second: "numeric",
    });
    formatters.set(zone, f);
  }
  const p = {};
  for (const { type, value } of f.formatToParts(ms)) p[type] = value;
  const year = p.era?.startsWith("B") ? 1 - Number(p.year) : Number(p.year);
  return { year, month: +p.month, day: +p.day, hour: +p.hour % 24, minute: +p.minute, second: +p.second };
}

/** Wall-clock fields read as UTC, in ms. (Date.UTC would map years 0–99 to 1900–1999.) */
function utcMs({ year, month, day, hour, minute, second }) {
  const d = new Date(0);
  d.setUTCFullYear(year, month - 1, day);
  d.setUTCHours(hour, minute, second, 0);
  return d.getTime();
}

/** The zone's offset from UTC at instant `ms`, in seconds (historic zones have odd seconds). */
const offsetAt = (zone, ms) => (utcMs(wallIn(zone, ms)) - Math.floor(ms / 1000) * 1000) / 1000;

function offsetText(seconds) {
  const a = Math.abs(seconds);
  const s = a % 60;
  return `${seconds < 0 ? "-" : "+"}${pad(Math.floor(a / 3600))}:${pad(Math.floor((a % 3600) / 60))}${s ? `:${pad(s)}` : ""}`;
}

/** A datetime-local value for instant `ms` in `zone`, or null when the input cannot hold it. */
function localValue(zone, ms) {
  const w = wallIn(zone, ms);
  if (!(w.year >= 1 && w.year <= 275760)) return null;
  const base = `${pad(w.year, 4)}-${pad(w.month)}-${pad(w.day)}T${pad(w.hour)}:${pad(w.minute)}`;
  return w.second ? `${base}:${pad(w.second)}` : base;
}

/**
 * Reads a datetime-local value in `zone`: the ISO string with offset that goes into the body, the
 * instant, the offset, and whether that wall-clock time exists there (it does not in a DST gap).
 */
function readLocal(value, zone) {
  const m = /^(\d{4,})-(\d\d)-(\d\d)T(\d\d):(\d\d)(?::(\d\d)(\.\d+)?)?$/.exec(value);
  if (!m) return null;
  const fields = { year: +m[1], month: +m[2], day: +m[3], hour: +m[4], minute: +m[5], second: +(m[6] ?? 0) };
  const wall = utcMs(fields);
  let offset = 0;
  let exists = true;
  try {
    offset = offsetAt(zone, wall);
    let ms = wall - offset * 1000;
    const second = offsetAt(zone, ms);
    if (second !== offset) {
      // Near a transition: prefer the offset that maps back to this wall time.
      if (offsetAt(zone, wall - second * 1000) === second) offset = second;
      ms = wall - offset * 1000;
    }
    exists = utcMs(wallIn(zone, ms)) === wall;
  } catch {
    offset = 0; // beyond what Intl can place in a zone: say so rather than guess
    exists = false;
  }
  const text = `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6] ?? "00"}${m[7] ?? ""}${offsetText(offset)}`;
  return { text, ms: wall - offset * 1000, offset, exists };
}

function fillZones() {
  const add = (parent, value, label) => parent.append(new Option(label, value));
  const isUtc = ["UTC", "Etc/UTC", "Etc/GMT", "GMT"].includes(browserZone);
  add(el.zone, "UTC", isUtc ? "UTC (this browser's zone)" : "UTC");
  if (!isUtc) add(el.zone, browserZone, `${browserZone} (this browser's zone)`);
  const others = document.createElement("optgroup");
  others.label = "Other zones";
  const all = typeof Intl.supportedValuesOf === "function" ? Intl.supportedValuesOf("timeZone") : [];
  for (const z of all) if (z !== browserZone && z !== "UTC") add(others, z, z.replaceAll("_", " "));
  el.zone.append(others);
  el.zone.value = browserZone === "UTC" || isUtc ? "UTC" : browserZone;
}

// --- The form's state ----------------------------------------------------------------------------

let fixedBaseline = "";
let expiresBaseline = ""; // the input's value right after showing the stored expiry

function showStoredExpiry() {
  el.never.checked = stored.expires === null;
  el.expires.value = stored.expires === null ? "" : localValue(el.zone.value, Date.parse(stored.expires)) ?? "";
  expiresBaseline = el.expires.value;
}

function reset() {
  el.name.value = stored.name;
  showStoredExpiry();
  fixedBaseline = pretty(stored.fixed_data);
  el.fixed.value = fixedBaseline;
  el.single.checked = stored.single_use;
  el.flow.value = stored.flow ?? "";
  update();
}

/** The expires member the body would carry, or undefined when the field is unchanged. */
function expiresEdit() {
  if (el.never.checked) return stored.expires === null ? undefined : { text: "null", value: null };
  if (stored.expires !== null && el.expires.value === expiresBaseline) return undefined;
  if (el.expires.value === "") return { text: '""', value: "", incomplete: el.expires.validity.badInput };
  const read = readLocal(el.expires.value, el.zone.value);
  if (!read) return { text: '""', value: "" };
  if (stored.expires !== null && read.ms === Date.parse(stored.expires)) return undefined;
  return { text: JSON.stringify(read.text), value: read.text, read };
}

/**
 * The body, as text: for a PATCH only the changed fields, for a PUT every field (as authentik's
 * admin form sends it), in the server's field order. Fixed data is the text area's raw text; when
 * that text is valid JSON it is indented to sit in the body.
 */
function buildBody(put = false) {
  const members = [];
  if (put || el.name.value !== stored.name) members.push(["name", JSON.stringify(el.name.value)]);
  let expires = expiresEdit();
  if (!expires && put) expires = { text: JSON.stringify(stored.expires), value: stored.expires };
  if (expires) members.push(["expires", expires.text]);
  let raw = null;
  if (put || el.fixed.value !== fixedBaseline) {
    raw = el.fixed.value;
    let verbatim = true;
    try {
      JSON.parse(raw);
      verbatim = false;
    } catch {}
    members.push(["fixed_data", verbatim ? raw : raw.replaceAll("\n", "\n  "), verbatim]);
  }
  if (put || el.single.checked !== stored.single_use) members.push(["single_use", String(el.single.checked)]);
  const flow = el.flow.value || null;
  if (put || flow !== stored.flow) members.push(["flow", JSON.stringify(flow)]);

  if (!members.length) return { text: "{}", keys: [], expires };
  let text = "{";
  let fixedAt = null; // where the raw text starts, in code points, when it went in verbatim
  members.forEach(([key, value, verbatim], i) => {
    text += `${i ? "," : ""}\n  ${JSON.stringify(key)}: `;
    if (verbatim) fixedAt = codePoints(text);
    text += value;
  });
  text += "\n}";
  return { text, keys: members.map(([k]) => k), expires, raw, fixedAt };
}

// --- Rendering -----------------------------------------------------------------------------------

function setList(list, messages) {
  list.replaceChildren(...messages.map((m) => Object.assign(document.createElement("li"), { textContent: m })));
}

function fieldInput(field) {
  return { name: el.name, expires: el.expires, fixed_data: el.fixed, single_use: el.single, flow: el.flow }[field];
}

/**
 * Each field's own messages: what the server says for the value the body carries for that field
 * when the rest of the body is valid. A field the body does not carry has none.
 */
function fieldMessages(body, put) {
  const method = put ? "PUT" : "PATCH";
  const sent = new Set(body.keys);
  const value = {
    name: () => forms.validateField("name", el.name.value, { method }),
    expires: () => forms.validateField("expires", body.expires.value),
    fixed_data: () => forms.validateFieldJson("fixed_data", body.raw),
    single_use: () => forms.validateField("single_use", el.single.checked),
    flow: () => forms.validateField("flow", el.flow.value || null),
  };
  const out = {};
  for (const field of FIELDS) {
    const r = sent.has(field) ? value[field]() : { ok: true };
    out[field] = r.ok ? [] : r.messages;
  }
  return out;
}

function renderErrors(errors, own) {
  const top = [];
  for (const field of FIELDS) {
    const messages = own[field];
    setList($(`${field}-errors`), messages);
    fieldInput(field).toggleAttribute("aria-invalid", messages.length > 0);
    if (field === "expires") el.zone.toggleAttribute("aria-invalid", messages.length > 0);
    $(`${field}-errors`).closest(".field").classList.toggle("invalid", messages.length > 0);
  }
  const bad = FIELDS.filter((f) => errors && Array.isArray(errors[f]));
  if (errors) {
    if (typeof errors.detail === "string") top.push(errors.detail);
    for (const m of errors.non_field_errors ?? []) top.push(m);
    for (const [key, value] of Object.entries(errors)) {
      if (key === "detail" || key === "non_field_errors" || FIELDS.includes(key)) continue;
      for (const m of [].concat(value)) top.push(`${key}: ${m}`);
    }
  }
  const items = top.map((m) => Object.assign(document.createElement("li"), { textContent: m }));
  if (bad.length) {
    const li = document.createElement("li");
    li.className = "fields";
    li.append(bad.length === 1 ? "See the message at " : "See the messages at ");
    bad.forEach((f, i) => {
      const a = Object.assign(document.createElement("a"), { href: `#${fieldInput(f).id}`, textContent: LABELS[f] });
      a.addEventListener("click", (e) => {
        e.preventDefault();
        fieldInput(f).focus();
      });
      li.append(i ? (i === bad.length - 1 ? " and " : ", ") : "", a);
    });
    li.append(".");
    items.push(li);
  }
  $("summary-list").replaceChildren(...items);
  $("summary-note").hidden = !(typeof errors?.detail === "string" && errors.detail.startsWith("JSON parse error"));
  $("summary").hidden = items.length === 0;
}

/** Under fixed data: where the server's parse error points inside the text area. */
function renderWhere(errors, body) {
  const where = $("fixed_data-where");
  where.hidden = true;
  where.replaceChildren();
  const m = typeof errors?.detail === "string" && body.fixedAt !== null && /\(char (\d+)\)$/.exec(errors.detail);
  if (!m) return;
  const index = Number(m[1]) - body.fixedAt;
  const chars = [...body.raw];
  if (index < 0) return;
  if (index > chars.length) {
    where.textContent = "The server's parse error points after the end of this text: is a closing } or ] missing?";
  } else {
    const before = chars.slice(0, index);
    const line = before.filter((c) => c === "\n").length + 1;
    const column = index - (before.lastIndexOf("\n") + 1) + 1;
    const go = Object.assign(document.createElement("button"), { type: "button", className: "link", textContent: "Show me" });
    const at = before.join("").length;
    go.addEventListener("click", () => {
      el.fixed.focus();
      el.fixed.setSelectionRange(at, Math.min(at + 1, el.fixed.value.length));
    });
    where.append(`The server's parse error points here, in this text: line ${line}, column ${column}. `, go);
  }
  where.hidden = false;
}

function renderExpiresNotes(body, verdict) {
  const zone = el.zone.value;
  const note = $("expires-zone-note");
  const hint = $("expires-hint");
  el.expires.disabled = el.never.checked;
  el.zone.disabled = el.never.checked;
  const read = !el.never.checked && el.expires.value ? readLocal(el.expires.value, zone) : null;
  if (el.never.checked) note.textContent = "";
  else if (read && !read.exists) note.textContent = `This time does not exist in ${zone} (the clocks skip it); it is read as UTC${offsetText(read.offset)}.`;
  else if (read && zone === "UTC") note.textContent = "Read as UTC.";
  else if (read) note.textContent = `Read in ${zone}: UTC${offsetText(read.offset)} on that date.`;
  else note.textContent = `Times are in ${zone}.`;

  const edit = body.expires;
  if (!edit) hint.textContent = stored.expires === null ? "Never expires." : `Stored as ${stored.expires} (UTC).`;
  else if (edit.value === null) hint.textContent = "Sent as null: the invitation would never expire.";
  else if (edit.value === "") {
    hint.textContent = edit.incomplete
      ? 'The date is incomplete, so the browser gives no value: the body carries "".'
      : 'No date: the body carries "". Tick “Never expires” to remove the expiry.';
  } else if (verdict.ok && typeof verdict.patch.expires === "string") hint.textContent = `Sent as ${edit.value}; the server would store ${verdict.patch.expires}.`;
  else hint.textContent = `Sent as ${edit.value}.`;
}

function renderFlowHint() {
  const flow = flows.find((f) => f.pk === el.flow.value);
  $("flow-hint").textContent = flow
    ? `“${flow.title}” · slug ${flow.slug} · ${flow.pk}`
    : "Without a flow, the invitation works in any enrollment flow that has an invitation stage.";
}

/** The response body, with the members that changed marked. */
function renderResult(applied) {
  const pre = $("result");
  if (!applied.ok) {
    pre.replaceChildren(pretty(applied.errors));
    pre.classList.add("is-error");
    return;
  }
  pre.classList.remove("is-error");
  const changed = new Set(applied.changed);
  if (changed.has("flow")) changed.add("flow_obj");
  const entries = Object.entries(applied.invitation);
  const nodes = ["{\n"];
  entries.forEach(([key, value], i) => {
    const text = `  ${JSON.stringify(key)}: ${pretty(value).replaceAll("\n", "\n  ")}${i < entries.length - 1 ? "," : ""}\n`;
    if (changed.has(key)) {
      const mark = document.createElement("mark");
      mark.textContent = text;
      nodes.push(mark);
    } else nodes.push(text);
  });
  nodes.push("}");
  pre.replaceChildren(...nodes);
}

function update() {
  const put = canPut && el.asPut.checked;
  const body = buildBody(put);
  let verdict;
  let applied;
  let own;
  try {
    verdict = put ? api.validatePut(body.text, options) : validatePatch(body.text, options);
    applied = put ? api.applyPut(stored, body.text, options) : applyPatch(stored, body.text, options);
    own = fieldMessages(body, put);
  } catch (e) {
    // A TypeError here is the page's bug (a wrong call), never the user's input.
    console.error(e);
    $("status").textContent = "page error";
    return;
  }
  const errors = verdict.ok ? null : verdict.errors;

  $("method").textContent = put ? "PUT" : "PATCH";
  $("body").textContent = body.text;
  $("request-state").textContent = body.keys.length ? `${body.keys.length} field${body.keys.length > 1 ? "s" : ""}` : "nothing to change";
  $("request-state").className = `pill ${body.keys.length ? "info" : ""}`;
  const ignored = verdict.ok ? verdict.ignored : [];
  $("ignored").hidden = ignored.length === 0;
  $("ignored").textContent = ignored.length ? `The server ignores: ${ignored.join(", ")}.` : "";

  renderErrors(errors, own);
  renderWhere(errors, body);
  renderExpiresNotes(body, verdict);
  renderFlowHint();

  $("status").textContent = applied.ok ? "200 OK" : `${applied.status} Bad Request`;
  $("status").className = `pill ${applied.ok ? "ok" : "bad"}`;
  const changed = applied.ok ? applied.changed : [];
  for (const badge of document.querySelectorAll("[data-changed]")) badge.hidden = !changed.includes(badge.dataset.changed);
  if (!applied.ok) $("changes").textContent = "Nothing would be saved: the invitation stays as it is.";
  else if (applied.unknown) $("changes").textContent = "The new flow's object is not known to this page, so flow_obj is left out.";
  else if (!changed.length) $("changes").textContent = "No field would change.";
  else $("changes").textContent = `Would change: ${changed.map((f) => LABELS[f]).join(", ")}.`;
  $("changes").dataset.fields = changed.join(" ");
  renderResult(applied);
}

// --- Wiring --------------------------------------------------------------------------------------

function onZoneChange(previousZone) {
  if (el.expires.value === expiresBaseline && stored.expires !== null) {
    showStoredExpiry(); // untouched: show the same stored instant in the new zone
  } else if (el.expires.value) {
    // Edited: keep the instant the person meant, shown in the new zone when the input can hold it.
    const read = readLocal(el.expires.value, previousZone);
    const value = read && read.exists ? localValue(el.zone.value, read.ms) : null;
    if (value) el.expires.value = value;
    expiresBaseline = stored.expires === null ? "" : localValue(el.zone.value, Date.parse(stored.expires)) ?? "";
  }
  update();
}

function main() {
  $("title-name").textContent = stored.name;
  $("meta").textContent = `pk ${stored.pk} · created by ${stored.created_by.name} (${stored.created_by.username})`;
  $("endpoint").textContent = `/api/v3/stages/invitation/invitations/${stored.pk}/`;
  el.flow.append(new Option("No flow", ""));
  for (const f of flows) el.flow.append(new Option(f.name, f.pk));
  fillZones();

  let zone = el.zone.value;
  el.zone.addEventListener("change", () => {
    const previous = zone;
    zone = el.zone.value;
    onZoneChange(previous);
  });
  el.never.addEventListener("change", () => {
    if (!el.never.checked && !el.expires.value) {
      // Turning an expiry on: start from a week from now, 09:00 in the chosen zone.
      const w = wallIn(el.zone.value, Date.now() + 7 * 86400e3);
      el.expires.value = `${pad(w.year, 4)}-${pad(w.month)}-${pad(w.day)}T09:00`;
    }
  });
  el.form.addEventListener("input", (e) => e.target !== el.zone && update());
  el.form.addEventListener("change", (e) => e.target !== el.zone && update());
  el.form.addEventListener("submit", (e) => e.preventDefault());
  el.asPut.disabled = !canPut;
  if (!canPut) el.asPut.closest("label").title = "This build of the package has no validatePut/applyPut.";
  el.asPut.addEventListener("change", update);
  $("locale").addEventListener("change", (e) => {
    options.locale = e.target.value;
    forms = createForms(api, options);
    update();
  });
  $("reset").addEventListener("click", reset);
  reset();
}

try {
  await init(); // fetches ../pkg/index_bg.wasm, next to index.js
  main();
  $("loading").hidden = true;
  $("layout").hidden = false;
} catch (e) {
  $("loading").textContent = `The validator did not load: ${e.message}`;
  $("loading").classList.add("is-error");
  throw e;
} finally {
  $("app").removeAttribute("aria-busy");
}
