import { check, log } from '../check.js';
import type { ConformanceEnv } from '../conformance-env.js';
import { createClient } from '../create-client.js';
import { sampleArguments } from '../sample-arguments.js';

/**
 * `http-standard-headers`: exercise every method that carries `Mcp-Method` and `Mcp-Name`: list
 * and call each tool, list and read each resource, list and get each prompt.
 */
export async function runHttpStandardHeaders(env: ConformanceEnv): Promise<void> {
  const { client } = createClient(env);
  const discovered = await client.discover();
  const capabilities = discovered.capabilities;
  if (capabilities.tools !== undefined) {
    for (const tool of await client.listAllTools()) {
      const result = await client.callTool(tool.name, sampleArguments(tool.inputSchema));
      log(`tools/call ${tool.name}: ${result.isError === true ? 'error' : 'ok'}`);
    }
  }
  if (capabilities.resources !== undefined) {
    for (const resource of await client.listAllResources()) {
      await client.readResource(resource.uri);
      log(`resources/read ${resource.uri}: ok`);
    }
  }
  if (capabilities.prompts !== undefined) {
    for (const prompt of await client.listAllPrompts()) {
      const args = Object.fromEntries(
        (prompt.arguments ?? [])
          .filter((argument) => argument.required === true)
          .map((argument) => [argument.name, 'example']),
      );
      await client.getPrompt(prompt.name, args);
      log(`prompts/get ${prompt.name}: ok`);
    }
  }
  check(capabilities.tools !== undefined, 'the server advertises no tools');
}
