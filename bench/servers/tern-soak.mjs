// The soak's server: Tern on node:http with the dual-era layer, so the soak's hostile mix can
// reach the legacy sessions too (junk clientInfo, abandoned server-to-client asks). Asks and idle
// sessions expire quickly here, so that whatever the mix abandons is gone at every checkpoint and
// the heap must come back to the same figure.
//
//   PORT=3000 node bench/servers/tern-soak.mjs
import { createServer } from 'node:http';
import { createLegacyLayer } from '@tern/legacy-compat';
import { createNodeHandler } from '@tern/server-http/adapters/node';
import { serve } from './side-channel.mjs';
import { createBenchServer, httpOptionsFromEnv, ternHooks } from './tern-tools.mjs';

// The mix abandons and tampers with conversations, whose last journals the server keeps
// (`requestState.recent`, bounded): a small bound fills during the warm-up, so what stays kept is
// constant at every checkpoint instead of filling 1,024 entries over the measured part.
const server = createBenchServer({ requestState: { recent: { maxEntries: 64 } } });
await server.ready();
const legacy = createLegacyLayer(server, { askTimeoutMs: 250, idleTimeoutMs: 300 });
const mcp = createNodeHandler(server, { ...httpOptionsFromEnv(), fallback: legacy });

const http = createServer((req, res) => {
  if (req.url === '/mcp') mcp(req, res);
  else res.writeHead(404).end();
});

const hooks = ternHooks('tern-soak', server);
serve(http, {
  ...hooks,
  // The soak waits for abandoned sessions to expire before it measures (they hold a bus listener).
  counters: () => ({ ...hooks.counters(), legacySessions: legacy.sessionCount }),
});
