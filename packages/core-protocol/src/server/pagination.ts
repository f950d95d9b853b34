import { InvalidParamsError } from '@tern/jsonrpc';
import type { RequestStateSealer } from './request-state/request-state-sealer.js';
import { usageError } from '../errors.js';

/** One page of a list and the cursor of the next page, if any. */
export interface Page<TItem> {
  items: TItem[];
  nextCursor: string | undefined;
}

/**
 * Cuts a list into pages with opaque, tamper-checked cursors: a cursor is the offset sealed by
 * the server's key ring and bound to the list's method, so a client can neither forge one nor
 * use one on another list (requirements.md #204, #206, #207).
 */
export class Paginator {
  readonly #sealer: RequestStateSealer;
  readonly #pageSize: number;

  constructor(sealer: RequestStateSealer, pageSize: number) {
    if (!Number.isSafeInteger(pageSize) || pageSize < 1) {
      throw usageError(`pageSize must be a positive integer, got ${pageSize}`);
    }
    this.#sealer = sealer;
    this.#pageSize = pageSize;
  }

  /** @throws InvalidParamsError (-32602) for a cursor this server did not issue for this list */
  async page<TItem>(method: string, items: readonly TItem[], cursor: string | undefined): Promise<Page<TItem>> {
    const offset = cursor === undefined ? 0 : await this.#offset(method, cursor);
    const end = offset + this.#pageSize;
    const nextCursor =
      end < items.length
        ? await this.#sealer.seal({ offset: end }, { method, target: '', argumentsDigest: '' })
        : undefined;
    return { items: items.slice(offset, end), nextCursor };
  }

  async #offset(method: string, cursor: string): Promise<number> {
    const opened = await this.#sealer.open(cursor, { method, target: '', argumentsDigest: '' });
    const payload = opened.ok ? opened.payload : undefined;
    // Checked like any input: a null payload must be "Invalid cursor", not a TypeError (-32603).
    const offset =
      typeof payload === 'object' && payload !== null ? (payload as { offset?: unknown }).offset : undefined;
    if (typeof offset !== 'number' || !Number.isSafeInteger(offset) || offset < 0) {
      throw new InvalidParamsError('Invalid cursor');
    }
    return offset;
  }
}
