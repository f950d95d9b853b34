/**
 * Allocation of integer request ids that are never reused while still in flight.
 *
 * @see https://modelcontextprotocol.io/specification/2026-07-28/basic/index
 */
import type { JsonRpcId } from './envelope.js';
import { usageError } from './sdk-error.js';

/** Options of {@link RequestIdAllocator}. Both exist for tests of the wrap-around. */
export interface RequestIdAllocatorOptions {
  /** The first id to hand out, from 1 to `maxId`. Defaults to 1. */
  start?: number;
  /**
   * The largest id handed out before the counter wraps to 1, a safe integer of at least 1.
   * Defaults to `Number.MAX_SAFE_INTEGER`, the largest id that survives `JSON.parse` exactly.
   */
  maxId?: number;
}

/**
 * Hands out request ids for one sender. Ids count up from 1; after `maxId`
 * (`Number.MAX_SAFE_INTEGER`) the counter wraps to 1 and skips every id still in flight, so an id
 * is never reused while it awaits a response (MCP requirements.md #3 and #4: string or integer ids,
 * never `null`, no reuse while pending). Call {@link RequestIdAllocator.release} once the response
 * (or a local give-up such as a timeout or cancellation) ends the request.
 *
 * @example
 * ```ts
 * const ids = new RequestIdAllocator();
 * const id = ids.next();
 * try {
 *   await send(createRequest(id, 'tools/list', params));
 * } finally {
 *   ids.release(id);
 * }
 * ```
 */
export class RequestIdAllocator {
  readonly #maxId: number;
  readonly #inFlight = new Set<number>();
  #next: number;

  /** @throws SdkError INVALID_USAGE when `maxId` or `start` is out of range or not a safe integer. */
  constructor(options: RequestIdAllocatorOptions = {}) {
    const { start = 1, maxId = Number.MAX_SAFE_INTEGER } = options;
    if (!Number.isSafeInteger(maxId) || maxId < 1) {
      throw usageError('RequestIdAllocator maxId must be a safe integer of at least 1');
    }
    if (!Number.isSafeInteger(start) || start < 1 || start > maxId) {
      throw usageError(`RequestIdAllocator start must be an integer from 1 to ${maxId}`);
    }
    this.#maxId = maxId;
    this.#next = start;
  }

  /**
   * Returns an id that is not in flight and marks it in flight. The search meets at most as many
   * taken ids as are in flight.
   *
   * @throws RangeError when every id from 1 to `maxId` is in flight, which only a small `maxId`
   * can reach (a `Set` holds far fewer than `Number.MAX_SAFE_INTEGER` entries).
   */
  next(): number {
    if (this.#inFlight.size >= this.#maxId) {
      throw new RangeError(`All ${this.#maxId} request ids are in flight`);
    }
    for (;;) {
      const id = this.#next;
      this.#next = id >= this.#maxId ? 1 : id + 1;
      if (!this.#inFlight.has(id)) {
        this.#inFlight.add(id);
        return id;
      }
    }
  }

  /**
   * Marks an id as finished so that it may be handed out again after the counter wraps. Accepts
   * any {@link JsonRpcId} so a response's id can be passed as is.
   *
   * @returns whether the id was in flight
   */
  release(id: JsonRpcId): boolean {
    return typeof id === 'number' && this.#inFlight.delete(id);
  }

  /** Whether the id was handed out by {@link RequestIdAllocator.next} and not yet released. */
  isInFlight(id: JsonRpcId): boolean {
    return typeof id === 'number' && this.#inFlight.has(id);
  }

  /** How many ids are currently in flight. */
  get inFlightCount(): number {
    return this.#inFlight.size;
  }
}
