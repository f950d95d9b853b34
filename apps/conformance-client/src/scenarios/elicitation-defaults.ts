import { check, firstText, log } from '../check.js';
import type { ConformanceEnv } from '../conformance-env.js';
import { createClient } from '../create-client.js';

/**
 * `elicitation-sep1034-client-defaults` (2025-era, SEP-1034): the server's tool sends
 * `elicitation/create` with a default for every field; the client's form handler (the same one
 * that answers MRTR rounds) fills each field with its default.
 */
export async function runElicitationDefaults(env: ConformanceEnv): Promise<void> {
  const { client } = createClient(env);
  const tools = await client.listAllTools();
  check(
    tools.some((tool) => tool.name === 'test_client_elicitation_defaults'),
    'the server does not list test_client_elicitation_defaults',
  );
  const result = await client.callTool('test_client_elicitation_defaults');
  const text = firstText(result) ?? '';
  log(`test_client_elicitation_defaults answered: ${text}`);
  check(text.startsWith('Elicitation completed'), `the elicitation did not complete: "${text}"`);
}
