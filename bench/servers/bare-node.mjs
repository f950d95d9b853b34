// The ceiling: a bare node:http server that reads the body of POST /mcp and answers a fixed
// JSON-RPC result. No parsing, no validation: nothing an MCP server can do is cheaper. A request
// with `Mcp-Method: subscriptions/listen` is held open as a bare SSE stream instead (the floor of
// the listen scenario).
//
//   PORT=3000 node bench/servers/bare-node.mjs
import { createServer } from 'node:http';
import { BareListenStreams, FIXED_RESULT } from './fixed-result.mjs';
import { serve } from './side-channel.mjs';

const HEADERS = {
  'Content-Type': 'application/json',
  'Content-Length': Buffer.byteLength(FIXED_RESULT),
};
const streams = new BareListenStreams();

const server = createServer((req, res) => {
  if (req.url !== '/mcp' || req.method !== 'POST') {
    res.writeHead(404).end();
    return;
  }
  req.on('data', () => undefined);
  req.on('end', () => {
    if (req.headers['mcp-method'] === 'subscriptions/listen') streams.open(res);
    else res.writeHead(200, HEADERS).end(FIXED_RESULT);
  });
});

serve(server, {
  name: 'bare-node',
  notify: () => streams.notify(),
  counters: () => ({ busListeners: streams.size }),
});
