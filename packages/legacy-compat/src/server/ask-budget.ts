/**
 * Characters of requests kept alive by server-to-client asks, per client and for the whole
 * layer. An ask keeps its request (the handler, its arguments, the core's journal) until the
 * client answers or the ask times out, and a legacy client that goes away does not cancel: the
 * budget is what bounds that memory. @internal
 */
export class AskBudget {
  readonly #perClient = new Map<string, number>();
  readonly #clientLimit: number;
  readonly #totalLimit: number;
  #total = 0;

  constructor(clientLimit: number, totalLimit: number) {
    this.#clientLimit = clientLimit;
    this.#totalLimit = totalLimit;
  }

  /** Characters held now, in all. */
  get total(): number {
    return this.#total;
  }

  /**
   * Charges `size` to `client`; returns which budget would overflow instead (nothing charged).
   * A client without a key is charged to the total only.
   */
  take(client: string | undefined, size: number): 'client' | 'server' | undefined {
    if (this.#total + size > this.#totalLimit) return 'server';
    if (client !== undefined) {
      const held = this.#perClient.get(client) ?? 0;
      if (held + size > this.#clientLimit) return 'client';
      this.#perClient.set(client, held + size);
    }
    this.#total += size;
    return undefined;
  }

  /** Gives back what {@link take} charged. */
  release(client: string | undefined, size: number): void {
    this.#total -= size;
    if (client === undefined) return;
    const held = (this.#perClient.get(client) ?? 0) - size;
    if (held <= 0) this.#perClient.delete(client);
    else this.#perClient.set(client, held);
  }
}
