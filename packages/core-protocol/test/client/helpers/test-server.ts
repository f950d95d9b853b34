import type { JsonRpcRequest, JsonRpcResponse } from '@tern/jsonrpc';
import { McpServer } from '../../../src/index.js';
import type { ClientTransport, McpServerOptions, TransportSendOptions } from '../../../src/index.js';

/** A fixed 32-byte sealing key, so the server does not warn on the console about a random one. */
const TEST_KEY = { id: 'test', secret: new Uint8Array(32).fill(7) };

/** A real {@link McpServer} with a fixed requestState key and a silent logger. */
export function createTestServer(options: McpServerOptions = {}): McpServer {
  return new McpServer(
    { name: 'test-server', version: '1.0.0' },
    { requestState: { keys: [TEST_KEY] }, logger: { warn: () => undefined }, ...options },
  );
}

/**
 * Wraps a transport and records every response it returned, so tests can compare what the server
 * sent (for example a sealed `requestState`) with what the client echoed.
 */
export class RecordingTransport implements ClientTransport {
  readonly responses: JsonRpcResponse[] = [];
  readonly #inner: ClientTransport;

  constructor(inner: ClientTransport) {
    this.#inner = inner;
  }

  get authorizationKey(): string | undefined {
    return this.#inner.authorizationKey;
  }

  get mirrorsToolHeaders(): boolean {
    return this.#inner.mirrorsToolHeaders ?? false;
  }

  async send(request: JsonRpcRequest, options: TransportSendOptions): Promise<JsonRpcResponse> {
    const response = await this.#inner.send(request, options);
    this.responses.push(response);
    return response;
  }

  /** The results returned so far (error responses left out). */
  get results(): Record<string, unknown>[] {
    return this.responses.flatMap((response) => ('result' in response ? [response.result] : []));
  }
}

/** Resolves after `ms` milliseconds. */
export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** The value a promise rejected with (fails when it resolves). */
export async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new TypeError('Expected the promise to reject, but it resolved');
}
