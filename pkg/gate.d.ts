// authentik-invitation-patch/gate: an edge gate in front of an authentik 2024.6 server (gate.js).
// Written by hand. Compiles without the DOM lib: Request, Response and Headers are the host's
// (and URL) (DOM, @cloudflare/workers-types, @types/node) when it declares them, else the minimal shapes below.

/** What the gate reads of a request. */
export interface GateRequestLike {
  readonly url: string;
  readonly method: string;
  readonly headers: { get(name: string): string | null };
  readonly body: unknown;
  arrayBuffer(): Promise<ArrayBuffer>;
}

type HostRequest = typeof globalThis extends { Request: { prototype: infer R } } ? R : GateRequestLike;
type HostURL = typeof globalThis extends { URL: { prototype: infer U } } ? U : { readonly href: string; readonly origin: string; readonly pathname: string; readonly search: string };
type HostResponse = typeof globalThis extends { Response: { prototype: infer R } } ? R : { readonly status: number; text(): Promise<string> };

/** A verdict as the package's `validatePatch` gives it (the gate needs no more of it). */
export type GateVerdict =
  | { ok: true; patch: object }
  | { ok: false; status: number; errors: object };

/**
 * The package's exports, as `import * as m from "authentik-invitation-patch"` gives them, already
 * initialized. `validatePut` judges PUT and POST bodies (DRF's `partial=False`: `name` required).
 */
export interface InvitationPatchModule {
  validatePatch(body: Uint8Array, options?: { locale?: string }): GateVerdict;
  validatePut(body: Uint8Array, options?: { locale?: string }): GateVerdict;
}

export interface GateOptions {
  /**
   * The authentik server's origin (`"https://authentik.example.com"`: scheme, host and port, no
   * path), or a function of the worker's `env` returning it. Default: `env.UPSTREAM`. Every request
   * goes to this origin and nowhere else.
   */
  upstream?: string | ((env: any) => string | undefined);
  /** Sends a request to the upstream. Default: the global `fetch`, redirects not followed. */
  fetch?: (request: HostRequest) => Promise<HostResponse> | HostResponse;
  /** The locale code authentik activates for the request (the brand's default, or the user's
   * setting the worker looks up), or a function returning it: the gate's 400s are then in that
   * language. A code the build has no catalogs for is judged in English, and then only what the
   * server would crash on is answered by the gate. Default: English. */
  locale?: string | ((request: HostRequest, env: any) => string | Promise<string>);
}

/** A worker: `export default createGate(m)`. */
export interface Gate {
  /**
   * Answers one request: 415 or 400 (the server's body) for an invitation write the server would
   * refuse, 400 with the module's own message for one it would crash on, else the upstream's answer
   * (a judged body forwarded normalized, anything else untouched); 502 if the upstream cannot be
   * reached, 500 if no valid upstream is configured.
   */
  fetch(request: HostRequest, env?: unknown): Promise<HostResponse>;
}

/**
 * The edge worker: judges `PATCH` and `PUT` on `/api/v3/stages/invitation/invitations/<uuid>/` and
 * `POST` on `/api/v3/stages/invitation/invitations/` as authentik 2024.6 does, and relays
 * everything to the upstream origin.
 *
 * ```js
 * import * as invitationPatch from "authentik-invitation-patch";
 * import { createGate } from "authentik-invitation-patch/gate";
 * export default createGate(invitationPatch);
 * ```
 * @throws {TypeError} when `module` is not the package's exports or `options.upstream` is not an
 * http(s) origin.
 */
export function createGate(module: InvitationPatchModule, options?: GateOptions): Gate;

/**
 * Decides one request without sending anything: `{ answer }`, the gate's own Response (400, 415),
 * or `{ forward }`, the Request for the upstream.
 */
export function judgeRequest(
  module: InvitationPatchModule,
  request: HostRequest,
  upstream: string,
  /** The locale code to judge in (GateOptions.locale). Default: English. */
  locale?: string,
): Promise<{ answer: HostResponse; forward?: undefined } | { forward: HostRequest; answer?: undefined }>;

/** The upstream URL of a request: the upstream's origin with the request's path and query only. */
export function upstreamUrl(request: { readonly url: string }, upstream: string): HostURL;

/** The upstream's origin. @throws {TypeError} unless `upstream` is an http(s) origin with no path. */
export function upstreamOrigin(upstream: string): string;

/**
 * Which invitation endpoint Django routes a path (as sent upstream) to, and whether the detail's pk
 * is one Python's `uuid.UUID` accepts (any other gets a 404 before the body is read).
 */
export function invitationRoute(
  pathname: string,
  module: InvitationPatchModule,
): { route: "list" } | { route: "detail"; uuid: boolean } | null;

/** Whether DRF 3.14 parses a body with this Content-Type (`null`: none) as JSON. */
export function acceptsJson(contentType: string | null): boolean;

/** Whether the server decodes a body with this Content-Type as UTF-8 (else the gate forwards it as sent). */
export function decodedAsUtf8(contentType: string | null): boolean;

/** DRF's 415 body for this Content-Type, quoted as received. */
export function unsupportedMediaType(contentType: string | null): { detail: string };

/** The JSON text forwarded for an accepted body: `patch`, with `fixed_data` and `flow` as sent. */
export function forwardedBody(patch: object, bytes: Uint8Array): string;

/** A JSON Response written as DRF's JSONRenderer writes it. */
export function jsonAnswer(body: unknown, status: number): HostResponse;
