import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { McpServer } from '@tern/core-protocol';
import { createNodeHandler } from '@tern/server-http/adapters/node';
import { describe, expect, it } from 'vitest';
import { withLegacy } from '../../src/server/with-legacy.js';
import { LegacyClient } from './helpers/legacy-client.js';

describe('withLegacy', () => {
  it('adds the layer as the fallback of the transport options, keeping the others', async () => {
    const mcp = new McpServer(
      { name: 'w', version: '1' },
      { requestState: { keys: [{ id: 'k', secret: new Uint8Array(32) }] } },
    );
    mcp.registerTool('t', { description: 't' }, () => 't');
    const options = withLegacy(mcp, { maxBodyBytes: 1024, legacy: { maxSessions: 2 } });
    expect(options.maxBodyBytes).toBe(1024);
    expect(options).not.toHaveProperty('legacy');
    const http = createServer(createNodeHandler(mcp, options));
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
    try {
      const client = new LegacyClient(
        `http://127.0.0.1:${(http.address() as AddressInfo).port}/mcp`,
      );
      await client.connect();
      expect(options.fallback.sessionCount).toBe(1);
      options.fallback.close();
      expect(options.fallback.sessionCount).toBe(0);
      expect((await client.send('ping')).response.status).toBe(404);
    } finally {
      http.closeAllConnections();
      await new Promise<void>((resolve) => http.close(() => resolve()));
    }
  });
});
