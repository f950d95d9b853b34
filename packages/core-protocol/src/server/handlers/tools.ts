import { InternalError, InvalidParamsError, isJsonRpcError } from '@tern/jsonrpc';
import type {
  CallToolRequestParams,
  CallToolResult,
  InputRequiredResult,
  ListToolsResult,
  PaginatedRequestParams,
} from '@tern/schema';
import { ToolError } from '../../errors.js';
import { isInputRequired, runWithInput } from '../mrtr.js';
import type { CallInfo, ServerRuntime } from '../server-runtime.js';
import type { RegisteredTool, ToolResult } from '../tool-registry.js';
import { isCancellation } from '../cancellation.js';

/**
 * `tools/list`: every tool the caller may use (all of them with `unauthorizedInLists: 'show'`), in
 * registration order, paginated, with caching hints.
 */
export async function listTools(
  runtime: ServerRuntime,
  params: PaginatedRequestParams,
  call: CallInfo,
): Promise<ListToolsResult> {
  const tools = runtime.access.visible(runtime.tools.list(), call.auth).map((tool) => tool.definition);
  const page = await runtime.paginator.page('tools/list', tools, params.cursor);
  return {
    resultType: 'complete',
    tools: page.items,
    ...(page.nextCursor === undefined ? {} : { nextCursor: page.nextCursor }),
    ...runtime.cacheHint('tools'),
  };
}

/**
 * `tools/call`: unknown tool is a protocol error (-32602); arguments that break the input schema
 * are a tool error (`isError: true`) so the model can correct itself (requirements.md #161, #253);
 * so is a handler that throws anything but a JSON-RPC error (with a generic text: the real error
 * goes to `onError`); structured output is checked against the output schema (#158).
 */
export async function callTool(
  runtime: ServerRuntime,
  params: CallToolRequestParams,
  call: CallInfo,
): Promise<CallToolResult | InputRequiredResult> {
  const tool = runtime.tools.get(params.name);
  if (tool === undefined) throw new InvalidParamsError(`Unknown tool: ${params.name}`, { data: { name: params.name } });
  runtime.access.check(tool, call.auth);
  const args = params.arguments ?? {};
  const input = tool.input.validate(args);
  if (!input.success) return toolError(`Input validation error: ${input.message}`);

  const result = await runWithInput<ToolResult>(
    runtime,
    call,
    {
      method: 'tools/call',
      name: params.name,
      args,
      inputResponses: params.inputResponses,
      requestState: params.requestState,
      mode: tool.requestState,
      run: async (context) => {
        try {
          const returned = await tool.handler(input.value, context);
          return typeof returned === 'string' ? { content: [{ type: 'text' as const, text: returned }] } : returned;
        } catch (error) {
          if (error instanceof ToolError) return toolErrorFrom(error);
          // A JSON-RPC error is a protocol error the author meant (or -32021 from an ask).
          if (isJsonRpcError(error)) throw error;
          // The client cancelled: no one reads the answer, and nothing failed (not reported).
          if (isCancellation(error, context.signal)) throw error;
          // Anything else is a tool execution failure: an isError result the model can see
          // (requirements.md #253), with a generic text; the real error goes to onError only.
          runtime.reportError(error, { method: 'tools/call', id: call.requestId });
          return { content: [{ type: 'text', text: `Tool ${params.name} failed with an internal error` }], isError: true };
        }
      },
    },
  );
  if (isInputRequired(result)) return result;
  return finishToolResult(tool, result);
}

function finishToolResult(tool: RegisteredTool, result: ToolResult): CallToolResult {
  // requirements.md #157: structured content should also travel as text for older clients.
  const content =
    result.content ??
    (result.structuredContent === undefined ? [] : [{ type: 'text' as const, text: JSON.stringify(result.structuredContent) }]);
  const complete: CallToolResult = { ...result, content, resultType: 'complete' };
  if (tool.output === undefined || complete.isError === true) return complete;
  if (complete.structuredContent === undefined) {
    throw new InternalError(`Tool ${tool.definition.name} declares an output schema but returned no structuredContent`);
  }
  const output = tool.output.validate(complete.structuredContent);
  if (!output.success) {
    throw new InternalError(`Tool ${tool.definition.name} returned structuredContent that breaks its output schema`, {
      cause: new TypeError(output.message),
    });
  }
  return complete;
}

function toolError(message: string): CallToolResult {
  return { resultType: 'complete', content: [{ type: 'text', text: message }], isError: true };
}

function toolErrorFrom(error: ToolError): ToolResult {
  return {
    content: [{ type: 'text', text: error.message }],
    isError: true,
    ...(error.structuredContent === undefined ? {} : { structuredContent: error.structuredContent }),
  };
}
