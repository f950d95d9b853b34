// A `fetch` that records every exchange it carries, so a test can assert what actually went over
// the wire between two SDKs without opening either of them up.

/** One HTTP exchange as seen by the client. */
export interface Exchange {
  readonly method: string;
  readonly headers: Headers;
  /** The request body parsed as JSON (`undefined` without a body). */
  readonly body: unknown;
  readonly status: number;
  readonly contentType: string | null;
  /** The whole response body as text; resolves when the response stream has ended. */
  readonly responseText: Promise<string>;
}

/** A recording `fetch` and the exchanges it has seen. */
export interface RecordingFetch {
  readonly fetch: typeof fetch;
  readonly exchanges: Exchange[];
}

/** Wraps the global `fetch`; the response handed back to the caller is left untouched. */
export function createRecordingFetch(): RecordingFetch {
  const exchanges: Exchange[] = [];
  const recording: typeof fetch = async (input, init) => {
    const request = new Request(input, init);
    const text = request.body === null ? '' : await request.clone().text();
    const response = await fetch(request);
    exchanges.push({
      method: request.method,
      headers: request.headers,
      body: text === '' ? undefined : JSON.parse(text),
      status: response.status,
      contentType: response.headers.get('content-type'),
      // A clone tees the body: the caller's copy streams as before.
      responseText: response
        .clone()
        .text()
        .catch(() => ''),
    });
    return response;
  };
  return { fetch: recording, exchanges };
}

/** The JSON-RPC messages of a response body, whether it was sent as JSON or as SSE. */
export function messagesOf(contentType: string | null, text: string): Record<string, unknown>[] {
  if (text === '') return [];
  if (contentType?.startsWith('text/event-stream') === true) {
    // Events are separated by blank lines; the data lines of one event join with newlines.
    return text
      .split(/\r?\n\r?\n/)
      .map((event) =>
        event
          .split(/\r?\n/)
          .filter((line) => line.startsWith('data:'))
          .map((line) => line.slice(line.startsWith('data: ') ? 6 : 5))
          .join('\n'),
      )
      .filter((data) => data !== '')
      .map((data) => JSON.parse(data) as Record<string, unknown>);
  }
  return [JSON.parse(text) as Record<string, unknown>];
}

/** The exchanges whose `Mcp-Method` header names `method`, in order. */
export function callsOf(wire: RecordingFetch, method: string): Exchange[] {
  return wire.exchanges.filter((exchange) => exchange.headers.get('mcp-method') === method);
}

/** The `params` of a recorded JSON-RPC request. */
export function paramsOf(exchange: Exchange | undefined): Record<string, unknown> {
  return (exchange?.body as { params: Record<string, unknown> }).params;
}

/** The last JSON-RPC message (the response) of a recorded exchange. */
export async function responseOf(exchange: Exchange | undefined): Promise<Record<string, unknown>> {
  if (exchange === undefined) throw new Error('no such exchange was recorded');
  const last = messagesOf(exchange.contentType, await exchange.responseText).at(-1);
  if (last === undefined) throw new Error('the exchange carried no JSON-RPC message');
  return last;
}
