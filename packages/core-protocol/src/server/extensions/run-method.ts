import { safeParse } from '../../shared/zod.js';
import { InvalidParamsError } from '@tern/jsonrpc';
import { formatZodIssues } from '../../shared/schema-validator.js';
import { createRequestContext } from '../request-context.js';
import type { CallInfo, ServerRuntime } from '../server-runtime.js';
import type { RegisteredMethod } from './method-registry.js';

/** Checks the params of an extension method (`_meta` left out, as for core methods). @internal */
export function parseMethodParams(entry: RegisteredMethod, method: string, params: Record<string, unknown>): Record<string, unknown> {
  const { _meta: _ignored, ...rest } = params;
  const parsed = safeParse(entry.params, rest);
  if (!parsed.success) throw new InvalidParamsError(`Invalid params for ${method}: ${formatZodIssues(parsed.error)}`);
  return parsed.data as Record<string, unknown>;
}

/** An extension method about to run: its entry, name and checked params. @internal */
export interface MethodCall {
  entry: RegisteredMethod;
  method: string;
  params: Record<string, unknown>;
}

/** Runs an extension method's handler with a request context that cannot ask for input. @internal */
export async function runMethod(runtime: ServerRuntime, { entry, method, params }: MethodCall, call: CallInfo): Promise<object> {
  const handle = createRequestContext({
    requestId: call.requestId,
    method,
    signal: call.signal,
    client: { protocolVersion: call.envelope.protocolVersion, capabilities: call.envelope.capabilities, info: call.envelope.clientInfo },
    auth: call.auth,
    input: { inputResponses: undefined, requestState: undefined },
    progressToken: call.envelope.progressToken,
    logLevel: runtime.logging ? call.envelope.logLevel : undefined,
    notify: call.notify,
    channel: undefined,
    limits: runtime.notificationLimits,
    meta: call.envelope.meta,
    extensions: call.extensions,
  });
  try {
    return await entry.handler(params as never, handle.context);
  } finally {
    handle.finish();
  }
}
