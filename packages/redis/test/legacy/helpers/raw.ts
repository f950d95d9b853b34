// Raw HTTP requests of a 2025-11-25 client, for cases the official client cannot be steered into.

const HEADERS = {
  'Content-Type': 'application/json',
  Accept: 'application/json, text/event-stream',
  'MCP-Protocol-Version': '2025-11-25',
};

/** Bounded: a hang fails the test instead of stalling it. */
const TIMEOUT_MS = 8000;

/** Opens a session on `origin` (and confirms it, unless `confirm` is false); returns its id. */
export async function initialize(origin: string, confirm = true): Promise<string> {
  const response = await post(origin, undefined, {
    jsonrpc: '2.0',
    id: 1,
    method: 'initialize',
    params: {
      protocolVersion: '2025-11-25',
      capabilities: { elicitation: {} },
      clientInfo: { name: 'raw', version: '1.0.0' },
    },
  });
  const id = response.headers.get('mcp-session-id');
  if (response.status !== 200 || id === null)
    throw new Error(`initialize failed: ${String(response.status)} ${await response.text()}`);
  if (confirm) {
    const confirmed = await post(origin, id, { jsonrpc: '2.0', method: 'notifications/initialized' });
    if (confirmed.status !== 202) throw new Error(`initialized: ${String(confirmed.status)}`);
  }
  return id;
}

/** POSTs one message in session `sessionId` (none for initialize). */
export function post(origin: string, sessionId: string | undefined, message: object): Promise<Response> {
  return fetch(`${origin}/mcp`, {
    method: 'POST',
    headers: sessionId === undefined ? HEADERS : { ...HEADERS, 'Mcp-Session-Id': sessionId },
    body: JSON.stringify(message),
    signal: AbortSignal.timeout(TIMEOUT_MS),
  });
}

/** A `ping` in the session: the status tells whether the session lives on `origin`. */
export async function ping(origin: string, sessionId: string): Promise<Response> {
  const response = await post(origin, sessionId, { jsonrpc: '2.0', id: 'ping', method: 'ping' });
  await response.text();
  return response;
}

/** Opens the GET stream of a session; the caller aborts `controller` to end it. */
export function openStream(origin: string, sessionId: string, controller: AbortController): Promise<Response> {
  return fetch(`${origin}/mcp`, {
    headers: { Accept: 'text/event-stream', 'Mcp-Session-Id': sessionId, 'MCP-Protocol-Version': '2025-11-25' },
    signal: AbortSignal.any([controller.signal, AbortSignal.timeout(30_000)]),
  });
}

/** DELETE of a session. */
export async function remove(origin: string, sessionId: string): Promise<number> {
  const response = await fetch(`${origin}/mcp`, {
    method: 'DELETE',
    headers: { 'Mcp-Session-Id': sessionId, 'MCP-Protocol-Version': '2025-11-25' },
    signal: AbortSignal.timeout(TIMEOUT_MS),
  });
  await response.text();
  return response.status;
}
