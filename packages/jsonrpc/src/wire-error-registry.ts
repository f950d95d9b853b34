import type { JsonRpcErrorObject } from './envelope.js';

/**
 * Rebuilds a received error object as a specific class, or returns `undefined` to leave it to the
 * next decoder. It must not throw.
 */
export type WireErrorDecoder<TError> = (error: JsonRpcErrorObject) => TError | undefined;

const decoders = new Map<number, WireErrorDecoder<unknown>[]>();

/**
 * Registers a class of MCP wire error for `code`, so that `JsonRpcError.fromError` rebuilds it
 * from what a peer sent. Decoders of one code are tried newest first, then the built-in class of
 * the code. This is how the MCP-specific uses of `-32602` (`ResourceNotFoundError`,
 * `InvalidRequestStateError`) and the errors of extensions get their own classes.
 *
 * @returns a function that removes the decoder again
 */
export function registerWireError<TError>(code: number, decoder: WireErrorDecoder<TError>): () => void {
  const list = decoders.get(code) ?? [];
  list.unshift(decoder);
  decoders.set(code, list);
  return () => {
    const index = list.indexOf(decoder);
    if (index >= 0) list.splice(index, 1);
  };
}

/** The decoders registered for `code`, newest first. @internal */
export function wireErrorDecoders(code: number): readonly WireErrorDecoder<unknown>[] {
  return decoders.get(code) ?? [];
}
