import { check, log } from '../check.js';
import type { ConformanceEnv } from '../conformance-env.js';
import { createClient } from '../create-client.js';

/**
 * `initialize` (2025-era): the first request makes the dual-era transport detect a legacy server
 * and run the handshake (version, capabilities, client info); `server/discover` is then answered
 * from the `InitializeResult`, and `tools/list` goes over the session.
 */
export async function runInitialize(env: ConformanceEnv): Promise<void> {
  const { client } = createClient(env);
  const discovered = await client.discover();
  log(`initialized: protocol version ${discovered.supportedVersions.join(', ')}`);
  check(discovered.supportedVersions.length === 1, 'the handshake negotiated no version');
  const tools = await client.listTools();
  log(`tools/list: ${tools.tools.length} tools`);
}
