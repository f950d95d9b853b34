// The fetch-style handler called directly with web Request objects, as Deno, Bun or Workers do.
import { describe, expect, it } from 'vitest';
import { createFetchHandler } from '../src/index.js';
import type { McpHttpOptions } from '../src/index.js';
import { createFixture } from './helpers/fixture-server.js';
import { mcpHeaders, meta, rpc, toolCall, withMeta, waitFor } from './helpers/http-client.js';

function setup(options: McpHttpOptions = {}) {
  const fixture = createFixture();
  return { fixture, handler: createFetchHandler(fixture.server, options) };
}

interface PostOptions {
  init?: RequestInit;
  url?: string;
}

function post(
  body: BodyInit | null,
  headers: Record<string, string>,
  options: PostOptions = {},
): Request {
  const streaming = body instanceof ReadableStream ? { duplex: 'half' } : {};
  return new Request(options.url ?? 'http://localhost:3000/mcp', {
    method: 'POST',
    headers,
    body,
    ...streaming,
    ...options.init,
  });
}

const call = (id: number, tool: string, args: Record<string, unknown> = {}): Request => {
  const raw = toolCall(id, tool, args);
  return post(raw.body as string, raw.headers as Record<string, string>);
};
const progressCall = (id: number, args: Record<string, unknown>): Request => {
  const raw = withMeta(toolCall(id, 'progress', args), { progressToken: 't' });
  return post(raw.body as string, raw.headers as Record<string, string>);
};

describe('createFetchHandler', () => {
  it('answers a request with a JSON Response (#108)', async () => {
    const { handler } = setup();
    const response = await handler(call(1, 'echo', { text: 'hi' }));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/json');
    expect(await response.json()).toMatchObject({ id: 1, result: { content: [{ text: 'hi' }] } });
  });

  it('takes the host from the URL when the runtime keeps it out of the headers (A1)', async () => {
    const { handler } = setup();
    const body = JSON.stringify(rpc(1, 'tools/list'));
    expect((await handler(post(body, mcpHeaders('tools/list')))).status).toBe(200);
    expect(
      (await handler(post(body, mcpHeaders('tools/list'), { url: 'http://evil.example.com/mcp' })))
        .status,
    ).toBe(403);
  });

  it('streams SSE through a ReadableStream and ends it with the response (#111)', async () => {
    const { handler } = setup();
    const response = await handler(progressCall(2, { steps: 2 }));
    expect(response.headers.get('content-type')).toBe('text/event-stream');
    expect(response.headers.get('x-accel-buffering')).toBe('no');
    const text = await response.text();
    expect(text.match(/^data: /gm)).toHaveLength(3);
    expect(text.trim().endsWith('}')).toBe(true);
  });

  it('cancels the request when the client cancels the SSE body (#114)', async () => {
    const { fixture, handler } = setup();
    const response = await handler(progressCall(3, { steps: 1, waitMs: 5000 }));
    const reader = response.body!.getReader();
    await reader.read();
    await reader.cancel();
    await waitFor(() => fixture.record.aborted.includes(3));
  });

  it('cancels the request when the Request signal aborts (#86)', async () => {
    const { fixture, handler } = setup();
    const controller = new AbortController();
    const raw = toolCall(4, 'slow', { waitMs: 5000 });
    const pending = handler(
      post(raw.body as string, raw.headers as Record<string, string>, {
        init: { signal: controller.signal },
      }),
    );
    await waitFor(() => fixture.record.started.includes(4));
    controller.abort();
    await waitFor(() => fixture.record.aborted.includes(4));
    expect((await pending).status).toBe(400);
  });

  it('cuts a streamed body off at the limit and cancels the rest (B1)', async () => {
    const { handler } = setup({ maxBodyBytes: 1024 });
    let pulled = 0;
    let cancelled = false;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled += 1;
        controller.enqueue(new Uint8Array(512).fill(32));
      },
      cancel() {
        cancelled = true;
      },
    });
    const response = await handler(post(body, mcpHeaders('tools/list')));
    expect(response.status).toBe(413);
    expect(await response.json()).toMatchObject({ id: null, error: { code: -32600 } });
    expect(cancelled).toBe(true);
    expect(pulled).toBeLessThan(10);
  });

  it('answers a POST without a body with -32700', async () => {
    const { handler } = setup();
    const response = await handler(post(null, mcpHeaders('tools/list')));
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: { code: -32700 } });
  });

  it('drops an SSE body nobody reads once the queue bound is passed, and unsubscribes (F6)', async () => {
    const { fixture, handler } = setup({ maxQueuedEvents: 4 });
    const response = await handler(
      post(
        JSON.stringify(
          rpc(5, 'subscriptions/listen', {
            notifications: { resourceSubscriptions: ['file:///'] },
            _meta: meta(),
          }),
        ),
        mcpHeaders('subscriptions/listen'),
      ),
    );
    expect(response.status).toBe(200);
    expect(fixture.bus.subscribers).toBe(1);
    for (let index = 0; index < 64 && fixture.bus.subscribers > 0; index += 1) {
      fixture.server.notifyResourceUpdated(`file:///${'y'.repeat(8192)}`);
    }
    expect(fixture.bus.subscribers).toBe(0);
    await expect(response.text()).rejects.toThrow();
  });
});
