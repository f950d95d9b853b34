import { createErrorResponse, createResultResponse, isJsonRpcRequest } from '@tern/jsonrpc';
import type { JsonRpcMessage, JsonRpcNotification, JsonRpcRequest, JsonRpcResponse } from '@tern/jsonrpc';
import { MODERN_PROTOCOL_VERSIONS, MetaKey } from '@tern/schema';
import type { Implementation, ServerCapabilities } from '@tern/schema';
import { SdkError, SdkErrorCode, toWireError } from '../errors.js';
import type { McpHeaderParam } from '../shared/x-mcp-header.js';
import { checkCacheHint } from './cache-hint.js';
import type { RequestSignal } from './lazy-abort-signal.js';
import type { CacheHint } from './cache-hint.js';
import { AccessPolicy } from './access-policy.js';
import type { ChangeBus, ChangeEvent } from './change-bus.js';
import { InMemoryChangeBus, registrationChanged } from './change-bus.js';
import { isCancellation } from './cancellation.js';
import { CapabilityCache, createRuntime } from './create-runtime.js';
import { warnWithoutStateKeys } from './create-sealers.js';
import { ListenTopicRegistry } from './extensions/listen-topics.js';
import type { ListenTopic } from './extensions/listen-topics.js';
import { MethodRegistry } from './extensions/method-registry.js';
import type { MethodConfig, MethodHandler } from './extensions/method-registry.js';
import { MiddlewareChain } from './extensions/middleware.js';
import type { MiddlewareOptions, RequestMiddleware } from './extensions/middleware.js';
import { PromptRegistry } from './prompt-registry.js';
import type { PromptConfig, PromptHandler } from './prompt-registry.js';
import type { AuthInfo } from './request-context.js';
import { readRequestMeta } from './request-meta.js';
import { ResourceRegistry } from './resource-registry.js';
import type { ResourceConfig, ResourceHandler, ResourceTemplateConfig, ResourceTemplateHandler } from './resource-registry.js';
import { routeRequest } from './route-request.js';
import { ROUTES } from './routes.js';
import type { CallInfo, CacheTarget, ListenSlot, ServerRuntime } from './server-runtime.js';
import { resolveLimits } from './server-options.js';
import type { McpServerOptions, DEFAULT_LIMITS } from './server-options.js';
import { ToolRegistry } from './tool-registry.js';
import type { ToolConfig, ToolHandler } from './tool-registry.js';

/** How a transport hands one message to the server. */
export interface HandleOptions {
  /** Aborted when the client goes away; handlers see it as `ctx.signal` (made when read, if lazy). */
  signal?: RequestSignal;
  /** The authenticated caller, if the transport authenticated the request. */
  auth?: AuthInfo;
  /** The client's network address, when the transport knows it (quotas of anonymous clients). */
  peer?: string;
  /**
   * Receives request-scoped notifications (progress, log, listen events) before the response.
   * A transport that gets a call here knows it must stream (on HTTP: switch to SSE).
   */
  notify?: (notification: JsonRpcNotification) => void;
}

/** Removes what was registered. */
export interface Registration {
  remove(): void;
}

const NEVER_ABORTED = new AbortController().signal;

/**
 * A transport-agnostic MCP 2026-07-28 server: registries for tools, resources and prompts, the
 * request pipeline (`_meta`, version, routing, params, capabilities), and the MRTR conversation
 * core. Transports call {@link McpServer.handle} with one parsed message and get the response.
 *
 * @example
 * ```ts
 * const server = new McpServer({ name: 'desk', version: '1.0.0' });
 * server.registerTool('greet', { inputSchema: z.object({ name: z.string() }) }, async ({ name }, ctx) => {
 *   const answer = await ctx.elicit(`Greet ${name} formally?`, z.object({ formal: z.boolean() }));
 *   return answer.action === 'accept' && answer.content.formal ? `Good day, ${name}.` : `Hi ${name}!`;
 * });
 * ```
 */
export class McpServer {
  readonly #info: Implementation;
  readonly #options: McpServerOptions;
  readonly #tools = new ToolRegistry();
  readonly #resources = new ResourceRegistry();
  readonly #prompts = new PromptRegistry();
  readonly #methods = new MethodRegistry((method) => Object.hasOwn(ROUTES, method));
  readonly #middlewares = new MiddlewareChain();
  readonly #extensions = new Map<string, Record<string, unknown>>();
  readonly #listenTopics = new ListenTopicRegistry();
  readonly #bus: ChangeBus;
  readonly #extraVersions: string[] = [];
  readonly #runtime: Promise<ServerRuntime>;
  readonly #access: AccessPolicy;
  readonly #listenStreams = new Set<ListenSlot>();
  readonly #limits: typeof DEFAULT_LIMITS;
  readonly #cacheHints = new Map<CacheTarget, CacheHint>();
  /** Derived from what is registered; dropped on every change, so requests read it for free. */
  readonly #capabilities = new CapabilityCache();

  /**
   * @throws SdkError INVALID_USAGE for a limit or caching hint that is out of range. Problems with
   *   `requestState` keys are found asynchronously: see {@link McpServer.ready}.
   */
  constructor(info: Implementation, options: McpServerOptions = {}) {
    this.#info = info;
    this.#options = options;
    this.#limits = resolveLimits(options.limits);
    for (const [target, hint] of Object.entries(options.cache ?? {})) {
      this.#cacheHints.set(target as CacheTarget, checkCacheHint(hint));
    }
    this.#bus = options.changeBus ?? new InMemoryChangeBus();
    this.#access = new AccessPolicy(options.authorization);
    warnWithoutStateKeys(info.name, options);
    this.#runtime = createRuntime(
      {
        info,
        options,
        limits: this.#limits,
        tools: this.#tools,
        resources: this.#resources,
        prompts: this.#prompts,
        bus: this.#bus,
        listenStreams: this.#listenStreams,
        listenTopics: this.#listenTopics,
        extensions: this.#extensions,
        cacheHints: this.#cacheHints,
        listedVersions: () => this.listedVersions,
        access: this.#access,
        report: (error, request) => this.#report(error, request),
      },
      this.#capabilities,
    );
    // Unusable keys (too short, a bad id) reject the runtime: every request then answers -32603
    // and shows the cause to `onError`, and `ready()` rejects. Keep the rejection from becoming
    // unhandled before anything awaits it.
    this.#runtime.catch(() => undefined);
  }

  /**
   * Resolves once the server can answer (its keys are imported); rejects with the configuration
   * problem otherwise. Await it at start-up to fail fast.
   */
  async ready(): Promise<void> {
    await this.#runtime;
  }

  /** Server identity, as put in every result's `_meta`. */
  get info(): Implementation {
    return this.#info;
  }

  /**
   * Registers a tool. Input and output schemas are compiled once, here.
   * @throws SdkError INVALID_USAGE for a duplicate name or an invalid schema or `x-mcp-header` annotation
   */
  registerTool<TArgs>(name: string, config: ToolConfig<TArgs>, handler: ToolHandler<TArgs>): Registration {
    this.#tools.add(name, config, handler);
    const changed = registrationChanged('tools/list_changed', config.scopes);
    this.#publish(changed);
    return { remove: () => this.#tools.remove(name) && this.#publish(changed) };
  }

  /** Registers a resource with a fixed URI. */
  registerResource(config: ResourceConfig, handler: ResourceHandler): Registration {
    this.#resources.addResource(config, handler);
    const changed = registrationChanged('resources/list_changed', config.scopes);
    this.#publish(changed);
    return { remove: () => this.#resources.removeResource(config.uri) && this.#publish(changed) };
  }

  /** Registers a resource template (RFC 6570), optionally with completion for its variables. */
  registerResourceTemplate(config: ResourceTemplateConfig, handler: ResourceTemplateHandler): Registration {
    this.#resources.addTemplate(config, handler);
    const changed = registrationChanged('resources/list_changed', config.scopes);
    this.#publish(changed);
    return { remove: () => this.#resources.removeTemplate(config.name) && this.#publish(changed) };
  }

  /** Registers a prompt, optionally with completion for its arguments. */
  registerPrompt<TArgs>(name: string, config: PromptConfig<TArgs>, handler: PromptHandler<TArgs>): Registration {
    this.#prompts.add(name, config, handler);
    const changed = registrationChanged('prompts/list_changed', config.scopes);
    this.#publish(changed);
    return { remove: () => this.#prompts.remove(name) && this.#publish(changed) };
  }

  /**
   * Adds a method that the core does not know (the seam of extensions: `tasks/get`, ...). Its
   * params are checked with `config.params` (`-32602` when they break it) and its handler gets a
   * request context; `_meta` is read and checked first, as for every request.
   * @throws SdkError INVALID_USAGE for a core method, a duplicate, or a name not of the form area/verb
   */
  registerMethod<TParams>(method: string, config: MethodConfig<TParams>, handler: MethodHandler<TParams>): Registration {
    this.#methods.add(method, config, handler);
    return { remove: () => void this.#methods.remove(method) };
  }

  /**
   * Advertises an extension in `capabilities.extensions` of `server/discover` (and of the legacy
   * `initialize` result), under its id (for example `io.modelcontextprotocol/tasks`).
   * @throws SdkError INVALID_USAGE when `settings` is not a plain JSON object
   */
  registerExtension(id: string, settings: Record<string, unknown> = {}): Registration {
    if (typeof id !== 'string' || id.length === 0 || typeof settings !== 'object' || settings === null || Array.isArray(settings)) {
      throw new SdkError(SdkErrorCode.InvalidUsage, 'registerExtension needs an extension id and a settings object');
    }
    this.#extensions.set(id, settings);
    this.#capabilities.invalidate();
    return { remove: () => void (this.#extensions.delete(id) && this.#capabilities.invalidate()) };
  }

  /**
   * Adds a kind of notification to `subscriptions/listen` streams, read from
   * `params.notifications[key]` (the seam the tasks extension uses for `taskIds`). See
   * {@link ListenTopic} for how the core calls it.
   * @throws SdkError INVALID_USAGE for a key of the core's filter, a duplicate, or a malformed topic
   */
  registerListenTopic<TValue>(key: string, topic: ListenTopic<TValue>): Registration {
    this.#listenTopics.add(key, topic);
    return { remove: () => void this.#listenTopics.remove(key) };
  }

  /**
   * Installs a middleware around the handling of requests (after routing and the params check),
   * for every method or for `options.methods`. The first installed runs outermost.
   */
  use(middleware: RequestMiddleware, options?: MiddlewareOptions): Registration {
    const remove = this.#middlewares.add(middleware, options);
    return { remove: () => void remove() };
  }

  /** Tells listeners that the tool list changed. */
  notifyToolsListChanged(): void {
    this.#publish({ type: 'tools/list_changed' });
  }

  /** Tells listeners that the prompt list changed. */
  notifyPromptsListChanged(): void {
    this.#publish({ type: 'prompts/list_changed' });
  }

  /** Tells listeners that the resource list changed. */
  notifyResourcesListChanged(): void {
    this.#publish({ type: 'resources/list_changed' });
  }

  /** Tells listeners subscribed to `uri` (or a parent of it) that it changed. */
  notifyResourceUpdated(uri: string): void {
    this.#publish({ type: 'resources/updated', uri });
  }

  /** The change bus (the dual-era layer feeds legacy streams from it). */
  get changeBus(): ChangeBus {
    return this.#bus;
  }

  /**
   * The capabilities this server advertises right now (derived from what is registered, plus the
   * `capabilities` option), as `server/discover` returns them.
   */
  async capabilities(): Promise<ServerCapabilities> {
    return (await this.#runtime).capabilities();
  }

  /** The `instructions` option, as `server/discover` returns it. */
  get instructions(): string | undefined {
    return this.#options.instructions;
  }

  /** Protocol versions this server accepts on modern requests. */
  get supportedVersions(): readonly string[] {
    return [...MODERN_PROTOCOL_VERSIONS];
  }

  /**
   * Every version this server speaks, as `server/discover` lists it and `-32022` reports it in
   * `data.supported`: the modern ones, then those added by {@link advertiseVersions}.
   */
  get listedVersions(): readonly string[] {
    return [...MODERN_PROTOCOL_VERSIONS, ...this.#extraVersions];
  }

  /**
   * Versions to list in `server/discover` besides the modern ones (the dual-era layer adds the
   * legacy versions it serves). Part of the seam for transports and the dual-era layer.
   */
  advertiseVersions(versions: readonly string[]): void {
    for (const version of versions) if (!this.#extraVersions.includes(version)) this.#extraVersions.push(version);
  }

  /** The `x-mcp-header` parameters of a tool, for transports that check `Mcp-Param-*` headers. */
  toolHeaderParams(name: string): readonly McpHeaderParam[] | undefined {
    return this.#tools.get(name)?.headerParams;
  }

  /**
   * The param that the `Mcp-Name` header mirrors for an extension method (its `nameParam`), or
   * `undefined`. Core methods are known to transports already.
   */
  nameParamOf(method: string): string | undefined {
    return this.#methods.get(method)?.nameParam;
  }

  /**
   * Whether a change concerns a caller with `auth` (a list change only if the caller's lists show
   * what changed): the rule of listen streams, which the dual-era layer applies to 2025-era sessions.
   */
  concerns(event: ChangeEvent, auth: AuthInfo | undefined): boolean {
    return this.#access.concerns(event, auth);
  }

  /** True when the server has a route for `method` (ignoring capability gating). */
  hasMethod(method: string): boolean {
    return Object.hasOwn(ROUTES, method) || this.#methods.has(method);
  }

  /**
   * Handles one message. Requests get a response (result or error, never a throw); notifications
   * and stray responses get `undefined`.
   */
  async handle(message: JsonRpcMessage, options: HandleOptions = {}): Promise<JsonRpcResponse | undefined> {
    if (!isJsonRpcRequest(message)) return undefined;
    let envelope;
    try {
      envelope = readRequestMeta(message.params, this.supportedVersions, this.listedVersions);
    } catch (error) {
      return this.#errorFor(message.id, message.method, error);
    }
    return this.execute(message, {
      envelope,
      signal: options.signal ?? NEVER_ABORTED,
      auth: options.auth,
      ...(options.peer === undefined ? {} : { peer: options.peer }),
      notify: options.notify,
    });
  }

  /**
   * Routes and runs one request whose envelope was already read. The dual-era layer calls this
   * with an envelope built from a legacy session and its own input channel. This is the seam
   * transports build on: the HTTP transport reads the envelope itself (to order its header checks)
   * and calls this; `call.signal` is passed to handlers unchanged as `ctx.signal`.
   */
  execute(request: JsonRpcRequest, call: Omit<CallInfo, 'requestId'>): Promise<JsonRpcResponse> {
    // The answer needs only the id and the method. Nothing waiting for the handler may hold the
    // request itself: a long-lived one (a listen stream, a pending ask) would keep all of it.
    const { id, method } = request;
    const signal = call.signal;
    return this.#start(request, call).then(
      (result) => createResultResponse(id, this.#withServerInfo(result)),
      (error: unknown) =>
        // A cancelled request's abort is normal, not a failure for onError (nobody reads this answer).
        isCancellation(error, signal) ? createErrorResponse(id, toWireError(error).toJson()) : this.#errorFor(id, method, error),
    );
  }

  /** Checks and routes a request; returns the handler's (pending) result without awaiting it. */
  async #start(request: JsonRpcRequest, call: Omit<CallInfo, 'requestId'>): Promise<object> {
    const runtime = await this.#runtime;
    const fullCall: CallInfo = { ...call, requestId: request.id };
    const { params, run } = routeRequest(runtime, this.#methods, request);
    if (this.#middlewares.isEmpty) return run(fullCall);
    return this.#middlewares.run({ method: request.method, params, call: fullCall }, run);
  }

  /** Ends every open listen stream gracefully (each gets its final result). */
  close(): void {
    for (const stream of [...this.#listenStreams]) stream.end();
  }

  #errorFor(id: JsonRpcRequest['id'], method: string, error: unknown): JsonRpcResponse {
    this.#report(error, { method, id });
    return createErrorResponse(id, toWireError(error).toJson());
  }

  #report(error: unknown, request: { method: string; id?: string | number }): void {
    try {
      this.#options.onError?.(error, request);
    } catch {
      // An error hook that throws must not change the answer.
    }
  }

  #withServerInfo(result: object): Record<string, unknown> {
    if (this.#options.includeServerInfo === false) return result as Record<string, unknown>;
    const meta = (result as { _meta?: Record<string, unknown> })._meta;
    return { ...result, _meta: { ...meta, [MetaKey.ServerInfo]: this.#info } };
  }

  #publish(event: ChangeEvent): void {
    this.#capabilities.invalidate();
    // A failing bus (sync or async) or error hook must not fail the registration that changed
    // something, nor become an unhandled rejection.
    const report = (error: unknown): void => {
      try {
        this.#options.onError?.(error, { method: `change:${event.type}` });
      } catch {
        // Nothing left to tell.
      }
    };
    try {
      void Promise.resolve(this.#bus.publish(event)).catch(report);
    } catch (error) {
      report(error);
    }
  }
}
