// Starts a node:http server on 127.0.0.1 with an ephemeral port and closes it (and every
// connection still open, such as a keep-alive socket of fetch) when the test is done.
import { createServer } from 'node:http';
import type { RequestListener, Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A server listening on 127.0.0.1. */
export interface Listening {
  /** Base URL, e.g. `http://127.0.0.1:54321`. */
  readonly origin: string;
  close(): Promise<void>;
}

/** Listens with `listener` (a node:http listener or an Express app) on 127.0.0.1:0. */
export async function listen(listener: RequestListener): Promise<Listening> {
  const server: Server = createServer(listener);
  // Bounded, so a stuck request cannot keep the suite alive.
  server.requestTimeout = 10_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${String(port)}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
