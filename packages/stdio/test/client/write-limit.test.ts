// The client side of stdio backpressure: a server that does not read its stdin must not make the
// client buffer without bound. Past `maxWriteBufferBytes` new requests wait before they are
// written; they go out, in order, once the server reads again, and one aborted while waiting is
// never written at all.
import { describe, expect, it } from 'vitest';
import type { JsonRpcRequest } from '@tern/jsonrpc';
import { PeerConnection } from '../../src/client/peer-connection.js';
import { StdioClientTransport } from '../../src/index.js';
import { SdkError } from '@tern/core-protocol';

/** A "server" that reads nothing until SIGUSR2, then answers each request with the ids it has seen. */
const LAZY_SERVER = `
let seen = 0, rest = '';
process.on('SIGUSR2', () => process.stdin.on('data', (chunk) => {
  const lines = (rest + chunk).split('\\n'); rest = lines.pop();
  for (const line of lines) {
    const request = JSON.parse(line); seen += 1;
    process.stdout.write(JSON.stringify({ jsonrpc: '2.0', id: request.id, result: { seen } }) + '\\n');
  }
}));
process.stdout.write(JSON.stringify({ jsonrpc: '2.0', method: 'ready' }) + '\\n');
setInterval(() => {}, 1000);
`;

const LIMIT = 64 * 1024;

/** Starts the lazy server; `release` lets it read, once its signal handler is in place. */
function start(): { peer: PeerConnection; release: () => Promise<void> } {
  let ready: () => void = () => undefined;
  const isReady = new Promise<void>((resolve) => (ready = resolve));
  const peer = new PeerConnection(
    {
      command: process.execPath,
      args: ['-e', LAZY_SERVER],
      env: { PATH: process.env['PATH'] ?? '' },
      cwd: undefined,
      stderr: 'ignore',
      maxLineBytes: 1024 * 1024,
      maxWriteBufferBytes: LIMIT,
    },
    { request: () => undefined, notification: () => ready(), exit: () => undefined, warn: () => undefined },
  );
  return {
    peer,
    release: async () => {
      await isReady;
      process.kill(peer.process.pid ?? 0, 'SIGUSR2');
    },
  };
}

const request = (id: number): JsonRpcRequest => ({
  jsonrpc: '2.0',
  id,
  method: 'tools/call',
  params: { name: 'echo', arguments: { blob: 'x'.repeat(16 * 1024) } },
});

describe('a stdio server that stops reading its stdin', () => {
  it('makes requests wait past maxWriteBufferBytes, then sends them all in order', { timeout: 20_000 }, async () => {
    const { peer, release } = start();
    try {
      const calls = Array.from({ length: 200 }, (_, index) => peer.call(request(index + 1), new AbortController().signal));
      // 200 requests of 16 KiB are 3.2 MB: all but a buffer's worth must still be waiting.
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(peer.process.bufferedBytes).toBeGreaterThan(0);
      expect(peer.process.bufferedBytes).toBeLessThanOrEqual(LIMIT + 17 * 1024);
      await release();
      const answers = await Promise.all(calls);
      expect(answers.map((answer) => ('result' in answer ? answer.result['seen'] : undefined))).toEqual(
        Array.from({ length: 200 }, (_, index) => index + 1),
      );
    } finally {
      await peer.process.stop(1000);
    }
  });

  it('never writes a request aborted while it waits for room', { timeout: 20_000 }, async () => {
    const { peer, release } = start();
    try {
      const first = Array.from({ length: 50 }, (_, index) => peer.call(request(index + 1), new AbortController().signal));
      const dropping = new AbortController();
      const dropped = peer.call(request(1000), dropping.signal);
      dropping.abort(new Error('no longer needed'));
      await expect(dropped).rejects.toThrow();
      const last = peer.call(request(2000), new AbortController().signal);
      await release();
      await Promise.all(first);
      // The server saw the 50, then the last one: 51 requests, never the aborted one.
      expect(await last).toMatchObject({ id: 2000, result: { seen: 51 } });
    } finally {
      await peer.process.stop(1000);
    }
  });

  it('refuses a write limit or timeout that is not a positive integer with INVALID_USAGE', () => {
    for (const options of [{ maxWriteBufferBytes: 0 }, { maxLineBytes: -1 }, { probeTimeoutMs: 1.5 }, { restart: { maxRestarts: -1 } }]) {
      expect(() => new StdioClientTransport({ command: 'node', ...options })).toThrow(SdkError);
    }
  });
});
