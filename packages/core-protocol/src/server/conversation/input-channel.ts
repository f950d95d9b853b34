import type { InputRequest } from '@tern/schema';

/**
 * One question a handler asks the client: an elicitation, a sampling request or a roots list.
 */
export interface Ask {
  /** Stable key of the ask within one conversation; the client answers under the same key. */
  readonly key: string;
  /** The input request as it goes on the wire (`{ method, params }`). */
  readonly request: InputRequest;
  /**
   * Checks a received answer. Returns the typed value when the answer is usable, or `undefined`
   * when it must be asked again (for example accepted content that breaks the requested schema).
   * `normalized` is true when the answer already passed `normalizeAnswer` (the replay channel:
   * answers from the authenticated journal, or checked on arrival), so its result-schema check
   * need not run again; the requested schema's own validation always runs.
   * @throws a JsonRpcError when the answer is malformed beyond asking again (-32602)
   */
  readonly accept: (response: unknown, normalized?: boolean) => unknown;
  /** The fingerprint of `request` when the asker already worked it out (`fingerprintOf`). */
  readonly fingerprint?: string;
}

/**
 * The seam between handler code and the way answers arrive. The modern era replays answers from
 * `inputResponses` and sealed `requestState` (MRTR); the dual-era layer answers the same asks by
 * sending real server-to-client requests on a legacy session. Handler code never sees the
 * difference.
 */
export interface InputChannel {
  /** Resolves with the accepted answer to `ask`, or never settles while the answer is pending. */
  ask(ask: Ask): Promise<unknown>;
  /**
   * Runs `fn` at most once per conversation and returns its (recorded) JSON result, so side
   * effects before an ask do not run again when the handler is replayed.
   */
  once<TValue>(key: string, fn: () => TValue | Promise<TValue>): Promise<TValue>;
}
