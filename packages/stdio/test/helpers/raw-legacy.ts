// The transports and clients the lifecycle and probe tests point at test/fixtures/raw-legacy-server.ts,
// a hand-written server whose behaviour MODE picks.
import { McpClient } from '@tern/core-protocol';
import { StdioClientTransport } from '../../src/index.js';
import type { StdioClientTransportOptions } from '../../src/index.js';
import { fixtureCommand } from './spawn-fixture.js';

/** A transport for the raw server in `mode`, its stderr piped, a short probe timeout. */
export function rawLegacy(
  mode: string,
  extra: Partial<StdioClientTransportOptions> = {},
): StdioClientTransport {
  return new StdioClientTransport({
    ...fixtureCommand('raw-legacy-server'),
    env: { MODE: mode },
    stderr: 'pipe',
    probeTimeoutMs: 500,
    ...extra,
  });
}

export function clientOf(transport: StdioClientTransport): McpClient {
  return new McpClient({ name: 'lifecycle', version: '1.0.0' }, { transport });
}
