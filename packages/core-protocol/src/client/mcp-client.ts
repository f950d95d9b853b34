import { isJsonRpcErrorResponse, JsonRpcError, RequestIdAllocator } from '@tern/jsonrpc';
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
import { type ZodSchema, type ZodOutput } from '../shared/zod.js';
import { ResourceNotFoundError, SdkError, SdkErrorCode } from '../errors.js';
import { ConversationDriver } from './conversation-driver.js';
import type { Conversation } from './conversation-driver.js';
import { capabilitiesFor } from './input-handlers.js';
import type { McpClientOptions } from './client-options.js';
import type { ConversationMethod, ConversationStep, PendingConversation } from './pending-conversation.js';
import type { CallOptions, ConversationOptions } from './request-options.js';
import { ResultCache } from './result-cache.js';
import { InMemoryResponseCache } from './response-cache.js';
import { classifyResult, isNotFound, parseResult } from './results.js';
import { mirrorToolHeaders } from './send/mirror-tool-headers.js';
import { negotiateVersion } from './send/negotiate-version.js';
import { reissueBrokenStreams } from './send/reissue.js';
import { requestMeta, sendOnce } from './send/send-once.js';
import { composeSend } from './send/send-step.js';
import type { OutgoingRequest, SendNext, SendOptions } from './send/send-step.js';
import { Subscription, withResume } from './subscription.js';
import type { SubscriptionOptions } from './subscription.js';
import { ToolHeaders } from './tool-headers.js';

export type { McpClientOptions } from './client-options.js';

const MAX_PAGES = 1000;

/**
 * A transport-agnostic MCP 2026-07-28 client. Every request carries its own `_meta` (version,
 * capabilities derived from the registered handlers, client info); `input_required` results are
 * answered with those handlers (or a call's own) and retried until the result is complete.
 *
 * Requests go through a pipeline of small steps (version negotiation, re-issue of broken streams
 * when safe, `Mcp-Param-*` mirroring) and every conversation through one driver.
 */
export class McpClient {
  readonly #info: Implementation;
  readonly #options: McpClientOptions;
  readonly #capabilities: ClientCapabilities;
  readonly #cache: ResultCache | undefined;
  readonly #toolHeaders: ToolHeaders;
  /** Tools annotated `idempotentHint: true` in the latest `tools/list`: safe to re-issue. */
  readonly #idempotentTools = new Set<string>();
  readonly #send: SendNext;
  readonly #driver: ConversationDriver;
  readonly #ids: RequestIdAllocator;
  #protocolVersion: string;
  #discovered: { result: DiscoverResult; expiresAt: number } | undefined;

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
            async () => ({
              namespace: transport.cacheNamespace ?? '',
              authorizationKey: transport.resolveAuthorizationKey === undefined ? transport.authorizationKey : await transport.resolveAuthorizationKey(),
            }),
            () => this.#now(),
          );
    this.#send = composeSend(
      [
        negotiateVersion({ get: () => this.#protocolVersion, set: (version) => (this.#protocolVersion = version) }),
        reissueBrokenStreams({ maxReissues: options.maxReissues ?? 2, isSafe: (request) => this.#isSafeToRepeat(request) }),
        ...(transport.mirrorsToolHeaders === true
          ? [mirrorToolHeaders(this.#toolHeaders, (request) => this.#refreshTools(request.options))]
          : []),
      ],
      sendOnce({
        transport,
        ids: this.#ids,
        info,
        sendClientInfo: options.sendClientInfo !== false,
        requestTimeoutMs: options.requestTimeoutMs ?? 60_000,
        protocolVersion: () => this.#protocolVersion,
        capabilities: this.#capabilities,
        onNotification: options.onNotification,
      }),
    );
    this.#driver = new ConversationDriver({
      send: this.#send,
      maxRounds: options.maxRounds ?? 10,
      conversationTimeoutMs: options.conversationTimeoutMs ?? 600_000,
      restartOnInvalidState: options.restartOnInvalidState ?? false,
      onRound: options.onRound,
    });
  }

  /** The capabilities this client declares on every request (a call with its own handlers may differ). */
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
   * with the registered handlers (or `options.handlers`) and retried.
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
      const end = await this.#driver.run({ method: 'resources/read', params: { uri } }, this.#callOptions(options));
      // requirements.md #181: only a result of a plain request (no answers, no state) is cached.
      if (end.rounds === 0) await this.#cache?.set('resources/read', { uri }, end.result);
      return parseResult(ReadResourceResultSchema, end.result, 'resources/read');
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
   * Sends a request of a method this client has no typed call for (an extension's `tasks/get`,
   * ...), with the same `_meta`, negotiation and re-issue rules, and resolves with the raw result.
   */
  async request(method: string, params: Record<string, unknown> = {}, options: CallOptions = {}): Promise<Record<string, unknown>> {
    return this.#send({ method, params, options: this.#callOptions(options) });
  }

  /**
   * Opens a `subscriptions/listen` stream. Iterate it for change notifications; it reconnects
   * when the stream drops and then says so. A Tern server with a resumable bus replays what the
   * dropped stream missed (`acknowledged.resumed`); with any other, refetch after a reconnection.
   */
  listen(filter: SubscriptionFilter, options: SubscriptionOptions = {}): Subscription {
    return new Subscription({
      filter,
      options,
      open: (onNotification, signal, resumeAfter) => this.#openListen(filter, onNotification, { signal, resumeAfter }),
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
    return this.#driver.step({ method, params }, { round: 0, inputResponses: undefined, requestState: undefined }, this.#callOptions(options));
  }

  /**
   * Continues a stored conversation with the answers to its `inputRequests`.
   * @throws InvalidRequestStateError when the server no longer takes its state (`data.reason`);
   *   start the conversation over with {@link startConversation}
   */
  async continueConversation(
    pending: PendingConversation,
    inputResponses: InputResponses | undefined,
    options: CallOptions = {},
  ): Promise<ConversationStep<Record<string, unknown>>> {
    return this.#driver.step(
      { method: pending.method, params: pending.params },
      { round: pending.round, inputResponses, requestState: pending.requestState },
      this.#callOptions(options),
    );
  }

  async #converse<TSchema extends ZodSchema>(
    conversation: Conversation,
    schema: TSchema,
    options: ConversationOptions,
  ): Promise<ZodOutput<TSchema>> {
    const { result } = await this.#driver.run(conversation, this.#callOptions(options));
    return parseResult(schema, result, conversation.method);
  }

  /** The send options of a call: its handlers and the capabilities they back. */
  #callOptions<TOptions extends ConversationOptions>(options: TOptions): TOptions & SendOptions {
    if (options.handlers === undefined) return { ...options, handlers: this.#options.handlers ?? {}, capabilities: this.#capabilities };
    return {
      ...options,
      capabilities: capabilitiesFor(options.handlers, this.#options.sampling, this.#options.capabilities),
    };
  }

  /** Every method but `tools/call` reads; a tool call is repeated only for an idempotent tool. */
  #isSafeToRepeat(request: OutgoingRequest): boolean {
    if (request.method !== 'tools/call') return true;
    return this.#idempotentTools.has(String(request.params['name']));
  }

  /** Every page of `tools/list`, bypassing the cache, recorded for header mirroring. */
  async #refreshTools(options: CallOptions): Promise<void> {
    await this.#all(
      async (cursor) => {
        const result = await this.#call({ method: 'tools/list', params: cursor }, ListToolsResultSchema, options);
        return { ...result, tools: result.tools.filter((tool) => this.#acceptTool(tool)) };
      },
      (page) => page.tools,
    );
  }

  async #call<TSchema extends ZodSchema>(
    { method, params }: { method: string; params: Record<string, unknown> },
    schema: TSchema,
    options: CallOptions,
  ): Promise<ZodOutput<TSchema>> {
    const raw = await this.#send({ method, params, options: this.#callOptions(options) });
    classifyResult(method, raw);
    return parseResult(schema, raw, method);
  }

  async #cached<TSchema extends ZodSchema>(
    { method, params }: { method: string; params: Record<string, unknown> },
    schema: TSchema,
    options: CallOptions,
  ): Promise<ZodOutput<TSchema>> {
    const cached = await this.#cache?.get(method, params);
    if (cached !== undefined) return parseResult(schema, cached, method);
    const result = await this.#call({ method, params }, schema, options);
    await this.#cache?.set(method, params, result as Record<string, unknown>);
    return result;
  }

  async #openListen(
    filter: SubscriptionFilter,
    onNotification: (notification: JsonRpcNotification, subscriptionId: number) => void,
    { signal, resumeAfter }: { signal: AbortSignal; resumeAfter: string | undefined },
  ): Promise<Record<string, unknown>> {
    const id = this.#ids.next();
    try {
      const meta = requestMeta(
        { protocolVersion: () => this.#protocolVersion, sendClientInfo: this.#options.sendClientInfo !== false, info: this.#info },
        {},
        { progressToken: undefined, capabilities: this.#capabilities },
      );
      const response = await this.#options.transport.send(
        { jsonrpc: '2.0', id, method: 'subscriptions/listen', params: { notifications: filter, _meta: withResume(meta, resumeAfter) } },
        { signal, onNotification: (notification) => onNotification(notification, id) },
      );
      if (isJsonRpcErrorResponse(response)) throw JsonRpcError.fromError(response.error);
      return response.result;
    } finally {
      this.#ids.release(id);
    }
  }

  #acceptTool(tool: Tool): boolean {
    if (tool.annotations?.idempotentHint === true) this.#idempotentTools.add(tool.name);
    else this.#idempotentTools.delete(tool.name);
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

  #now(): number {
    return (this.#options.now ?? Date.now)();
  }
}
