/**
 * `Content-Type`, `Content-Encoding` and `Accept` rules of a POST to the MCP endpoint
 * (requirements.md #104, #96; security checklist A6).
 */
import { InvalidRequestError } from '@tern/jsonrpc';
import type { HttpRequestInfo } from '../exchange.js';
import { McpHttpError } from '../mcp-http-error.js';

const JSON_TYPE = 'application/json';
const SSE_TYPE = 'text/event-stream';

// The last value each check accepted. The checks are pure functions of the header text and a
// client sends the same `Content-Type` and `Accept` on every request, so an identical value is
// accepted again without being parsed (one string comparison instead of a split and a scan).
let acceptedContentType: string | undefined;
let acceptedAccept: string | undefined;

function unsupportedMediaType(message: string): McpHttpError {
  return new McpHttpError(415, { error: new InvalidRequestError(message), id: null });
}

/** Splits `a; b=c` into the lower-cased media type and its raw parameters. */
function splitMediaType(value: string): [type: string, parameters: string[]] {
  const [type = '', ...parameters] = value.split(';');
  return [type.trim().toLowerCase(), parameters];
}

/** The value of a media type parameter, unquoted; `undefined` when absent. */
function parameter(parameters: readonly string[], name: string): string | undefined {
  for (const entry of parameters) {
    const separator = entry.indexOf('=');
    if (separator === -1 || entry.slice(0, separator).trim().toLowerCase() !== name) continue;
    const raw = entry.slice(separator + 1).trim();
    return raw.length >= 2 && raw.startsWith('"') && raw.endsWith('"') ? raw.slice(1, -1) : raw;
  }
  return undefined;
}

/**
 * Requires `Content-Type: application/json` (parameters allowed; a `charset` must be UTF-8, the
 * only encoding of MCP messages, #96) and no content coding.
 *
 * A comma anywhere means two joined `Content-Type` fields (or a list smuggled into one), which is
 * refused rather than guessed at; `text/plain; x=application/json` is a text type and refused.
 * Compressed bodies are refused too: reading them would need a decompressor with its own limits,
 * and clients do not compress requests.
 *
 * @throws McpHttpError 415
 */
export function checkContentType(request: HttpRequestInfo): void {
  const value = request.header('content-type');
  if (value !== undefined && value === acceptedContentType) {
    checkContentEncoding(request);
    return;
  }
  if (value === undefined)
    throw unsupportedMediaType('Unsupported Media Type: Content-Type must be application/json');
  const [type, parameters] = splitMediaType(value);
  if (type !== JSON_TYPE || value.includes(',')) {
    throw unsupportedMediaType('Unsupported Media Type: Content-Type must be application/json');
  }
  const charset = parameter(parameters, 'charset')?.toLowerCase();
  if (charset !== undefined && charset !== 'utf-8' && charset !== 'utf8') {
    throw unsupportedMediaType('Unsupported Media Type: MCP messages are UTF-8 (charset=utf-8)');
  }
  acceptedContentType = value;
  checkContentEncoding(request);
}

/** Refuses a content coding other than `identity` (see {@link checkContentType}). */
function checkContentEncoding(request: HttpRequestInfo): void {
  const coding = request.header('content-encoding');
  if (coding !== undefined && coding.trim().toLowerCase() !== 'identity' && coding.trim() !== '') {
    throw unsupportedMediaType(
      'Unsupported Media Type: compressed request bodies are not accepted',
    );
  }
}

/** How specifically an `Accept` range names a media type: exact 3, `type/*` 2, `*\/*` 1, none 0. */
function specificity(range: string, type: string): number {
  if (range === type) return 3;
  if (range === '*/*') return 1;
  return range.endsWith('/*') && type.startsWith(range.slice(0, -1)) ? 2 : 0;
}

/** The quality the `Accept` value gives `type`, using the most specific matching range (RFC 9110 §12.5.1). */
function qualityOf(ranges: readonly (readonly [string, number])[], type: string): number {
  let best = 0;
  let quality = 0;
  for (const [range, q] of ranges) {
    const rank = specificity(range, type);
    if (rank > best) {
      best = rank;
      quality = q;
    }
  }
  return quality;
}

function parseAccept(value: string): [string, number][] {
  const ranges: [string, number][] = [];
  for (const item of value.split(',')) {
    const [range, parameters] = splitMediaType(item);
    if (range === '') continue;
    const q = parameter(parameters, 'q');
    const quality = q === undefined ? 1 : Number(q);
    ranges.push([range, Number.isFinite(quality) ? quality : 0]);
  }
  return ranges;
}

/**
 * Requires an `Accept` that admits both `application/json` and `text/event-stream` (#104), read
 * per RFC 9110: `*\/*` admits both, `application/*` only JSON, `text/*` only SSE, and a range
 * with `q=0` excludes its types. A missing `Accept` is refused: the spec makes listing both a MUST,
 * and the server may answer either way, so a client must be ready for both.
 *
 * @throws McpHttpError 406
 */
export function checkAccept(request: HttpRequestInfo): void {
  const value = request.header('accept');
  if (value !== undefined && value === acceptedAccept) return;
  const ranges = value === undefined ? [] : parseAccept(value);
  if (qualityOf(ranges, JSON_TYPE) <= 0 || qualityOf(ranges, SSE_TYPE) <= 0) {
    throw new McpHttpError(406, {
      error: new InvalidRequestError(
        `Not Acceptable: Accept must list both ${JSON_TYPE} and ${SSE_TYPE}`,
      ),
      id: null,
    });
  }
  if (value !== undefined) acceptedAccept = value;
}
