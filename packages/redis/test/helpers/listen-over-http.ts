// A subscriptions/listen stream over HTTP, read message by message (for the scale-out tests).
import { mcpHeaders } from './tern-instance.js';

const META = {
  'io.modelcontextprotocol/protocolVersion': '2026-07-28',
  'io.modelcontextprotocol/clientCapabilities': {},
};

/** One message of the stream, loosely typed for assertions. */
export interface StreamMessage {
  method?: string;
  params?: { _meta?: Record<string, unknown> };
}

/** An open listen stream: the messages so far, and how to drop it. */
export interface HttpListen {
  messages: StreamMessage[];
  drop(): void;
}

/** Opens a listen stream on `port`, with `extraMeta` in its `_meta`, and waits for its first message. */
export async function openListen(port: number, id: number, extraMeta: Record<string, unknown> = {}): Promise<HttpListen> {
  const controller = new AbortController();
  const response = await fetch(`http://127.0.0.1:${String(port)}/`, {
    method: 'POST',
    headers: mcpHeaders('subscriptions/listen'),
    body: JSON.stringify({
      jsonrpc: '2.0',
      id,
      method: 'subscriptions/listen',
      params: { _meta: { ...META, ...extraMeta }, notifications: { toolsListChanged: true } },
    }),
    signal: controller.signal,
  });
  const messages: StreamMessage[] = [];
  const reader = response.body?.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  void (async () => {
    try {
      for (;;) {
        const chunk = await reader?.read();
        if (chunk === undefined || chunk.done) return;
        buffer += chunk.value;
        let end;
        while ((end = buffer.indexOf('\n\n')) !== -1) {
          const data = /^data: (.*)$/m.exec(buffer.slice(0, end))?.[1];
          buffer = buffer.slice(end + 2);
          if (data !== undefined) messages.push(JSON.parse(data) as StreamMessage);
        }
      }
    } catch {
      // Dropped on purpose.
    }
  })();
  const deadline = Date.now() + 10_000;
  while (messages.length === 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
  return { messages, drop: () => controller.abort() };
}
