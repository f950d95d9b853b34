// A 2025-03-26 session on serveStdio, written raw over real pipes: the oldest revision the server
// serves (spec/legacy.md §5.1). That revision has sampling and roots but no elicitation, so the
// same handlers ask the client real sampling/createMessage and roots/list requests on stdout, an
// eliciting tool gets no elicitation/create at all, and the log level is the session's
// (logging/setLevel).
import { describe, expect, it } from 'vitest';
import { useRawPeer } from '../helpers/raw-peer.js';
import type { WireMessage } from '../helpers/raw-peer.js';

describe('serveStdio serving a 2025-03-26 session', () => {
  const shared = useRawPeer();

  async function request(method: string, params: object): Promise<WireMessage> {
    const id = shared.nextId();
    shared.peer.send({ jsonrpc: '2.0', id, method, params });
    return shared.peer.next((line) => line.id === id && line.method === undefined);
  }

  it('negotiates 2025-03-26 with initialize', async () => {
    const opened = await request('initialize', {
      protocolVersion: '2025-03-26',
      capabilities: { sampling: {}, roots: {} },
      clientInfo: { name: 'old-host', version: '0.1.0' },
    });
    expect(opened.result).toMatchObject({
      protocolVersion: '2025-03-26',
      serverInfo: { name: 'tern-stdio-fixture', version: '1.0.0' },
      capabilities: { tools: { listChanged: true }, logging: {} },
    });
    shared.peer.send({ jsonrpc: '2.0', method: 'notifications/initialized' });
  });

  it('calls a tool, with a result of that revision (no resultType)', async () => {
    const called = await request('tools/call', { name: 'add', arguments: { a: 2, b: 3 } });
    expect(called.result).toEqual({ content: [{ type: 'text', text: '5' }] });
  });

  it('asks the client for sampling with a real request on stdout, answered on stdin', async () => {
    const id = shared.nextId();
    shared.peer.send({
      jsonrpc: '2.0',
      id,
      method: 'tools/call',
      params: { name: 'haiku', arguments: { topic: 'ponds' } },
    });
    const ask = await shared.peer.next((line) => line.method === 'sampling/createMessage');
    expect(ask.id).toBeDefined();
    expect(ask.params).toMatchObject({
      messages: [{ role: 'user', content: { type: 'text', text: 'A haiku about ponds' } }],
      maxTokens: 50,
    });
    shared.peer.send({
      jsonrpc: '2.0',
      id: ask.id,
      result: {
        model: 'old-model',
        role: 'assistant',
        content: { type: 'text', text: 'Old pond, frog jumps in' },
      },
    });
    const answered = await shared.peer.next((line) => line.id === id && line.method === undefined);
    expect(answered.result).toEqual({
      content: [{ type: 'text', text: 'Old pond, frog jumps in' }],
    });
  });

  it('asks for roots the same way', async () => {
    const id = shared.nextId();
    shared.peer.send({
      jsonrpc: '2.0',
      id,
      method: 'tools/call',
      params: { name: 'roots', arguments: {} },
    });
    const ask = await shared.peer.next((line) => line.method === 'roots/list');
    shared.peer.send({ jsonrpc: '2.0', id: ask.id, result: { roots: [{ uri: 'file:///old' }] } });
    const answered = await shared.peer.next((line) => line.id === id && line.method === undefined);
    expect(answered.result).toEqual({ content: [{ type: 'text', text: 'file:///old' }] });
  });

  it('sends no elicitation/create, which 2025-03-26 does not have, and says why', async () => {
    const before = shared.peer.lines.length;
    const refused = await request('tools/call', { name: 'book', arguments: { city: 'Porto' } });
    expect(refused.result).toEqual({
      content: [
        {
          type: 'text',
          text: 'This request needs form elicitation, which the client did not declare in its capabilities',
        },
      ],
      isError: true,
    });
    expect(
      shared.peer.lines
        .slice(before)
        .some((line) => typeof line !== 'string' && line.method === 'elicitation/create'),
    ).toBe(false);
  });

  it('sends log messages at the level the session set with logging/setLevel', async () => {
    expect((await request('logging/setLevel', { level: 'error' })).result).toEqual({});
    const before = shared.peer.lines.length;
    await request('tools/call', { name: 'log', arguments: {} });
    expect(shared.peer.lines.slice(before).some((line) => isLogMessage(line))).toBe(false);

    expect((await request('logging/setLevel', { level: 'info' })).result).toEqual({});
    await request('tools/call', { name: 'log', arguments: {} });
    const logged = await shared.peer.next((line) => isLogMessage(line));
    expect(logged.params).toMatchObject({ level: 'info', data: { note: 'from the handler' } });
  });

  it('wrote nothing but JSON-RPC messages to stdout (#260)', () => {
    shared.wroteOnlyJsonRpc();
  });
});

function isLogMessage(line: WireMessage | string): line is WireMessage {
  return typeof line !== 'string' && line.method === 'notifications/message';
}
