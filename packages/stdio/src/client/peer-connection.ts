import { SdkError, SdkErrorCode } from '@tern/core-protocol';
import { createNotification, isJsonRpcRequest, isJsonRpcResponse } from '@tern/jsonrpc';
import type {
  JsonRpcId,
  JsonRpcMessage,
  JsonRpcNotification,
  JsonRpcRequest,
  JsonRpcResponse,
} from '@tern/jsonrpc';
import { ServerProcess } from './server-process.js';
import type { SpawnSpec } from './server-process.js';

/** What arrives from the server besides responses. @internal */
export interface PeerHandlers {
  /** A request of the server (legacy servers ask for elicitation, sampling, roots, ping). */
  request(request: JsonRpcRequest): void;
  notification(notification: JsonRpcNotification): void;
  /** The process exited; `expected` when the transport stopped it. */
  exit(reason: string, expected: boolean): void;
  warn(message: string): void;
}

function keyOf(id: JsonRpcId): string {
  return `${typeof id}:${String(id)}`;
}

/**
 * JSON-RPC over one server process: requests sent with an id wait for the response with the same
 * id; everything else goes to the handlers. When the process dies every waiting request fails
 * with `CONNECTION_CLOSED`, so the client core can retry and listen streams reconnect. @internal
 */
export class PeerConnection {
  readonly process: ServerProcess;
  readonly #pending = new Map<string, (response: JsonRpcResponse | Error) => void>();
  #exitReason: string | undefined;

  constructor(spec: SpawnSpec, handlers: PeerHandlers) {
    this.process = new ServerProcess(spec, {
      message: (message) => this.#receive(message, handlers),
      garbage: (reason) =>
        handlers.warn(`the server wrote something that is not an MCP message to stdout: ${reason}`),
      exit: (code, signal, expected) => {
        this.#exitReason = `The server process exited (${signal ?? `code ${String(code)}`})`;
        const error = new SdkError(SdkErrorCode.ConnectionClosed, this.#exitReason, {
          data: { code, signal },
        });
        for (const settle of [...this.#pending.values()]) settle(error);
        this.#pending.clear();
        handlers.exit(this.#exitReason, expected);
      },
    });
  }

  get isAlive(): boolean {
    return this.#exitReason === undefined && this.process.isAlive;
  }

  /**
   * Sends `request` and resolves with its response. While more than `maxWriteBufferBytes` wait
   * for the server to read its stdin, the request waits before it is written. Aborting `signal`
   * rejects at once; the caller tells the server (`notifications/cancelled`) when the era wants it.
   * @throws SdkError CONNECTION_CLOSED when the process is gone or goes away
   */
  call(request: JsonRpcRequest, signal: AbortSignal): Promise<JsonRpcResponse> {
    if (this.#exitReason !== undefined) {
      return Promise.reject(new SdkError(SdkErrorCode.ConnectionClosed, this.#exitReason));
    }
    if (signal.aborted) return Promise.reject(abortError(signal));
    const key = keyOf(request.id);
    return new Promise((resolve, reject) => {
      const onAbort = (): void => {
        this.#pending.delete(key);
        reject(abortError(signal));
      };
      this.#pending.set(key, (outcome) => {
        signal.removeEventListener('abort', onAbort);
        if (outcome instanceof Error) reject(outcome);
        else resolve(outcome);
      });
      signal.addEventListener('abort', onAbort, { once: true });
      this.process.onRoom(() => {
        // Given up (aborted, or the process exited) while waiting for room: nothing to send.
        if (!this.#pending.has(key)) return;
        try {
          this.process.send(request);
        } catch (error) {
          this.#pending.delete(key);
          signal.removeEventListener('abort', onAbort);
          reject(error instanceof Error ? error : new TypeError(String(error)));
        }
      });
    });
  }

  /** Sends a notification or a response; dropped when the process is gone. */
  post(message: object): void {
    if (this.#exitReason === undefined) this.process.send(message);
  }

  /** Tells the server that the caller gave up on request `requestId` (#263). */
  cancel(requestId: JsonRpcId, signal: AbortSignal): void {
    const reason =
      signal.reason instanceof Error
        ? signal.reason.message
        : typeof signal.reason === 'string'
          ? signal.reason
          : undefined;
    this.post(
      createNotification(
        'notifications/cancelled',
        reason === undefined ? { requestId } : { requestId, reason },
      ),
    );
  }

  #receive(message: JsonRpcMessage, handlers: PeerHandlers): void {
    if (isJsonRpcResponse(message)) {
      const id = message.id;
      if (id === null || id === undefined) return;
      const settle = this.#pending.get(keyOf(id));
      if (settle === undefined) return; // A late answer to a cancelled or timed-out request.
      this.#pending.delete(keyOf(id));
      settle(message);
    } else if (isJsonRpcRequest(message)) handlers.request(message);
    else handlers.notification(message);
  }
}

/** The error an aborted request rejects with: the signal's reason when it is an Error. */
export function abortError(signal: AbortSignal): Error {
  return signal.reason instanceof Error
    ? signal.reason
    : new SdkError(SdkErrorCode.Aborted, 'The request was aborted', { data: signal.reason });
}
