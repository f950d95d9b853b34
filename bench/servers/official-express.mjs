// The official SDK v2 on Express, its documented recipe: createMcpExpressApp (express.json() and
// the localhost Host/Origin checks) and the createMcpHandler handler wrapped once with toNodeHandler.
//
//   PORT=3000 node bench/servers/official-express.mjs
import { createMcpExpressApp } from '@modelcontextprotocol/express';
import { toNodeHandler } from '@modelcontextprotocol/node';
import { serve } from './side-channel.mjs';
import { createOfficialHandler, officialHooks } from './official-tools.mjs';

const handler = createOfficialHandler();
const node = toNodeHandler(handler);
const app = createMcpExpressApp();
app.all('/mcp', (req, res) => void node(req, res, req.body));

serve(app, officialHooks('official-express', handler));
