import { check, log } from '../check.js';
import type { ConformanceEnv } from '../conformance-env.js';
import { createClient } from '../create-client.js';
import { sampleArguments } from '../sample-arguments.js';

/**
 * `http-invalid-tool-headers`: the client core drops every tool whose `x-mcp-header` annotations
 * break the rules (and warns about each); the tools that remain can still be called.
 */
export async function runHttpInvalidToolHeaders(env: ConformanceEnv): Promise<void> {
  const { client, warnings } = createClient(env);
  const tools = await client.listAllTools();
  log(
    `kept ${tools.length} tools (${tools.map((tool) => tool.name).join(', ')}), dropped ${warnings.length}`,
  );
  check(
    warnings.length > 0,
    'no tool was dropped, but the server lists tools with invalid x-mcp-header annotations',
  );
  check(tools.length > 0, 'every tool was dropped, but one bad tool must not hide the valid ones');
  for (const tool of tools) {
    const result = await client.callTool(tool.name, sampleArguments(tool.inputSchema));
    log(`tools/call ${tool.name}: ${result.isError === true ? 'error' : 'ok'}`);
  }
}
