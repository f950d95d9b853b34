/**
 * The standalone GET stream of a legacy session: where a 2025-era server sends requests and
 * notifications unrelated to a client request (`notifications/*_list_changed`,
 * `notifications/resources/updated`, and requests a server sends without relating them to the
 * request being handled, as the official 1.x SDK does for `server.request()` outside of `extra`).
 *
 * @see https://modelcontextprotocol.io/specification/2025-11-25/basic/transports#listening-for-messages-from-the-server
 */
import type { JsonRpcMessage } from '@tern/jsonrpc';
import { delay, mediaTypeOf } from './legacy-http.js';
import { readLegacyEvents } from './legacy-sse.js';
import type { SseCursor } from './legacy-sse.js';

/** What the stream needs from its session. */
export interface StandaloneStreamHost {
  /** GETs the endpoint with the session headers (and `Last-Event-ID` when given). */
  open(lastEventId: string | undefined, signal: AbortSignal): Promise<Response>;
  /** Handles one message of the stream. */
  dispatch(message: JsonRpcMessage): void;
  /** The server answered 404: the session is gone. */
  onSessionGone(): void;
}

/** Consecutive failed or empty connections after which the stream gives up. */
const MAX_FAILURES = 5;
/** Wait before reconnecting when the server gave no `retry`, in ms. */
const DEFAULT_RETRY_MS = 1000;
/** A connection that lasted this long counts as healthy, in ms. */
const STABLE_MS = 10_000;

/**
 * Keeps the standalone stream open: reconnects with `Last-Event-ID` after the server's `retry`
 * delay when it ends, and gives up when the server refuses it (405 and friends), after
 * {@link MAX_FAILURES} failed connections in a row, or when the session is gone (404).
 */
export class StandaloneStream {
  readonly #host: StandaloneStreamHost;
  readonly #hasSession: boolean;
  readonly #controller = new AbortController();
  readonly #lost = new AbortController();
  #isOpen = false;
  #resolveOpened: (isOpen: boolean) => void = () => undefined;
  /** Resolves `true` once the first GET returned a stream, `false` when it was refused. */
  readonly opened: Promise<boolean>;

  constructor(host: StandaloneStreamHost, hasSession: boolean) {
    this.#host = host;
    this.#hasSession = hasSession;
    this.opened = new Promise((resolve) => {
      this.#resolveOpened = resolve;
    });
    void this.#run().finally(() => {
      this.#isOpen = false;
      this.#resolveOpened(false);
      this.#lost.abort();
    });
  }

  /** Whether a GET stream is currently connected. */
  get isOpen(): boolean {
    return this.#isOpen;
  }

  /** Aborts when the stream has stopped for good (refused, failing, session gone, or closed). */
  get lost(): AbortSignal {
    return this.#lost.signal;
  }

  /** Closes the stream and stops reconnecting. */
  close(): void {
    this.#controller.abort();
  }

  async #run(): Promise<void> {
    const signal = this.#controller.signal;
    const cursor: SseCursor = { lastEventId: undefined, retryMs: undefined };
    let failures = 0;
    let everOpened = false;
    while (!signal.aborted && failures < MAX_FAILURES) {
      let response: Response;
      try {
        response = await this.#host.open(cursor.lastEventId, signal);
      } catch {
        failures += 1;
        await delay(cursor.retryMs ?? DEFAULT_RETRY_MS, signal);
        continue;
      }
      if (response.status === 404 && this.#hasSession) {
        await response.body?.cancel().catch(() => undefined);
        this.#host.onSessionGone();
        return;
      }
      if (!response.ok || mediaTypeOf(response) !== 'text/event-stream' || response.body === null) {
        await response.body?.cancel().catch(() => undefined);
        // The server offers no standalone stream (405, or anything that is not one).
        if (!everOpened) return;
        failures += 1;
        await delay(cursor.retryMs ?? DEFAULT_RETRY_MS, signal);
        continue;
      }
      everOpened = true;
      this.#isOpen = true;
      this.#resolveOpened(true);
      let received = 0;
      const openedAt = Date.now();
      try {
        await readLegacyEvents(response.body, cursor, (message) => {
          received += 1;
          this.#host.dispatch(message);
          return false;
        });
      } catch {
        // A dropped connection is treated like a graceful end: reconnect.
      }
      this.#isOpen = false;
      // A stream that carried messages or stayed up a while was fine; one that ends at once again
      // and again counts as failing.
      failures = received > 0 || Date.now() - openedAt > STABLE_MS ? 0 : failures + 1;
      await delay(cursor.retryMs ?? DEFAULT_RETRY_MS, signal);
    }
  }
}
