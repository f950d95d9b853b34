import {
  CallToolRequestParamsSchema,
  CompleteRequestParamsSchema,
  GetPromptRequestParamsSchema,
  PaginatedRequestParamsSchema,
  ReadResourceRequestParamsSchema,
  RequestParamsSchema,
  SubscriptionsListenRequestParamsSchema,
} from '@tern/schema';
import type { ServerCapabilities } from '@tern/schema';
import { omit, type ZodMiniObject } from 'zod/mini';
import type { ZodSchema, ZodOutput } from '../shared/zod.js';
import { plainCallToolParams } from '../shared/fast-checks.js';
import { complete } from './handlers/completion.js';
import { discover } from './handlers/discover.js';
import { listen } from './handlers/listen.js';
import { getPrompt, listPrompts } from './handlers/prompts.js';
import { listResources, listResourceTemplates, readResource } from './handlers/resources.js';
import { callTool, listTools } from './handlers/tools.js';
import type { CallInfo, ServerRuntime } from './server-runtime.js';

/** One method the server answers: how to check its params, and how to run it. */
export interface Route {
  readonly params: ZodSchema;
  /**
   * A hand check of the common case run before `params` (see shared/fast-checks.ts): the params
   * themselves when they are valid, `undefined` to let the schema decide.
   */
  readonly fast?: (params: unknown) => Record<string, unknown> | undefined;
  /** A method gated by a server capability is "not found" while that capability is absent. */
  readonly enabled?: (capabilities: ServerCapabilities) => boolean;
  readonly run: (runtime: ServerRuntime, params: never, call: CallInfo) => Promise<object> | object;
}

function route<TSchema extends ZodMiniObject>(
  params: TSchema,
  run: (runtime: ServerRuntime, params: ZodOutput<TSchema>, call: CallInfo) => Promise<object> | object,
  extra: Pick<Route, 'enabled' | 'fast'> = {},
): Route {
  // `_meta` was read and checked once already (readRequestMeta, or the legacy session's envelope),
  // so the params schema skips it instead of parsing the capabilities a second time per request.
  return {
    params: omit(params as ZodMiniObject, { _meta: true }),
    run: run,
    ...extra,
  };
}

const tools = (capabilities: ServerCapabilities): boolean => capabilities.tools !== undefined;
const resources = (capabilities: ServerCapabilities): boolean => capabilities.resources !== undefined;
const prompts = (capabilities: ServerCapabilities): boolean => capabilities.prompts !== undefined;
const completions = (capabilities: ServerCapabilities): boolean => capabilities.completions !== undefined;

/** Every client request method of 2026-07-28 and its handler (stateless.md §3 gating). */
export const ROUTES: Readonly<Record<string, Route>> = {
  'server/discover': route(RequestParamsSchema, (runtime) => discover(runtime)),
  'tools/list': route(PaginatedRequestParamsSchema, listTools, { enabled: tools }),
  'tools/call': route(CallToolRequestParamsSchema, callTool, { enabled: tools, fast: plainCallToolParams }),
  'resources/list': route(PaginatedRequestParamsSchema, listResources, { enabled: resources }),
  'resources/templates/list': route(PaginatedRequestParamsSchema, listResourceTemplates, { enabled: resources }),
  'resources/read': route(ReadResourceRequestParamsSchema, readResource, { enabled: resources }),
  'prompts/list': route(PaginatedRequestParamsSchema, listPrompts, { enabled: prompts }),
  'prompts/get': route(GetPromptRequestParamsSchema, getPrompt, { enabled: prompts }),
  'completion/complete': route(CompleteRequestParamsSchema, complete, { enabled: completions }),
  'subscriptions/listen': route(SubscriptionsListenRequestParamsSchema, listen),
};
