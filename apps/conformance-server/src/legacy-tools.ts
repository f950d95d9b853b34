import type { McpServer } from '@tern/core-protocol';
import { closeSseStream } from '@tern/legacy-compat';

const delay = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Registers the probe of the 2025-11-25 `server-sse-polling` scenario (SEP-1699):
 * `test_reconnection` closes the SSE connection of its own call after the priming event, keeps
 * working, and answers later; the client gets the answer by reconnecting with `GET` and
 * `Last-Event-ID`. For a 2026 client (no resumable streams) `closeSseStream` does nothing.
 */
export function registerLegacyTools(server: McpServer): void {
  server.registerTool(
    'test_reconnection',
    { description: 'Closes its SSE connection mid-call, then answers on the resumed stream.' },
    async (_args, ctx) => {
      await delay(50);
      const closed = closeSseStream(ctx);
      await delay(200);
      return closed
        ? 'Reconnection test completed after the stream was closed.'
        : 'Reconnection test completed.';
    },
  );
}
