import type { GetPromptResult, Icon, InputRequiredResult, Prompt, PromptArgument } from '@tern/schema';
import { isZodSchema, safeParse, toJSONSchema, type ZodSchema } from '../shared/zod.js';
import { readScopes } from './access-policy.js';
import type { RequestContext } from './request-context.js';
import { usageError } from '../errors.js';

type MaybePromise<T> = T | Promise<T>;

/** What a prompt handler returns (`resultType` is added). */
export interface PromptResult {
  description?: string;
  messages: GetPromptResult['messages'];
  _meta?: Record<string, unknown>;
  resultType?: 'complete';
}

/** Suggests completions for one argument or template variable. */
export type CompletionCallback = (
  value: string,
  context: { arguments: Record<string, string> },
) => MaybePromise<string[]>;

/** Renders a prompt. `args` were checked against the declared arguments. */
export type PromptHandler<TArgs> = (
  args: TArgs,
  context: RequestContext,
) => MaybePromise<PromptResult | InputRequiredResult>;

/** Definition of a prompt. */
export interface PromptConfig<TArgs> {
  title?: string;
  description?: string;
  /**
   * The arguments: a zod object of string fields (descriptions come from `.describe()`), or a
   * plain list. Prompt arguments are strings on the wire.
   */
  arguments?: ZodSchema<TArgs> | PromptArgument[];
  icons?: Icon[];
  _meta?: Record<string, unknown>;
  /** Completion for arguments, by argument name. */
  complete?: Record<string, CompletionCallback>;
  /** OAuth scopes a caller needs to see and get this prompt; as `ToolConfig.scopes`. */
  scopes?: readonly string[];
}

/** A registered prompt. */
export interface RegisteredPrompt {
  readonly definition: Prompt;
  readonly parse: (args: Record<string, string>) => { success: true; value: unknown } | { success: false; message: string };
  readonly handler: PromptHandler<unknown>;
  readonly complete: Record<string, CompletionCallback>;
  readonly scopes: readonly string[] | undefined;
}

/** Prompts in registration order. */
export class PromptRegistry {
  readonly #prompts = new Map<string, RegisteredPrompt>();

  /** @throws SdkError INVALID_USAGE for a duplicate name or an arguments schema that is not a flat object */
  add<TArgs>(name: string, config: PromptConfig<TArgs>, handler: PromptHandler<TArgs>): RegisteredPrompt {
    if (this.#prompts.has(name)) throw usageError(`A prompt named "${name}" is already registered`);
    const { argumentList, parse } = compileArguments(name, config.arguments);
    const definition: Prompt = {
      name,
      ...(config.title === undefined ? {} : { title: config.title }),
      ...(config.description === undefined ? {} : { description: config.description }),
      ...(argumentList.length === 0 ? {} : { arguments: argumentList }),
      ...(config.icons === undefined ? {} : { icons: config.icons }),
      ...(config._meta === undefined ? {} : { _meta: config._meta }),
    };
    const prompt: RegisteredPrompt = {
      definition,
      parse,
      handler: handler as PromptHandler<unknown>,
      complete: config.complete ?? {},
      scopes: readScopes(`Prompt "${name}"`, config.scopes),
    };
    this.#prompts.set(name, prompt);
    return prompt;
  }

  remove(name: string): boolean {
    return this.#prompts.delete(name);
  }

  get(name: string): RegisteredPrompt | undefined {
    return this.#prompts.get(name);
  }

  get size(): number {
    return this.#prompts.size;
  }

  /** The registered prompts, in registration order. */
  list(): RegisteredPrompt[] {
    return [...this.#prompts.values()];
  }

  definitions(): Prompt[] {
    return [...this.#prompts.values()].map((prompt) => prompt.definition);
  }
}

function compileArguments(
  name: string,
  args: ZodSchema | PromptArgument[] | undefined,
): { argumentList: PromptArgument[]; parse: RegisteredPrompt['parse'] } {
  if (args === undefined || Array.isArray(args)) {
    const argumentList = args ?? [];
    const required = argumentList.filter((arg) => arg.required === true).map((arg) => arg.name);
    return {
      argumentList,
      parse(values) {
        const absent = required.filter((key) => values[key] === undefined);
        if (absent.length > 0) return { success: false, message: `Missing required arguments: ${absent.join(', ')}` };
        return { success: true, value: values };
      },
    };
  }
  if (!isZodSchema(args)) throw usageError(`Prompt "${name}": arguments must be a zod object or a list`);
  const json = toJSONSchema(args, { io: 'input' }) as {
    type?: string;
    properties?: Record<string, { description?: string }>;
    required?: string[];
  };
  if (json.type !== 'object' || json.properties === undefined) {
    throw usageError(`Prompt "${name}": the arguments schema must be a zod object`);
  }
  const required = new Set(json.required ?? []);
  const argumentList = Object.entries(json.properties).map(([argName, property]) => ({
    name: argName,
    ...(property.description === undefined ? {} : { description: property.description }),
    ...(required.has(argName) ? { required: true } : {}),
  }));
  return {
    argumentList,
    parse(values) {
      const result = safeParse(args, values);
      if (result.success) return { success: true, value: result.data };
      const message = result.error.issues
        .map((issue) => `${issue.path.join('.') || 'arguments'}: ${issue.message}`)
        .join('; ');
      return { success: false, message };
    },
  };
}
