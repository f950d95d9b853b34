import {
  isJsonRpcErrorResponse,
  JsonRpcError,
  JsonRpcErrorCode,
  LegacyErrorCode,
  RequestIdAllocator,
} from '@tern/jsonrpc';
import type { JsonRpcNotification } from '@tern/jsonrpc';
import {
  CallToolResultSchema,
  CompleteResultSchema,
  DiscoverResultSchema,
  GetPromptResultSchema,
  LATEST_PROTOCOL_VERSION,
  ListPromptsResultSchema,
  ListResourcesResultSchema,
  ListResourceTemplatesResultSchema,
  ListToolsResultSchema,
  MODERN_PROTOCOL_VERSIONS,
  MetaKey,
  ReadResourceResultSchema,
} from '@tern/schema';
import type {
  CallToolResult,
  ClientCapabilities,
  CompleteRequestParams,
  CompleteResult,
  DiscoverResult,
  GetPromptResult,
  Implementation,
  InputRequest,
  InputResponse,
  InputResponses,
  ListPromptsResult,
  ListResourcesResult,
  ListResourceTemplatesResult,
  ListToolsResult,
  Prompt,
  ReadResourceResult,
  Resource,
  ResourceTemplate,
  SubscriptionFilter,
  Tool,
} from '@tern/schema';
import type { z } from 'zod';
import { isSdkError, ResourceNotFoundError, SdkError, SdkErrorCode } from '../errors.js';
import type { McpHeaderParam } from '../shared/x-mcp-header.js';
import type { ClientTransport } from './client-transport.js';
import { answerInputRequests, capabilitiesFor } from './input-handlers.js';
import type { InputHandlers, SamplingCapabilityOptions } from './input-handlers.js';
import type { ConversationMethod, ConversationStep, PendingConversation } from './pending-conversation.js';
import type { CallOptions, ConversationOptions, RoundEvent } from './request-options.js';
import { ResultCache } from './result-cache.js';
import type { ResponseCache } from './response-cache.js';
import { InMemoryResponseCache } from './response-cache.js';
import { classifyResult, parseResult, withInput } from './results.js';
import { Subscription } from './subscription.js';
import type { SubscriptionOptions } from './subscription.js';
import { delay, untilAborted } from './timing.js';
import { ToolHeaders } from './tool-headers.js';

/** Options of {@link McpClient}. Every limit has a default. */
export interface McpClientOptions {
  transport: ClientTransport;
  /** Handlers that answer the server's input requests; they decide the declared capabilities. */
  handlers?: InputHandlers;
  /** Extra sampling capabilities (only with a sampling handler). */
  sampling?: SamplingCapabilityOptions;
  /**
   * Capabilities to declare besides those the handlers back: `experimental`, `extensions`, or the
   * input capabilities of a client that answers by hand with `continueConversation`.
   */
  capabilities?: ClientCapabilities;
  /** The protocol version to start with. Default: the latest this SDK speaks. */
  protocolVersion?: string;
  /** Send `io.modelcontextprotocol/clientInfo` on every request. Default true (requirements.md #36). */
  sendClientInfo?: boolean;
  /** Most `input_required` rounds in one conversation. Default 10. */
  maxRounds?: number;
  /** Timeout of each request, in ms. Default 60 000. */
  requestTimeoutMs?: number;
  /** Timeout of a whole conversation, human think time included, in ms. Default 600 000. */
  conversationTimeoutMs?: number;
  /** How often a request whose response stream broke is re-issued. Default 2. */
  maxReissues?: number;
  /** Cache for list and read results: `true` for an in-memory one, or your own store. Default off. */
  cache?: boolean | ResponseCache;
  /** Called after each round of every conversation, before the retry. */
  onRound?: (event: RoundEvent) => void;
  /** Where the client reports things worth knowing (a tool dropped for bad headers, ...). */
  onWarning?: (message: string) => void;
  /** Clock for cache freshness. */
  now?: () => number;
}

const MAX_PAGES = 1000;

interface SendOptions extends CallOptions {
  /** `x-mcp-header` parameters of the tool being called, for transports that mirror them. */
  headerParams?: readonly McpHeaderParam[];
}

/** A request about to be sent: its method and its params without `_meta`. */
interface Outgoing<TMethod extends string = string> {
  method: TMethod;
  params: Record<string, unknown>;
}

/**
 * A transport-agnostic MCP 2026-07-28 client. Every request carries its own `_meta` (version,
 * capabilities derived from the registered handlers, client info); `input_required` results are
 * answered with those handlers and retried until the result is complete.
 */
export class McpClient {
  readonly #info: Implementation;
  readonly #options: McpClientOptions;
  readonly #ids: RequestIdAllocator;
  readonly #capabilities: ClientCapabilities;
  readonly #cache: ResultCache | undefined;
  readonly #toolHeaders: ToolHeaders;
  #protocolVersion: string;
  #discovered: { result: DiscoverResult; expiresAt: number } | undefined;
  #progressCounter = 0;

  constructor(info: Implementation, options: McpClientOptions) {
    this.#info = info;
    this.#options = options;
    // A random start keeps ids apart from those of other clients resuming the same conversation.
    this.#ids = new RequestIdAllocator({ start: 1 + (crypto.getRandomValues(new Uint32Array(1))[0] ?? 0) });
    this.#protocolVersion = options.protocolVersion ?? LATEST_PROTOCOL_VERSION;
    this.#capabilities = capabilitiesFor(options.handlers ?? {}, options.sampling, options.capabilities);
    this.#toolHeaders = new ToolHeaders(options.onWarning);
    const store = options.cache === true ? new InMemoryResponseCache() : options.cache === false ? undefined : options.cache;
    const transport = options.transport;
    this.#cache =
      store === undefined
        ? undefined
        : new ResultCache(
            store,
            () => ({ namespace: transport.cacheNamespace ?? '', authorizationKey: transport.authorizationKey }),
            () => this.#now(),
          );
  }

  /** The capabilities this client declares on every request. */
  get capabilities(): ClientCapabilities {
    return this.#capabilities;
  }

  /** The protocol version in use (it may change after a `-32022` negotiation). */
  get protocolVersion(): string {
    return this.#protocolVersion;
  }

  /** `server/discover`, cached for the result's `ttlMs`. */
  async discover(options: CallOptions = {}): Promise<DiscoverResult> {
    const now = this.#now();
    if (this.#discovered !== undefined && now < this.#discovered.expiresAt) return this.#discovered.result;
    const result = await this.#call({ method: 'server/discover', params: {} }, DiscoverResultSchema, options);
    this.#discovered = { result, expiresAt: now + Math.max(0, result.ttlMs) };
    return result;
  }

  /**
   * One page of `tools/list`. On a header-mirroring transport, tools whose `x-mcp-header`
   * annotations break the rules are left out and reported through `onWarning` (requirements.md #124).
   */
  async listTools(params: { cursor?: string } = {}, options: CallOptions = {}): Promise<ListToolsResult> {
    const result = await this.#cached({ method: 'tools/list', params }, ListToolsResultSchema, options);
    return { ...result, tools: result.tools.filter((tool) => this.#acceptTool(tool)) };
  }

  /** Every tool, following `nextCursor` until the list ends. */
  async listAllTools(options: CallOptions = {}): Promise<Tool[]> {
    return this.#all((cursor) => this.listTools(cursor, options), (page) => page.tools);
  }

  /**
   * Calls a tool and carries the conversation to its end: each `input_required` round is answered
   * with the registered handlers and retried.
   * @throws SdkError INVALID_TOOL_DEFINITION for a tool refused for its header annotations
   */
  async callTool(name: string, args: Record<string, unknown> = {}, options: ConversationOptions = {}): Promise<CallToolResult> {
    return this.#converse({ method: 'tools/call', params: { name, arguments: args } }, CallToolResultSchema, options);
  }

  /** One page of `resources/list`. */
  async listResources(params: { cursor?: string } = {}, options: CallOptions = {}): Promise<ListResourcesResult> {
    return this.#cached({ method: 'resources/list', params }, ListResourcesResultSchema, options);
  }

  /** Every resource. */
  async listAllResources(options: CallOptions = {}): Promise<Resource[]> {
    return this.#all((cursor) => this.listResources(cursor, options), (page) => page.resources);
  }

  /** One page of `resources/templates/list`. */
  async listResourceTemplates(params: { cursor?: string } = {}, options: CallOptions = {}): Promise<ListResourceTemplatesResult> {
    return this.#cached({ method: 'resources/templates/list', params }, ListResourceTemplatesResultSchema, options);
  }

  /** Every resource template. */
  async listAllResourceTemplates(options: CallOptions = {}): Promise<ResourceTemplate[]> {
    return this.#all((cursor) => this.listResourceTemplates(cursor, options), (page) => page.resourceTemplates);
  }

  /**
   * Reads a resource (with its conversation, if the server asks for input).
   * @throws ResourceNotFoundError for `-32602` with `data.uri`, and for `-32002` from older servers
   *   (requirements.md #16)
   */
  async readResource(uri: string, options: ConversationOptions = {}): Promise<ReadResourceResult> {
    const cached = await this.#cache?.get('resources/read', { uri });
    if (cached !== undefined) return parseResult(ReadResourceResultSchema, cached, 'resources/read');
    try {
      return await this.#converse({ method: 'resources/read', params: { uri } }, ReadResourceResultSchema, options);
    } catch (error) {
      if (error instanceof JsonRpcError && isNotFound(error, uri)) throw new ResourceNotFoundError(uri, error.message);
      throw error;
    }
  }

  /** One page of `prompts/list`. */
  async listPrompts(params: { cursor?: string } = {}, options: CallOptions = {}): Promise<ListPromptsResult> {
    return this.#cached({ method: 'prompts/list', params }, ListPromptsResultSchema, options);
  }

  /** Every prompt. */
  async listAllPrompts(options: CallOptions = {}): Promise<Prompt[]> {
    return this.#all((cursor) => this.listPrompts(cursor, options), (page) => page.prompts);
  }

  /** Gets a prompt (with its conversation, if the server asks for input). */
  async getPrompt(name: string, args: Record<string, string> = {}, options: ConversationOptions = {}): Promise<GetPromptResult> {
    return this.#converse({ method: 'prompts/get', params: { name, arguments: args } }, GetPromptResultSchema, options);
  }

  /** `completion/complete`. */
  async complete(params: Omit<CompleteRequestParams, '_meta'>, options: CallOptions = {}): Promise<CompleteResult> {
    return this.#call({ method: 'completion/complete', params }, CompleteResultSchema, options);
  }

  /**
   * Opens a `subscriptions/listen` stream. Iterate it for change notifications; it reconnects
   * when the stream drops and then says so, because nothing is replayed.
   */
  listen(filter: SubscriptionFilter, options: SubscriptionOptions = {}): Subscription {
    return new Subscription({
      filter,
      options,
      open: (onNotification, signal) => this.#openListen(filter, onNotification, signal),
      onChange: async (notification) => {
        if (notification.method === 'notifications/tools/list_changed') this.#toolHeaders.clear();
        await this.#cache?.invalidate(notification);
      },
    });
  }

  /**
   * Starts a conversation driven by hand: returns either the complete result, or a
   * {@link PendingConversation} (plain JSON) to answer later with {@link continueConversation},
   * possibly in another process.
   */
  async startConversation(
    method: ConversationMethod,
    params: Record<string, unknown>,
    options: CallOptions = {},
  ): Promise<ConversationStep<Record<string, unknown>>> {
    return this.#step({ method, params }, { round: 0, inputResponses: undefined, requestState: undefined }, options);
  }

  /** Continues a stored conversation with the answers to its `inputRequests`. */
  async continueConversation(
    pending: PendingConversation,
    inputResponses: InputResponses | undefined,
    options: CallOptions = {},
  ): Promise<ConversationStep<Record<string, unknown>>> {
    return this.#step(
      { method: pending.method, params: pending.params },
      { round: pending.round, inputResponses, requestState: pending.requestState },
      options,
    );
  }

  async #step(
    outgoing: Outgoing<ConversationMethod>,
    previous: { round: number; inputResponses: InputResponses | undefined; requestState: string | undefined },
    options: CallOptions,
  ): Promise<ConversationStep<Record<string, unknown>>> {
    const retry = withInput(outgoing.params, previous.inputResponses, previous.requestState);
    const raw = await this.#sendConversational(outgoing, retry, options);
    const outcome = classifyResult(outgoing.method, raw);
    if (outcome.kind === 'complete') return { status: 'complete', result: raw };
    // The same bound as #converse: maxRounds input_required rounds may be answered.
    if (previous.round + 1 > this.#maxRounds) throw this.#roundLimit();
    return {
      status: 'input_required',
      pending: {
        v: 1,
        method: outgoing.method,
        params: outgoing.params,
        round: previous.round + 1,
        inputRequests: outcome.result.inputRequests ?? {},
        ...(outcome.result.requestState === undefined ? {} : { requestState: outcome.result.requestState }),
      },
    };
  }

  /** Runs a whole conversation with the registered handlers (requirements.md #65-#68). */
  async #converse<TSchema extends z.ZodType>(
    outgoing: Outgoing<ConversationMethod>,
    schema: TSchema,
    options: ConversationOptions,
  ): Promise<z.output<TSchema>> {
    const { method, params } = outgoing;
    const timeoutMs = options.conversationTimeoutMs ?? this.#options.conversationTimeoutMs ?? 600_000;
    const timeout = AbortSignal.timeout(timeoutMs);
    const signal = options.signal === undefined ? timeout : AbortSignal.any([options.signal, timeout]);
    let inputResponses: InputResponses | undefined;
    let requestState: string | undefined;
    let stateOnlyStreak = 0;
    try {
      for (let round = 0; ; round += 1) {
        const retry = withInput(params, inputResponses, requestState);
        const raw = await this.#sendConversational(outgoing, retry, { ...options, signal });
        const outcome = classifyResult(method, raw);
        if (outcome.kind === 'complete') {
          // requirements.md #181: only a result of a plain request (no answers, no state) is cached.
          if (round === 0 && method === 'resources/read') await this.#cache?.set(method, params, raw);
          return parseResult(schema, raw, method);
        }
        if (round + 1 > this.#maxRounds) throw this.#roundLimit();
        const asked = outcome.result.inputRequests ?? {};
        requestState = outcome.result.requestState;
        if (Object.keys(asked).length === 0) {
          // A state-only round (load shedding): retry at once, backing off when it repeats.
          inputResponses = undefined;
          await delay(Math.min(2000, stateOnlyStreak === 0 ? 0 : 100 * 2 ** (stateOnlyStreak - 1)), signal);
          stateOnlyStreak += 1;
        } else {
          stateOnlyStreak = 0;
          // Raced against the signal: a handler that never answers must not outlive the
          // conversation's timeout or the caller's abort.
          inputResponses = await untilAborted(
            answerInputRequests(asked, this.#options.handlers ?? {}, {
              method,
              round: round + 1,
              signal,
              capabilities: this.#capabilities,
            }),
            signal,
          );
        }
        const event: RoundEvent = {
          method,
          round: round + 1,
          inputRequests: asked,
          ...(inputResponses === undefined ? {} : { inputResponses }),
          hasRequestState: requestState !== undefined,
        };
        (options.onRound ?? this.#options.onRound)?.(event);
      }
    } catch (error) {
      if (options.signal?.aborted === true) {
        if (error instanceof SdkError) throw error;
        throw new SdkError(SdkErrorCode.Aborted, `${method} was aborted`, { data: options.signal.reason, cause: error });
      }
      if (timeout.aborted) {
        throw new SdkError(SdkErrorCode.RequestTimeout, `The conversation did not finish within ${timeoutMs} ms`, {
          data: { timeoutMs },
          cause: error,
        });
      }
      throw error;
    }
  }

  /**
   * Sends one request of a conversation. For `tools/call` on a header-mirroring transport it adds
   * the tool's `Mcp-Param-*` parameters, and after a `-32020` it refreshes `tools/list` once and
   * tries again with corrected headers (requirements.md #129).
   */
  async #sendConversational(
    outgoing: Outgoing<ConversationMethod>,
    params: Record<string, unknown>,
    options: CallOptions,
  ): Promise<Record<string, unknown>> {
    if (outgoing.method !== 'tools/call' || this.#options.transport.mirrorsToolHeaders !== true) {
      return this.#send(outgoing.method, params, options);
    }
    const name = String(outgoing.params['name']);
    const headerParams = (): Pick<SendOptions, 'headerParams'> => {
      const known = this.#toolHeaders.paramsFor(name);
      return known === undefined ? {} : { headerParams: known };
    };
    try {
      return await this.#send(outgoing.method, params, { ...options, ...headerParams() });
    } catch (error) {
      if (!(error instanceof JsonRpcError) || error.code !== JsonRpcErrorCode.HeaderMismatch) throw error;
      this.#toolHeaders.clear();
      await this.#all((cursor) => this.#refreshTools(cursor, options), (page) => page.tools);
      return this.#send(outgoing.method, params, { ...options, ...headerParams() });
    }
  }

  /** One page of `tools/list`, bypassing the cache, recorded for header mirroring. */
  async #refreshTools(params: { cursor?: string }, options: CallOptions): Promise<ListToolsResult> {
    const result = await this.#call({ method: 'tools/list', params }, ListToolsResultSchema, options);
    return { ...result, tools: result.tools.filter((tool) => this.#toolHeaders.accept(tool)) };
  }

  async #call<TSchema extends z.ZodType>(
    { method, params }: Outgoing,
    schema: TSchema,
    options: CallOptions,
  ): Promise<z.output<TSchema>> {
    const raw = await this.#send(method, params, options);
    classifyResult(method, raw);
    return parseResult(schema, raw, method);
  }

  async #cached<TSchema extends z.ZodType>(
    { method, params }: Outgoing,
    schema: TSchema,
    options: CallOptions,
  ): Promise<z.output<TSchema>> {
    const cached = await this.#cache?.get(method, params);
    if (cached !== undefined) return parseResult(schema, cached, method);
    const result = await this.#call({ method, params }, schema, options);
    await this.#cache?.set(method, params, result as Record<string, unknown>);
    return result;
  }

  /** Sends one request; retries once with a common version after `-32022` (requirements.md #46). */
  async #send(method: string, params: Record<string, unknown>, options: SendOptions): Promise<Record<string, unknown>> {
    try {
      return await this.#sendReissuing(method, params, options);
    } catch (error) {
      if (!(error instanceof JsonRpcError) || error.code !== JsonRpcErrorCode.UnsupportedProtocolVersion) throw error;
      const supported = (error.data as { supported?: unknown } | undefined)?.supported;
      const common = (Array.isArray(supported) ? supported : [])
        .filter((version): version is string => MODERN_PROTOCOL_VERSIONS.includes(version as never))
        .sort()
        .reverse()[0];
      if (common === undefined) {
        throw new SdkError(SdkErrorCode.NoCommonProtocolVersion, 'The server speaks no protocol version this client speaks', {
          data: error.data,
          cause: error,
        });
      }
      // A server that lists the version it just refused gets one more try with it (a second
      // -32022 is then final); otherwise switch to the best common version.
      this.#protocolVersion = common;
      return this.#sendReissuing(method, params, options);
    }
  }

  /** Re-issues a request whose response stream broke, with a new id each time (requirements.md #142). */
  async #sendReissuing(method: string, params: Record<string, unknown>, options: SendOptions): Promise<Record<string, unknown>> {
    const maxReissues = this.#options.maxReissues ?? 2;
    for (let attempt = 0; ; attempt += 1) {
      try {
        return await this.#sendOnce(method, params, options);
      } catch (error) {
        if (!isSdkError(error) || error.code !== SdkErrorCode.StreamInterrupted) throw error;
        if (attempt >= maxReissues) {
          throw new SdkError(
            SdkErrorCode.StreamInterrupted,
            `The response stream of ${method} broke ${attempt + 1} times; gave up after ${maxReissues} re-issues`,
            { data: { attempts: attempt + 1 }, cause: error },
          );
        }
        // Back off a little (100 ms, 200 ms, ... at most 2 s) before sending it again.
        if (options.signal !== undefined) await delay(Math.min(2000, 100 * 2 ** attempt), options.signal);
        else await new Promise((resolve) => setTimeout(resolve, Math.min(2000, 100 * 2 ** attempt)));
      }
    }
  }

  async #sendOnce(method: string, params: Record<string, unknown>, options: SendOptions): Promise<Record<string, unknown>> {
    const timeoutMs = options.timeoutMs ?? this.#options.requestTimeoutMs ?? 60_000;
    const timeout = AbortSignal.timeout(timeoutMs);
    const signal = options.signal === undefined ? timeout : AbortSignal.any([options.signal, timeout]);
    const progressToken = options.onProgress === undefined ? undefined : `tern-${++this.#progressCounter}`;
    const id = this.#ids.next();
    const request = {
      jsonrpc: '2.0' as const,
      id,
      method,
      params: { ...params, _meta: this.#meta(options, progressToken) },
    };
    try {
      const response = await this.#options.transport.send(request, {
        signal,
        onNotification: (notification) => routeNotification(notification, options, progressToken),
        answerInputRequest: (inputRequest) => this.#answerOne(inputRequest, method, signal),
        ...(options.headerParams === undefined ? {} : { headerParams: options.headerParams }),
      });
      if (isJsonRpcErrorResponse(response)) throw JsonRpcError.fromError(response.error);
      return response.result;
    } catch (error) {
      if (signal.aborted && !(error instanceof JsonRpcError)) {
        if (timeout.aborted && !(options.signal?.aborted ?? false)) {
          throw new SdkError(SdkErrorCode.RequestTimeout, `${method} timed out after ${timeoutMs} ms`, {
            data: { timeoutMs },
            cause: error,
          });
        }
        throw new SdkError(SdkErrorCode.Aborted, `${method} was aborted`, { data: options.signal?.reason, cause: error });
      }
      throw error;
    } finally {
      this.#ids.release(id);
    }
  }

  /** Answers one server-to-client request of a legacy session with the registered handlers. */
  async #answerOne(inputRequest: InputRequest, method: string, signal: AbortSignal): Promise<InputResponse> {
    const answers = await answerInputRequests({ request: inputRequest }, this.#options.handlers ?? {}, {
      method,
      round: 1,
      signal,
      capabilities: this.#capabilities,
    });
    const answer = answers['request'];
    if (answer === undefined) throw new SdkError(SdkErrorCode.InvalidResult, 'The input request got no answer');
    return answer;
  }

  #meta(options: CallOptions, progressToken: string | undefined): Record<string, unknown> {
    return {
      ...options.meta,
      [MetaKey.ProtocolVersion]: this.#protocolVersion,
      [MetaKey.ClientCapabilities]: this.#capabilities,
      ...(this.#options.sendClientInfo === false ? {} : { [MetaKey.ClientInfo]: this.#info }),
      ...(options.logLevel === undefined ? {} : { [MetaKey.LogLevel]: options.logLevel }),
      ...(progressToken === undefined ? {} : { [MetaKey.ProgressToken]: progressToken }),
    };
  }

  async #openListen(
    filter: SubscriptionFilter,
    onNotification: (notification: JsonRpcNotification, subscriptionId: number) => void,
    signal: AbortSignal,
  ): Promise<Record<string, unknown>> {
    const id = this.#ids.next();
    try {
      const response = await this.#options.transport.send(
        {
          jsonrpc: '2.0',
          id,
          method: 'subscriptions/listen',
          params: { notifications: filter, _meta: this.#meta({}, undefined) },
        },
        { signal, onNotification: (notification) => onNotification(notification, id) },
      );
      if (isJsonRpcErrorResponse(response)) throw JsonRpcError.fromError(response.error);
      return response.result;
    } finally {
      this.#ids.release(id);
    }
  }

  #acceptTool(tool: Tool): boolean {
    return this.#options.transport.mirrorsToolHeaders !== true || this.#toolHeaders.accept(tool);
  }

  async #all<TPage extends { nextCursor?: string | undefined }, TItem>(
    fetchPage: (params: { cursor?: string }) => Promise<TPage>,
    items: (page: TPage) => TItem[],
  ): Promise<TItem[]> {
    const all: TItem[] = [];
    let cursor: string | undefined;
    // requirements.md #205, #206: only a missing nextCursor ends the list ('' is a real cursor).
    for (let pages = 0; pages < MAX_PAGES; pages += 1) {
      const page = await fetchPage(cursor === undefined ? {} : { cursor });
      all.push(...items(page));
      if (page.nextCursor === undefined) return all;
      cursor = page.nextCursor;
    }
    throw new SdkError(SdkErrorCode.InvalidResult, `The list did not end within ${MAX_PAGES} pages`);
  }

  get #maxRounds(): number {
    return this.#options.maxRounds ?? 10;
  }

  #roundLimit(): SdkError {
    return new SdkError(SdkErrorCode.RoundLimitExceeded, `The conversation needed more than ${this.#maxRounds} rounds`, {
      data: { maxRounds: this.#maxRounds },
    });
  }

  #now(): number {
    return (this.#options.now ?? Date.now)();
  }
}

function routeNotification(notification: JsonRpcNotification, options: CallOptions, progressToken: string | undefined): void {
  const params = notification.params ?? {};
  if (notification.method === 'notifications/progress' && params['progressToken'] === progressToken) {
    options.onProgress?.(params as Parameters<NonNullable<CallOptions['onProgress']>>[0]);
  } else if (notification.method === 'notifications/message') {
    options.onLog?.(params as Parameters<NonNullable<CallOptions['onLog']>>[0]);
  }
}

function isNotFound(error: JsonRpcError, uri: string): boolean {
  if (error.code === LegacyErrorCode.ResourceNotFound) return true;
  const data = error.data as { uri?: unknown } | undefined;
  return error.code === JsonRpcErrorCode.InvalidParams && data?.uri === uri;
}
