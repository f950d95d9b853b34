import type { JsonRpcId, JsonRpcResponse } from '@tern/jsonrpc';
import type { EventPosition, StreamConnection } from './event-stream.js';
import type { LegacySession, LegacySessionInit } from './legacy-session.js';
import { requestKey } from './run-legacy-request.js';
import type { SessionRegistry } from './session-registry.js';

/** What `initialize` opens a session with. @internal */
export type SessionOpening = Omit<LegacySessionInit, 'replay' | 'logLevel'>;

/**
 * The sessions of a layer as its HTTP handlers see them: in this process ({@link localSessions})
 * or shared by several instances through a `SessionBackplane`. Every method may reject when a
 * shared store is unreachable. @internal
 */
export interface LayerSessions {
  /** Sessions held in this process. */
  readonly size: number;
  open(init: SessionOpening): Promise<LegacySession | 'client' | 'server'>;
  /** The live session with this id opened by this principal; `undefined` answers 404. */
  find(id: string, principal: string | undefined): Promise<LegacySession | undefined>;
  /** Ends a session (DELETE): on every instance. */
  end(session: LegacySession, reason: string): Promise<void>;
  /** Delivers a response the client posted to the ask awaiting it, wherever it waits. */
  answer(session: LegacySession, response: JsonRpcResponse): Promise<void>;
  /** Aborts a request of the session the client cancelled, wherever it runs. */
  cancel(session: LegacySession, requestId: JsonRpcId, reason: string | undefined): Promise<void>;
  /**
   * Feeds `connection` with the rest of a stream another instance holds (`GET` with its
   * `Last-Event-ID`); `false` when that instance is gone.
   */
  resume(session: LegacySession, position: EventPosition & { node: string }, connection: StreamConnection): Promise<boolean>;
  /** Ends this process's hold on every session (the layer closes). */
  closeAll(reason: string): void;
}

/** Aborts the running request `requestId` of a session held here, if it runs. @internal */
export function abortRunning(session: LegacySession, requestId: JsonRpcId, reason: string | undefined): void {
  session.running.get(requestKey(requestId))?.controller.abort(reason ?? 'Cancelled by the client');
}

/** The sessions of a layer that serves them alone, in this process (the default). @internal */
export function localSessions(registry: SessionRegistry): LayerSessions {
  return {
    get size() {
      return registry.size;
    },
    open: (init) => Promise.resolve(registry.open(init)),
    find: (id, principal) => Promise.resolve(registry.find(id, principal)),
    end: (session, reason) => {
      registry.end(session, reason);
      return Promise.resolve();
    },
    answer: (session, response) => {
      // A response nothing waits for any more (timed out, cancelled) is ignored.
      session.deliverAnswer(response);
      return Promise.resolve();
    },
    cancel: (session, requestId, reason) => {
      abortRunning(session, requestId, reason);
      return Promise.resolve();
    },
    // One instance holds every stream of its sessions.
    resume: () => Promise.resolve(false),
    closeAll: (reason) => registry.closeAll(reason),
  };
}
