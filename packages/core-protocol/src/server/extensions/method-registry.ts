import { isZodSchema, type ZodSchema } from '../../shared/zod.js';
import { SdkError, SdkErrorCode } from '../../errors.js';
import type { RequestContext } from '../request-context.js';

/** How a method added by an extension checks its params. */
export interface MethodConfig<TParams> {
  /**
   * The params schema, without `_meta` (the core reads and checks `_meta` before routing). Params
   * that break it are answered with `-32602` before the handler runs.
   */
  params: ZodSchema<TParams>;
  /**
   * The string param that the `Mcp-Name` header mirrors on HTTP (as `params.name` does for
   * `tools/call`), for example `taskId`. HTTP transports then require the header and check it
   * against the body (-32020 when they differ). Default: none (no `Mcp-Name` for this method).
   */
  nameParam?: string;
}

/**
 * Runs a method added by an extension. It gets the same context as a tool handler, except that it
 * cannot ask for input (`ctx.elicit` refuses: only `tools/call`, `prompts/get` and `resources/read`
 * can). The returned object is the result; the core adds `serverInfo` to its `_meta`.
 */
export type MethodHandler<TParams> = (params: TParams, ctx: RequestContext) => Promise<object> | object;

/** A registered extension method. @internal */
export interface RegisteredMethod {
  readonly params: ZodSchema;
  readonly handler: MethodHandler<never>;
  readonly nameParam: string | undefined;
}

/** Method names follow JSON-RPC's `area/verb` shape of MCP: no spaces, no control characters. */
const METHOD_NAME = /^[A-Za-z0-9_.-]+(?:\/[A-Za-z0-9_.-]+)+$/;

/** The methods that extensions add to a server (the route table of the core stays closed). @internal */
export class MethodRegistry {
  readonly #methods = new Map<string, RegisteredMethod>();
  readonly #isCoreMethod: (method: string) => boolean;

  /** @param isCoreMethod tells the methods of the core's own route table, which stay closed */
  constructor(isCoreMethod: (method: string) => boolean) {
    this.#isCoreMethod = isCoreMethod;
  }

  /**
   * @throws SdkError INVALID_USAGE for a name that is not `area/verb`, a core method, or a duplicate
   */
  add<TParams>(method: string, config: MethodConfig<TParams>, handler: MethodHandler<TParams>): void {
    if (typeof method !== 'string' || !METHOD_NAME.test(method)) {
      throw new SdkError(SdkErrorCode.InvalidUsage, `registerMethod: "${String(method)}" is not a method name of the form area/verb`);
    }
    if (this.#isCoreMethod(method)) {
      throw new SdkError(SdkErrorCode.InvalidUsage, `registerMethod: ${method} is a core method; use a middleware (McpServer.use) to change how it runs`);
    }
    if (this.#methods.has(method)) {
      throw new SdkError(SdkErrorCode.InvalidUsage, `registerMethod: ${method} is already registered`);
    }
    if (typeof handler !== 'function' || !isZodSchema(config?.params)) {
      throw new SdkError(SdkErrorCode.InvalidUsage, `registerMethod: ${method} needs a zod params schema and a handler function`);
    }
    this.#methods.set(method, { params: config.params, handler, nameParam: config.nameParam });
  }

  remove(method: string): boolean {
    return this.#methods.delete(method);
  }

  get(method: string): RegisteredMethod | undefined {
    return this.#methods.get(method);
  }

  has(method: string): boolean {
    return this.#methods.has(method);
  }
}
