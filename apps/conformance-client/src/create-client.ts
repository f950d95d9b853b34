import { StreamableHttpTransport } from '@tern/client-http';
import { McpClient } from '@tern/core-protocol';
import type { InputHandlers } from '@tern/core-protocol';
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
 */
export function createClient(env: ConformanceEnv, handlers: InputHandlers = {}): ConformanceClient {
  const warnings: string[] = [];
  const client = new McpClient(
    { name: 'tern-conformance-client', version: '0.0.0' },
    {
      transport: new StreamableHttpTransport({ url: env.serverUrl }),
      ...(env.protocolVersion === undefined ? {} : { protocolVersion: env.protocolVersion }),
      handlers: {
        elicitForm: (params) => ({ action: 'accept', content: fillForm(params.requestedSchema) }),
        listRoots: () => [],
        ...handlers,
      },
      requestTimeoutMs: 30_000,
      onWarning: (message) => {
        warnings.push(message);
        log(`warning: ${message}`);
      },
    },
  );
  return { client, warnings };
}
