import { InternalError } from '@tern/jsonrpc';
import type { AuthInfo } from './request-context.js';

/**
 * Who a quota counts against: the authenticated principal, else the peer address the transport
 * saw, else nobody (an in-process transport: only the process-wide limits apply).
 */
export function clientKey(auth: AuthInfo | undefined, peer: string | undefined): string | undefined {
  if (auth !== undefined) return `principal:${auth.principal}`;
  return peer === undefined ? undefined : `peer:${peer}`;
}

/**
 * Counts the slots each client holds (listen streams, legacy sessions), so that one client
 * cannot take every slot of a process-wide limit and lock the others out. A client without a key
 * is not counted. Only clients that hold a slot have an entry: the table is bounded by the
 * process-wide limit it sits under.
 */
export class ClientQuota {
  readonly #counts = new Map<string, number>();
  readonly #limit: number;

  constructor(limit: number) {
    this.#limit = limit;
  }

  /** The most slots one client may hold. */
  get limit(): number {
    return this.#limit;
  }

  /** Slots `client` holds now. */
  count(client: string | undefined): number {
    return client === undefined ? 0 : (this.#counts.get(client) ?? 0);
  }

  /** Takes a slot for `client`; `false` when it already holds its limit. */
  take(client: string | undefined): boolean {
    if (client === undefined) return true;
    const count = this.#counts.get(client) ?? 0;
    if (count >= this.#limit) return false;
    this.#counts.set(client, count + 1);
    return true;
  }

  /** Gives a slot of `client` back. */
  release(client: string | undefined): void {
    if (client === undefined) return;
    const count = this.#counts.get(client) ?? 0;
    if (count <= 1) this.#counts.delete(client);
    else this.#counts.set(client, count - 1);
  }
}

/** `error.data` of a request shed for load: when to retry, and whose limit was hit. */
export interface OverloadData {
  /** Seconds after which a retry may succeed (sent as HTTP `Retry-After`). */
  retryAfterSeconds: number;
  /** `client`: this client's quota (HTTP 429); `server`: the process-wide limit (HTTP 503). */
  limit: 'client' | 'server';
}

/**
 * A request shed because a memory budget is full: `-32603` with {@link OverloadData} as `data`,
 * which HTTP transports turn into 429 (the client's own quota) or 503 (the whole process) with
 * `Retry-After`. The client did nothing malformed; it may retry later.
 */
export function overloaded(message: string, data: OverloadData): InternalError {
  return new InternalError(message, { data });
}

/** The {@link OverloadData} of a wire error, if it is a load-shedding refusal. */
export function overloadOf(error: { code: number; data?: unknown }): OverloadData | undefined {
  if (error.code !== -32603) return undefined;
  const data = error.data;
  if (typeof data !== 'object' || data === null) return undefined;
  const { retryAfterSeconds, limit } = data as Partial<OverloadData>;
  if (typeof retryAfterSeconds !== 'number' || (limit !== 'client' && limit !== 'server')) return undefined;
  return { retryAfterSeconds, limit };
}
