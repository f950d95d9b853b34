import type { McpServer } from '@tern/core-protocol';
import {
  AskBudget,
  describeServer,
  LegacySession,
  requestKey,
  runLegacyRequest,
  toEnvelopeCapabilities,
  toLegacyNotification,
  toLegacyServerCapabilities,
} from '@tern/legacy-compat/kit';
import type { LegacyReply, ResolvedLegacyOptions } from '@tern/legacy-compat/kit';
import {
  createErrorResponse,
  createResultResponse,
  InternalError,
  InvalidParamsError,
  InvalidRequestError,
} from '@tern/jsonrpc';
import type { JsonRpcNotification, JsonRpcRequest, JsonRpcResponse } from '@tern/jsonrpc';
import type { LegacyProtocolVersion } from '@tern/schema';
import {
  InitializeRequestParamsSchema,
  LegacyCancelledNotificationParamsSchema,
} from '@tern/schema/legacy';
import type { InitializeResult } from '@tern/schema/legacy';
import type { StdioEra, StdioOutput } from './era.js';

/**
 * The legacy era on stdio: the process serves one 2025-era session, opened by `initialize`
 * (spec/legacy.md §5.1). Requests run through the dual-era layer's request runner, so
 * `ctx.elicit`, `ctx.sample` and `ctx.listRoots` become real server-to-client requests on stdout
 * and the client's responses on stdin answer them; `ping`, `logging/setLevel` and
 * `resources/subscribe` are the layer's; list-changed and resource-updated notifications come
 * from the server's change bus. @internal
 */
export class LegacyEra implements StdioEra {
  readonly #server: McpServer;
  readonly #options: ResolvedLegacyOptions;
  /** Bytes of pending server-to-client asks (the legacy layer's budget, one client per process). */
  readonly #askBudget: AskBudget;
  readonly #output: StdioOutput;
  readonly #reply: LegacyReply;
  #session: LegacySession | undefined;
  /** Settles once `initialize` was answered: requests that came meanwhile wait for it. */
  #opening: Promise<void> | undefined;
  #unsubscribe: (() => void) | undefined;

  constructor(server: McpServer, options: ResolvedLegacyOptions, output: StdioOutput) {
    this.#server = server;
    this.#options = options;
    this.#askBudget = new AskBudget(options.maxPendingAskBytesPerClient, options.maxPendingAskBytes);
    this.#output = output;
    this.#reply = {
      send: (message) => output.send(message),
      respond: (response) => output.send(response),
      skip: () => undefined,
      closeConnection: () => false,
    };
  }

  async request(request: JsonRpcRequest): Promise<void> {
    if (request.method === 'initialize') {
      if (this.#opening === undefined) await (this.#opening = this.#initialize(request));
      else
        this.#refuse(
          request,
          new InvalidRequestError('Already initialized: a stdio server process serves one session'),
        );
      return;
    }
    await this.#opening;
    const session = this.#session;
    if (session === undefined) {
      this.#refuse(
        request,
        new InvalidRequestError('The session is not initialized: send initialize first'),
      );
      return;
    }
    session.touch();
    await runLegacyRequest(
      {
        server: this.#server,
        options: this.#options,
        session,
        reply: this.#reply,
        auth: undefined,
        askBudget: this.#askBudget,
      },
      request,
    );
  }

  notification(notification: JsonRpcNotification): void {
    const session = this.#session;
    if (session === undefined) return;
    if (notification.method === 'notifications/initialized') {
      session.markInitialized();
      return;
    }
    if (notification.method !== 'notifications/cancelled') return;
    const params = LegacyCancelledNotificationParamsSchema.safeParse(notification.params ?? {});
    const requestId = params.success ? params.data.requestId : undefined;
    if (requestId === undefined) return;
    session.running
      .get(requestKey(requestId))
      ?.controller.abort(params.data?.reason ?? 'Cancelled by the client');
  }

  response(response: JsonRpcResponse): void {
    if (this.#session?.deliverAnswer(response) === true) return;
    this.#output.warn(
      `ignored a JSON-RPC response (id ${JSON.stringify(response.id)}) that answers no request of the server`,
    );
  }

  close(reason: string): void {
    this.#unsubscribe?.();
    this.#unsubscribe = undefined;
    this.#session?.close(reason);
  }

  async #initialize(request: JsonRpcRequest): Promise<void> {
    const params = InitializeRequestParamsSchema.safeParse(request.params);
    if (!params.success) {
      this.#refuse(
        request,
        new InvalidParamsError(
          'Invalid initialize params: protocolVersion, capabilities and clientInfo are required',
        ),
      );
      return;
    }
    const versions = this.#options.versions;
    const requested = params.data.protocolVersion;
    const protocolVersion: LegacyProtocolVersion =
      versions.find((version) => version === requested) ?? versions[0] ?? '2025-11-25';
    let description;
    try {
      description = await describeServer(this.#server);
    } catch (error) {
      this.#options.onError(error);
      this.#refuse(request, new InternalError('The server cannot start a session'));
      return;
    }
    const serverCapabilities = toLegacyServerCapabilities(description.capabilities);
    const session = new LegacySession({
      id: 'stdio',
      protocolVersion,
      clientInfo: params.data.clientInfo,
      clientCapabilities: params.data.capabilities,
      envelopeCapabilities: toEnvelopeCapabilities(protocolVersion, params.data.capabilities),
      serverCapabilities,
      principal: undefined,
      // One process, one client: the whole process is that client's quota.
      client: 'stdio',
      logLevel: this.#options.defaultLogLevel,
      replay: { maxEvents: 1, maxBytes: 1 },
    });
    this.#session = session;
    this.#unsubscribe = this.#server.changeBus.subscribe((event) => {
      const notification = toLegacyNotification(event, session);
      if (notification !== undefined) this.#output.send(notification);
    });
    const result: InitializeResult = {
      protocolVersion,
      capabilities: serverCapabilities,
      serverInfo: this.#server.info,
      ...(description.instructions === undefined ? {} : { instructions: description.instructions }),
    };
    this.#output.send(createResultResponse(request.id, result));
  }

  #refuse(
    request: JsonRpcRequest,
    error: InvalidRequestError | InvalidParamsError | InternalError,
  ): void {
    this.#output.send(createErrorResponse(request.id, error.toJson()));
  }
}
