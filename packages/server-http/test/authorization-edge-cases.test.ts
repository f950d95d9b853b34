// One table of hostile and edge-case inputs of a protected endpoint (security-checklist.md G1, the
// MCP authorization spec: token handling, error handling, scope challenges; RFC 6750, 8707, 9728),
// sent over real HTTP to the same McpServer behind every adapter. Every row asserts the status,
// the challenge and the JSON-RPC body; the last block checks that every adapter answered
// byte-identically and that no token reached an error hook.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { McpHttpOptions } from '../src/index.js';
import { ADAPTERS, startAdapter } from './helpers/adapters.js';
import type { AdapterName, RunningServer } from './helpers/adapters.js';
import { createFixture } from './helpers/fixture-server.js';
import type { Fixture } from './helpers/fixture-server.js';
import { jsonOf, mcpHeaders, meta, rpc, send, toolCall } from './helpers/http-client.js';
import type { RawRequest, RawResponse } from './helpers/http-client.js';
import {
  ALL_TOKENS,
  BUGGY_TOKEN,
  DOWN_TOKEN,
  ISSUER,
  METADATA_PATH,
  METADATA_URL,
  RESOURCE,
  SECRET_IN_ERROR,
  tableVerifier,
} from './helpers/table-verifier.js';

const OPTIONS: McpHttpOptions = {
  authorization: {
    resource: RESOURCE,
    authorizationServers: [ISSUER],
    verifier: tableVerifier,
    requiredScopes: ['mcp'],
    scopesSupported: ['mcp', 'files:read'],
    resourceName: 'Test files',
  },
};

const MISSING = `Bearer resource_metadata="${METADATA_URL}", scope="mcp"`;
const invalid = (description: string): string =>
  `Bearer error="invalid_token", error_description="${description}", resource_metadata="${METADATA_URL}", scope="mcp"`;
const malformed = (description: string): string =>
  `Bearer error="invalid_request", error_description="${description}", resource_metadata="${METADATA_URL}"`;
const stepUp = (scope: string): string =>
  `Bearer error="insufficient_scope", error_description="The access token lacks scopes this operation needs", resource_metadata="${METADATA_URL}", scope="${scope}"`;

const bearer = (token: string): Record<string, string> => ({ authorization: `Bearer ${token}` });
const list = (extra: Record<string, string | string[]> = {}, path?: string): RawRequest => ({
  headers: { ...mcpHeaders('tools/list'), ...extra },
  body: JSON.stringify(rpc(1, 'tools/list')),
  ...(path === undefined ? {} : { path }),
});
const callAs = (token: string, tool: string): RawRequest => {
  const raw = toolCall(1, tool, {});
  return { headers: { ...raw.headers, ...bearer(token) }, body: raw.body as string };
};

interface Row {
  name: string;
  request: RawRequest;
  status: number;
  /** The `WWW-Authenticate` value, or `null` when there must be none. */
  challenge: string | null;
  /** JSON-RPC error code and id (`'absent'`: no id); absent for a success. */
  code?: number;
  id?: number | null | 'absent';
  check?: (response: RawResponse) => void;
}

const ROWS: Row[] = [
  { name: 'no Authorization header → 401 with resource_metadata and scope', request: list(), status: 401, challenge: MISSING, code: -32600, id: 'absent' },
  { name: 'an empty Authorization header → 401 as missing', request: list({ authorization: '' }), status: 401, challenge: MISSING, code: -32600, id: 'absent' },
  { name: 'Basic credentials → 400 invalid_request', request: list({ authorization: 'Basic YWxpY2U6c2VjcmV0' }), status: 400, challenge: malformed('the Authorization header must be one Bearer token'), code: -32600, id: 'absent' },
  { name: '"Bearer" without a token → 400', request: list({ authorization: 'Bearer' }), status: 400, challenge: malformed('the Authorization header must be one Bearer token'), code: -32600, id: 'absent' },
  { name: 'a token with a space or comma → 400', request: list({ authorization: 'Bearer reader-token extra' }), status: 400, challenge: malformed('the Authorization header must be one Bearer token'), code: -32600, id: 'absent' },
  { name: 'two Authorization headers, both valid → 400', request: list({ authorization: ['Bearer reader-token', 'Bearer writer-token'] }), status: 400, challenge: malformed('the Authorization header must be one Bearer token'), code: -32600, id: 'absent' },
  { name: 'a token in the query string (with a valid header) → 400, never accepted', request: list(bearer('reader-token'), '/mcp?access_token=reader-token'), status: 400, challenge: malformed('access tokens are not accepted in the URI query'), code: -32600, id: 'absent' },
  { name: 'a token in the query string alone → 400', request: list({}, '/mcp?x=1&access_token=reader-token'), status: 400, challenge: malformed('access tokens are not accepted in the URI query'), code: -32600, id: 'absent' },
  { name: 'a token in the query string, its name percent-encoded → 400', request: list(bearer('reader-token'), '/mcp?access%5Ftoken=reader-token'), status: 400, challenge: malformed('access tokens are not accepted in the URI query'), code: -32600, id: 'absent' },
  { name: 'an unknown token → 401 invalid_token', request: list(bearer('forged-token')), status: 401, challenge: invalid('the access token is invalid'), code: -32600, id: 'absent' },
  { name: 'an expired token (the verifier let it through) → 401', request: list(bearer('expired-token')), status: 401, challenge: invalid('the access token expired'), code: -32600, id: 'absent' },
  { name: 'a token for another resource → 401 (RFC 8707)', request: list(bearer('other-resource-token')), status: 401, challenge: invalid('the access token was not issued for this resource'), code: -32600, id: 'absent' },
  { name: 'a token without audience → 401 (fail closed)', request: list(bearer('no-audience-token')), status: 401, challenge: invalid('the access token was not issued for this resource'), code: -32600, id: 'absent' },
  {
    name: 'a verifier that cannot check tokens → 503 with Retry-After, not 500',
    request: list(bearer(DOWN_TOKEN)),
    status: 503,
    challenge: null,
    code: -32603,
    id: 'absent',
    check: (response) => expect(response.headers['retry-after']).toBe('5'),
  },
  { name: 'a verifier that throws something else → 500, generic', request: list(bearer(BUGGY_TOKEN)), status: 500, challenge: null, code: -32603, id: null },
  { name: 'a valid token without the scope every request needs → 403 step-up', request: list(bearer('no-mcp-token')), status: 403, challenge: stepUp('mcp'), code: -32600, id: 'absent' },
  { name: 'a tool the token lacks the scope for → 403 step-up naming it, with the request id', request: callAs('reader-token', 'write-file'), status: 403, challenge: stepUp('mcp files:write'), code: -32600, id: 1 },
  { name: 'the same tool with the scope → 200', request: callAs('writer-token', 'write-file'), status: 200, challenge: null },
  { name: 'the scheme in lower case → accepted', request: list({ authorization: 'bearer reader-token' }), status: 200, challenge: null },
  { name: 'an audience in upper case → accepted (canonical URI)', request: list(bearer('upper-case-resource-token')), status: 200, challenge: null },
  {
    name: 'a forbidden Host with a valid token → 403 of the Host check, no challenge (a token never replaces it)',
    request: list({ ...bearer('reader-token'), host: 'evil.example.com' }),
    status: 403,
    challenge: null,
    code: -32600,
    id: 'absent',
  },
  {
    name: 'a forbidden Origin with a valid token → 403 of the Origin check',
    request: list({ ...bearer('reader-token'), origin: 'http://evil.example.com' }),
    status: 403,
    challenge: null,
    code: -32600,
    id: 'absent',
  },
  {
    name: 'tools/list hides the tool the token lacks the scope for',
    request: list(bearer('reader-token')),
    status: 200,
    challenge: null,
    check: (response) => {
      const tools = (jsonOf(response)['result'] as { tools: { name: string }[] }).tools.map((tool) => tool.name);
      expect(tools).toContain('echo');
      expect(tools).not.toContain('write-file');
    },
  },
  {
    name: 'GET of the protected resource metadata → the RFC 9728 document, no token needed',
    request: { method: 'GET', path: METADATA_PATH, headers: {} },
    status: 200,
    challenge: null,
    check: (response) => {
      expect(response.headers['access-control-allow-origin']).toBe('*');
      expect(JSON.parse(response.body)).toEqual({
        resource: RESOURCE,
        authorization_servers: [ISSUER],
        bearer_methods_supported: ['header'],
        scopes_supported: ['mcp', 'files:read'],
        resource_name: 'Test files',
      });
    },
  },
  { name: 'POST to the metadata path → 405', request: { method: 'POST', path: METADATA_PATH, headers: {}, body: '{}' }, status: 405, challenge: null, code: -32600, id: null },
  { name: 'GET of the endpoint with a valid token → 405 as before', request: { method: 'GET', headers: bearer('reader-token') }, status: 405, challenge: null, code: -32600, id: null },
];

const answers = new Map<string, Map<AdapterName, string>>();
const allErrors: unknown[] = [];

function normalise(response: RawResponse): string {
  const keep = ['content-type', 'www-authenticate', 'retry-after', 'allow', 'access-control-allow-origin'];
  return `${response.status} ${keep.map((name) => `${name}=${String(response.headers[name])}`).join(';')} ${response.body}`;
}

describe.each(ADAPTERS)('a protected endpoint through the %s adapter', (adapter) => {
  let fixture: Fixture;
  let running: RunningServer;
  const transportErrors: unknown[] = [];

  beforeAll(async () => {
    fixture = createFixture();
    fixture.server.registerTool('write-file', { scopes: ['mcp', 'files:write'] }, (_args, ctx) => `written by ${ctx.auth?.principal}`);
    running = await startAdapter(adapter, fixture.server, { ...OPTIONS, onError: (error) => transportErrors.push(error) });
  });
  afterAll(async () => {
    allErrors.push(...transportErrors, ...fixture.errors);
    await running.close();
  });

  it.each(ROWS)('$name', async (row) => {
    const counted = fixture.record.counted;
    const response = await send(running.port, row.request);
    expect(response.status, response.body.slice(0, 300)).toBe(row.status);
    expect(response.headers['www-authenticate'] ?? null).toBe(row.challenge);
    if (row.code !== undefined) {
      expect(response.headers['content-type']).toBe('application/json');
      const body = jsonOf(response);
      expect((body['error'] as { code: number }).code).toBe(row.code);
      if (row.id === 'absent') expect(body).not.toHaveProperty('id');
      else expect(body['id']).toBe(row.id);
    }
    row.check?.(response);
    expect(fixture.record.counted).toBe(counted);
    const byAdapter = answers.get(row.name) ?? new Map<AdapterName, string>();
    byAdapter.set(adapter, normalise(response));
    answers.set(row.name, byAdapter);
  });

  it('hands the principal and client of the token to the handler as ctx.auth', async () => {
    const response = await send(running.port, callAs('writer-token', 'write-file'));
    expect((jsonOf(response)['result'] as { content: { text: string }[] }).content[0]?.text).toBe('written by bob');
  });

  it("binds requestState to the principal: bob's token cannot continue alice's conversation (requirements.md #60, checklist D3)", async () => {
    const ask = (token: string, extra: Record<string, unknown> = {}): RawRequest => ({
      headers: { ...mcpHeaders('tools/call', 'ask'), ...bearer(token) },
      body: JSON.stringify(
        rpc(1, 'tools/call', {
          name: 'ask',
          arguments: {},
          ...extra,
          _meta: meta({ 'io.modelcontextprotocol/clientCapabilities': { elicitation: { form: {} } } }),
        }),
      ),
    });
    const first = jsonOf(await send(running.port, ask('reader-token')))['result'] as { requestState: string; inputRequests: Record<string, unknown> };
    const [key = ''] = Object.keys(first.inputRequests);
    const retry = { requestState: first.requestState, inputResponses: { [key]: { action: 'accept', content: { ok: true } } } };
    const stolen = jsonOf(await send(running.port, ask('writer-token', retry)));
    expect((stolen['error'] as { code: number }).code).toBe(-32602);
    const own = jsonOf(await send(running.port, ask('reader-token', retry)));
    expect((own['result'] as { content: { text: string }[] }).content[0]?.text).toBe('accept');
  });

  it('tells onError of a faulty verifier without quoting what it threw', () => {
    expect(transportErrors).toHaveLength(1);
    expect(String(transportErrors[0])).toBe('TokenVerifierFault: The token verifier threw an unexpected Error');
  });
});

describe('every adapter', () => {
  it('gave identical answers for every row', () => {
    expect(answers.size).toBe(ROWS.length);
    for (const [name, byAdapter] of answers) {
      expect(byAdapter.size).toBe(ADAPTERS.length);
      expect(new Set(byAdapter.values()).size, `${name}: ${[...byAdapter.values()].join('\n')}`).toBe(1);
    }
  });

  it('let no token, and nothing the verifier threw, reach an error hook', () => {
    const seen = allErrors.map((error) => `${String(error)} ${JSON.stringify(error)} ${String((error as Error).cause)}`).join('\n');
    for (const token of [...ALL_TOKENS, SECRET_IN_ERROR]) expect(seen).not.toContain(token);
  });
});
