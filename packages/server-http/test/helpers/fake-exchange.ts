// An in-memory HttpExchange + HttpResponseSink, for tests of the transport logic without sockets
// (for inputs no HTTP parser lets through, such as control characters in a header).
import type {
  BodyReadResult,
  HttpExchange,
  HttpHeaders,
  HttpResponseSink,
  HttpStreamWriter,
} from '../../src/index.js';
import { mcpHeaders, rpc } from './http-client.js';

/** What the fake sink received. */
export interface FakeAnswer {
  status: number;
  headers: HttpHeaders;
  body: string;
  streamed: boolean;
  closed: boolean;
  aborted: boolean;
}

/** A request in memory; its answer is collected in {@link answer}. */
export class FakeExchange implements HttpExchange, HttpResponseSink {
  readonly method: string;
  readonly path = '/mcp';
  readonly headers: Record<string, string>;
  readonly controller = new AbortController();
  readonly body: BodyReadResult;
  answer: FakeAnswer | undefined;
  /** What `write` returns (false = the reader applies backpressure). */
  writable = true;
  drain: (() => void) | undefined;
  bodyReads = 0;

  constructor(
    init: {
      method?: string;
      headers?: Record<string, string | undefined>;
      body?: string | BodyReadResult;
    } = {},
  ) {
    this.method = init.method ?? 'POST';
    this.headers = {};
    for (const [key, value] of Object.entries(init.headers ?? {}))
      if (value !== undefined) this.headers[key.toLowerCase()] = value;
    const body = init.body ?? '';
    this.body =
      typeof body === 'string' ? { type: 'raw', data: new TextEncoder().encode(body) } : body;
  }

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  header(name: string): string | undefined {
    return this.headers[name];
  }

  readBody(): Promise<BodyReadResult> {
    this.bodyReads += 1;
    return Promise.resolve(this.body);
  }

  sendJson(status: number, headers: HttpHeaders, body: string): void {
    this.answer ??= { status, headers, body, streamed: false, closed: true, aborted: false };
  }

  startStream(status: number, headers: HttpHeaders): HttpStreamWriter {
    const answer: FakeAnswer = {
      status,
      headers,
      body: '',
      streamed: true,
      closed: false,
      aborted: false,
    };
    this.answer ??= answer;
    return {
      write: (chunk) => {
        answer.body += chunk;
        return this.writable;
      },
      onDrain: (listener) => {
        this.drain = listener;
      },
      close: () => {
        answer.closed = true;
      },
      abort: () => {
        answer.aborted = true;
        this.controller.abort();
      },
    };
  }

  /** The JSON body of the answer. */
  json(): Record<string, unknown> {
    return JSON.parse(this.answer?.body ?? '') as Record<string, unknown>;
  }
}

/** A valid POST of `method` as a fake exchange, with header overrides. */
export function fakePost(
  method: string,
  params: Record<string, unknown> = {},
  headers: Record<string, string | undefined> = {},
): FakeExchange {
  const name = typeof params['name'] === 'string' ? params['name'] : undefined;
  return new FakeExchange({
    headers: { host: 'localhost', ...mcpHeaders(method, name), ...headers },
    body: JSON.stringify(rpc(1, method, params)),
  });
}
