// Backpressure of serveStdio, in process so the buffers can be measured exactly: a stdout that
// takes nothing until the test lets it (a host that stopped reading), and a stdin whose unread
// bytes stay visible. The server must stop reading stdin, keep what waits for stdout within
// maxWriteBufferBytes plus the output of the requests already running, and lose nothing once the
// reader is back. Waits are bounded polls, never fixed sleeps.
import { PassThrough } from 'node:stream';
import { McpServer, SdkError } from '@tern/core-protocol';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { DEFAULT_STDIO_LIMITS, serveStdio } from '../../src/index.js';
import { HeldStdout } from '../helpers/held-stdout.js';
import { MODERN_META, RawPeer } from '../helpers/raw-peer.js';

function echoServer(): { server: McpServer; peakRunning: () => number } {
  const server = new McpServer(
    { name: 'echo', version: '1.0.0' },
    { requestState: { keys: [{ id: 'test', secret: new Uint8Array(32).fill(3) }] } },
  );
  let running = 0;
  let peak = 0;
  server.registerTool('echo', { inputSchema: z.object({ text: z.string() }) }, async ({ text }) => {
    running += 1;
    peak = Math.max(peak, running);
    await new Promise((resolve) => setImmediate(resolve));
    running -= 1;
    return text;
  });
  return { server, peakRunning: () => peak };
}

/** An echo server on in-process streams; stdout holds everything until released. */
function serveEcho(options: { maxWriteBufferBytes?: number; maxConcurrentRequests: number }) {
  const echo = echoServer();
  const stdin = new PassThrough();
  const stdout = new HeldStdout();
  const handle = serveStdio(echo.server, { stdin, stdout, stderr: new PassThrough(), ...options });
  return { ...echo, stdin, stdout, handle };
}

function echoRequest(id: number, text: string): string {
  return `${JSON.stringify({
    jsonrpc: '2.0',
    id,
    method: 'tools/call',
    params: { name: 'echo', arguments: { text }, _meta: MODERN_META },
  })}\n`;
}

interface EchoResponse {
  id: unknown;
  result?: { content?: { text?: unknown }[] };
}

function textOfMessage(message: EchoResponse): { id: unknown; text: unknown } {
  return { id: message.id, text: message.result?.content?.[0]?.text };
}

function textOf(line: string): { id: unknown; text: unknown } {
  return textOfMessage(JSON.parse(line) as EchoResponse);
}

describe('serveStdio backpressure', () => {
  it('has a default write buffer limit of 1 MiB and refuses a limit that is not a positive integer', () => {
    expect(DEFAULT_STDIO_LIMITS.maxWriteBufferBytes).toBe(1024 * 1024);
    const { server } = echoServer();
    for (const bad of [0, -1, 1.5, Number.NaN]) {
      expect(() =>
        serveStdio(server, {
          stdin: new PassThrough(),
          stdout: new PassThrough(),
          stderr: new PassThrough(),
          maxWriteBufferBytes: bad,
        }),
      ).toThrow(SdkError);
    }
  });

  it('stops reading stdin while stdout is backed up, stays within its buffer limit, and loses nothing', async () => {
    const limit = 32 * 1024;
    const concurrency = 4;
    const { stdin, stdout, handle } = serveEcho({
      maxWriteBufferBytes: limit,
      maxConcurrentRequests: concurrency,
    });
    const count = 100;
    const text = (id: number): string => `${String(id).padStart(4, '0')}${'x'.repeat(8 * 1024)}`;
    for (let id = 1; id <= count; id += 1) stdin.write(echoRequest(id, text(id)));

    // The host reads nothing: the server fills stdout past the limit, then stops reading.
    await expect.poll(() => stdout.writableLength, { timeout: 5000 }).toBeGreaterThan(limit);
    expect(stdin.isPaused()).toBe(true);
    // Bytes the server left unread, on either side of the PassThrough.
    const unread = stdin.readableLength + stdin.writableLength;
    expect(unread).toBeGreaterThan((count / 2) * 8 * 1024);
    expect(stdout.lines).toEqual([]);

    // The reader is back: every response arrives, in the order the requests were sent.
    stdout.release();
    await expect.poll(() => stdout.lines.length, { timeout: 10_000 }).toBe(count);
    expect(stdout.lines.map(textOf)).toEqual(
      Array.from({ length: count }, (_, index) => ({ id: index + 1, text: text(index + 1) })),
    );
    // Never more waited for stdout than the limit plus what the running requests wrote.
    const response = Buffer.byteLength(stdout.lines[0] ?? '') + 1;
    expect(stdout.peakBuffered).toBeGreaterThan(limit);
    expect(stdout.peakBuffered).toBeLessThanOrEqual(limit + concurrency * response);
    stdin.end();
    await handle.closed;
  });

  it('holds the rest of a chunk at maxConcurrentRequests: many requests in one write never run all at once', async () => {
    const { stdin, stdout, handle, peakRunning } = serveEcho({ maxConcurrentRequests: 3 });
    stdout.release();
    const count = 50;
    let chunk = '';
    for (let id = 1; id <= count; id += 1) chunk += echoRequest(id, `t${String(id)}`);
    stdin.write(chunk);
    await expect.poll(() => stdout.lines.length, { timeout: 5000 }).toBe(count);
    expect(peakRunning()).toBeLessThanOrEqual(3);
    expect(stdout.lines.map((line) => textOf(line).id)).toEqual(
      Array.from({ length: count }, (_, index) => index + 1),
    );
    stdin.end();
    await handle.closed;
  });

  it('reads again when the backed-up stdout fails (EPIPE), so it still sees EOF and closes', async () => {
    const { stdin, stdout, handle } = serveEcho({
      maxWriteBufferBytes: 1024,
      maxConcurrentRequests: 4,
    });
    stdout.on('error', () => undefined);
    for (let id = 1; id <= 20; id += 1) stdin.write(echoRequest(id, 'z'.repeat(2048)));
    await expect.poll(() => stdin.isPaused(), { timeout: 5000 }).toBe(true);
    await expect.poll(() => stdout.writableLength, { timeout: 5000 }).toBeGreaterThan(1024);
    stdout.destroy(Object.assign(new Error('write EPIPE'), { code: 'EPIPE' }));
    stdin.end();
    await handle.closed;
    expect(stdin.readableEnded).toBe(true);
  });

  it('still answers a message cut off by EOF when the end came while lines waited in the backlog', async () => {
    const { stdin, stdout, handle } = serveEcho({ maxConcurrentRequests: 1 });
    stdout.release();
    stdin.end(`${echoRequest(1, 'a')}${echoRequest(2, 'b')}{"jsonrpc":"2.0","id":3,"meth`);
    await handle.closed;
    const messages = stdout.lines.map((line) => JSON.parse(line) as { id: unknown });
    expect(messages).toHaveLength(3);
    expect(messages.filter((message) => message.id !== null).map(textOfMessage)).toEqual([
      { id: 1, text: 'a' },
      { id: 2, text: 'b' },
    ]);
    expect(messages.find((message) => message.id === null)).toMatchObject({
      error: { code: -32700, message: 'Parse error: the input ended in the middle of a message' },
    });
  });
});

describe('serveStdio backpressure over real pipes', () => {
  it('holds stdin while the host does not read stdout, then delivers every response in order', async () => {
    const peer = new RawPeer();
    try {
      await peer.call(1, 'add', { a: 1, b: 1 });
      // The host stops reading the server's stdout and keeps writing requests: 6 MB of them,
      // far more than the pipes, the default 1 MiB write buffer and 64 running requests hold.
      peer.child.stdout.pause();
      const count = 384;
      const text = (id: number): string => `${String(id).padStart(4, '0')}${'y'.repeat(16 * 1024)}`;
      for (let id = 2; id < count + 2; id += 1) peer.write(echoRequest(id, text(id)));
      const stdout = peer.child.stdout;
      await expect
        .poll(() => stdout.readableLength, { timeout: 10_000 })
        .toBeGreaterThanOrEqual(stdout.readableHighWaterMark);
      // The server stopped reading: most of what the host wrote is still on the host's side.
      expect(peer.child.stdin.writableLength).toBeGreaterThan(2 * 1024 * 1024);

      stdout.resume();
      await peer.next((line) => line.id === count + 1, 20_000);
      const answers = peer.lines
        .slice(1)
        .map((line) =>
          typeof line === 'string'
            ? { id: line, text: undefined }
            : textOfMessage(line as EchoResponse),
        );
      expect(answers).toEqual(
        Array.from({ length: count }, (_, index) => ({ id: index + 2, text: text(index + 2) })),
      );
      peer.child.stdin.end();
      expect(await peer.exited).toBe(0);
      expect(peer.stderr.text).not.toContain('[tern-stdio]');
    } finally {
      peer.kill();
    }
  }, 30_000);
});
