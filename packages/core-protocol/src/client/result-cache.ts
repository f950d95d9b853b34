import type { JsonRpcNotification } from '@tern/jsonrpc';
import { canonicalJson } from '../shared/canonical-json.js';
import type { ResponseCache } from './response-cache.js';

/** Where a cache entry may be served. */
interface CacheIdentity {
  /** Separates servers sharing one store (for example the endpoint URL). */
  namespace: string;
  /** Separates authorization contexts (requirements.md #186). */
  authorizationKey: string | undefined;
}

/**
 * Keeps list and read results in a {@link ResponseCache} by the rules of the caching utility:
 * fresh for `ttlMs` (0, missing and negative mean "do not reuse"; #182), keyed by method and
 * params (#180), `private` results only for the same authorization (#186), dropped when a
 * relevant change notification arrives. Results of MRTR retries are never stored (#181): the
 * caller only stores results of plain requests.
 *
 * Keys are `method \0 namespace \0 params \0 scope`, so one prefix drops every entry of a list,
 * or every entry of a URI, whatever its scope.
 */
export class ResultCache {
  readonly #store: ResponseCache;
  readonly #identity: () => Promise<CacheIdentity>;
  readonly #now: () => number;

  /** @param identity resolved before every lookup and store, never cached across calls */
  constructor(store: ResponseCache, identity: () => Promise<CacheIdentity>, now: () => number) {
    this.#store = store;
    this.#identity = identity;
    this.#now = now;
  }

  async get(method: string, params: Record<string, unknown>): Promise<Record<string, unknown> | undefined> {
    const identity = await this.#identity();
    const base = this.#base(method, identity, params);
    for (const scope of [privateScope(identity), 'public']) {
      const entry = await this.#store.get(`${base}\u0000${scope}`);
      if (entry !== undefined && this.#now() < entry.expiresAt) return entry.result;
    }
    return undefined;
  }

  async set(method: string, params: Record<string, unknown>, result: Record<string, unknown>): Promise<void> {
    const ttl = typeof result['ttlMs'] === 'number' ? result['ttlMs'] : 0;
    if (!(ttl > 0)) return;
    const identity = await this.#identity();
    const scope = result['cacheScope'] === 'public' ? 'public' : privateScope(identity);
    await this.#store.set(`${this.#base(method, identity, params)}\u0000${scope}`, {
      result,
      expiresAt: this.#now() + ttl,
    });
  }

  /** Drops what a change notification makes stale. */
  async invalidate(notification: JsonRpcNotification): Promise<void> {
    const { namespace } = await this.#identity();
    const list = (method: string): string => `${method}\u0000${namespace}\u0000`;
    switch (notification.method) {
      case 'notifications/tools/list_changed':
        return this.#store.deletePrefix(list('tools/list'));
      case 'notifications/prompts/list_changed':
        return this.#store.deletePrefix(list('prompts/list'));
      case 'notifications/resources/list_changed':
        await this.#store.deletePrefix(list('resources/list'));
        return this.#store.deletePrefix(list('resources/templates/list'));
      case 'notifications/resources/updated': {
        const uri = notification.params?.['uri'];
        // The URI and everything under it, in every scope (a read key's params are `{"uri":...}`).
        if (typeof uri === 'string') {
          await this.#store.deletePrefix(`${list('resources/read')}{"uri":${JSON.stringify(uri).slice(0, -1)}`);
        }
        return;
      }
      default:
        return;
    }
  }

  #base(method: string, identity: CacheIdentity, params: Record<string, unknown>): string {
    return `${method}\u0000${identity.namespace}\u0000${canonicalJson(params)}`;
  }
}

function privateScope(identity: CacheIdentity): string {
  return `private:${identity.authorizationKey ?? ''}`;
}
