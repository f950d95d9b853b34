import { InsufficientScopeError } from '../errors.js';
import type { ChangeEvent } from './change-bus.js';
import type { AuthInfo } from './request-context.js';
import { usageError } from '../errors.js';

/** What lists show of the tools, prompts and resources the caller lacks the scopes for. */
export type UnauthorizedListing = 'hide' | 'show';

/** The `authorization` option of `McpServer`. */
export interface AccessOptions {
  /**
   * Scopes required by every tool, prompt, resource and template registered without `scopes` of
   * its own. Default: none. A registration's `scopes: []` makes it public even with a default.
   */
  defaultScopes?: readonly string[];
  /**
   * `'hide'` (default) leaves out of `tools/list`, `prompts/list`, `resources/list` and
   * `resources/templates/list` what the caller may not use, so a model never sees a tool it cannot
   * call (requirements.md #149, #164, #172 allow lists to vary with authorization). `'show'`
   * lists everything; using an item without its scopes is refused either way.
   */
  unauthorizedInLists?: UnauthorizedListing;
}

/** Anything registered with `scopes`. */
export interface Scoped {
  readonly scopes: readonly string[] | undefined;
}

/**
 * Decides, per request, whether the caller's scopes cover what a registration requires. Every
 * required scope must be granted (a conjunction). A request without `auth` has no scopes.
 * @internal
 */
export class AccessPolicy {
  readonly #defaultScopes: readonly string[];
  readonly #hide: boolean;

  constructor(options: AccessOptions = {}) {
    this.#defaultScopes = [...(options.defaultScopes ?? [])];
    this.#hide = (options.unauthorizedInLists ?? 'hide') === 'hide';
  }

  /** The scopes `item` requires: its own, else the server default. */
  required(item: Scoped): readonly string[] {
    return item.scopes ?? this.#defaultScopes;
  }

  /** The required scopes the caller lacks (empty when allowed). */
  missing(item: Scoped, auth: AuthInfo | undefined): string[] {
    const required = this.required(item);
    if (required.length === 0) return [];
    const granted = new Set(auth?.scopes ?? []);
    return required.filter((scope) => !granted.has(scope));
  }

  /**
   * @throws InsufficientScopeError naming every scope the operation needs, in one challenge (the
   *   authorization spec's "all required scopes in a single challenge")
   */
  check(item: Scoped, auth: AuthInfo | undefined): void {
    if (this.missing(item, auth).length > 0) throw new InsufficientScopeError(this.required(item));
  }

  /** The entries a list shows to this caller. */
  visible<TEntry extends Scoped>(entries: readonly TEntry[], auth: AuthInfo | undefined): TEntry[] {
    if (!this.#hide) return [...entries];
    return entries.filter((entry) => this.missing(entry, auth).length === 0);
  }

  /**
   * Whether a change concerns a caller: a list change that names a registration only when the
   * caller's lists show it (all of them with `unauthorizedInLists: 'show'`), so a caller without
   * the scopes learns nothing of it; anything else always. Listen streams and the dual-era
   * layer's 2025-era sessions follow this one rule.
   */
  concerns(event: ChangeEvent, auth: AuthInfo | undefined): boolean {
    if (event.type === 'resources/updated' || event.changed === undefined) return true;
    return this.visible([{ scopes: event.changed.scopes }], auth).length > 0;
  }
}

/** Checks and copies the `scopes` of a registration. @throws SdkError INVALID_USAGE for a malformed scope */
export function readScopes(owner: string, scopes: readonly string[] | undefined): readonly string[] | undefined {
  if (scopes === undefined) return undefined;
  for (const scope of scopes) {
    if (!isScopeToken(scope)) {
      throw usageError(`${owner}: scope ${JSON.stringify(scope)} is not an RFC 6749 scope token`);
    }
  }
  return Object.freeze([...scopes]);
}

/** True for an RFC 6749 §3.3 `scope-token`: `1*( %x21 / %x23-5B / %x5D-7E )`. */
export function isScopeToken(value: unknown): value is string {
  return typeof value === 'string' && /^[\x21\x23-\x5b\x5d-\x7e]+$/.test(value);
}
