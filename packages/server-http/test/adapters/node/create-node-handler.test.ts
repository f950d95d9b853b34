// node:http specifics: memory under oversized bodies, what Node's own parser refuses before the
// adapter runs, headers set by the application, and many simultaneous disconnects.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNodeHandler } from '../../../src/adapters/node/index.js';
import { createFixture } from '../../helpers/fixture-server.js';
import type { Fixture } from '../../helpers/fixture-server.js';
import {
  mcpHeaders,
  openStream,
  send,
  toolCall,
  withMeta,
  waitFor,
} from '../../helpers/http-client.js';
import type { OpenStream } from '../../helpers/http-client.js';
import { SdkError } from '@tern/jsonrpc';

const LIMIT = 64 * 1024;

describe('createNodeHandler', () => {
  let fixture: Fixture;
  let port: number;
  let close: () => Promise<void>;

  beforeAll(async () => {
    fixture = createFixture();
    const mcp = createNodeHandler(fixture.server, { maxBodyBytes: LIMIT });
    const http = createServer((req, res) => {
      // The application's own headers survive: the adapter adds to them.
      res.setHeader('X-App', 'kept');
      mcp(req, res);
    });
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
    port = (http.address() as AddressInfo).port;
    close = () =>
      new Promise((resolve) => {
        http.closeAllConnections();
        http.close(() => resolve());
      });
  });
  afterAll(async () => {
    await close();
  });

  it('keeps headers the application set before it', async () => {
    const response = await send(port, toolCall(1, 'echo', { text: 'x' }));
    expect(response.status).toBe(200);
    expect(response.headers['x-app']).toBe('kept');
  });

  it('B1: keeps memory flat over 100 oversized bodies, declared and chunked', async () => {
    const oversized = Buffer.alloc(2 * LIMIT, 0x20);
    const before = process.memoryUsage();
    for (let round = 0; round < 50; round += 1) {
      const declared = await send(port, { headers: mcpHeaders('tools/list'), body: oversized });
      const chunked = await send(port, {
        headers: mcpHeaders('tools/list'),
        body: oversized,
        chunkSize: 16 * 1024,
      });
      expect([declared.status, chunked.status]).toEqual([413, 413]);
    }
    const after = process.memoryUsage();
    expect(after.heapUsed - before.heapUsed).toBeLessThan(32 * 1024 * 1024);
    expect(after.rss - before.rss).toBeLessThan(64 * 1024 * 1024);
    expect((await send(port, toolCall(2, 'echo', { text: 'ok' }))).status).toBe(200);
  });

  it("leaves control characters in a header to Node's parser, which answers 400 before the adapter runs", async () => {
    const reply = await new Promise<string>((resolve) => {
      const socket = connect(port, '127.0.0.1', () => {
        socket.write(
          'POST /mcp HTTP/1.1\r\nHost: 127.0.0.1\r\nMcp-Name: ec\u0001ho\r\nContent-Length: 0\r\n\r\n',
        );
      });
      let text = '';
      socket.on('data', (chunk: Buffer) => (text += chunk.toString('latin1')));
      socket.on('close', () => resolve(text));
    });
    expect(reply.startsWith('HTTP/1.1 400')).toBe(true);
    expect((await send(port, toolCall(3, 'echo', { text: 'ok' }))).status).toBe(200);
  });

  it('E2 F4: survives 200 SSE streams closed at the same moment; every handler sees its abort', async () => {
    const streams: OpenStream[] = [];
    for (let index = 0; index < 200; index += 1) {
      streams.push(
        await openStream(
          port,
          withMeta(toolCall(`e2-${index}`, 'progress', { steps: 1, waitMs: 10_000 }), {
            progressToken: index,
          }),
        ),
      );
    }
    await waitFor(() => streams.every((stream) => stream.messages.length === 1));
    for (const stream of streams) stream.destroy();
    await waitFor(
      () => fixture.record.aborted.filter((id) => String(id).startsWith('e2-')).length === 200,
      5000,
    );
    expect((await send(port, toolCall(4, 'echo', { text: 'ok' }))).status).toBe(200);
  });

  it('refuses bad options when created', () => {
    expect(() => createNodeHandler(fixture.server, { maxBodyBytes: -1 })).toThrow(SdkError);
    expect(() => createNodeHandler(fixture.server, { allowedHosts: ['bad host/'] })).toThrow(SdkError);
  });
});
