// Types of authentik-invitation-patch (src/index.js, built into pkg/index.js). They need no DOM lib.

/** A JSON value, as `JSON.stringify` takes it. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue | undefined };

/**
 * A request body: the raw text (a string), the raw bytes (a `Uint8Array`, `Int8Array`,
 * `Uint8ClampedArray`, `DataView` or `ArrayBuffer`, decoded as UTF-8 as the server does), or a value
 * judged as the server judges `JSON.stringify(body)` (what a JS client sends: a JSON value, or an
 * object such as a typed patch); `undefined` is an empty body. Other typed arrays, `Blob`s and
 * streams are refused with a TypeError saying what to pass.
 */
export type PatchBody =
  | string
  | Uint8Array
  | Int8Array
  | Uint8ClampedArray
  | DataView
  | ArrayBuffer
  | JsonValue
  | object
  | undefined;

/** A flow as authentik's API shows it (FlowSerializer); only `pk` is read. */
export interface Flow {
  pk: string;
  [key: string]: unknown;
}

/** A flow in `options.flows`: a Flow object (any object with a string `pk`, such as the API
 * client's `Flow` model) or its pk string. */
export type FlowLike = Flow | { readonly pk: string } | string;

export interface PatchOptions {
  /** The flows that exist, as Flow objects or pk strings. Not given: existence is not checked. */
  flows?: ReadonlyArray<FlowLike>;
  /** Keys the server ignores (unknown and read-only) become errors. Default false. */
  strict?: boolean;
  /** The locale code authentik activates for the request, as stored (the user's
   * `attributes.settings.locale`, else the brand's): messages are the server's in that language.
   * Default: English. */
  locale?: string;
}

/** What `createInvitation` needs beyond the options: what the server makes up for a POST. */
export interface CreateOptions extends PatchOptions {
  /** The new invitation's UUID. */
  pk: string;
  /** The requesting user, as GroupMemberSerializer shows it. */
  created_by: Record<string, unknown>;
}

/** The writable fields a valid body sets, as the server stores them. Integers beyond
 * ±(2^53 − 1) inside `fixed_data` are `bigint`s when a number would change their digits. */
export interface InvitationPatch {
  name?: string;
  /** UTC, `YYYY-MM-DDTHH:MM:SS[.ffffff]Z`; null clears it. */
  expires?: string | null;
  fixed_data?: Record<string, unknown>;
  single_use?: boolean;
  /** Lower-case hyphenated UUID; null clears it. */
  flow?: string | null;
}

/** The body authentik answers with its 400, keys in the server's order. It holds either `detail`
 * (the body could not be read as JSON), or `non_field_errors` (the body is not an object), or one
 * list of messages per failing field: the writable fields, and with `strict` the ignored keys. */
export interface ServerErrors {
  detail?: string;
  non_field_errors?: string[];
  name?: string[];
  expires?: string[];
  fixed_data?: string[];
  single_use?: string[];
  flow?: string[];
  [key: string]: string | string[] | undefined;
}

/** DRF's code for each message of `errors`, in the same shape (`ValidationError.get_codes()`):
 * `required`, `null`, `blank`, `max_length`, `invalid`, `incorrect_type`, `does_not_exist`,
 * `parse_error`, …; `server_error` where the module answers for a server that would fail (500). */
export type ErrorCodes = ServerErrors;

export interface PatchRejected {
  ok: false;
  status: 400;
  errors: ServerErrors;
  codes: ErrorCodes;
}
export interface PatchAccepted {
  ok: true;
  /** What to forward upstream. */
  patch: InvitationPatch;
  /** Keys the server ignores, in body order. */
  ignored: string[];
}
export type PatchVerdict = PatchAccepted | PatchRejected;

/** An invitation as authentik's API shows it (the JSON, with its snake_case keys). */
export interface Invitation {
  pk: string;
  name: string;
  expires: string | null;
  fixed_data: Record<string, unknown>;
  created_by: Record<string, unknown>;
  single_use: boolean;
  flow: string | null;
  flow_obj: Flow | null;
}

export type ChangedField = "name" | "expires" | "fixed_data" | "single_use" | "flow";

export interface PatchApplied {
  ok: true;
  status: 200;
  /** Exactly the body authentik answers. */
  invitation: Invitation;
  changed: ChangedField[];
  /** Absent here: every field of `invitation` is known. */
  unknown?: undefined;
}
/** The body names a flow whose object `options.flows` does not hold: the answer's `flow_obj`
 * cannot be known, so it is left out rather than guessed. */
export interface PatchAppliedFlowUnknown {
  ok: true;
  status: 200;
  invitation: Omit<Invitation, "flow_obj">;
  changed: ChangedField[];
  unknown: ["flow_obj"];
}
export type ApplyVerdict = PatchApplied | PatchAppliedFlowUnknown | PatchRejected;

/** `createInvitation`'s answer: as `applyPatch`'s, with the 201 of a POST. */
export type CreateVerdict =
  | (Omit<PatchApplied, "status"> & { status: 201 })
  | (Omit<PatchAppliedFlowUnknown, "status"> & { status: 201 })
  | PatchRejected;

/** Judges a PATCH body as authentik 2024.6 does. Never throws for bad data; throws a TypeError for
 * a wrong call (bad options, a body `JSON.stringify` throws on, a body that is neither text, bytes
 * nor a JSON value). */
export function validatePatch(body: PatchBody, options?: PatchOptions): PatchVerdict;
/** Judges a PUT body (DRF's full update: `name` is required) as authentik 2024.6 does. */
export function validatePut(body: PatchBody, options?: PatchOptions): PatchVerdict;
/** Judges a POST body (a new invitation: `name` is required) as authentik 2024.6 does. */
export function validatePost(body: PatchBody, options?: PatchOptions): PatchVerdict;

/** Applies a PATCH body to an invitation, answering as authentik 2024.6 does. Never mutates its
 * arguments. Throws a TypeError for a wrong call (an `invitation` that is not an Invitation, or one
 * `JSON.stringify` throws on, such as a `fixed_data` holding a `bigint`). */
export function applyPatch(invitation: Invitation, body: PatchBody, options?: PatchOptions): ApplyVerdict;
/** Applies a PUT body to an invitation, answering as authentik 2024.6 does. */
export function applyPut(invitation: Invitation, body: PatchBody, options?: PatchOptions): ApplyVerdict;
/** Creates an invitation from a POST body, answering as authentik 2024.6 does (status 201). */
export function createInvitation(body: PatchBody, options: CreateOptions): CreateVerdict;

/** The functions bound to options read once: the fast way to judge many bodies. */
export interface Validator {
  validatePatch(body: PatchBody): PatchVerdict;
  validatePut(body: PatchBody): PatchVerdict;
  validatePost(body: PatchBody): PatchVerdict;
  applyPatch(invitation: Invitation, body: PatchBody): ApplyVerdict;
  applyPut(invitation: Invitation, body: PatchBody): ApplyVerdict;
}
/** Reads `options` once (a TypeError if they are wrong) and returns the functions bound to them. */
export function createValidator(options?: PatchOptions): Validator;

/** The bytes of WebAssembly memory the module holds now (0 before it is ready). A call that grows
 * it past 16 MiB leaves a fresh instance behind for the next one. */
export function wasmMemoryBytes(): number;

// ---- Loading: the web entry only (Node, CommonJS and workers are ready on import).

/** The module's code: a compiled `WebAssembly.Module`, or the bytes of `index_bg.wasm` (typed as
 * `object` so that no DOM or WebAssembly lib is needed). */
export type ModuleSource = object;

/** Instantiates the module synchronously (workers: `initSync({ module: wasm })`). Idempotent,
 * unless `replace` (the all-locales entries): later calls then run on the given module. */
export function initSync(options: { module: ModuleSource } | ModuleSource, replace?: boolean): void;

/** Fetches (by default `index_bg.wasm` beside this file), compiles and instantiates the module.
 * Idempotent, unless `replace` (the all-locales entries). The Node and worker entries call it for
 * you. */
export default function init(options?: { module_or_path?: ModuleSource | string | PromiseLike<unknown> } | ModuleSource | string, replace?: boolean): Promise<void>;
