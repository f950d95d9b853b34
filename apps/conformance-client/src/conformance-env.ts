/** What the conformance suite tells a client program: argv and environment. */
export interface ConformanceEnv {
  /** `MCP_CONFORMANCE_SCENARIO`. */
  scenario: string;
  /** The scenario server's MCP endpoint: the suite appends it as the last argument. */
  serverUrl: string;
  /** `MCP_CONFORMANCE_CONTEXT`, parsed: scenario data such as the tool calls to make. */
  context: Record<string, unknown>;
  /** `MCP_CONFORMANCE_PROTOCOL_VERSION`, when set. */
  protocolVersion: string | undefined;
}

/** Thrown for an unusable invocation (no scenario, no URL, context that is not JSON). */
export class UsageError extends Error {
  override readonly name: string = 'UsageError';
}

/** Reads the invocation of `node dist/main.js <server-url>` under the suite. */
export function readConformanceEnv(
  argv: readonly string[],
  env: NodeJS.ProcessEnv,
): ConformanceEnv {
  const scenario = env['MCP_CONFORMANCE_SCENARIO'];
  if (scenario === undefined || scenario === '')
    throw new UsageError('MCP_CONFORMANCE_SCENARIO is not set');
  const serverUrl = argv.at(-1);
  if (argv.length < 3 || serverUrl === undefined || !URL.canParse(serverUrl)) {
    throw new UsageError(
      'Usage: node dist/main.js <server-url> (the server URL must be the last argument)',
    );
  }
  let context: Record<string, unknown> = {};
  const rawContext = env['MCP_CONFORMANCE_CONTEXT'];
  if (rawContext !== undefined && rawContext !== '') {
    try {
      context = JSON.parse(rawContext) as Record<string, unknown>;
    } catch (error) {
      throw new UsageError('MCP_CONFORMANCE_CONTEXT is not JSON', { cause: error });
    }
  }
  const protocolVersion = env['MCP_CONFORMANCE_PROTOCOL_VERSION'];
  return {
    scenario,
    serverUrl,
    context,
    protocolVersion: protocolVersion === '' ? undefined : protocolVersion,
  };
}
