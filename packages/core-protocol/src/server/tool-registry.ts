import type { CallToolResult, Icon, InputRequiredResult, Tool, ToolAnnotations } from '@tern/schema';
import { type ZodSchema } from '../shared/zod.js';
import { compileSchema } from '../shared/schema-validator.js';
import type { CompiledSchema, JsonSchemaObject } from '../shared/schema-validator.js';
import { collectMcpHeaderParams } from '../shared/x-mcp-header.js';
import type { McpHeaderParam } from '../shared/x-mcp-header.js';
import { readScopes } from './access-policy.js';
import type { RequestContext } from './request-context.js';
import { usageError } from '../errors.js';

/**
 * What a tool handler may return: a result (its `resultType` is added; `content` may be left out
 * when `structuredContent` is given, and then carries its JSON text), or plain text.
 */
export interface ToolResult {
  content?: CallToolResult['content'];
  structuredContent?: unknown;
  isError?: boolean;
  _meta?: Record<string, unknown>;
  resultType?: 'complete';
}

/** A tool handler. `args` has been validated against the input schema before it runs. */
export type ToolHandler<TArgs> = (
  args: TArgs,
  context: RequestContext,
) => ToolResult | string | InputRequiredResult | Promise<ToolResult | string | InputRequiredResult>;

/**
 * How a tool's conversation state is kept:
 * - `managed` (default): `ctx.elicit` and friends work in a straight line; the core seals the
 *   state and replays the handler.
 * - `manual`: the handler reads `ctx.input` and returns its own `InputRequiredResult`; the core
 *   passes `requestState` through untouched, and the handler must protect it itself.
 */
export type RequestStateMode = 'managed' | 'manual';

/** Definition of a tool. */
export interface ToolConfig<TArgs> {
  title?: string;
  description?: string;
  /** A zod object schema or a JSON Schema 2020-12 object with `type: "object"`. Default: any object. */
  inputSchema?: ZodSchema<TArgs> | JsonSchemaObject;
  /** A zod schema or JSON Schema; when given, `structuredContent` is validated against it. */
  outputSchema?: ZodSchema | JsonSchemaObject;
  annotations?: ToolAnnotations;
  icons?: Icon[];
  _meta?: Record<string, unknown>;
  requestState?: RequestStateMode;
  /**
   * OAuth scopes a caller needs, all of them, to see and call this tool. Default: the server's
   * `authorization.defaultScopes`; `[]` makes the tool public. Calling it without them answers
   * `InsufficientScopeError` (on HTTP a 403 step-up challenge).
   */
  scopes?: readonly string[];
}

/** A tool as the registry keeps it: compiled once at registration. */
export interface RegisteredTool {
  readonly definition: Tool;
  readonly input: CompiledSchema<unknown>;
  readonly output: CompiledSchema<unknown> | undefined;
  readonly headerParams: readonly McpHeaderParam[];
  readonly handler: ToolHandler<unknown>;
  readonly requestState: RequestStateMode;
  readonly scopes: readonly string[] | undefined;
}

const ANY_OBJECT: JsonSchemaObject = { type: 'object' };

/** Tools in registration order (a deterministic order for `tools/list`, requirements.md #150). */
export class ToolRegistry {
  readonly #tools = new Map<string, RegisteredTool>();

  /**
   * Adds a tool.
   * @throws SdkError INVALID_USAGE for a duplicate name, an input schema whose root is not an object, or
   *   `x-mcp-header` annotations that break the rules (requirements.md #123, #152)
   */
  add<TArgs>(name: string, config: ToolConfig<TArgs>, handler: ToolHandler<TArgs>): RegisteredTool {
    if (this.#tools.has(name)) throw usageError(`A tool named "${name}" is already registered`);
    const input = compileSchema(config.inputSchema ?? ANY_OBJECT);
    if (input.jsonSchema['type'] !== 'object') {
      throw usageError(`The input schema of tool "${name}" must have type "object" at its root`);
    }
    const headers = collectMcpHeaderParams(input.jsonSchema);
    if (!headers.ok) {
      throw usageError(`Tool "${name}" has invalid x-mcp-header annotations: ${headers.problems.join('; ')}`);
    }
    const output = config.outputSchema === undefined ? undefined : compileSchema(config.outputSchema);
    const definition: Tool = {
      name,
      ...(config.title === undefined ? {} : { title: config.title }),
      ...(config.description === undefined ? {} : { description: config.description }),
      inputSchema: input.jsonSchema as Tool['inputSchema'],
      ...(output === undefined ? {} : { outputSchema: output.jsonSchema }),
      ...(config.annotations === undefined ? {} : { annotations: config.annotations }),
      ...(config.icons === undefined ? {} : { icons: config.icons }),
      ...(config._meta === undefined ? {} : { _meta: config._meta }),
    };
    const tool: RegisteredTool = {
      definition,
      input,
      output,
      headerParams: headers.params,
      handler: handler as ToolHandler<unknown>,
      requestState: config.requestState ?? 'managed',
      scopes: readScopes(`Tool "${name}"`, config.scopes),
    };
    this.#tools.set(name, tool);
    return tool;
  }

  remove(name: string): boolean {
    return this.#tools.delete(name);
  }

  get(name: string): RegisteredTool | undefined {
    return this.#tools.get(name);
  }

  get size(): number {
    return this.#tools.size;
  }

  /** The registered tools, in registration order. */
  list(): RegisteredTool[] {
    return [...this.#tools.values()];
  }

  definitions(): Tool[] {
    return [...this.#tools.values()].map((tool) => tool.definition);
  }
}
