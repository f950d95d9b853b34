// The floor of any Express adapter: Express 5 with express.json() parsing the body of POST /mcp
// and answering a fixed JSON-RPC result. An Express-based MCP endpoint pays at least this. A
// request with `Mcp-Method: subscriptions/listen` is held open as a bare SSE stream instead.
//
//   PORT=3000 node bench/servers/bare-express.mjs
import express from 'express';
import { BareListenStreams, FIXED_RESULT } from './fixed-result.mjs';
import { serve } from './side-channel.mjs';

const streams = new BareListenStreams();
const app = express();
app.use(express.json());
app.post('/mcp', (req, res) => {
  if (req.get('mcp-method') === 'subscriptions/listen') streams.open(res);
  else res.type('application/json').send(FIXED_RESULT);
});

serve(app, {
  name: 'bare-express',
  notify: () => streams.notify(),
  counters: () => ({ busListeners: streams.size }),
});
