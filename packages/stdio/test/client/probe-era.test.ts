// The server/discover probe of StdioClientTransport against a hand-written server that answers
// it the way legacy servers do (requirements.md #266, spec/legacy.md §5.3): the fallback to
// initialize must not depend on one error code, and a success that is no modern DiscoverResult
// is not taken for one. The probe timeout is far longer than each test, so a fallback seen here
// came from the answer, not from silence. Also the era cache (#50) for a modern server.
import { SdkErrorCode } from '@tern/core-protocol';
import { InMemoryEraStore } from '@tern/legacy-compat';
import { describe, expect, it } from 'vitest';
import { clientOf, rawLegacy } from '../helpers/raw-legacy.js';
import { StderrLog } from '../helpers/spawn-fixture.js';

const PATIENT = { probeTimeoutMs: 60_000 };

/** The methods the server received, in order, once it saw `last`. */
async function methodsSeen(stderr: StderrLog, last: string): Promise<string[]> {
  await stderr.waitFor(`got ${last}`);
  return stderr.text
    .split('\n')
    .filter((line) => line.startsWith('got '))
    .map((line) => line.slice('got '.length));
}

describe('StdioClientTransport era probe (#266)', () => {
  /** The client lists tools of the raw server in `mode` through a 2025-era session. */
  async function expectFallback(mode: string): Promise<void> {
    const transport = rawLegacy(mode, PATIENT);
    const stderr = new StderrLog(transport.stderr);
    try {
      const { tools } = await clientOf(transport).listTools();
      expect(tools.map((tool) => tool.name)).toEqual(['echo']);
      expect(transport.era).toBe('legacy');
      expect(await methodsSeen(stderr, 'tools/list')).toEqual([
        'server/discover',
        'initialize',
        'notifications/initialized',
        'tools/list',
      ]);
    } finally {
      await transport.close();
    }
  }

  it.each([-32601, -32602, -32600, -32603, -32000])(
    'falls back to initialize when server/discover gets error %i',
    (code) => expectFallback(`error:${String(code)}`),
  );

  it.each([
    ['an empty result', {}],
    ['supportedVersions without 2026-07-28', { supportedVersions: ['2025-11-25', '2025-06-18'] }],
    ['supportedVersions that is not a list', { supportedVersions: '2026-07-28' }],
    ['a result of another method', { tools: [] }],
  ])('falls back to initialize when server/discover succeeds with %s', (_name, result) =>
    expectFallback(`result:${JSON.stringify(result)}`),
  );

  it('takes -32022 (unsupported version) as modern and never sends initialize', async () => {
    const transport = rawLegacy('error:-32022', PATIENT);
    const stderr = new StderrLog(transport.stderr);
    try {
      // The modern client's own answer to -32022 (no version in common), not a downgrade.
      await expect(clientOf(transport).listTools()).rejects.toMatchObject({
        code: SdkErrorCode.NoCommonProtocolVersion,
      });
      expect(transport.era).toBe('modern');
      expect(await methodsSeen(stderr, 'tools/list')).toEqual(['server/discover', 'tools/list']);
    } finally {
      await transport.close();
    }
  });

  it('remembers a modern era per command line: a second transport sends no server/discover (#50)', async () => {
    const eraStore = new InMemoryEraStore();
    const first = rawLegacy('modern', { ...PATIENT, eraStore });
    const firstLog = new StderrLog(first.stderr);
    try {
      await clientOf(first).listTools();
      expect(await methodsSeen(firstLog, 'tools/list')).toEqual(['server/discover', 'tools/list']);
    } finally {
      await first.close();
    }
    const second = rawLegacy('modern', { ...PATIENT, eraStore });
    const secondLog = new StderrLog(second.stderr);
    try {
      const { tools } = await clientOf(second).listTools();
      expect(tools.map((tool) => tool.name)).toEqual(['echo']);
      expect(second.era).toBe('modern');
      expect(await methodsSeen(secondLog, 'tools/list')).toEqual(['tools/list']);
    } finally {
      await second.close();
    }
  });
});
