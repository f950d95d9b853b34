// Shared fixtures of the server tests: a server whose operator warnings are captured (tests must
// not write to the console), fixed sealing keys, and small readers of raw JSON-RPC responses.
import type {
  JsonRpcErrorObject,
  JsonRpcMessage,
  JsonRpcNotification,
  JsonRpcResponse,
} from '@tern/jsonrpc';
import { LATEST_PROTOCOL_VERSION, MetaKey } from '@tern/schema';
import { McpServer } from '../../../src/index.js';
import type { McpServerOptions, RequestStateKey } from '../../../src/index.js';

/** The identity every test server reports. */
export const SERVER_INFO = { name: 'test-server', version: '1.0.0' } as const;

/** A sealing key of 32 bytes, and two more for rotation tests. */
export const KEY_A: RequestStateKey = { id: 'key-a', secret: new Uint8Array(32).fill(1) };
export const KEY_B: RequestStateKey = { id: 'key-b', secret: new Uint8Array(32).fill(2) };

/** A server and the operator warnings it logged. */
export interface TestServer {
  server: McpServer;
  warnings: string[];
}

/**
 * Builds a server that logs its warnings into `warnings` instead of the console. Without
 * `requestState.keys` the server generates a key (and warns once).
 */
export function createTestServer(options: McpServerOptions = {}): TestServer {
  const warnings: string[] = [];
  const server = new McpServer(SERVER_INFO, {
    logger: { warn: (message) => warnings.push(message) },
    ...options,
  });
  return { server, warnings };
}

/** The `_meta` of a valid 2026-07-28 request, with `extra` merged in. */
export function requestMeta(extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    [MetaKey.ProtocolVersion]: LATEST_PROTOCOL_VERSION,
    [MetaKey.ClientCapabilities]: {},
    ...extra,
  };
}

/** Returns `error` of an error response, and fails the test on a result. */
export function errorOf(response: JsonRpcResponse | undefined): JsonRpcErrorObject {
  if (response === undefined || !('error' in response)) {
    throw new TypeError(`Expected an error response, got ${JSON.stringify(response)}`);
  }
  return response.error;
}

/** Returns `result` of a result response, and fails the test on an error. */
export function resultOf(response: JsonRpcResponse | undefined): Record<string, unknown> {
  if (response === undefined || !('result' in response)) {
    throw new TypeError(`Expected a result response, got ${JSON.stringify(response)}`);
  }
  return response.result;
}

/** Sends one raw request to `server.handle`, collecting request-scoped notifications. */
export async function handleRaw(
  server: McpServer,
  message: JsonRpcMessage,
  options: { signal?: AbortSignal } = {},
): Promise<{ response: JsonRpcResponse | undefined; notifications: JsonRpcNotification[] }> {
  const notifications: JsonRpcNotification[] = [];
  const response = await server.handle(message, {
    notify: (notification) => notifications.push(notification),
    ...options,
  });
  return { response, notifications };
}

/** Waits `ms` milliseconds. */
export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Values a form elicitation answer may hold. */
export type ElicitContent = Record<string, string | number | boolean | string[]>;

/** The elicitation answer `{ action: 'accept', content }`. */
export function accept(content: ElicitContent): { action: 'accept'; content: ElicitContent } {
  return { action: 'accept', content };
}
