import type { InvitationPatch, PatchBody, PatchOptions, ServerErrors } from "./index.js";

/** The Standard Schema V1 interface (https://standardschema.dev), as its spec says to copy it. */
export interface StandardSchemaV1<Input = unknown, Output = Input> {
    readonly "~standard": StandardSchemaV1.Props<Input, Output>;
}
export declare namespace StandardSchemaV1 {
    interface Props<Input = unknown, Output = Input> {
        readonly version: 1;
        readonly vendor: string;
        readonly validate: (value: unknown) => Result<Output> | Promise<Result<Output>>;
        readonly types?: Types<Input, Output> | undefined;
    }
    type Result<Output> = SuccessResult<Output> | FailureResult;
    interface SuccessResult<Output> {
        readonly value: Output;
        readonly issues?: undefined;
    }
    interface FailureResult {
        readonly issues: ReadonlyArray<Issue>;
    }
    interface Issue {
        readonly message: string;
        readonly path?: ReadonlyArray<PropertyKey | PathSegment> | undefined;
    }
    interface PathSegment {
        readonly key: PropertyKey;
    }
    interface Types<Input = unknown, Output = Input> {
        readonly input: Input;
        readonly output: Output;
    }
}

/** One of the server's messages as a Standard Schema issue, with DRF's code when the package
 * gives codes (`max_length`, `invalid`, `required`, `parse_error`, …). */
export interface FormIssue extends StandardSchemaV1.Issue {
    /** `[field]`; absent for body-level messages (`detail`, `non_field_errors`). */
    readonly path?: readonly [string];
    readonly code?: string;
}

/** The schema of an invitation body: `value` is the normalized patch; issues are `FormIssue`s. */
export interface InvitationSchema extends StandardSchemaV1<PatchBody, InvitationPatch> {}

export type Method = "PATCH" | "PUT" | "POST";
export type WritableField = "name" | "expires" | "fixed_data" | "single_use" | "flow";

/** What this file needs of the package: its exports (`import * as api from
 * "authentik-invitation-patch"`) or a validator bound to options. */
export interface FormsApi {
    validatePatch(body: PatchBody, options?: PatchOptions): unknown;
    validatePut?(body: PatchBody, options?: PatchOptions): unknown;
    validatePost?(body: PatchBody, options?: PatchOptions): unknown;
}

export interface FormsOptions extends PatchOptions {
    /** The request the form sends. Default PATCH; PUT and POST require `name`. */
    method?: Method;
    [option: string]: unknown;
}

export type FieldResult<F extends WritableField = WritableField> =
    | { ok: true; value: InvitationPatch[F] | undefined }
    | { ok: false; messages: string[]; codes?: string[] };

/** A 400 body (and its codes) as Standard Schema issues. */
export function toIssues(errors: ServerErrors, codes?: Record<string, string | string[]>): FormIssue[];

/** A Standard Schema V1 for the body of `options.method` (default PATCH). */
export function standardSchema(api: FormsApi, options?: FormsOptions): InvitationSchema;

/** The server's messages for one field's value, as it says them when the rest of the body is
 * valid. `value` undefined: the field is absent. */
export function validateField<F extends WritableField>(api: FormsApi, field: F, value: unknown, options?: FormsOptions): FieldResult<F>;

/** validateField for a field typed as raw JSON text; `""` is absent, a parse error is counted
 * within `text`. */
export function validateFieldJson<F extends WritableField>(api: FormsApi, field: F, text: string, options?: FormsOptions): FieldResult<F>;

export interface Forms {
    patch: InvitationSchema;
    put: InvitationSchema;
    post: InvitationSchema;
    validateField<F extends WritableField>(field: F, value: unknown, options?: FormsOptions): FieldResult<F>;
    validateFieldJson<F extends WritableField>(field: F, text: string, options?: FormsOptions): FieldResult<F>;
}

/** Schemas and field validators bound to one `api` and options. */
export function createForms(api: FormsApi, options?: FormsOptions): Forms;
