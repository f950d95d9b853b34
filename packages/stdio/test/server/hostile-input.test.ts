// Input a well-behaved client never sends, written raw to a serveStdio process over real pipes:
// each gets a clear JSON-RPC error on stdout (or a line on stderr) while the server keeps
// serving, or a clean, prompt exit. Nothing hangs: every wait is bounded.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RawPeer } from '../helpers/raw-peer.js';

describe('serveStdio under hostile input', () => {
  let peer: RawPeer;
  let nextId = 100;

  beforeAll(() => {
    peer = new RawPeer();
  });

  afterAll(() => {
    peer.kill();
  });

  async function stillServes(): Promise<void> {
    const id = (nextId += 1);
    const response = await peer.call(id, 'add', { a: 1, b: 1 });
    expect(response.result?.['content']).toEqual([{ type: 'text', text: '2' }]);
  }

  it('answers a 50 MB line with -32600 without buffering it, and keeps serving', async () => {
    const chunk = Buffer.alloc(1024 * 1024, 0x61);
    peer.write('{"jsonrpc":"2.0","id":1,"method":"tools/list","params":{"x":"');
    for (let index = 0; index < 50; index += 1) peer.write(chunk);
    peer.write('"}}\n');
    const error = await peer.next(
      (line) => line.error?.code === -32600 && line.id === null,
      20_000,
    );
    expect(error.error?.message).toBe('Message exceeds the limit of 8388608 bytes');
    await peer.stderr.waitFor('refused a message longer than 8388608 bytes');
    await stillServes();
  });

  it('answers invalid UTF-8 with -32700 (#258)', async () => {
    peer.write(Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x7d, 0x0a]));
    const error = await peer.next(
      (line) => line.error?.message === 'Parse error: message is not valid UTF-8',
    );
    expect(error).toMatchObject({ id: null, error: { code: -32700 } });
    await stillServes();
  });

  it('answers garbage with -32700 and a request without jsonrpc with -32600', async () => {
    peer.write('this is not json\n');
    await peer.next(
      (line) => line.error?.code === -32700 && line.error?.message.includes('not valid JSON'),
    );
    peer.write('{"id":7,"method":"tools/list"}\n');
    const invalid = await peer.next((line) => line.id === 7);
    expect(invalid.error?.code).toBe(-32600);
    await stillServes();
  });

  it('drops a response where a request belongs, saying so on stderr (#261)', async () => {
    const before = peer.lines.length;
    peer.send({ jsonrpc: '2.0', id: 'stray', result: {} });
    await stillServes();
    await peer.stderr.waitFor('ignored a JSON-RPC response (id "stray")');
    // Only the answer to the probe call came out: nothing answered the stray response.
    expect(peer.lines.slice(before)).toHaveLength(1);
  });

  it('refuses a request only a server may send with -32601 (#261)', async () => {
    peer.send({
      jsonrpc: '2.0',
      id: 8,
      method: 'sampling/createMessage',
      params: {
        _meta: {
          'io.modelcontextprotocol/protocolVersion': '2026-07-28',
          'io.modelcontextprotocol/clientCapabilities': {},
        },
        messages: [],
        maxTokens: 1,
      },
    });
    const refused = await peer.next((line) => line.id === 8);
    expect(refused.error?.code).toBe(-32601);
    await stillServes();
  });

  it('writes nothing but JSON-RPC messages to stdout (#260)', () => {
    for (const line of peer.lines) {
      expect(typeof line).toBe('object');
      expect(line).toMatchObject({ jsonrpc: '2.0' });
    }
  });
});

describe('serveStdio shutdown (#264)', () => {
  it('exits cleanly on an EOF in the middle of a message, answering the torn message', async () => {
    const peer = new RawPeer();
    try {
      await peer.call(1, 'add', { a: 1, b: 2 });
      peer.write('{"jsonrpc":"2.0","id":2,"method":"tools/li');
      peer.child.stdin.end();
      expect(await peer.exited).toBe(0);
      expect(peer.lines.at(-1)).toMatchObject({
        id: null,
        error: { code: -32700, message: 'Parse error: the input ended in the middle of a message' },
      });
      expect(peer.stderr.text).toContain('stdin ended in the middle of a message');
    } finally {
      peer.kill();
    }
  });

  it('on stdin EOF lets a quick request answer, then exits', async () => {
    const peer = new RawPeer();
    try {
      await peer.call(1, 'add', { a: 1, b: 2 });
      peer.send({
        jsonrpc: '2.0',
        id: 2,
        method: 'tools/call',
        params: {
          name: 'count',
          arguments: { to: 2 },
          _meta: {
            'io.modelcontextprotocol/protocolVersion': '2026-07-28',
            'io.modelcontextprotocol/clientCapabilities': {},
          },
        },
      });
      peer.child.stdin.end();
      expect(await peer.exited).toBe(0);
      expect(peer.lines.at(-1)).toMatchObject({
        id: 2,
        result: { content: [{ type: 'text', text: 'counted to 2' }] },
      });
    } finally {
      peer.kill();
    }
  });

  it('on SIGTERM aborts a running handler after the grace period and exits', async () => {
    const peer = new RawPeer();
    try {
      await peer.call(1, 'add', { a: 1, b: 2 });
      peer.send({
        jsonrpc: '2.0',
        id: 2,
        method: 'tools/call',
        params: {
          name: 'wait',
          arguments: {},
          _meta: {
            'io.modelcontextprotocol/protocolVersion': '2026-07-28',
            'io.modelcontextprotocol/clientCapabilities': {},
          },
        },
      });
      await peer.stderr.waitFor('wait: started');
      peer.child.kill('SIGTERM');
      expect(await peer.exited).toBe(0);
      expect(peer.stderr.text).toContain('wait: aborted (Received SIGTERM)');
      // Aborted by the shutdown: no response for it.
      expect(peer.lines.some((line) => typeof line !== 'string' && line.id === 2)).toBe(false);
    } finally {
      peer.kill();
    }
  });
});
