import type {
  InputRequiredResult,
  ListResourcesResult,
  ListResourceTemplatesResult,
  PaginatedRequestParams,
  ReadResourceRequestParams,
  ReadResourceResult,
  Resource,
} from '@tern/schema';
import { ResourceNotFoundError } from '../../errors.js';
import { checkCacheHint } from '../cache-hint.js';
import { createRequestContext } from '../request-context.js';
import { isInputRequired, runWithInput } from '../mrtr.js';
import type { ResourceContents } from '../resource-registry.js';
import type { CallInfo, ServerRuntime } from '../server-runtime.js';

/** `resources/list`: fixed resources, then what each template lists, paginated. */
export async function listResources(
  runtime: ServerRuntime,
  params: PaginatedRequestParams,
  call: CallInfo,
): Promise<ListResourcesResult> {
  const all: Resource[] = runtime.access.visible(runtime.resources.fixed(), call.auth).map((entry) => entry.definition);
  for (const template of runtime.access.visible(runtime.resources.templates(), call.auth)) {
    if (template.config.list === undefined) continue;
    const context = createRequestContext({
      requestId: call.requestId,
      method: 'resources/list',
      signal: call.signal,
      client: { protocolVersion: call.envelope.protocolVersion, capabilities: call.envelope.capabilities, info: call.envelope.clientInfo },
      auth: call.auth,
      input: { inputResponses: undefined, requestState: undefined },
      progressToken: undefined,
      logLevel: undefined,
      notify: undefined,
      channel: undefined,
      limits: runtime.notificationLimits,
    });
    all.push(...(await template.config.list(context.context)));
  }
  const page = await runtime.paginator.page('resources/list', all, params.cursor);
  return {
    resultType: 'complete',
    resources: page.items,
    ...(page.nextCursor === undefined ? {} : { nextCursor: page.nextCursor }),
    ...runtime.cacheHint('resources'),
  };
}

/** `resources/templates/list`. */
export async function listResourceTemplates(
  runtime: ServerRuntime,
  params: PaginatedRequestParams,
  call: CallInfo,
): Promise<ListResourceTemplatesResult> {
  const templates = runtime.access.visible(runtime.resources.templates(), call.auth).map((template) => template.definition);
  const page = await runtime.paginator.page('resources/templates/list', templates, params.cursor);
  return {
    resultType: 'complete',
    resourceTemplates: page.items,
    ...(page.nextCursor === undefined ? {} : { nextCursor: page.nextCursor }),
    ...runtime.cacheHint('resourceTemplates'),
  };
}

/**
 * `resources/read`: an unknown URI is -32602 with the URI in `data`, never empty contents
 * (requirements.md #168, #169); complete results carry caching hints (#179).
 */
export async function readResource(
  runtime: ServerRuntime,
  params: ReadResourceRequestParams,
  call: CallInfo,
): Promise<ReadResourceResult | InputRequiredResult> {
  const found = runtime.resources.match(params.uri);
  if (found === undefined) throw new ResourceNotFoundError(params.uri);
  const { resource } = found;
  runtime.access.check(resource, call.auth);
  const result = await runWithInput<ResourceContents>(
    runtime,
    call,
    {
      method: 'resources/read',
      name: params.uri,
      args: {},
      inputResponses: params.inputResponses,
      requestState: params.requestState,
      mode: 'managed',
      run: async (context) =>
        resource.kind === 'resource'
          ? resource.handler(params.uri, context)
          : resource.handler(params.uri, found.variables ?? {}, context),
    },
  );
  if (isInputRequired(result)) return result;
  const hint = resource.cache ?? runtime.cacheHint('read');
  // requirements.md #183: a hint the handler returned is checked like a configured one (a negative
  // or fractional ttlMs must never reach the wire; it becomes -32603).
  const checked = checkCacheHint({
    ttlMs: result.ttlMs ?? hint.ttlMs,
    cacheScope: result.cacheScope ?? hint.cacheScope,
  });
  return { ...result, resultType: 'complete', ...checked };
}

const UNREGISTERED = { scopes: undefined };

/**
 * Whether the caller holds the scopes of `uri`: those of the resource or template it matches, the
 * server default for a URI nothing matches. `subscriptions/listen` forwards `resources/updated`
 * only for such URIs.
 */
export function mayRead(runtime: ServerRuntime, uri: string, auth: CallInfo['auth']): boolean {
  const found = runtime.resources.match(uri);
  return runtime.access.missing(found?.resource ?? UNREGISTERED, auth).length === 0;
}
