// The official SDK 1.x stdio client (@modelcontextprotocol/sdk 1.32.2, 2025-11-25, stateful)
// against a Tern McpServer served with serveStdio, over real pipes: the process opens with
// initialize, so it serves one legacy session, and the same handlers that use MRTR for a
// 2026-07-28 client send real elicitation, sampling and roots requests here.
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import {
  CreateMessageRequestSchema,
  ElicitRequestSchema,
  ListRootsRequestSchema,
  LoggingMessageNotificationSchema,
  ToolListChangedNotificationSchema,
} from '@modelcontextprotocol/sdk/types.js';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { fixtureCommand, StderrLog } from '../helpers/spawn-fixture.js';

describe('official SDK 1.32.2 stdio client → serveStdio (legacy session)', () => {
  let client: Client;
  let transport: StdioClientTransport;
  let stderr: StderrLog;
  const elicited: string[] = [];

  beforeEach(() => {
    elicited.length = 0;
  });

  beforeAll(async () => {
    transport = new StdioClientTransport({ ...fixtureCommand('tern-server'), stderr: 'pipe' });
    stderr = new StderrLog(transport.stderr);
    client = new Client(
      { name: 'official-v1', version: '1.0.0' },
      { capabilities: { elicitation: {}, sampling: {}, roots: {} } },
    );
    client.setRequestHandler(ElicitRequestSchema, (request) => {
      const message = request.params.message;
      elicited.push(message);
      return message.startsWith('How many nights')
        ? { action: 'accept', content: { nights: 3 } }
        : { action: 'accept', content: { confirm: true } };
    });
    client.setRequestHandler(CreateMessageRequestSchema, () => ({
      model: 'test-model',
      role: 'assistant',
      content: { type: 'text', text: 'Old pond, frog jumps in' },
    }));
    client.setRequestHandler(ListRootsRequestSchema, () => ({
      roots: [{ uri: 'file:///work/a' }, { uri: 'file:///work/b' }],
    }));
    await client.connect(transport);
  });

  afterAll(async () => {
    await client.close();
  });

  it('negotiates 2025-11-25 with initialize and sees the server identity', () => {
    expect(client.getServerVersion()).toEqual({ name: 'tern-stdio-fixture', version: '1.0.0' });
    expect(client.getServerCapabilities()).toMatchObject({
      tools: { listChanged: true },
      logging: {},
    });
  });

  it('lists and calls tools (requirements.md #258, #260: every stdout line parsed as a message)', async () => {
    const { tools } = await client.listTools();
    expect(tools.map((tool) => tool.name)).toContain('add');
    const result = await client.callTool({ name: 'add', arguments: { a: 2, b: 40 } });
    expect(result.content).toEqual([{ type: 'text', text: '42' }]);
  });

  it('answers a two-round elicitation as real server-to-client requests', async () => {
    const result = await client.callTool({ name: 'book', arguments: { city: 'Lisbon' } });
    expect(result.content).toEqual([{ type: 'text', text: 'Booked 3 nights in Lisbon.' }]);
    expect(elicited).toEqual(['How many nights in Lisbon?', 'Book 3 nights in Lisbon?']);
  });

  it('answers sampling and roots requests', async () => {
    const haiku = await client.callTool({ name: 'haiku', arguments: { topic: 'ponds' } });
    expect(haiku.content).toEqual([{ type: 'text', text: 'Old pond, frog jumps in' }]);
    const roots = await client.callTool({ name: 'roots', arguments: {} });
    expect(roots.content).toEqual([{ type: 'text', text: 'file:///work/a,file:///work/b' }]);
  });

  it('reads a resource and gets a prompt', async () => {
    const read = await client.readResource({ uri: 'tern://notes/welcome' });
    expect(read.contents).toEqual([
      { uri: 'tern://notes/welcome', mimeType: 'text/plain', text: 'Welcome to the desk.' },
    ]);
    const prompt = await client.getPrompt({ name: 'greet', arguments: { name: 'Ada' } });
    expect(prompt.messages).toEqual([
      { role: 'user', content: { type: 'text', text: 'Say hello to Ada.' } },
    ]);
  });

  it('receives progress before the result', async () => {
    const progress: number[] = [];
    const result = await client.callTool({ name: 'count', arguments: { to: 3 } }, undefined, {
      onprogress: (update) => progress.push(update.progress),
    });
    expect(result.content).toEqual([{ type: 'text', text: 'counted to 3' }]);
    expect(progress).toEqual([1, 2, 3]);
  });

  it('cancels the handler with notifications/cancelled (#263)', async () => {
    const controller = new AbortController();
    const call = client.callTool({ name: 'wait', arguments: {} }, undefined, {
      signal: controller.signal,
    });
    await stderr.waitFor('wait: started');
    controller.abort('user gave up');
    await expect(call).rejects.toThrow();
    await stderr.waitFor('wait: aborted');
  });

  it('gets tools/list_changed from the change bus, and log messages at the level it set', async () => {
    const changed = new Promise<void>((resolve) => {
      client.setNotificationHandler(ToolListChangedNotificationSchema, () => resolve());
    });
    const logs: unknown[] = [];
    client.setNotificationHandler(LoggingMessageNotificationSchema, (notification) => {
      logs.push(notification.params.data);
    });
    await client.callTool({ name: 'grow', arguments: {} });
    await changed;
    const { tools } = await client.listTools();
    expect(tools.map((tool) => tool.name)).toContain('extra_1');

    await client.setLoggingLevel('info');
    const logged = await client.callTool({ name: 'log', arguments: {} });
    expect(logged.content).toEqual([{ type: 'text', text: 'logged' }]);
    expect(logs).toEqual([{ note: 'from the handler' }]);
    // The handler's console.log went to stderr; stdout stayed clean, or the client would have failed.
    await stderr.waitFor('a stray console.log goes to stderr');
  });
});
