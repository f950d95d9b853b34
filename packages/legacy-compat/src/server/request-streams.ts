import type { LegacyReply } from './legacy-reply.js';

/**
 * The replies of running legacy requests, by the signal their handler sees as `ctx.signal`. A
 * weak map: an entry never outlives its request, and nothing is kept per modern request.
 */
const replies = new WeakMap<AbortSignal, LegacyReply>();

/** @internal Makes the reply of a running request reachable from its handler's context. */
export function registerRequestStream(signal: AbortSignal, reply: LegacyReply): () => void {
  replies.set(signal, reply);
  return () => replies.delete(signal);
}

/**
 * Closes the SSE connection of the request that `ctx` belongs to while the handler keeps running
 * (2025-11-25 "polling": the server may close a stream after its priming event; the client
 * reconnects with `GET` and `Last-Event-ID` after the `retry` delay and receives what it missed,
 * including the response). Use it in long-running tools so that no connection stays open for
 * their whole duration.
 *
 * @param ctx the handler's context (anything with its `signal`)
 * @returns `true` when the connection was closed; `false` for a modern request, a legacy session of
 *   an older revision (no priming event, so the client could not resume), or a request that
 *   already answered.
 * @see https://modelcontextprotocol.io/specification/2025-11-25/basic/transports#sending-messages-to-the-server
 */
export function closeSseStream(ctx: { readonly signal: AbortSignal }): boolean {
  return replies.get(ctx.signal)?.closeConnection() ?? false;
}
