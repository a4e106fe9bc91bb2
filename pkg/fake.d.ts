import type { Flow, Invitation } from "./index.js";

/** What the fake needs of the package: its exports (`import * as api from
 * "authentik-invitation-patch"`). */
export interface FakeApi {
    validatePatch(body: unknown, options?: unknown): unknown;
    applyPatch(invitation: Invitation, body: unknown, options?: unknown): unknown;
    applyPut(invitation: Invitation, body: unknown, options?: unknown): unknown;
    createInvitation(body: unknown, options: { pk: string; created_by: Record<string, unknown>; [option: string]: unknown }): unknown;
}

export interface FakeOptions {
    /** The invitations stored at the start, as authentik's API shows them. */
    invitations?: Invitation[];
    /** The flows that exist, as Flow objects (their pk strings give `flow_obj: {pk}`). */
    flows?: Array<Flow | string>;
    /** Who every request comes from (GroupMemberSerializer's object): `created_by` of a POST. */
    user?: Record<string, unknown>;
    /** The pk of the invitation a POST creates. Default `crypto.randomUUID()`. */
    newPk?: () => string;
}

export interface FakeAuthentik {
    /** Answers as authentik 2024.6 would; a `fetch` for @goauthentik/api's `fetchApi` or msw. */
    fetch(input: Request | string | URL, init?: RequestInit): Promise<Response>;
    /** The invitations held now, as a GET shows them, in insertion order. */
    readonly invitations: Invitation[];
    /** The flows that exist. */
    readonly flows: Flow[];
}

/** authentik's default admin as GroupMemberSerializer shows it: the default requesting user. */
export const DEFAULT_USER: Readonly<Record<string, unknown>>;

/** A fake authentik serving /api/v3/stages/invitation/invitations/ from memory. */
export function createFake(api: FakeApi, options?: FakeOptions): FakeAuthentik;

/** JSON as DRF's JSONRenderer writes it (compact, BigInts as digits, U+2028/U+2029 escaped). */
export function renderJson(value: unknown): string;

/** A value as PostgreSQL's jsonb gives it back (object keys by UTF-8 length, then bytewise). */
export function jsonbOrder<T>(value: T): T;
