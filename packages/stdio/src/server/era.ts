import type { JsonRpcNotification, JsonRpcRequest, JsonRpcResponse } from '@tern/jsonrpc';

/** Where an era's messages go: stdout for MCP messages, stderr for diagnostics. @internal */
export interface StdioOutput {
  /** Writes one MCP message to stdout (a message that is not JSON becomes a `-32603` answer). */
  send(message: object): void;
  /** Writes one diagnostic line to stderr. */
  warn(text: string): void;
}

/**
 * How one era serves the messages of the process: 2026-07-28 (stateless, per-request `_meta`) or
 * one legacy session opened by `initialize`. @internal
 */
export interface StdioEra {
  /** Runs a request and sends its response (or none, when it was cancelled). Never rejects. */
  request(request: JsonRpcRequest): Promise<void>;
  notification(notification: JsonRpcNotification): void;
  response(response: JsonRpcResponse): void;
  /** Aborts what runs and releases subscriptions. */
  close(reason: string): void;
}
