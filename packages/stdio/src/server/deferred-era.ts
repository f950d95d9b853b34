import type { JsonRpcNotification, JsonRpcRequest, JsonRpcResponse } from '@tern/jsonrpc';
import type { StdioEra } from './era.js';

/**
 * An era whose code is still loading (the legacy era is imported on the first `initialize`):
 * every message waits for it and reaches it in the order it came, since the callbacks of one
 * promise run in the order they were added. A load failure fails each request (the connection
 * answers it with `-32603`); notifications and responses then have nowhere to go. @internal
 */
export class DeferredEra implements StdioEra {
  readonly #era: Promise<StdioEra>;

  constructor(era: Promise<StdioEra>) {
    this.#era = era;
    // Requests report a failed load; this only keeps it from being an unhandled rejection.
    era.catch(() => undefined);
  }

  async request(request: JsonRpcRequest): Promise<void> {
    const era = await this.#era;
    await era.request(request);
  }

  notification(notification: JsonRpcNotification): void {
    void this.#era.then(
      (era) => era.notification(notification),
      () => undefined,
    );
  }

  response(response: JsonRpcResponse): void {
    void this.#era.then(
      (era) => era.response(response),
      () => undefined,
    );
  }

  close(reason: string): void {
    void this.#era.then(
      (era) => era.close(reason),
      () => undefined,
    );
  }
}
