// A dual-era server with the tasks extension on 127.0.0.1 (a free port), stopped by the test.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { McpServer } from '@tern/core-protocol';
import { createLegacyLayer } from '@tern/legacy-compat';
import { createNodeHandler } from '@tern/server-http/adapters/node';
import type { TasksExtension, TasksOptions } from '../../src/index.js';
import { createTaskServer } from './task-fixtures.js';

export interface RunningServer {
  url: string;
  server: McpServer;
  tasks: TasksExtension;
  close(): Promise<void>;
}

/** Starts the server over Streamable HTTP, with the legacy layer for 2025-era clients. */
export async function startHttpServer(
  register: (tasks: TasksExtension, server: McpServer) => void,
  options: TasksOptions = {},
): Promise<RunningServer> {
  const { server, tasks } = createTaskServer(options);
  register(tasks, server);
  const legacy = createLegacyLayer(server);
  const http = createServer(createNodeHandler(server, { fallback: legacy }));
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const { port } = http.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/mcp`,
    server,
    tasks,
    close: async () => {
      tasks.close();
      legacy.close();
      server.close();
      http.closeAllConnections();
      await new Promise<void>((resolve) => http.close(() => resolve()));
    },
  };
}
