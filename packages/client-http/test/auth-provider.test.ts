// The transport's one auth hook: every request goes through the AuthProvider, and the provider's
// own failure (an SdkError) ends the request instead of being re-sent as a lost one (#142 is for
// broken streams, not for refused authorization).
import { McpClient, SdkError, SdkErrorCode } from '@tern/core-protocol';
import type { AuthProvider } from '@tern/core-protocol';
import { afterEach, describe, expect, it } from 'vitest';
import { StreamableHttpTransport } from '../src/index.js';
import { result, sendJson, startScriptedServer } from './helpers/scripted-server.js';
import type { ScriptedServer } from './helpers/scripted-server.js';

let server: ScriptedServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('StreamableHttpTransport with an authProvider', () => {
  it('sends every request through the provider, which may add headers', async () => {
    const seen: (string | undefined)[] = [];
    server = await startScriptedServer((received, res) => {
      seen.push(received.headers.authorization);
      sendJson(res, result(received, { tools: [] }));
    });
    const authProvider: AuthProvider = {
      authorizationKey: 'issuer client',
      fetch: (url, init, next) => {
        const headers = new Headers(init.headers);
        headers.set('authorization', 'Bearer from-provider');
        return next(url, { ...init, headers });
      },
    };
    const transport = new StreamableHttpTransport({ url: server.url, authProvider });
    const client = new McpClient({ name: 't', version: '1' }, { transport });
    await client.listTools();
    expect(seen).toEqual(['Bearer from-provider']);
    expect(transport.authorizationKey).toBe('issuer client');
  });

  it("rejects with the provider's SdkError once, without re-issuing the request", async () => {
    let calls = 0;
    const refusal = new SdkError(SdkErrorCode.AuthorizationFailed, 'denied', { data: { reason: 'access_denied' } });
    const authProvider: AuthProvider = {
      fetch: () => {
        calls += 1;
        return Promise.reject(refusal);
      },
    };
    const client = new McpClient(
      { name: 't', version: '1' },
      { transport: new StreamableHttpTransport({ url: 'http://127.0.0.1:1/mcp', authProvider }) },
    );
    await expect(client.listTools()).rejects.toBe(refusal);
    expect(calls).toBe(1);
  });
});
