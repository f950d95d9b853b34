// A 2025-era server's logs outside any request (on its standalone GET stream) reach the
// dual-era client's client-level onLog hook, against the OFFICIAL TypeScript SDK 1.x server.
import { McpClient } from '@tern/core-protocol';
import { StreamableHttpTransport } from '@tern/client-http';
import type { LoggingMessageNotificationParams } from '@tern/schema';
import { afterEach, describe, expect, it } from 'vitest';
import { DualEraTransport, InMemoryEraStore } from '../../../src/index.js';
import { startSdkV1Server } from '../helpers/sdk-v1-server.js';
import type { SdkV1Server } from '../helpers/sdk-v1-server.js';

let server: SdkV1Server | undefined;
let transport: DualEraTransport | undefined;
afterEach(async () => {
  await transport?.close();
  await server?.close();
  transport = undefined;
  server = undefined;
});

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

describe('DualEraTransport onLog', () => {
  it('receives notifications/message the official 1.x server sends on the GET stream', async () => {
    server = await startSdkV1Server();
    const logs: LoggingMessageNotificationParams[] = [];
    transport = new DualEraTransport({
      url: server.url,
      modern: (init) => new StreamableHttpTransport(init),
      eraStore: new InMemoryEraStore(),
      onLog: (message) => logs.push(message),
    });
    const client = new McpClient({ name: 'log-test', version: '1.0.0' }, { transport });
    await client.listTools();
    const [session] = [...server.sessions.values()];
    // Sent outside any request: the 1.x server puts it on the standalone stream. Until that
    // stream is up the server drops it, so send again (bounded) until one arrives.
    for (let attempt = 0; attempt < 60 && logs.length === 0; attempt += 1) {
      await session?.server.sendLoggingMessage({
        level: 'warning',
        logger: 'disk',
        data: 'almost full',
      });
      await sleep(50);
    }
    expect(logs[0]).toEqual({ level: 'warning', logger: 'disk', data: 'almost full' });
  });
});
