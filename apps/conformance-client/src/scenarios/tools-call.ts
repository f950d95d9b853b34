import { check, firstText, log } from '../check.js';
import type { ConformanceEnv } from '../conformance-env.js';
import { createClient } from '../create-client.js';

/** `tools_call`: list the tools and call `add_numbers` with two numbers. */
export async function runToolsCall(env: ConformanceEnv): Promise<void> {
  const { client } = createClient(env);
  const tools = await client.listAllTools();
  check(
    tools.some((tool) => tool.name === 'add_numbers'),
    'the server does not list add_numbers',
  );
  const result = await client.callTool('add_numbers', { a: 5, b: 3 });
  const text = firstText(result) ?? '';
  log(`add_numbers answered: ${text}`);
  check(result.isError !== true && text.includes('8'), `add_numbers(5, 3) answered "${text}"`);
}
