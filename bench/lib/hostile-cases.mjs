// The hostile part of the soak's mix (issue 12): requests that tried to make the server keep
// more than it budgets. Each must get its bounded answer, and nothing it sent may stay behind.
import { listenRequest, readRpcBody } from './requests.mjs';

const LEGACY_ACCEPT = 'application/json, text/event-stream';

/** A listen filter one URI over the default limit of 32. */
function oversizedFilter() {
  const request = listenRequest(1);
  const body = JSON.parse(request.body);
  body.params.notifications = {
    toolsListChanged: true,
    resourceSubscriptions: Array.from({ length: 33 }, (_, index) => `file:///soak/${index}/${'u'.repeat(900)}`),
  };
  return { headers: request.headers, body: JSON.stringify(body) };
}

/** `initialize` of a 2025-11-25 client; `clientInfo` may be replaced by junk. */
function initialize(clientInfo = { name: 'soak-legacy', version: '1.0.0' }) {
  return {
    headers: { 'content-type': 'application/json', accept: LEGACY_ACCEPT },
    body: JSON.stringify({
      jsonrpc: '2.0',
      id: 0,
      method: 'initialize',
      params: { protocolVersion: '2025-11-25', capabilities: { elicitation: {} }, clientInfo },
    }),
  };
}

/** About 40 KB of `clientInfo` (the soak's body limit is 64 KiB; the layer's limit is 8,192). */
const JUNK_CLIENT_INFO = {
  name: 'junk',
  version: '1',
  junk: Array.from({ length: 1500 }, (_, index) => ({ index, filler: 'xxxxxxxxxx' })),
};

/**
 * The hostile cases, in the shape of the soak's others. `post(request, extra)` sends one request;
 * `expect(reply, status, check)` throws on a wrong answer.
 */
export function createHostileCases({ post, expect }) {
  const rpc = (reply) => readRpcBody(reply.contentType, reply.text).response;
  return {
    oversizedFilter: {
      weight: 1,
      requests: 1,
      run: async () =>
        expect(await post(oversizedFilter()), 200, (reply) => rpc(reply)?.error?.code === -32602),
    },
    junkClientInfo: {
      weight: 1,
      requests: 1,
      run: async () =>
        expect(await post(initialize(JUNK_CLIENT_INFO)), 400, (reply) => rpc(reply)?.error?.code === -32602),
    },
    abandonedLegacyAsk: {
      weight: 1,
      requests: 2,
      run: async () => {
        // A session that never confirms, and a call whose elicitation nobody answers: the client
        // goes away at the first event. The session quota (16 per address) and the ask timeout
        // bound what stays; a 429 is the bounded answer once this address holds its share.
        const opened = await post(initialize());
        if (opened.status === 429) return;
        expect(opened, 200);
        const sessionId = opened.sessionId;
        await post(
          {
            headers: {
              'content-type': 'application/json',
              accept: LEGACY_ACCEPT,
              'mcp-session-id': sessionId,
              'mcp-protocol-version': '2025-11-25',
            },
            body: JSON.stringify({
              jsonrpc: '2.0',
              id: 1,
              method: 'tools/call',
              params: { name: 'book', arguments: { city: 'Porto', padding: 'p'.repeat(20_000) } },
            }),
          },
          { abort: { afterFirstEvent: true } },
        );
      },
    },
  };
}
