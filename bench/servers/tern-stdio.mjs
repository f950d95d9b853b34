// Tern over stdio: serveStdio from the BUILT @tern/stdio, the bench's McpServer.
//
//   node bench/servers/tern-stdio.mjs   (then write JSON-RPC lines to its stdin)
import { serveStdio } from '@tern/stdio';
import { createBenchServer } from './tern-tools.mjs';

const server = createBenchServer();
await server.ready();
serveStdio(server);
