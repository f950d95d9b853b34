// The fixed answers of the two bare servers: what Tern and the official SDK answer to the bench's
// `echo` call, minus the work of producing it. They are the ceiling (node:http) and the floor of
// any Express adapter (Express with express.json()).
export const FIXED_RESULT = JSON.stringify({
  jsonrpc: '2.0',
  id: 1,
  result: {
    resultType: 'complete',
    content: [{ type: 'text', text: 'hello bench' }],
    _meta: { 'io.modelcontextprotocol/serverInfo': { name: 'bench', version: '1.0.0' } },
  },
});

const SSE_HEADERS = { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-cache' };
const ACK = `event: message\ndata: ${JSON.stringify({
  jsonrpc: '2.0',
  method: 'notifications/subscriptions/acknowledged',
  params: { notifications: { toolsListChanged: true } },
})}\n\n`;
const CHANGED = `event: message\ndata: ${JSON.stringify({
  jsonrpc: '2.0',
  method: 'notifications/tools/list_changed',
  params: {},
})}\n\n`;

/**
 * The least a listen stream can cost on node:http: an SSE response held open after one
 * acknowledgement, written to when something changes. The bare servers use it as the floor of the
 * listen scenario.
 */
export class BareListenStreams {
  #streams = new Set();

  /** Holds `res` open as a listen stream until its client leaves. */
  open(res) {
    res.writeHead(200, SSE_HEADERS);
    res.write(ACK);
    this.#streams.add(res);
    res.once('close', () => this.#streams.delete(res));
  }

  /** Writes one tools/list_changed to every open stream. */
  notify() {
    for (const res of this.#streams) res.write(CHANGED);
  }

  get size() {
    return this.#streams.size;
  }
}
