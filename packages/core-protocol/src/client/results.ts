import { JsonRpcErrorCode, LegacyErrorCode } from '@tern/jsonrpc';
import type { JsonRpcError } from '@tern/jsonrpc';
import { CACHEABLE_METHODS, InputRequiredResultSchema } from '@tern/schema';
import type { InputRequiredResult, InputResponses } from '@tern/schema';
import { safeParse, type ZodSchema, type ZodOutput } from '../shared/zod.js';
import { SdkError, SdkErrorCode } from '../errors.js';
import { formatZodIssues } from '../shared/schema-validator.js';

const MRTR_METHODS: ReadonlySet<string> = new Set(['tools/call', 'prompts/get', 'resources/read']);

/** What a result says about the conversation. */
export type ResultKind = { kind: 'complete' } | { kind: 'input_required'; result: InputRequiredResult };

/**
 * Reads `resultType`: missing means complete (an older server, requirements.md #9); an unknown
 * value is invalid (#8); `input_required` is valid only on the three MRTR methods (#55).
 * @throws SdkError INVALID_RESULT
 */
export function classifyResult(method: string, raw: Record<string, unknown>): ResultKind {
  const resultType = raw['resultType'];
  if (resultType === undefined || resultType === 'complete') return { kind: 'complete' };
  if (resultType !== 'input_required') {
    throw new SdkError(SdkErrorCode.InvalidResult, `Unknown resultType ${JSON.stringify(resultType)} in the ${method} result`);
  }
  if (!MRTR_METHODS.has(method)) {
    throw new SdkError(
      SdkErrorCode.InvalidResult,
      `The server answered ${method} with input_required, which only tools/call, prompts/get and resources/read may do`,
    );
  }
  return { kind: 'input_required', result: parseResult(InputRequiredResultSchema, raw, method) };
}

/**
 * Parses a result with its schema after filling in what an older server leaves out.
 * @throws SdkError INVALID_RESULT with the zod issues in `data`
 */
export function parseResult<TSchema extends ZodSchema>(
  schema: TSchema,
  raw: Record<string, unknown>,
  method: string,
): ZodOutput<TSchema> {
  const parsed = safeParse(schema, withDefaults(raw, method));
  if (parsed.success) return parsed.data;
  throw new SdkError(SdkErrorCode.InvalidResult, `Invalid ${method} result: ${formatZodIssues(parsed.error)}`, {
    data: parsed.error.issues,
  });
}

/**
 * A missing resultType means complete (requirements.md #9); on a cacheable result a missing or
 * negative ttlMs means 0 and a missing cacheScope means private (#182), so such a result is
 * served and not cached instead of being rejected as invalid.
 */
function withDefaults(raw: Record<string, unknown>, method: string): Record<string, unknown> {
  const result: Record<string, unknown> = { ...raw, resultType: raw['resultType'] ?? 'complete' };
  if (!(CACHEABLE_METHODS as readonly string[]).includes(method)) return result;
  const ttlMs = raw['ttlMs'];
  if (ttlMs === undefined || (typeof ttlMs === 'number' && ttlMs < 0)) result['ttlMs'] = 0;
  if (raw['cacheScope'] === undefined) result['cacheScope'] = 'private';
  return result;
}

/** The params of a retry: the original params, the answers, and the state echoed exactly. */
export function withInput(
  params: Record<string, unknown>,
  inputResponses: InputResponses | undefined,
  requestState: string | undefined,
): Record<string, unknown> {
  return {
    ...params,
    ...(inputResponses === undefined ? {} : { inputResponses }),
    // requirements.md #66: echo exactly, and never send one the server did not give.
    ...(requestState === undefined ? {} : { requestState }),
  };
}

/** A resource-not-found error of either era for `uri` (requirements.md #16). */
export function isNotFound(error: JsonRpcError, uri: string): boolean {
  if (error.code === LegacyErrorCode.ResourceNotFound) return true;
  const data = error.data as { uri?: unknown } | undefined;
  return error.code === JsonRpcErrorCode.InvalidParams && data?.uri === uri;
}
