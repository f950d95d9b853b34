/**
 * Routes the messages of every stream of a legacy session (POST response streams, their
 * resumptions, the standalone GET stream) to where they belong: responses to the request in
 * flight with that id, notifications to that request's listener (progress also by token),
 * change notifications to the `subscriptions/listen` emulations, logs outside any request to the
 * client-level log hook, and server requests to the input
 * handlers of the request they came with (or of the newest request in flight).
 */
import { isJsonRpcErrorResponse, isJsonRpcRequest, isJsonRpcResponse } from '@tern/jsonrpc';
import type { JsonRpcId, JsonRpcMessage, JsonRpcNotification, JsonRpcRequest } from '@tern/jsonrpc';
import type { Exchange } from './legacy-exchange.js';
import type { InputAnswerer } from './server-requests.js';

/** Notifications a listener (the `subscriptions/listen` emulation) cares about. */
const CHANGE_NOTIFICATIONS: ReadonlySet<string> = new Set([
  'notifications/tools/list_changed',
  'notifications/prompts/list_changed',
  'notifications/resources/list_changed',
  'notifications/resources/updated',
]);

/** A server request to answer, with the handlers to answer it with. */
export interface ServerAsk {
  request: JsonRpcRequest;
  answer: InputAnswerer | undefined;
}

/** The routing table of one transport's legacy traffic. */
export class MessageRouter {
  readonly #exchanges = new Map<JsonRpcId, Exchange>();
  readonly #listeners = new Set<(notification: JsonRpcNotification) => void>();
  readonly #answerers: InputAnswerer[] = [];
  #lastAnswerer: InputAnswerer | undefined;
  readonly #onLog: ((notification: JsonRpcNotification) => void) | undefined;

  /** @param onLog receives the `notifications/message` that belong to no request in flight */
  constructor(onLog?: (notification: JsonRpcNotification) => void) {
    this.#onLog = onLog;
  }

  /** Registers a request in flight under its JSON-RPC id; returns the function that removes it. */
  track(id: JsonRpcId, exchange: Exchange): () => void {
    this.#exchanges.set(id, exchange);
    const { answer } = exchange;
    if (answer !== undefined) this.#answerers.push(answer);
    return () => {
      this.#exchanges.delete(id);
      if (answer === undefined) return;
      this.#lastAnswerer = answer;
      this.#answerers.splice(this.#answerers.indexOf(answer), 1);
    };
  }

  /** Receives every change notification; returns the function that removes the listener. */
  addChangeListener(listener: (notification: JsonRpcNotification) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /**
   * Routes one message that arrived on the stream of `exchange` (`undefined`: the standalone
   * stream). A server request is returned for the caller to answer.
   */
  route(message: JsonRpcMessage, exchange: Exchange | undefined): ServerAsk | undefined {
    if (isJsonRpcResponse(message)) {
      if (message.id === null || message.id === undefined) {
        // An id-less error answers the POST whose stream carried it.
        if (exchange !== undefined && isJsonRpcErrorResponse(message)) exchange.settle(message);
      } else {
        this.#exchanges.get(message.id)?.settle(message);
      }
      return undefined;
    }
    if (isJsonRpcRequest(message)) {
      return {
        request: message,
        answer: exchange?.answer ?? this.#answerers.at(-1) ?? this.#lastAnswerer,
      };
    }
    const owner = exchange ?? this.#ownerOf(message);
    if (owner !== undefined) deliver(owner.onNotification, message);
    // A log outside any request (the standalone GET stream): the client-level log hook.
    else if (message.method === 'notifications/message') deliver(this.#onLog, message);
    if (CHANGE_NOTIFICATIONS.has(message.method)) {
      for (const listener of this.#listeners) deliver(listener, message);
    }
    return undefined;
  }

  /** The request a progress notification from another stream belongs to, by its token. */
  #ownerOf(notification: JsonRpcNotification): Exchange | undefined {
    const token = notification.params?.['progressToken'];
    if (notification.method !== 'notifications/progress' || token === undefined) return undefined;
    for (const exchange of this.#exchanges.values()) {
      if (exchange.progressToken === token) return exchange;
    }
    return undefined;
  }
}

function deliver(
  listener: ((notification: JsonRpcNotification) => void) | undefined,
  notification: JsonRpcNotification,
): void {
  try {
    listener?.(notification);
  } catch {
    // A failing listener must not break the stream.
  }
}
