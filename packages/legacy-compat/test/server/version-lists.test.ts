// server/discover's supportedVersions and -32022's data.supported mean the same on a dual-era
// endpoint: every version it serves, the 2025-era ones through initialize (requirements.md #45-#47).
import { afterEach, describe, expect, it } from 'vitest';
import { ACCEPT_BOTH, startServer } from './helpers/legacy-client.js';
import type { TestServer } from './helpers/legacy-client.js';

let subject: TestServer | undefined;
afterEach(async () => {
  await subject?.close();
  subject = undefined;
});

async function post(url: string, version: string, method: string): Promise<Response> {
  return fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      accept: ACCEPT_BOTH,
      'mcp-protocol-version': version,
      'mcp-method': method,
    },
    body: JSON.stringify({
      jsonrpc: '2.0',
      id: 1,
      method,
      params: {
        _meta: {
          'io.modelcontextprotocol/protocolVersion': version,
          'io.modelcontextprotocol/clientCapabilities': {},
        },
      },
    }),
  });
}

describe('the version lists of a dual-era endpoint', () => {
  it('are the same in server/discover and in -32022, which says how to reach a legacy version', async () => {
    subject = await startServer(() => undefined, {
      legacy: { versions: ['2025-11-25', '2025-06-18'] },
    });
    const discover = (await (await post(subject.url, '2026-07-28', 'server/discover')).json()) as {
      result: { supportedVersions: string[] };
    };
    expect(discover.result.supportedVersions).toEqual(['2026-07-28', '2025-11-25', '2025-06-18']);

    const refused = await post(subject.url, '2025-11-25', 'tools/list');
    expect(refused.status).toBe(400);
    const body = (await refused.json()) as { error: Record<string, unknown> };
    expect(body.error).toMatchObject({
      code: -32022,
      message: expect.stringContaining('only through an initialize handshake'),
      data: { supported: discover.result.supportedVersions, requested: '2025-11-25' },
    });

    const unknown = (await (await post(subject.url, '2099-01-01', 'tools/list')).json()) as {
      error: Record<string, unknown>;
    };
    expect(unknown.error).toMatchObject({
      message:
        'Unsupported protocol version: 2099-01-01 (supported: 2026-07-28, 2025-11-25, 2025-06-18)',
      data: { supported: discover.result.supportedVersions },
    });
  });
});
