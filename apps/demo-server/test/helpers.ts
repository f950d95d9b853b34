import { randomBytes } from 'node:crypto';
import { McpClient } from '@tern/core-protocol';
import type { InputHandlers, McpServer } from '@tern/core-protocol';
import { InMemoryTransport } from '@tern/core-protocol/testing';
import { createTravelDeskServer } from '../src/create-travel-desk-server.js';
import { TravelDesk } from '../src/desk/travel-desk.js';

/** A travel desk server in memory, with a client that answers through `handlers`. */
export function createDesk(handlers: InputHandlers = {}): {
  desk: TravelDesk;
  server: McpServer;
  client: McpClient;
} {
  const desk = new TravelDesk();
  const server = createTravelDeskServer({
    desk,
    stateKeys: [{ id: 'test', secret: randomBytes(32) }],
    siteUrl: () => 'http://127.0.0.1:3030',
    searchStepMs: 1,
    reportStepMs: 1,
  });
  const client = new McpClient(
    { name: 'test', version: '1.0.0' },
    { transport: new InMemoryTransport(server), handlers },
  );
  return { desk, server, client };
}

/** The text of a tool result. */
export function textOf(result: { content: { type: string; text?: string }[] }): string {
  return result.content.map((block) => block.text ?? '').join('\n');
}
