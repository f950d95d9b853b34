// Express specifics, on Express 4 and 5: body-parser mounted before the MCP handler (its errors
// become JSON-RPC answers), other errors left to the app, and the ways to mount the pair.
import { createServer } from 'node:http';
import type { RequestListener } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import express5 from 'express';
import express4 from 'express4';
import { describe, expect, it } from 'vitest';
import { createExpressHandler } from '@tern/server-http/adapters/express';
import { createFixture } from '../../helpers/fixture-server.js';
import { jsonOf, mcpHeaders, meta, send, toolCall } from '../../helpers/http-client.js';

/** The app's own error handler: Express recognises it by its four parameters. */
// eslint-disable-next-line max-params
function appErrorHandler(
  error: Error,
  _req: unknown,
  res: { status(code: number): { send(body: string): void } },
  _next: unknown,
): void {
  res.status(418).send(error.message);
}

async function serve(app: RequestListener, run: (port: number) => Promise<void>): Promise<void> {
  const http = createServer(app);
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  try {
    await run((http.address() as AddressInfo).port);
  } finally {
    http.closeAllConnections();
    await new Promise((resolve) => http.close(resolve));
  }
}

describe.each([
  ['Express 4', express4],
  ['Express 5', express5],
])('createExpressHandler on %s', (_name, express) => {
  it('returns the handler and the 4-parameter error handler', () => {
    const [handler, errorHandler] = createExpressHandler(createFixture().server);
    expect(handler.length).toBeLessThan(4);
    expect(errorHandler).toHaveLength(4);
  });

  it("answers body-parser's own limit (100 kB by default) with a JSON-RPC 413, not an HTML page", async () => {
    const app = express();
    app.use(express.json());
    app.use('/mcp', createExpressHandler(createFixture().server));
    await serve(app, async (port) => {
      const response = await send(port, toolCall(1, 'echo', { text: 'x'.repeat(200_000) }));
      expect(response.status).toBe(413);
      expect(response.headers['content-type']).toBe('application/json');
      expect(jsonOf(response)).toMatchObject({
        id: null,
        error: {
          code: -32600,
          // The limit that was hit (body-parser's), not the transport's 4194304.
          message:
            'Request body exceeds the limit of 102400 bytes of the body parser in front of the MCP endpoint (such as express.json())',
        },
      });
    });
  });

  it('names a raised express.json() limit when that is the one hit', async () => {
    const app = express();
    app.use(express.json({ limit: '150kb' }));
    app.use('/mcp', createExpressHandler(createFixture().server));
    await serve(app, async (port) => {
      const response = await send(port, toolCall(1, 'echo', { text: 'x'.repeat(200_000) }));
      expect(response.status).toBe(413);
      expect(jsonOf(response)).toMatchObject({
        error: { message: expect.stringContaining('limit of 153600 bytes of the body parser') },
      });
    });
  });

  it('serves 200 kB calls when mounted without express.json() (its own 4 MiB limit)', async () => {
    const app = express();
    app.use('/mcp', createExpressHandler(createFixture().server));
    await serve(app, async (port) => {
      expect((await send(port, toolCall(1, 'echo', { text: 'x'.repeat(200_000) }))).status).toBe(
        200,
      );
    });
  });

  it('leaves errors that are not body-parser failures to the app', async () => {
    const app = express();
    app.use((_req, _res, next) => next(Object.assign(new Error('from the app'), { status: 418 })));
    app.use('/mcp', createExpressHandler(createFixture().server));
    app.use(appErrorHandler);
    await serve(app, async (port) => {
      const response = await send(port, toolCall(1, 'echo'));
      expect([response.status, response.body]).toEqual([418, 'from the app']);
    });
  });

  it('works with app.post and a spread pair', async () => {
    const app = express();
    app.post('/rpc', ...createExpressHandler(createFixture().server));
    await serve(app, async (port) => {
      expect(
        (await send(port, { ...toolCall(1, 'echo', { text: 'p' }), path: '/rpc' })).status,
      ).toBe(200);
    });
  });

  it('parses bodies that express.text() or express.raw() already read', async () => {
    for (const parser of [
      express.text({ type: 'application/json' }),
      express.raw({ type: 'application/json' }),
    ]) {
      const app = express();
      app.use(parser);
      app.use('/mcp', createExpressHandler(createFixture().server));
      await serve(app, async (port) => {
        const response = await send(port, toolCall(1, 'echo', { text: 'pre-read' }));
        expect(jsonOf(response)).toMatchObject({ result: { content: [{ text: 'pre-read' }] } });
      });
    }
  });

  it('refuses a compressed body with 415 even when express.json() inflated it', async () => {
    const app = express();
    app.use(express.json());
    app.use('/mcp', createExpressHandler(createFixture().server));
    await serve(app, async (port) => {
      const raw = toolCall(1, 'echo', { text: 'z' });
      const response = await send(port, {
        headers: { ...raw.headers, 'content-encoding': 'gzip' },
        body: gzipSync(raw.body as string),
      });
      expect(response.status).toBe(415);
    });
  });

  it('behind express.json(), sees invalid UTF-8 decoded leniently by body-parser (documented)', async () => {
    const app = express();
    app.use(express.json());
    app.use('/mcp', createExpressHandler(createFixture().server));
    await serve(app, async (port) => {
      const body = Buffer.concat([
        Buffer.from(
          '{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"echo","arguments":{"text":"',
        ),
        Buffer.from([0xff]),
        Buffer.from(`"},"_meta":${JSON.stringify(meta())}}}`),
      ]);
      const response = await send(port, { headers: mcpHeaders('tools/call', 'echo'), body });
      expect(jsonOf(response)).toMatchObject({ result: { content: [{ text: '\ufffd' }] } });
    });
  });
});
