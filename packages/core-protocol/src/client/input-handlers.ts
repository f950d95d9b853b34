import type {
  ClientCapabilities,
  CreateMessageRequestParams,
  CreateMessageResult,
  ElicitRequestFormParams,
  ElicitRequestURLParams,
  ElicitResult,
  InputRequest,
  InputRequests,
  InputResponses,
  Root,
} from '@tern/schema';
import { SdkError, SdkErrorCode } from '../errors.js';
import { describeInputRequest, missingCapabilityFor } from '../shared/input-request-capabilities.js';
import { compileJsonSchema } from '../shared/schema-validator.js';

/** What an input handler knows about the request that asked. */
export interface InputRequestInfo {
  /** Method of the original request (`tools/call`, `prompts/get`, `resources/read`). */
  method: string;
  /** Key of this input request in `inputRequests`. */
  key: string;
  /** Round of the conversation (1 for the first `input_required`). */
  round: number;
  /** Aborted when the caller gives up on the conversation. */
  signal: AbortSignal;
}

type MaybePromise<T> = T | Promise<T>;

/** Shows a form to the user and returns what they did. */
export type ElicitFormHandler = (params: ElicitRequestFormParams, info: InputRequestInfo) => MaybePromise<ElicitResult>;
/** Asks the user to open a URL and returns whether they agreed. */
export type ElicitUrlHandler = (params: ElicitRequestURLParams, info: InputRequestInfo) => MaybePromise<ElicitResult>;
/** Runs a model completion for the server. */
export type SamplingHandler = (params: CreateMessageRequestParams, info: InputRequestInfo) => MaybePromise<CreateMessageResult>;
/** Lists the client's roots. */
export type RootsHandler = (info: InputRequestInfo) => MaybePromise<Root[]>;

/**
 * The handlers that answer a server's input requests. The client declares exactly the
 * capabilities these handlers back (a client without an elicitation handler does not claim
 * elicitation; requirements.md #210, #211, #234, #244).
 */
export interface InputHandlers {
  elicitForm?: ElicitFormHandler;
  elicitUrl?: ElicitUrlHandler;
  sample?: SamplingHandler;
  listRoots?: RootsHandler;
}

/** Extra sampling capabilities, declared only when a sampling handler is registered. */
export interface SamplingCapabilityOptions {
  /** The sampling handler supports `tools`/`toolChoice`. */
  tools?: boolean;
  /** The sampling handler honours `includeContext`. */
  context?: boolean;
}

/** Derives the client capabilities that the registered handlers back. */
export function capabilitiesFor(
  handlers: InputHandlers,
  sampling: SamplingCapabilityOptions = {},
  extra: ClientCapabilities = {},
): ClientCapabilities {
  const capabilities: ClientCapabilities = { ...extra };
  if (handlers.elicitForm !== undefined || handlers.elicitUrl !== undefined) {
    capabilities.elicitation = {
      ...(handlers.elicitForm === undefined ? {} : { form: {} }),
      ...(handlers.elicitUrl === undefined ? {} : { url: {} }),
    };
  }
  if (handlers.sample !== undefined) {
    capabilities.sampling = {
      ...(sampling.tools === true ? { tools: {} } : {}),
      ...(sampling.context === true ? { context: {} } : {}),
    };
  }
  if (handlers.listRoots !== undefined) capabilities.roots = {};
  return capabilities;
}

/**
 * Answers every input request of one round concurrently, each with its handler.
 *
 * - An elicitation handler that throws answers `cancel`, so the server can react (decline and
 *   cancel are expressible; requirements.md #223).
 * - A sampling or roots handler that throws ends the conversation with a local
 *   `INPUT_HANDLER_FAILED` error: there is no way to tell the server, and it is not waiting.
 * - A request without a matching handler ends it with `NO_INPUT_HANDLER`.
 */
export async function answerInputRequests(
  inputRequests: InputRequests,
  handlers: InputHandlers,
  context: Omit<InputRequestInfo, 'key'> & { capabilities: ClientCapabilities },
): Promise<InputResponses> {
  const { capabilities, ...info } = context;
  for (const request of Object.values(inputRequests)) checkDeclared(request, capabilities);
  const entries = await Promise.all(
    Object.entries(inputRequests).map(async ([key, request]) => {
      const response = await answerOne(request, handlers, { ...info, key });
      return [key, response] as const;
    }),
  );
  return Object.fromEntries(entries);
}

/**
 * A server must not ask for what this request did not declare (requirements.md #63, #212, #233);
 * tool-enabled sampling without `sampling.tools` must be refused (#256). There is no channel to
 * tell the server, so the conversation ends with a local error instead of a guess.
 */
function checkDeclared(request: InputRequest, capabilities: ClientCapabilities): void {
  if (missingCapabilityFor(request, capabilities) === undefined) return;
  throw new SdkError(
    SdkErrorCode.InvalidResult,
    `The server asked for ${describeInputRequest(request)}, which this client did not declare`,
    { data: { method: request.method } },
  );
}

async function answerOne(
  request: InputRequest,
  handlers: InputHandlers,
  info: InputRequestInfo,
): Promise<InputResponses[string]> {
  switch (request.method) {
    case 'elicitation/create': {
      if (request.params.mode === 'url') {
        const handler = handlers.elicitUrl ?? noHandler('URL elicitation');
        return guardElicitation(() => handler(request.params as ElicitRequestURLParams, info));
      }
      const handler = handlers.elicitForm ?? noHandler('form elicitation');
      const params = request.params;
      const result = await guardElicitation(() => handler(params, info));
      if (result.action === 'accept') checkFormContent(params, result);
      return result;
    }
    case 'sampling/createMessage': {
      const handler = handlers.sample ?? noHandler('sampling');
      return guard('sampling', () => handler(request.params, info));
    }
    case 'roots/list': {
      const handler = handlers.listRoots ?? noHandler('roots');
      return { roots: await guard('roots', () => handler(info)) };
    }
  }
}

async function guardElicitation(run: () => MaybePromise<ElicitResult>): Promise<ElicitResult> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof SdkError) throw error;
    return { action: 'cancel' };
  }
}

async function guard<TValue>(what: string, run: () => MaybePromise<TValue>): Promise<TValue> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof SdkError) throw error;
    throw new SdkError(SdkErrorCode.InputHandlerFailed, `The ${what} handler failed`, { cause: error });
  }
}

/** requirements.md #229: the client should check form answers against the requested schema. */
function checkFormContent(params: ElicitRequestFormParams, result: ElicitResult): void {
  const validation = compileJsonSchema(params.requestedSchema as Record<string, unknown>).validate(result.content ?? {});
  if (!validation.success) {
    throw new SdkError(
      SdkErrorCode.InputHandlerFailed,
      `The elicitation answer does not match the requested schema: ${validation.message}`,
    );
  }
}

function noHandler(what: string): never {
  throw new SdkError(SdkErrorCode.NoInputHandler, `The server asked for ${what}, but no handler is registered`, {
    data: { what },
  });
}
