// The official SDK v2 over stdio: its dual-era serveStdio with the bench's server factory (one
// instance, pinned to the era of the opening request: the bench opens with a 2026-07-28 call).
//
//   node bench/servers/official-stdio.mjs   (then write JSON-RPC lines to its stdin)
import { serveStdio } from '@modelcontextprotocol/server/stdio';
import { createServer } from './official-tools.mjs';

serveStdio(createServer);
