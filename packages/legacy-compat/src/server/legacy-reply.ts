import type { JsonRpcResponse } from '@tern/jsonrpc';

/**
 * Where the messages of running legacy requests go. On HTTP it is the answer to one POST
 * (`PostReply`: JSON, or an SSE stream once something precedes a response); on stdio it is the
 * process's stdout. The request runner and the input channel only use this. @internal
 */
export interface LegacyReply {
  /** Sends a message that precedes a response (a notification or a server-to-client request). */
  send(message: object): void;
  /** Sends the response of one request. */
  respond(response: JsonRpcResponse): void;
  /** One request ended without a response (it was cancelled). */
  skip(): void;
  /**
   * Closes the connection while the requests go on (2025-11-25 SSE polling); `false` when the
   * transport cannot (stdio never can).
   */
  closeConnection(): boolean;
}
