import * as z from 'zod/mini';
import { ResultType } from './base.js';
import { ElicitRequestSchema, ElicitResultSchema } from './elicitation.js';
import { RequestMetaObjectSchema, ResultMetaObjectSchema } from './meta.js';
import { ListRootsRequestSchema, ListRootsResultSchema } from './roots.js';
import { CreateMessageRequestSchema, CreateMessageResultSchema } from './sampling.js';

// Multi Round-Trip Requests: instead of sending JSON-RPC requests to the client, a 2026-07-28
// server answers with `resultType: "input_required"`, and the client retries with a new id, the
// original params, `inputResponses` and the echoed `requestState`.

/**
 * The only methods that may answer `resultType: "input_required"`.
 * @see https://modelcontextprotocol.io/specification/2026-07-28/basic/patterns/mrtr
 */
export const MRTR_METHODS = ['tools/call', 'prompts/get', 'resources/read'] as const;
/** A method that may answer `input_required`. */
export type MrtrMethod = (typeof MRTR_METHODS)[number];

/**
 * One server-initiated request embedded in an `InputRequiredResult`: a bare `{ method, params }`
 * (no `jsonrpc`, no `id`), discriminated on `method`.
 */
export const InputRequestSchema = z.discriminatedUnion('method', [
  CreateMessageRequestSchema,
  ListRootsRequestSchema,
  ElicitRequestSchema,
]);
/** One embedded input request. */
export type InputRequest = z.infer<typeof InputRequestSchema>;

/** Input requests keyed by a server-chosen correlation key. */
export const InputRequestsSchema = z.record(z.string(), InputRequestSchema);
/** Input requests keyed by correlation key. */
export type InputRequests = z.infer<typeof InputRequestsSchema>;

/**
 * The client's answer to one input request: a bare result (no envelope, no `resultType`).
 * Members are tried in order; each has distinct required fields (`action`, `roots`, `model`).
 * Elicitation comes first: it is the common answer, and trying the sampling result first made
 * zod build (and throw away) the issues of its content union for every elicitation answer.
 */
export const InputResponseSchema = z.union([
  ElicitResultSchema,
  ListRootsResultSchema,
  CreateMessageResultSchema,
]);
/** The client's answer to one input request. */
export type InputResponse = z.infer<typeof InputResponseSchema>;

/** Input responses, keyed exactly like the `inputRequests` they answer. */
export const InputResponsesSchema = z.record(z.string(), InputResponseSchema);
/** Input responses keyed by correlation key. */
export type InputResponses = z.infer<typeof InputResponsesSchema>;

/** @internal The MRTR retry fields shared by the params of the three MRTR methods. */
export const inputResponseParamsShape = {
  /** Per-request metadata. */
  _meta: RequestMetaObjectSchema,
  /** Answers to the previous round's `inputRequests`. */
  inputResponses: z.optional(InputResponsesSchema),
  /** The previous round's `requestState`, echoed byte for byte. */
  requestState: z.optional(z.string()),
};

/** Params that may carry MRTR retry data (`inputResponses`, `requestState`). */
export const InputResponseRequestParamsSchema = z.looseObject(inputResponseParamsShape);
/** Params that may carry MRTR retry data. */
export type InputResponseRequestParams = z.infer<typeof InputResponseRequestParamsSchema>;

/**
 * The result a server returns instead of the final one when it needs input from the client.
 * At least one of `inputRequests` and `requestState` must be present (checked by a refinement).
 * Never cacheable; never sent to a legacy client.
 * @see https://modelcontextprotocol.io/specification/2026-07-28/basic/patterns/mrtr
 */
export const InputRequiredResultSchema = z
  .looseObject({
    resultType: z.literal(ResultType.InputRequired),
    /** What the client must gather before retrying. */
    inputRequests: z.optional(InputRequestsSchema),
    /** Opaque state the client echoes on the retry. */
    requestState: z.optional(z.string()),
    /** Result metadata. */
    _meta: z.optional(ResultMetaObjectSchema),
  })
  .check(
    z.refine((result) => result.inputRequests !== undefined || result.requestState !== undefined, {
      message: 'An InputRequiredResult needs inputRequests, requestState or both',
    }),
  );
/** A result asking the client for input before the request can complete. */
export type InputRequiredResult = z.infer<typeof InputRequiredResultSchema>;
