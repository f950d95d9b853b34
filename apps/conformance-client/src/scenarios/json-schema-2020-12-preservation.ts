import { check, log } from '../check.js';
import type { ConformanceEnv } from '../conformance-env.js';
import { createClient } from '../create-client.js';

/**
 * `json-schema-2020-12-preservation` (not scored for 2026-07-28, added after the release): the
 * `inputSchema` a client hands to the application keeps the whole JSON Schema 2020-12 vocabulary.
 * The scenario sees it when the client sends the schema back through its echo tool.
 */
export async function runJsonSchemaPreservation(env: ConformanceEnv): Promise<void> {
  const { client } = createClient(env);
  const tools = await client.listAllTools();
  const focal = tools.find((tool) => tool.name === 'json_schema_2020_12_tool');
  check(focal !== undefined, 'the server does not list json_schema_2020_12_tool');
  const result = await client.callTool('json_schema_echo', { schema: focal.inputSchema });
  check(result.isError !== true, 'json_schema_echo answered with an error');
  log(`echoed an inputSchema with keys ${Object.keys(focal.inputSchema).join(', ')}`);
}
