// The OFFICIAL MCP TypeScript SDK 1.x (a 2025-11-25 server) with stateful Streamable HTTP sessions
// on node:http at 127.0.0.1, wired as its README and docs/server.md describe: one
// StreamableHTTPServerTransport per session, created for `initialize`, found by Mcp-Session-Id.
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import type { EventStore } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import {
  EmptyResultSchema,
  isInitializeRequest,
  SubscribeRequestSchema,
  UnsubscribeRequestSchema,
} from '@modelcontextprotocol/sdk/types.js';
import type { JSONRPCMessage } from '@modelcontextprotocol/sdk/types.js';
import { z } from 'zod';

/** One HTTP request the server received. */
export interface SeenRequest {
  httpMethod: string;
  /** The JSON-RPC method of a POST body (`(response)` for a JSON-RPC response). */
  rpcMethod: string | undefined;
  headers: IncomingHttpHeaders;
  body: unknown;
}

/** A running 1.x server. */
export interface SdkV1Server {
  url: string;
  requests: SeenRequest[];
  /** Live sessions by id. */
  sessions: Map<string, { transport: StreamableHTTPServerTransport; server: McpServer }>;
  /** URIs currently subscribed with resources/subscribe, over all sessions. */
  subscriptions: Set<string>;
  /** Forgets every session (the next request with an old id gets 404). */
  dropSessions(): void;
  close(): Promise<void>;
}

/** A minimal in-memory EventStore, so that the server primes its streams and supports resumption. */
function createEventStore(): EventStore {
  const events: { id: string; streamId: string; message: JSONRPCMessage }[] = [];
  return {
    storeEvent(streamId, message) {
      const id = `${streamId}_${events.length}`;
      events.push({ id, streamId, message });
      return Promise.resolve(id);
    },
    getStreamIdForEventId(eventId) {
      return Promise.resolve(events.find((event) => event.id === eventId)?.streamId);
    },
    async replayEventsAfter(lastEventId, { send }) {
      const index = events.findIndex((event) => event.id === lastEventId);
      const streamId = events[index]?.streamId ?? '';
      for (const event of events.slice(index + 1)) {
        if (event.streamId === streamId) await send(event.id, event.message);
      }
      return streamId;
    },
  };
}

function text(value: string): { content: { type: 'text'; text: string }[] } {
  return { content: [{ type: 'text', text: value }] };
}

/** The server of one session: tools that ask the client for input, report progress, log. */
function createMcpServer(subscriptions: Set<string>): McpServer {
  const server = new McpServer(
    { name: 'sdk-v1-fixture', version: '1.0.0' },
    {
      capabilities: { logging: {}, resources: { subscribe: true, listChanged: true } },
      instructions: 'A 1.x fixture server.',
    },
  );
  const confirmSchema = {
    type: 'object' as const,
    properties: { ok: { type: 'boolean' as const, title: 'OK?' } },
    required: ['ok'],
  };
  server.registerTool(
    'confirm',
    { description: 'Asks the user to confirm (on the POST stream).' },
    async (extra) => {
      const answer = await server.server.elicitInput(
        { message: 'Deploy now?', requestedSchema: confirmSchema },
        { relatedRequestId: extra.requestId },
      );
      return text(`action=${answer.action} ok=${String(answer.content?.['ok'])}`);
    },
  );
  server.registerTool(
    'confirm_unrelated',
    { description: 'Asks on the standalone stream.' },
    async () => {
      // No relatedRequestId: the 1.x server sends it on the standalone GET stream.
      const answer = await server.server.elicitInput({
        message: 'Sure?',
        requestedSchema: confirmSchema,
      });
      return text(`action=${answer.action} ok=${String(answer.content?.['ok'])}`);
    },
  );
  server.registerTool('count', { description: 'Reports progress three times.' }, async (extra) => {
    const progressToken = extra._meta?.progressToken;
    for (let progress = 1; progress <= 3; progress += 1) {
      if (progressToken !== undefined) {
        await extra.sendNotification({
          method: 'notifications/progress',
          params: { progressToken, progress, total: 3 },
        });
      }
    }
    await extra.sendNotification({
      method: 'notifications/message',
      params: { level: 'info', data: 'counted' },
    });
    return text('counted to 3');
  });
  server.registerTool(
    'sample',
    { description: 'Asks the client for a completion.' },
    async (extra) => {
      const result = await server.server.createMessage(
        { messages: [{ role: 'user', content: { type: 'text', text: 'Say hi' } }], maxTokens: 20 },
        { relatedRequestId: extra.requestId },
      );
      return text(
        `model=${result.model} said=${result.content.type === 'text' ? result.content.text : '?'}`,
      );
    },
  );
  server.registerTool(
    'roots',
    { description: 'Lists the client roots, after a ping.' },
    async (extra) => {
      await server.server.request({ method: 'ping' }, EmptyResultSchema, {
        relatedRequestId: extra.requestId,
      });
      const result = await server.server.listRoots(undefined, {
        relatedRequestId: extra.requestId,
      });
      return text(result.roots.map((root) => root.uri).join(','));
    },
  );
  server.registerTool(
    'add',
    { description: 'Adds two numbers.', inputSchema: { a: z.number(), b: z.number() } },
    ({ a, b }) => text(String(a + b)),
  );
  server.registerTool(
    'poll',
    { description: 'Closes its stream, then answers (SEP-1699 polling).' },
    async (extra) => {
      extra.closeSSEStream?.();
      await new Promise((resolve) => setTimeout(resolve, 150));
      return text('answered after a reconnection');
    },
  );
  server.registerResource('readme', 'test://readme', { mimeType: 'text/plain' }, (uri) => ({
    contents: [{ uri: uri.href, mimeType: 'text/plain', text: 'Hello from 1.x' }],
  }));
  server.server.setRequestHandler(SubscribeRequestSchema, (request) => {
    subscriptions.add(request.params.uri);
    return {};
  });
  server.server.setRequestHandler(UnsubscribeRequestSchema, (request) => {
    subscriptions.delete(request.params.uri);
    return {};
  });
  return server;
}

function readBody(req: IncomingMessage): Promise<unknown> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      try {
        resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')));
      } catch {
        resolve(undefined);
      }
    });
  });
}

function sendError(res: ServerResponse, status: number, message: string): void {
  res.writeHead(status, { 'Content-Type': 'application/json' });
  res.end(JSON.stringify({ jsonrpc: '2.0', error: { code: -32000, message }, id: null }));
}

/** Starts the 1.x server on 127.0.0.1 and an ephemeral port. */
export async function startSdkV1Server(): Promise<SdkV1Server> {
  const requests: SeenRequest[] = [];
  const sessions: SdkV1Server['sessions'] = new Map();
  const subscriptions = new Set<string>();
  const http = createServer((req, res) => {
    void (async () => {
      const sessionId = req.headers['mcp-session-id'] as string | undefined;
      const body = req.method === 'POST' ? await readBody(req) : undefined;
      const rpcMethod = (body as { method?: string } | undefined)?.method;
      requests.push({ httpMethod: req.method ?? '', rpcMethod, headers: req.headers, body });
      if (sessionId !== undefined) {
        const session = sessions.get(sessionId);
        if (session === undefined) return sendError(res, 404, 'Session not found');
        return session.transport.handleRequest(req, res, body);
      }
      if (req.method !== 'POST' || !isInitializeRequest(body)) {
        return sendError(res, 400, 'Bad Request: No valid session ID provided');
      }
      const server = createMcpServer(subscriptions);
      const transport: StreamableHTTPServerTransport = new StreamableHTTPServerTransport({
        sessionIdGenerator: () => randomUUID(),
        eventStore: createEventStore(),
        retryInterval: 200,
        onsessioninitialized: (id) => {
          sessions.set(id, { transport, server });
        },
      });
      await server.connect(transport);
      return transport.handleRequest(req, res, body);
    })().catch(() => {
      if (!res.headersSent) sendError(res, 500, 'Internal server error');
    });
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const { port } = http.address() as AddressInfo;
  const dropSessions = (): void => {
    for (const { server } of sessions.values()) void server.close();
    sessions.clear();
  };
  return {
    url: `http://127.0.0.1:${port}/mcp`,
    requests,
    sessions,
    subscriptions,
    dropSessions,
    close: async () => {
      dropSessions();
      http.closeAllConnections();
      await new Promise<void>((resolve) => http.close(() => resolve()));
    },
  };
}
