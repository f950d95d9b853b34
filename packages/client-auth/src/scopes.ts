/**
 * Which scopes to ask for (MCP authorization spec, "Scope Selection Strategy" and step-up; SEP-2207
 * for `offline_access`; SEP-2350 for the union on re-authorization).
 */

/** What the scope choice depends on. */
export interface ScopeInputs {
  /** The `scope` of the challenge (401 or 403), split. */
  challenged: string[] | undefined;
  /** `scopes_supported` of the protected resource metadata. */
  resourceScopes: string[] | undefined;
  /** The scopes asked for before at this resource and issuer (kept on re-authorization). */
  previous: string[];
  /** `scopes_supported` of the authorization server metadata. */
  serverScopes: string[] | undefined;
  /** Ask for `offline_access` when the authorization server lists it. */
  offlineAccess: boolean;
}

/**
 * The challenge's scopes, else all of the resource's `scopes_supported`, else none (the `scope`
 * parameter is then omitted); united with the scopes asked for before; plus `offline_access` when
 * wanted and the authorization server lists it.
 */
export function selectScopes(inputs: ScopeInputs): string[] | undefined {
  const base = inputs.challenged ?? inputs.resourceScopes;
  if (base === undefined && inputs.previous.length === 0) return undefined;
  const scopes = new Set([...inputs.previous, ...(base ?? [])]);
  if (inputs.offlineAccess && inputs.serverScopes?.includes('offline_access') === true) {
    scopes.add('offline_access');
  }
  return [...scopes];
}

/** True when every one of `wanted` is in `held`. */
export function coversScopes(held: readonly string[], wanted: readonly string[]): boolean {
  return wanted.every((scope) => held.includes(scope));
}
