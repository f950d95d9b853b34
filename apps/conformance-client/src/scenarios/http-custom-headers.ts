import { check, log } from '../check.js';
import type { ConformanceEnv } from '../conformance-env.js';
import { createClient } from '../create-client.js';

interface ToolCall {
  name: string;
  arguments: Record<string, unknown>;
}

/**
 * `http-custom-headers`: list the tools (which teaches the client their `x-mcp-header`
 * annotations), then make the calls the scenario context asks for; the transport mirrors the
 * annotated arguments into `Mcp-Param-*` headers.
 */
export async function runHttpCustomHeaders(env: ConformanceEnv): Promise<void> {
  const calls = env.context['toolCalls'];
  check(
    Array.isArray(calls) && calls.every(isToolCall),
    'MCP_CONFORMANCE_CONTEXT has no toolCalls',
  );
  const { client, warnings } = createClient(env);
  const tools = await client.listAllTools();
  check(warnings.length === 0, `tools were dropped: ${warnings.join('; ')}`);
  for (const call of calls) {
    check(
      tools.some((tool) => tool.name === call.name),
      `the server does not list ${call.name}`,
    );
    const result = await client.callTool(call.name, call.arguments);
    log(`tools/call ${call.name}: ${result.isError === true ? 'error' : 'ok'}`);
    check(result.isError !== true, `${call.name} answered with an error`);
  }
}

function isToolCall(value: unknown): value is ToolCall {
  const call = value as Partial<ToolCall> | null;
  return (
    typeof call?.name === 'string' && typeof call.arguments === 'object' && call.arguments !== null
  );
}
