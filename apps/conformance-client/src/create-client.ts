import { StreamableHttpTransport } from '@tern/client-http';
import { McpClient } from '@tern/core-protocol';
import type { AuthProvider, ClientTransport, InputHandlers } from '@tern/core-protocol';
import { DualEraTransport } from '@tern/legacy-compat';
import { isLegacyProtocolVersion } from '@tern/schema';
import type { ConformanceEnv } from './conformance-env.js';
import { fillForm } from './fill-form.js';
import { log } from './check.js';

/** A client for one scenario, plus the warnings the client core reported. */
export interface ConformanceClient {
  client: McpClient;
  warnings: string[];
}

/**
 * The client every scenario uses: Streamable HTTP to the scenario server, answering form
 * elicitations with {@link fillForm} and roots with an empty list, so it declares the
 * `elicitation` and `roots` capabilities.
 *
 * For a 2025-era run (`MCP_CONFORMANCE_PROTOCOL_VERSION` is a legacy revision) the transport is
 * `@tern/legacy-compat`'s `DualEraTransport`: it probes the scenario server, finds it legacy,
 * and runs an `initialize`d session asking for that revision. The `McpClient` and its handlers
 * stay the same; only the transport knows the era.
 */
export function createClient(
  env: ConformanceEnv,
  handlers: InputHandlers = {},
  authProvider?: AuthProvider,
): ConformanceClient {
  const warnings: string[] = [];
  const isLegacyRun = isLegacyProtocolVersion(env.protocolVersion);
  const client = new McpClient(
    { name: 'tern-conformance-client', version: '0.0.0' },
    {
      transport: createTransport(env, authProvider),
      ...(env.protocolVersion === undefined || isLegacyRun
        ? {}
        : { protocolVersion: env.protocolVersion }),
      handlers: {
        elicitForm: (params) => ({ action: 'accept', content: fillForm(params.requestedSchema) }),
        listRoots: () => [],
        ...handlers,
      },
      // An auth scenario's first request carries the whole authorization, slow on a loaded machine.
      requestTimeoutMs: env.scenario.startsWith('auth/') ? 110_000 : 30_000,
      onWarning: (message) => {
        warnings.push(message);
        log(`warning: ${message}`);
      },
    },
  );
  return { client, warnings };
}

function createTransport(env: ConformanceEnv, authProvider: AuthProvider | undefined): ClientTransport {
  const auth = authProvider === undefined ? {} : { authProvider };
  if (!isLegacyProtocolVersion(env.protocolVersion)) {
    return new StreamableHttpTransport({ url: env.serverUrl, ...auth });
  }
  return new DualEraTransport({
    url: env.serverUrl,
    ...auth,
    modern: (init) => new StreamableHttpTransport(init),
    legacyProtocolVersion: env.protocolVersion,
    clientInfo: { name: 'tern-conformance-client', version: '0.0.0' },
    onWarning: (message) => log(`transport: ${message}`),
  });
}
