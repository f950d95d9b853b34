import { check, log } from '../check.js';
import type { ConformanceEnv } from '../conformance-env.js';
import { createClient } from '../create-client.js';

/**
 * `json-schema-ref-no-deref`: list a tool whose `inputSchema` has a network `$ref`; nothing in the
 * client fetches it (SEP-2106). The schema is kept as the server sent it.
 */
export async function runJsonSchemaRefNoDeref(env: ConformanceEnv): Promise<void> {
  const { client } = createClient(env);
  const tools = await client.listAllTools();
  const tool = tools.find((candidate) => candidate.name === 'lookup_user');
  check(tool !== undefined, 'the server does not list lookup_user');
  const profile = (
    tool.inputSchema['properties'] as Record<string, { $ref?: unknown }> | undefined
  )?.['profile'];
  check(typeof profile?.$ref === 'string', 'the network $ref was not kept as sent');
  log(`lookup_user keeps $ref ${profile.$ref} unresolved`);
}
