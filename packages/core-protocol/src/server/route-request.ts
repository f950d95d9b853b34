import { safeParse } from '../shared/zod.js';
import { InvalidParamsError, MethodNotFoundError } from '@tern/jsonrpc';
import type { JsonRpcRequest } from '@tern/jsonrpc';
import { formatZodIssues } from '../shared/schema-validator.js';
import type { MethodRegistry } from './extensions/method-registry.js';
import { parseMethodParams, runMethod } from './extensions/run-method.js';
import { ROUTES } from './routes.js';
import type { Route } from './routes.js';
import type { CallInfo, ServerRuntime } from './server-runtime.js';

/** A request that found its handler: its checked params, and how to run it. @internal */
export interface RoutedRequest {
  params: Record<string, unknown>;
  run: (call: CallInfo) => Promise<object> | object;
}

/**
 * Finds the handler of a request, in the core's route table first, then among the methods
 * extensions added, and checks its params.
 * @throws MethodNotFoundError (-32601) for an unknown method, or a core method whose capability
 *   is not advertised
 * @throws InvalidParamsError (-32602) for params that break the method's schema
 */
export function routeRequest(runtime: ServerRuntime, methods: MethodRegistry, request: JsonRpcRequest): RoutedRequest {
  const method = request.method;
  const route = Object.hasOwn(ROUTES, method) ? ROUTES[method] : undefined;
  if (route !== undefined) {
    if (route.enabled !== undefined && !route.enabled(runtime.capabilities())) throw notFound(method);
    const checked = route.fast?.(request.params) ?? checkParams(route, method, request.params ?? {});
    return { params: checked, run: (call) => route.run(runtime, checked as never, call) };
  }
  const entry = methods.get(method);
  if (entry === undefined) throw notFound(method);
  const checked = parseMethodParams(entry, method, request.params ?? {});
  return { params: checked, run: (call) => runMethod(runtime, { entry, method, params: checked }, call) };
}

function checkParams(route: Route, method: string, params: unknown): Record<string, unknown> {
  const parsed = safeParse(route.params, params);
  if (!parsed.success) throw new InvalidParamsError(`Invalid params for ${method}: ${formatZodIssues(parsed.error)}`);
  return parsed.data as Record<string, unknown>;
}

export function notFound(method: string): MethodNotFoundError {
  return new MethodNotFoundError(`Method not found: ${method}`);
}
