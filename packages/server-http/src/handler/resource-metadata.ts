/**
 * Serves the protected resource metadata (RFC 9728 §3) at the well-known path derived from the
 * MCP endpoint's resource URI, from the same handler as the endpoint, on every adapter.
 */
import { InvalidRequestError } from '@tern/jsonrpc';
import type { HttpExchange, HttpHeaders, HttpResponseSink } from '../exchange.js';
import type { ResourceServer } from '../auth/resource-server-options.js';
import { McpHttpError } from '../mcp-http-error.js';

// The document is public and carries no credentials: any page may read it (browser clients
// discover the authorization server with it).
const CORS: HttpHeaders = {
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Allow-Methods': 'GET, OPTIONS',
  'Access-Control-Allow-Headers': 'MCP-Protocol-Version',
};
const DOCUMENT_HEADERS: HttpHeaders = { ...CORS, 'Content-Type': 'application/json', 'Cache-Control': 'max-age=300' };

const METHOD_NOT_ALLOWED = new McpHttpError(405, {
  error: new InvalidRequestError('Method Not Allowed: the resource metadata accepts GET only'),
  id: null,
  headers: { Allow: 'GET, OPTIONS' },
});

/** True when the request is for the metadata document (its path, query ignored). */
export function isMetadataRequest(server: ResourceServer, exchange: HttpExchange): boolean {
  const path = exchange.path;
  const end = path.indexOf('?');
  return (end === -1 ? path : path.slice(0, end)) === server.metadataPath;
}

/**
 * Answers a request for the metadata document.
 * @throws McpHttpError 405 for a method other than GET and OPTIONS
 */
export function sendMetadata(server: ResourceServer, exchange: HttpExchange, sink: HttpResponseSink): void {
  if (exchange.method === 'OPTIONS') {
    sink.sendJson(204, CORS, '');
    return;
  }
  if (exchange.method !== 'GET') throw METHOD_NOT_ALLOWED;
  sink.sendJson(200, DOCUMENT_HEADERS, server.metadataJson);
}
