// Tern on node:http: createNodeHandler from the BUILT @tern/server-http, routed on /mcp.
//
//   PORT=3000 node bench/servers/tern-node.mjs
import { createServer } from 'node:http';
import { createNodeHandler } from '@tern/server-http/adapters/node';
import { serve } from './side-channel.mjs';
import { createBenchServer, httpOptionsFromEnv, ternHooks } from './tern-tools.mjs';

const server = createBenchServer();
await server.ready();
const mcp = createNodeHandler(server, httpOptionsFromEnv());

const http = createServer((req, res) => {
  if (req.url === '/mcp') mcp(req, res);
  else res.writeHead(404).end();
});

serve(http, ternHooks('tern-node', server));
