import { InvalidParamsError } from '@tern/jsonrpc';
import type {
  GetPromptRequestParams,
  GetPromptResult,
  InputRequiredResult,
  ListPromptsResult,
  PaginatedRequestParams,
} from '@tern/schema';
import { isInputRequired, runWithInput } from '../mrtr.js';
import type { PromptResult } from '../prompt-registry.js';
import type { CallInfo, ServerRuntime } from '../server-runtime.js';

/** `prompts/list`: the prompts the caller may use (see `AccessOptions.unauthorizedInLists`). */
export async function listPrompts(
  runtime: ServerRuntime,
  params: PaginatedRequestParams,
  call: CallInfo,
): Promise<ListPromptsResult> {
  const prompts = runtime.access.visible(runtime.prompts.list(), call.auth).map((prompt) => prompt.definition);
  const page = await runtime.paginator.page('prompts/list', prompts, params.cursor);
  return {
    resultType: 'complete',
    prompts: page.items,
    ...(page.nextCursor === undefined ? {} : { nextCursor: page.nextCursor }),
    ...runtime.cacheHint('prompts'),
  };
}

/** `prompts/get`: unknown prompt or missing required arguments is -32602 (requirements.md #176). */
export async function getPrompt(
  runtime: ServerRuntime,
  params: GetPromptRequestParams,
  call: CallInfo,
): Promise<GetPromptResult | InputRequiredResult> {
  const prompt = runtime.prompts.get(params.name);
  if (prompt === undefined) throw new InvalidParamsError(`Unknown prompt: ${params.name}`, { data: { name: params.name } });
  runtime.access.check(prompt, call.auth);
  const args = params.arguments ?? {};
  const parsed = prompt.parse(args);
  if (!parsed.success) throw new InvalidParamsError(`Invalid arguments for prompt ${params.name}: ${parsed.message}`);
  const result = await runWithInput<PromptResult>(
    runtime,
    call,
    {
      method: 'prompts/get',
      name: params.name,
      args,
      inputResponses: params.inputResponses,
      requestState: params.requestState,
      mode: 'managed',
      run: async (context) => prompt.handler(parsed.value, context),
    },
  );
  if (isInputRequired(result)) return result;
  return { ...result, resultType: 'complete' };
}
