import { InvalidParamsError } from '@tern/jsonrpc';
import type { CompleteRequestParams, CompleteResult } from '@tern/schema';
import type { CompletionCallback } from '../prompt-registry.js';
import type { CallInfo, ServerRuntime } from '../server-runtime.js';

/** The most values one completion result may carry (schema `maxItems`). */
const MAX_VALUES = 100;

/**
 * `completion/complete` for prompt arguments and template variables. An unknown prompt or
 * template is -32602 (requirements.md #191); an argument without a completer completes to nothing;
 * one the caller lacks the scopes for is refused with `InsufficientScopeError`.
 */
export async function complete(
  runtime: ServerRuntime,
  params: CompleteRequestParams,
  call: CallInfo,
): Promise<CompleteResult> {
  let completer: CompletionCallback | undefined;
  if (params.ref.type === 'ref/prompt') {
    const prompt = runtime.prompts.get(params.ref.name);
    if (prompt === undefined) throw new InvalidParamsError(`Unknown prompt: ${params.ref.name}`);
    runtime.access.check(prompt, call.auth);
    completer = prompt.complete[params.argument.name];
  } else {
    const template = runtime.resources.templateByUri(params.ref.uri);
    if (template === undefined) throw new InvalidParamsError(`Unknown resource template: ${params.ref.uri}`);
    runtime.access.check(template, call.auth);
    completer = template.config.complete?.[params.argument.name];
  }
  const values =
    completer === undefined
      ? []
      : await completer(params.argument.value, { arguments: params.context?.arguments ?? {} });
  return {
    resultType: 'complete',
    completion: {
      values: values.slice(0, MAX_VALUES),
      total: values.length,
      hasMore: values.length > MAX_VALUES,
    },
  };
}

/** True when any prompt or template offers completion. */
export function hasCompleters(runtime: ServerRuntime): boolean {
  return (
    runtime.prompts.definitions().some((definition) => {
      const prompt = runtime.prompts.get(definition.name);
      return prompt !== undefined && Object.keys(prompt.complete).length > 0;
    }) ||
    runtime.resources.templates().some((template) => Object.keys(template.config.complete ?? {}).length > 0)
  );
}
