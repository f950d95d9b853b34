import { check, log } from '../check.js';
import type { ConformanceEnv } from '../conformance-env.js';
import { createClient } from '../create-client.js';

/**
 * `request-metadata`: every request carries `_meta` (version, capabilities, client info) and the
 * matching `MCP-Protocol-Version` header; the first request is refused with -32022 and retried.
 */
export async function runRequestMetadata(env: ConformanceEnv): Promise<void> {
  const { client } = createClient(env);
  // The core retries the -32022 the server sends first (requirements.md #46).
  const discovered = await client.discover();
  log(`server/discover: versions ${discovered.supportedVersions.join(', ')}`);
  check(
    discovered.supportedVersions.includes(client.protocolVersion),
    `the server does not support ${client.protocolVersion}`,
  );
  const tools = await client.listTools();
  log(`tools/list: ${tools.tools.length} tools`);
}
