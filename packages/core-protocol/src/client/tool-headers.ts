import type { Tool } from '@tern/schema';
import { SdkError, SdkErrorCode } from '../errors.js';
import { collectMcpHeaderParams } from '../shared/x-mcp-header.js';
import type { McpHeaderParam } from '../shared/x-mcp-header.js';

/**
 * What the client knows about each tool's `x-mcp-header` annotations, from the latest
 * `tools/list`: the parameters to mirror, or why the tool was refused (requirements.md #122-#124).
 */
export class ToolHeaders {
  readonly #known = new Map<string, readonly McpHeaderParam[] | { problems: string[] }>();
  readonly #onWarning: ((message: string) => void) | undefined;

  constructor(onWarning: ((message: string) => void) | undefined) {
    this.#onWarning = onWarning;
  }

  /**
   * Records a listed tool. Returns false for a tool whose annotations break the rules: it must be
   * left out of what the application sees, with a warning naming the tool and the reason (once).
   */
  accept(tool: Tool): boolean {
    const headers = collectMcpHeaderParams(tool.inputSchema);
    const before = this.#known.get(tool.name);
    if (headers.ok) {
      this.#known.set(tool.name, headers.params);
      return true;
    }
    this.#known.set(tool.name, { problems: headers.problems });
    if (before === undefined || Array.isArray(before)) {
      this.#onWarning?.(`Tool "${tool.name}" was left out: ${headers.problems.join('; ')}`);
    }
    return false;
  }

  /**
   * The parameters to mirror for a call, or `undefined` for a tool not listed yet.
   * @throws SdkError INVALID_TOOL_DEFINITION for a refused tool
   */
  paramsFor(name: string): readonly McpHeaderParam[] | undefined {
    const known = this.#known.get(name);
    if (known === undefined || Array.isArray(known)) return known as readonly McpHeaderParam[] | undefined;
    const { problems } = known as { problems: string[] };
    throw new SdkError(SdkErrorCode.InvalidToolDefinition, `Tool "${name}" was refused: ${problems.join('; ')}`, {
      data: { tool: name, problems },
    });
  }

  /** Forgets everything (the tool list changed). */
  clear(): void {
    this.#known.clear();
  }
}
