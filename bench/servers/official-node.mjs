// The official SDK v2 on node:http, its documented recipe: the localhost Host/Origin guards in
// front of the createMcpHandler handler wrapped with toNodeHandler.
//
//   PORT=3000 node bench/servers/official-node.mjs
import { createServer } from 'node:http';
import {
  localhostHostValidation,
  localhostOriginValidation,
  toNodeHandler,
} from '@modelcontextprotocol/node';
import { serve } from './side-channel.mjs';
import { createOfficialHandler, officialHooks } from './official-tools.mjs';

const handler = createOfficialHandler();
const node = toNodeHandler(handler);
const validateHost = localhostHostValidation();
const validateOrigin = localhostOriginValidation();

const http = createServer((req, res) => {
  if (req.url !== '/mcp') {
    res.writeHead(404).end();
    return;
  }
  if (!validateHost(req, res) || !validateOrigin(req, res)) return;
  void node(req, res);
});

serve(http, officialHooks('official-node', handler));
