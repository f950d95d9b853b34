import { check, firstText, log } from '../check.js';
import type { ConformanceEnv } from '../conformance-env.js';
import { createAuthProvider } from '../auth-provider.js';
import { createClient } from '../create-client.js';

/**
 * Every `auth/*` scenario: against a server that wants OAuth, list the tools and call the first
 * one. The provider does the authorization; the scenario's checks watch how.
 */
export async function runAuthorized(env: ConformanceEnv): Promise<void> {
  const { client } = createClient(env, {}, await createAuthProvider(env));
  const tools = await client.listAllTools();
  const first = tools[0];
  check(first !== undefined, 'the server lists no tools');
  const result = await client.callTool(first.name, {});
  log(`${first.name} answered: ${firstText(result) ?? ''}`);
}
