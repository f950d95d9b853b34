import type { CallToolResult } from '@tern/schema';
import { check, firstText, log } from '../check.js';
import type { ConformanceEnv } from '../conformance-env.js';
import { createClient } from '../create-client.js';
import { fillForm } from '../fill-form.js';

/**
 * `sep-2322-client-request-state` (MRTR): answer the elicitations of two tools and retry with new
 * ids, echoing `requestState` exactly or not at all; call an unrelated tool while a conversation
 * waits for its answer; treat a result without `resultType` as complete.
 */
export async function runClientRequestState(env: ConformanceEnv): Promise<void> {
  let unrelated: CallToolResult | undefined;
  const { client } = createClient(env, {
    elicitForm: async (params, info) => {
      // Between two rounds of test_mrtr_echo_state, another call must carry nothing of them.
      unrelated ??= await client.callTool('test_mrtr_unrelated');
      log(`round ${info.round} of ${info.method}: answering "${params.message}"`);
      return { action: 'accept', content: fillForm(params.requestedSchema) };
    },
  });
  const tools = await client.listAllTools();
  log(`tools/list: ${tools.map((tool) => tool.name).join(', ')}`);
  const expectations: [string, string][] = [
    ['test_mrtr_echo_state', 'echo-state-ok'],
    ['test_mrtr_no_state', 'no-state-ok'],
    ['test_mrtr_no_result_type', 'no-result-type-test-ok'],
  ];
  for (const [tool, expected] of expectations) {
    const text = firstText(await client.callTool(tool));
    log(`${tool} answered: ${text ?? '(no text)'}`);
    check(text === expected, `${tool} answered "${text ?? ''}", expected "${expected}"`);
  }
  check(
    unrelated !== undefined && firstText(unrelated) === 'unrelated-ok',
    'test_mrtr_unrelated was not answered',
  );
}
