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
    completer = ownEntry(prompt.complete, params.argument.name);
  } else {
    const template = runtime.resources.templateByUri(params.ref.uri);
    if (template === undefined) throw new InvalidParamsError(`Unknown resource template: ${params.ref.uri}`);
    runtime.access.check(template, call.auth);
    completer = ownEntry(template.config.complete, params.argument.name);
  }
  const values =
    completer === undefined
      ? []
      : await completer(params.argument.value, { arguments: params.context?.arguments ?? {} });
  if (!Array.isArray(values) || values.some((value) => typeof value !== 'string')) {
    throw new TypeError(`The completer of "${params.argument.name}" must return an array of strings`);
  }
  return {
    resultType: 'complete',
    completion: {
      values: values.slice(0, MAX_VALUES),
      total: values.length,
      hasMore: values.length > MAX_VALUES,
    },
  };
}

/**
 * The completer registered under `name`, never one inherited from `Object.prototype`: an
 * argument named `constructor`, `toString` or `__proto__` has no completer unless one was
 * registered under that name.
 */
function ownEntry(
  completers: Readonly<Record<string, CompletionCallback>> | undefined,
  name: string,
): CompletionCallback | undefined {
  return completers !== undefined && Object.hasOwn(completers, name) ? completers[name] : undefined;
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
