import {
  InvalidParamsError,
  MissingRequiredClientCapabilityError,
} from '@tern/jsonrpc';
import {
  CreateMessageResultSchema,
  ElicitResultSchema,
  ListRootsResultSchema,
} from '@tern/schema';
import type {
  ClientCapabilities,
  CreateMessageRequestParams,
  CreateMessageResult,
  InputRequest,
  Root,
} from '@tern/schema';
import { safeParse, type ZodSchema, type ZodOutput } from '../../shared/zod.js';
import { describeInputRequest, missingCapabilityFor } from '../../shared/input-request-capabilities.js';
import { formatZodIssues } from '../../shared/schema-validator.js';
import type { JsonSchemaObject } from '../../shared/schema-validator.js';
import { fingerprintOf } from '../../shared/fingerprint.js';
import { compileElicitationSchema } from './elicitation-schema.js';
import type { InputChannel } from './input-channel.js';

/** Options of one ask. */
export interface AskOptions {
  /**
   * A stable key for this ask. Without one the key is derived from the question itself: its kind
   * and its fingerprint (`elicitation-3vX9…`), so it never depends on the order or the timing of
   * asks. Give a key when a client should be able to answer up front, or to name the ask in logs.
   * Either way, an answer is only applied to the question it was given to (docs/mrtr.md).
   */
  key?: string;
}

/** The user's answer to a form elicitation, with accepted content typed by the schema. */
export type ElicitOutcome<TContent> =
  | { action: 'accept'; content: TContent }
  | { action: 'decline' }
  | { action: 'cancel' };

/** The user's answer to a URL elicitation (accept means the user agreed to open the URL). */
export interface ElicitUrlOutcome {
  action: 'accept' | 'decline' | 'cancel';
}

/** The straight-line asking API that handlers get on their context. */
export interface Asker {
  /**
   * Asks the user to fill in a form. Resolves with the typed content when the user accepts, or
   * with `decline`/`cancel`. Accepted content that breaks the schema is asked again.
   * @throws MissingRequiredClientCapabilityError (-32021) when the client did not declare form elicitation
   */
  elicit: <TContent = Record<string, unknown>>(
    message: string,
    schema: ZodSchema<TContent> | JsonSchemaObject,
    options?: AskOptions,
  ) => Promise<ElicitOutcome<TContent>>;
  /**
   * Asks the user to open a URL (for flows that must not pass through the client, such as
   * third-party sign-in). Resolves when the user accepted, declined or cancelled.
   * @throws MissingRequiredClientCapabilityError (-32021) without `elicitation.url`
   */
  elicitUrl: (message: string, url: string, options?: AskOptions) => Promise<ElicitUrlOutcome>;
  /**
   * Asks the client's model for a completion (sampling is deprecated in 2026-07-28 but still
   * specified).
   * @throws MissingRequiredClientCapabilityError (-32021) without `sampling` (or `sampling.tools`
   *   when `tools`/`toolChoice` are given, `sampling.context` for `includeContext`)
   */
  sample: (params: CreateMessageRequestParams, options?: AskOptions) => Promise<CreateMessageResult>;
  /**
   * Asks the client for its roots (deprecated in 2026-07-28 but still specified).
   * @throws MissingRequiredClientCapabilityError (-32021) without `roots`
   */
  listRoots: (options?: AskOptions) => Promise<Root[]>;
}

/**
 * Builds the asking API over an input channel. Capability checks happen here, so both eras
 * refuse an undeclared capability the same way (requirements.md #37, #38, #63, #212, #233).
 */
export function createAsker(channel: InputChannel, capabilities: ClientCapabilities): Asker {
  /** How often each derived key was used in this attempt: identical questions get `-2`, `-3`, ... */
  const derived = new Map<string, number>();
  const requireCapability = (request: InputRequest): void => {
    const missing = missingCapabilityFor(request, capabilities);
    if (missing === undefined) return;
    throw new MissingRequiredClientCapabilityError(missing, {
      message: `This request needs ${describeInputRequest(request)}, which the client did not declare in its capabilities`,
    });
  };
  const ask = (
    request: InputRequest,
    accept: (response: unknown, key: string, normalized: boolean) => unknown,
    options: (AskOptions & { fingerprint?: string }) | undefined,
  ): Promise<unknown> => {
    requireCapability(request);
    let key = options?.key;
    let fingerprint = options?.fingerprint;
    if (key === undefined) {
      fingerprint ??= fingerprintOf(request);
      const kind = request.method === 'elicitation/create' ? 'elicitation' : request.method === 'roots/list' ? 'roots' : 'sampling';
      const base = `${kind}-${fingerprint.slice(0, 10)}`;
      const seen = (derived.get(base) ?? 0) + 1;
      derived.set(base, seen);
      key = seen === 1 ? base : `${base}-${seen}`;
    }
    const askKey = key;
    return channel.ask({
      key: askKey,
      request,
      accept: (response, normalized = false) => accept(response, askKey, normalized),
      ...(fingerprint === undefined ? {} : { fingerprint }),
    });
  };

  return {
    async elicit<TContent>(
      message: string,
      schema: ZodSchema<TContent> | JsonSchemaObject,
      options?: AskOptions,
    ): Promise<ElicitOutcome<TContent>> {
      // Checked before the schema is compiled, so a client without elicitation gets -32021 first.
      requireCapability({ method: 'elicitation/create', params: { mode: 'form', message, requestedSchema: EMPTY_FORM } });
      const compiled = compileElicitationSchema(schema);
      const request: InputRequest = {
        method: 'elicitation/create',
        params: { mode: 'form', message, requestedSchema: compiled.requestedSchema },
      };
      const answer = await ask(
        request,
        (response, key, normalized) => {
          const result = parseAnswer(ElicitResultSchema, response, { key, normalized });
          if (result.action !== 'accept') return { action: result.action };
          const content = compiled.validator.validate(result.content ?? {});
          // Content that breaks the requested schema is asked again (requirements.md #229).
          return content.success ? { action: 'accept', content: content.value } : undefined;
        },
        { ...options, fingerprint: compiled.fingerprintFor(message) },
      );
      return answer as ElicitOutcome<TContent>;
    },

    async elicitUrl(message, url, options) {
      const answer = await ask(
        { method: 'elicitation/create', params: { mode: 'url', message, url } },
        (response, key, normalized) => ({ action: parseAnswer(ElicitResultSchema, response, { key, normalized }).action }),
        options,
      );
      return answer as ElicitUrlOutcome;
    },

    async sample(params, options) {
      const answer = await ask(
        { method: 'sampling/createMessage', params },
        (response, key, normalized) => parseAnswer(CreateMessageResultSchema, response, { key, normalized }),
        options,
      );
      return answer as CreateMessageResult;
    },

    async listRoots(options) {
      const answer = await ask(
        { method: 'roots/list' },
        (response, key, normalized) => parseAnswer(ListRootsResultSchema, response, { key, normalized }).roots,
        options,
      );
      return answer as Root[];
    },
  };
}

const EMPTY_FORM = { type: 'object' as const, properties: {} };

/** Checks an answer against its result schema, unless it was checked (and normalised) already. */
function parseAnswer<TSchema extends ZodSchema>(
  schema: TSchema,
  response: unknown,
  { key, normalized }: { key: string; normalized: boolean },
): ZodOutput<TSchema> {
  if (normalized) return response as ZodOutput<TSchema>;
  const parsed = safeParse(schema, response);
  if (parsed.success) return parsed.data;
  // A malformed answer is a protocol error (requirements.md #69, #70).
  throw new InvalidParamsError(`Invalid input response "${key}": ${formatZodIssues(parsed.error)}`);
}
