// A raw legacy (2025-era) client over fetch, an SSE reader, and a dual-era server on 127.0.0.1.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { McpServer } from '@tern/core-protocol';
import type { McpServerOptions } from '@tern/core-protocol';
import { createNodeHandler } from '@tern/server-http/adapters/node';
import type { LegacyLayerOptions } from '../../../src/server/legacy-layer-options.js';
import { createLegacyLayer } from '../../../src/server/legacy-layer.js';
import type { LegacyLayer } from '../../../src/server/legacy-layer.js';

export const ACCEPT_BOTH = 'application/json, text/event-stream';
const KEY = { id: 'test', secret: new Uint8Array(32).fill(7) };

/** A running dual-era server. */
export interface TestServer {
  readonly url: string;
  readonly mcp: McpServer;
  readonly layer: LegacyLayer;
  close(): Promise<void>;
}

/** Starts `createNodeHandler(server, { fallback: createLegacyLayer(server) })` on a free port. */
export async function startServer(
  register: (server: McpServer) => void,
  options: { legacy?: LegacyLayerOptions; server?: McpServerOptions } = {},
): Promise<TestServer> {
  const mcp = new McpServer(
    { name: 'legacy-test', version: '1.0.0' },
    { instructions: 'Test server.', requestState: { keys: [KEY] }, ...options.server },
  );
  register(mcp);
  const layer = createLegacyLayer(mcp, options.legacy);
  const handler = createNodeHandler(mcp, { fallback: layer });
  const http = createServer(handler);
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const { port } = http.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/mcp`,
    mcp,
    layer,
    close: async () => {
      layer.close();
      mcp.close();
      http.closeAllConnections();
      await new Promise<void>((resolve) => http.close(() => resolve()));
    },
  };
}

/** One parsed SSE event. */
export interface SseEvent {
  id?: string;
  retry?: number;
  data: string;
}

/** Reads SSE events from a response body, one at a time. */
export class SseReader {
  readonly #reader: ReadableStreamDefaultReader<string>;
  #buffer = '';
  #done = false;

  constructor(response: Response) {
    if (response.body === null) throw new TypeError('no body');
    this.#reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  }

  /** The next event, or `undefined` when the stream ended. Rejects after `timeoutMs`. */
  async next(timeoutMs = 3000): Promise<SseEvent | undefined> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const event = this.#take();
      if (event !== undefined) return event;
      if (this.#done) return undefined;
      const remaining = deadline - Date.now();
      if (remaining <= 0) throw new Error('timed out waiting for an SSE event');
      let timer: ReturnType<typeof setTimeout> | undefined;
      const chunk = await Promise.race([
        this.#reader.read(),
        new Promise<'timeout'>(
          (resolve) => (timer = setTimeout(() => resolve('timeout'), remaining)),
        ),
      ]);
      clearTimeout(timer);
      if (chunk === 'timeout') throw new Error('timed out waiting for an SSE event');
      if (chunk.done) this.#done = true;
      else this.#buffer += chunk.value;
    }
  }

  /** The next event that carries a JSON-RPC message, parsed (priming events are skipped). */
  async message(timeoutMs = 3000): Promise<Record<string, unknown> & { id?: string | number }> {
    for (;;) {
      const event = await this.next(timeoutMs);
      if (event === undefined) throw new Error('the stream ended');
      if (event.data !== '') return JSON.parse(event.data) as Record<string, unknown>;
    }
  }

  /** Every remaining event until the stream ends. */
  async rest(timeoutMs = 3000): Promise<SseEvent[]> {
    const events: SseEvent[] = [];
    for (
      let event = await this.next(timeoutMs);
      event !== undefined;
      event = await this.next(timeoutMs)
    ) {
      events.push(event);
    }
    return events;
  }

  async cancel(): Promise<void> {
    await this.#reader.cancel().catch(() => undefined);
  }

  #take(): SseEvent | undefined {
    for (;;) {
      const end = this.#buffer.indexOf('\n\n');
      if (end === -1) return undefined;
      const block = this.#buffer.slice(0, end);
      this.#buffer = this.#buffer.slice(end + 2);
      const event: SseEvent = { data: '' };
      let isEvent = false;
      const data: string[] = [];
      for (const line of block.split('\n')) {
        if (line.startsWith(':')) continue;
        const colon = line.indexOf(':');
        const field = colon === -1 ? line : line.slice(0, colon);
        const value = colon === -1 ? '' : line.slice(colon + 1).replace(/^ /, '');
        isEvent = true;
        if (field === 'data') data.push(value);
        else if (field === 'id') event.id = value;
        else if (field === 'retry') event.retry = Number(value);
      }
      if (!isEvent) continue;
      event.data = data.join('\n');
      return event;
    }
  }
}

/** A raw 2025-era client of one session. */
export class LegacyClient {
  readonly url: string;
  readonly protocolVersion: string;
  sessionId: string | undefined;
  #nextId = 1;

  constructor(url: string, protocolVersion = '2025-11-25') {
    this.url = url;
    this.protocolVersion = protocolVersion;
  }

  /** `initialize` then `notifications/initialized`; returns the InitializeResult. */
  async connect(
    capabilities: Record<string, unknown> = { elicitation: {}, sampling: {}, roots: {} },
  ): Promise<Record<string, unknown>> {
    const response = await fetch(this.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: ACCEPT_BOTH },
      body: JSON.stringify({
        jsonrpc: '2.0',
        id: 0,
        method: 'initialize',
        params: {
          protocolVersion: this.protocolVersion,
          capabilities,
          clientInfo: { name: 'raw-legacy', version: '1.0.0' },
        },
      }),
    });
    if (response.status !== 200)
      throw new Error(`initialize answered ${response.status}: ${await response.text()}`);
    this.sessionId = response.headers.get('mcp-session-id') ?? undefined;
    const body = (await response.json()) as { result: Record<string, unknown> };
    const initialized = await this.post({ jsonrpc: '2.0', method: 'notifications/initialized' });
    if (initialized.status !== 202) throw new Error(`initialized answered ${initialized.status}`);
    return body.result;
  }

  headers(extra: Record<string, string> = {}): Record<string, string> {
    return {
      'content-type': 'application/json',
      accept: ACCEPT_BOTH,
      ...(this.sessionId === undefined ? {} : { 'mcp-session-id': this.sessionId }),
      ...(this.protocolVersion === '2025-03-26'
        ? {}
        : { 'mcp-protocol-version': this.protocolVersion }),
      ...extra,
    };
  }

  /** POSTs one message (or a batch) as is. */
  post(body: unknown, extra: Record<string, string> = {}): Promise<Response> {
    return fetch(this.url, {
      method: 'POST',
      headers: this.headers(extra),
      body: JSON.stringify(body),
    });
  }

  /** POSTs a request with a fresh id; returns the id and the raw response. */
  async send(
    method: string,
    params?: Record<string, unknown>,
  ): Promise<{ id: number; response: Response }> {
    const id = this.#nextId++;
    const response = await this.post({
      jsonrpc: '2.0',
      id,
      method,
      ...(params === undefined ? {} : { params }),
    });
    return { id, response };
  }

  /** A request answered as plain JSON: the parsed JSON-RPC response. */
  async request(
    method: string,
    params?: Record<string, unknown>,
  ): Promise<Record<string, unknown>> {
    const { response } = await this.send(method, params);
    if (!(response.headers.get('content-type') ?? '').includes('application/json')) {
      throw new Error(`expected JSON, got ${response.headers.get('content-type')}`);
    }
    return (await response.json()) as Record<string, unknown>;
  }

  /** POSTs the client's answer to a server request. */
  answer(id: unknown, result: Record<string, unknown>): Promise<Response> {
    return this.post({ jsonrpc: '2.0', id, result });
  }

  /** Opens the GET stream (optionally resuming). */
  get(lastEventId?: string): Promise<Response> {
    return fetch(this.url, {
      method: 'GET',
      headers: {
        accept: 'text/event-stream',
        ...(this.sessionId === undefined ? {} : { 'mcp-session-id': this.sessionId }),
        ...(this.protocolVersion === '2025-03-26'
          ? {}
          : { 'mcp-protocol-version': this.protocolVersion }),
        ...(lastEventId === undefined ? {} : { 'last-event-id': lastEventId }),
      },
    });
  }

  delete(): Promise<Response> {
    return fetch(this.url, {
      method: 'DELETE',
      headers: this.sessionId === undefined ? {} : { 'mcp-session-id': this.sessionId },
    });
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
