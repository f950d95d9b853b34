import { check, firstText, log } from '../check.js';
import type { ConformanceEnv } from '../conformance-env.js';
import { createClient } from '../create-client.js';

/**
 * `sse-retry` (2025-11-25, SEP-1699): the server closes the tool call's SSE stream after a priming
 * event with `retry: 500`; the transport waits that long and resumes with GET + `Last-Event-ID`,
 * where the response arrives.
 */
export async function runSseRetry(env: ConformanceEnv): Promise<void> {
  const { client } = createClient(env);
  const tools = await client.listAllTools();
  const tool = tools.find((candidate) => candidate.name === 'test_reconnection');
  check(tool !== undefined, 'the server does not list test_reconnection');
  const result = await client.callTool(tool.name);
  const text = firstText(result) ?? '';
  log(`test_reconnection answered: ${text}`);
  check(text.includes('Reconnection test completed'), `unexpected answer "${text}"`);
}
