import type { McpServer } from '@tern/core-protocol';
import { JsonRpcError } from '@tern/jsonrpc';
import { MetaKey } from '@tern/schema';
import type { ServerCapabilities } from '@tern/schema';

/** What an `InitializeResult` needs to know about the server. */
export interface ServerDescription {
  readonly capabilities: ServerCapabilities;
  readonly instructions: string | undefined;
}

const NEVER_ABORTED = new AbortController().signal;

/**
 * Reads the server's capabilities and instructions with an in-process `server/discover`, so the
 * legacy handshake advertises exactly what modern clients discover.
 * @throws JsonRpcError when the server cannot answer (for example unusable `requestState` keys)
 */
export async function describeServer(server: McpServer): Promise<ServerDescription> {
  const protocolVersion = server.supportedVersions[0] ?? '';
  const response = await server.execute(
    {
      jsonrpc: '2.0',
      id: 0,
      method: 'server/discover',
      params: {
        _meta: { [MetaKey.ProtocolVersion]: protocolVersion, [MetaKey.ClientCapabilities]: {} },
      },
    },
    {
      envelope: {
        protocolVersion,
        capabilities: {},
        clientInfo: undefined,
        logLevel: undefined,
        progressToken: undefined,
      },
      signal: NEVER_ABORTED,
      auth: undefined,
      notify: undefined,
    },
  );
  if ('error' in response) throw JsonRpcError.fromError(response.error);
  const result = response.result as { capabilities?: ServerCapabilities; instructions?: unknown };
  return {
    capabilities: result.capabilities ?? {},
    instructions: typeof result.instructions === 'string' ? result.instructions : undefined,
  };
}
