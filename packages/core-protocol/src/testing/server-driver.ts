import { isJsonRpcErrorResponse, JsonRpcError } from '@tern/jsonrpc';
import type { JsonRpcId, JsonRpcNotification, JsonRpcResponse } from '@tern/jsonrpc';
import { LATEST_PROTOCOL_VERSION, MetaKey } from '@tern/schema';
import type { ClientCapabilities, Implementation, InputRequests, InputResponses } from '@tern/schema';
import type { McpServer } from '../server/mcp-server.js';
import type { AuthInfo } from '../server/request-context.js';

/** How a {@link ServerDriver} presents itself on every request. */
export interface ServerDriverOptions {
  capabilities?: ClientCapabilities;
  protocolVersion?: string;
  clientInfo?: Implementation;
  auth?: AuthInfo;
}

/** One raw exchange: the response and the notifications that came before it. */
export interface Exchange {
  response: JsonRpcResponse;
  notifications: JsonRpcNotification[];
}

/** Extra per-request settings. */
export interface DriverRequestOptions {
  /** Keys merged into `_meta` (e.g. `progressToken`, or `undefined` to drop a required key). */
  meta?: Record<string, unknown>;
  signal?: AbortSignal;
  auth?: AuthInfo;
}

/** Answers the input requests of one round. */
export type RoundAnswerer = (inputRequests: InputRequests, round: number) => InputResponses | Promise<InputResponses>;

/**
 * Drives an {@link McpServer} in memory with raw JSON-RPC, as a 2026-07-28 client would, without
 * a transport. Meant for tests of server code: every request carries the per-request `_meta`.
 */
export class ServerDriver {
  readonly #server: McpServer;
  readonly #options: ServerDriverOptions;
  #nextId = 1;

  constructor(server: McpServer, options: ServerDriverOptions = {}) {
    this.#server = server;
    this.#options = options;
  }

  /** Builds the `_meta` a request carries. */
  meta(extra: Record<string, unknown> = {}): Record<string, unknown> {
    const meta: Record<string, unknown> = {
      [MetaKey.ProtocolVersion]: this.#options.protocolVersion ?? LATEST_PROTOCOL_VERSION,
      [MetaKey.ClientCapabilities]: this.#options.capabilities ?? {},
      ...(this.#options.clientInfo === undefined ? {} : { [MetaKey.ClientInfo]: this.#options.clientInfo }),
      ...extra,
    };
    for (const [key, value] of Object.entries(meta)) if (value === undefined) delete meta[key];
    return meta;
  }

  /** Sends one request and collects what the server sent back. */
  async exchange(method: string, params: Record<string, unknown> = {}, options: DriverRequestOptions = {}): Promise<Exchange> {
    const notifications: JsonRpcNotification[] = [];
    const id: JsonRpcId = this.#nextId++;
    const auth = options.auth ?? this.#options.auth;
    const response = await this.#server.handle(
      { jsonrpc: '2.0', id, method, params: { ...params, _meta: this.meta(options.meta) } },
      {
        notify: (notification) => notifications.push(notification),
        ...(options.signal === undefined ? {} : { signal: options.signal }),
        ...(auth === undefined ? {} : { auth }),
      },
    );
    if (response === undefined) throw new TypeError(`The server sent no response to ${method}`);
    return { response, notifications };
  }

  /**
   * Sends one request and returns its result.
   * @throws JsonRpcError when the server answered with an error
   */
  async request(method: string, params: Record<string, unknown> = {}, options: DriverRequestOptions = {}): Promise<Record<string, unknown>> {
    const { response } = await this.exchange(method, params, options);
    if (isJsonRpcErrorResponse(response)) throw JsonRpcError.fromError(response.error);
    return response.result;
  }

  /**
   * Runs a whole MRTR conversation: sends the request, answers each `input_required` round with
   * `answer`, and retries with the echoed `requestState` until the result is complete.
   */
  async converse(
    method: 'tools/call' | 'prompts/get' | 'resources/read',
    params: Record<string, unknown>,
    answer: RoundAnswerer,
  ): Promise<{ result: Record<string, unknown>; rounds: Record<string, unknown>[] }> {
    const maxRounds = 20;
    const rounds: Record<string, unknown>[] = [];
    let retry: Record<string, unknown> = params;
    for (let round = 1; round <= maxRounds; round += 1) {
      const result = await this.request(method, retry);
      if (result['resultType'] !== 'input_required') return { result, rounds };
      rounds.push(result);
      const inputRequests = (result['inputRequests'] ?? {}) as InputRequests;
      const inputResponses = Object.keys(inputRequests).length > 0 ? await answer(inputRequests, round) : undefined;
      retry = {
        ...params,
        ...(inputResponses === undefined ? {} : { inputResponses }),
        ...(result['requestState'] === undefined ? {} : { requestState: result['requestState'] }),
      };
    }
    throw new RangeError(`The conversation did not complete within ${maxRounds} rounds`);
  }
}
