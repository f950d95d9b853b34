// The 2026-07-28 requests the bench sends, byte for byte the same to every server: the headers
// the spec requires (MCP-Protocol-Version, Mcp-Method, Mcp-Name, Content-Type, Accept) and the
// per-request `_meta` envelope.
export const PROTOCOL_VERSION = '2026-07-28';

const CLIENT_INFO = { name: 'tern-bench', version: '1.0.0' };

/** The `_meta` of every bench request. */
export function meta({ elicitation = false, progressToken } = {}) {
  return {
    'io.modelcontextprotocol/protocolVersion': PROTOCOL_VERSION,
    'io.modelcontextprotocol/clientCapabilities': elicitation ? { elicitation: { form: {} } } : {},
    'io.modelcontextprotocol/clientInfo': CLIENT_INFO,
    ...(progressToken === undefined ? {} : { progressToken }),
  };
}

/** The headers of a request with method `method` and, for tools/call, tool `name`. */
export function headers(method, name) {
  return {
    'content-type': 'application/json',
    accept: 'application/json, text/event-stream',
    'mcp-protocol-version': PROTOCOL_VERSION,
    'mcp-method': method,
    ...(name === undefined ? {} : { 'mcp-name': name }),
  };
}

/** A tools/call request: `{ headers, body }` with the body as JSON text. */
export function toolCall(name, args, { id = 1, elicitation = false, progressToken, extra } = {}) {
  const body = {
    jsonrpc: '2.0',
    id,
    method: 'tools/call',
    params: { name, arguments: args, _meta: meta({ elicitation, progressToken }), ...extra },
  };
  return { headers: headers('tools/call', name), body: JSON.stringify(body) };
}

/** The one-round scenario's request. */
export const ECHO = toolCall('echo', { text: 'hello bench' });

/** The streaming scenario's request: ten progress notifications over SSE, then the result. */
export const PROGRESS = toolCall('progress', { steps: 10 }, { progressToken: 'bench-progress' });

/** The listen scenario's request: tools/list_changed notifications until the client leaves. */
export function listenRequest(id) {
  const body = {
    jsonrpc: '2.0',
    id,
    method: 'subscriptions/listen',
    params: { notifications: { toolsListChanged: true }, _meta: meta() },
  };
  return { headers: headers('subscriptions/listen'), body: JSON.stringify(body) };
}

/**
 * Answers the input requests of an `input_required` result the way a form would: every property
 * of each requested schema gets a plausible value (booleans true, integers 2, enums their first
 * value, strings "x").
 */
export function answerInputRequests(inputRequests) {
  const responses = {};
  for (const [key, request] of Object.entries(inputRequests ?? {})) {
    responses[key] = { action: 'accept', content: formAnswer(request?.params) };
  }
  return responses;
}

/** The content a form would send for the `requestedSchema` of elicitation `params` (see above). */
export function formAnswer(params) {
  const content = {};
  for (const [field, schema] of Object.entries(params?.requestedSchema?.properties ?? {})) {
    if (Array.isArray(schema.enum)) content[field] = schema.enum[0];
    else if (schema.type === 'boolean') content[field] = true;
    else if (schema.type === 'integer' || schema.type === 'number')
      content[field] = Math.max(2, schema.minimum ?? 2);
    else content[field] = 'x';
  }
  return content;
}

/**
 * Reads a JSON-RPC response out of a body that is either JSON or an SSE stream (the last
 * `message` event carrying an `id` is the response). Also returns the notifications seen.
 */
export function readRpcBody(contentType, text) {
  if (!String(contentType).includes('text/event-stream'))
    return { response: JSON.parse(text), notifications: [] };
  const notifications = [];
  let response;
  for (const event of text.split('\n\n')) {
    const data = event
      .split('\n')
      .filter((line) => line.startsWith('data:'))
      .map((line) => line.slice(5).trimStart())
      .join('\n');
    if (data === '') continue;
    const message = JSON.parse(data);
    if ('id' in message && ('result' in message || 'error' in message)) response = message;
    else notifications.push(message);
  }
  return { response, notifications };
}
