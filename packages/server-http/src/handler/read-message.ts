/**
 * Body limit and JSON-RPC parsing of a POST (security checklist B1-B3; requirements.md #96,
 * #106).
 */
import {
  InvalidRequestError,
  ParseError,
  safeParseMessage,
  safeParseMessageValue,
} from '@tern/jsonrpc';
import type { ParseMessageResult } from '@tern/jsonrpc';
import type { BodyReadResult, HttpExchange } from '../exchange.js';
import { McpHttpError } from '../mcp-http-error.js';

/** A body that was read and may be parsed. */
export type ReadableBody = Extract<BodyReadResult, { type: 'raw' | 'parsed' }>;

const DIGITS = /^\d+$/;

/**
 * 413 naming the limit that was hit: the transport's, or a lower one of a body parser that ran
 * before it (a body over a parser limit at or above ours is over ours too).
 */
function tooLarge(limit: number, frameworkLimit?: number): McpHttpError {
  const message =
    frameworkLimit === undefined || frameworkLimit >= limit
      ? `Request body exceeds the limit of ${limit} bytes`
      : `Request body exceeds the limit of ${frameworkLimit} bytes of the body parser in front of the MCP endpoint (such as express.json())`;
  return new McpHttpError(413, { error: new InvalidRequestError(message), id: null });
}

/**
 * Reads the body within `limit`. A declared `Content-Length` beyond the limit is refused before
 * a byte is read; a chunked body is cut off at the limit.
 *
 * @returns the body, or `undefined` when the client went away (nothing is to be answered)
 * @throws McpHttpError 413, 400 (-32700) or 415 for a body a framework already refused
 */
export async function readBody(
  exchange: HttpExchange,
  limit: number,
): Promise<ReadableBody | undefined> {
  const length = exchange.header('content-length');
  if (length !== undefined && DIGITS.test(length) && Number(length) > limit) throw tooLarge(limit);
  const body = await exchange.readBody(limit);
  switch (body.type) {
    case 'raw':
    case 'parsed':
      return body;
    case 'too-large':
      throw tooLarge(limit, body.frameworkLimit);
    case 'unparsable':
      throw new McpHttpError(400, {
        error: new ParseError('Parse error: message is not valid JSON'),
        id: null,
      });
    case 'unsupported':
      throw new McpHttpError(415, {
        error: new InvalidRequestError(
          'Unsupported Media Type: the body must be UTF-8 JSON without content coding',
        ),
        id: null,
      });
    case 'aborted':
      return undefined;
  }
}

/** Parses the body into exactly one JSON-RPC message, or the -32700/-32600 error to answer. */
export function parseBody(body: ReadableBody): ParseMessageResult {
  return body.type === 'raw' ? safeParseMessage(body.data) : safeParseMessageValue(body.value);
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * The body as a plain JSON value, for the dual-era fallback when the modern parser refused its
 * shape (a batch array). `undefined` when it is not JSON at all.
 */
export function bodyValue(body: ReadableBody, parsed: ParseMessageResult): unknown {
  if (parsed.success) return parsed.message;
  if (body.type === 'parsed') return body.value;
  // A -32700 body is not JSON; only a -32600 body (valid JSON, wrong shape) has a value.
  if (!(parsed.error instanceof InvalidRequestError)) return undefined;
  try {
    return JSON.parse(
      typeof body.data === 'string' ? body.data : utf8.decode(body.data),
    ) as unknown;
  } catch {
    return undefined;
  }
}
