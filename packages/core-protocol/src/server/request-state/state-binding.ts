import { utf8Encode } from '../../shared/base64.js';

/**
 * What a token is bound to. Opening succeeds only with the exact binding used to seal, so state
 * cannot move to another principal, method, tool/prompt/resource or argument set (#60).
 */
export interface StateBinding {
  /** The authenticated principal, if any. A token sealed without one opens only without one. */
  principal?: string;
  /** The JSON-RPC method, e.g. `'tools/call'`. */
  method: string;
  /** The tool or prompt name, or the resource URI. */
  target: string;
  /** A digest of the request's arguments; see `digestArguments`. */
  argumentsDigest: string;
}

/** Where a sealer's tokens belong: bound into every token's associated data. */
export interface SealerScope {
  readonly version: string;
  readonly purpose: string;
  readonly audience: string;
}

/** @throws TypeError when `binding` is not a {@link StateBinding} (a programming error) */
export function checkBinding(binding: StateBinding): void {
  const { principal, method, target, argumentsDigest } = binding;
  if (
    typeof method !== 'string' ||
    typeof target !== 'string' ||
    typeof argumentsDigest !== 'string' ||
    (principal !== undefined && typeof principal !== 'string')
  ) {
    throw new TypeError(
      'RequestStateSealer: the binding needs string method, target and argumentsDigest',
    );
  }
}

const text = JSON.stringify;

/**
 * The associated data: binds the token to its server, purpose and request without storing them.
 * It is the UTF-8 of {@link associatedDataText}.
 */
export function associatedData(
  keyId: string,
  scope: SealerScope,
  binding: StateBinding,
): Uint8Array<ArrayBuffer> {
  return utf8Encode(associatedDataText(keyId, scope, binding));
}

/**
 * The text of the associated data: the canonical JSON (keys sorted, as `canonicalJson` writes it)
 * of `{ version, keyId, purpose, audience, principal, method, target, argumentsDigest }`, written
 * out directly since every member is a string (or `null`): the bytes of every `ts2` token so far.
 */
export function associatedDataText(
  keyId: string,
  scope: SealerScope,
  binding: StateBinding,
): string {
  // `null` keeps "no principal" distinct from every principal, including the empty string.
  const principal = binding.principal === undefined ? 'null' : text(binding.principal);
  return (
    `{"argumentsDigest":${text(binding.argumentsDigest)},"audience":${text(scope.audience)},"keyId":${text(keyId)},` +
    `"method":${text(binding.method)},"principal":${principal},"purpose":${text(scope.purpose)},` +
    `"target":${text(binding.target)},"version":${text(scope.version)}}`
  );
}
