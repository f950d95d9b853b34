import type { IncomingHttpHeaders } from 'node:http';
import type { McpServer } from '@tern/core-protocol';
import type { ErrorRequestHandler, RequestHandler } from 'express';
import type { BodyReadResult } from '../../exchange.js';
import { handleMcpHttp } from '../../handler/handle-mcp-http.js';
import { resolveTransportConfig } from '../../handler/transport-config.js';
import type { McpHttpOptions } from '../../options.js';
import { NodeExchange } from '../node/node-exchange.js';

/**
 * The MCP endpoint for Express: the request handler, then the error handler that turns
 * body-parser failures into JSON-RPC answers. Pass the pair to `app.use` or `app.post` as is.
 */
export type ExpressMcpHandlers = [handler: RequestHandler, errorHandler: ErrorRequestHandler];

const UNPARSABLE: BodyReadResult = { type: 'unparsable' };
const TOO_LARGE: BodyReadResult = { type: 'too-large' };
const UNSUPPORTED: BodyReadResult = { type: 'unsupported' };
const ABORTED: BodyReadResult = { type: 'aborted' };
const EMPTY: BodyReadResult = { type: 'raw', data: new Uint8Array(0) };

/** The `type` of body-parser's errors (both major versions), and what each means here. */
const BODY_PARSER_FAILURES: Readonly<Record<string, BodyReadResult>> = {
  'entity.parse.failed': UNPARSABLE,
  'request.size.invalid': UNPARSABLE,
  'entity.too.large': TOO_LARGE,
  'charset.unsupported': UNSUPPORTED,
  'encoding.unsupported': UNSUPPORTED,
  'request.aborted': ABORTED,
};

/** The parts of an Express request a body parser touches. */
interface ExpressRequestBody {
  readonly headers: IncomingHttpHeaders;
  readonly _body?: unknown;
  readonly body?: unknown;
  readonly readableEnded: boolean;
}

/** What body-parser (`express.json()`, `express.text()`, `express.raw()`) left on the request. */
function parsedBody(req: ExpressRequestBody): BodyReadResult | undefined {
  // A body parser consumed the stream: body-parser 1 marks it with `_body`, body-parser 2 only
  // leaves the stream ended. Otherwise the stream is still unread, and Express 4's `{}` in `body`
  // means nothing.
  if (req._body !== true && !req.readableEnded) return undefined;
  const body = req.body;
  if (body === undefined) return undefined;
  // body-parser turns an empty body into `{}`; the transport answers an empty body with -32700.
  if (req.headers['content-length'] === '0') return EMPTY;
  return typeof body === 'string' || body instanceof Uint8Array
    ? { type: 'raw', data: body }
    : { type: 'parsed', value: body };
}

/**
 * What a body-parser error means for the transport, or `undefined` for an error that is not
 * body-parser's (it goes on to the app's error handlers).
 */
function bodyParserFailure(
  error: unknown,
  req: { readonly headers: IncomingHttpHeaders },
): BodyReadResult | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const type = (error as { type?: unknown }).type;
  if (type === 'entity.too.large') {
    // body-parser says which limit it applied (its default is 100 kB, far below maxBodyBytes).
    const limit = (error as { limit?: unknown }).limit;
    return typeof limit === 'number' ? { type: 'too-large', frameworkLimit: limit } : TOO_LARGE;
  }
  if (typeof type === 'string' && Object.hasOwn(BODY_PARSER_FAILURES, type))
    return BODY_PARSER_FAILURES[type];
  // A body that failed to inflate: body-parser passes the zlib error on without a `type`. The
  // transport refuses compressed bodies anyway (415).
  const coding = req.headers['content-encoding'];
  const status = (error as { status?: unknown }).status;
  const isClientError = typeof status === 'number' && status >= 400 && status < 500;
  return isClientError && coding !== undefined && coding.trim().toLowerCase() !== 'identity'
    ? UNSUPPORTED
    : undefined;
}

/**
 * Creates the Streamable HTTP endpoint for Express 4 and 5. It delegates to the node:http adapter
 * and works with or without `express.json()` before it: a body already parsed is used as is, and
 * a body-parser failure (malformed JSON, too large) becomes the transport's own JSON-RPC answer
 * (400 `-32700`, 413) after the same Host/Origin, method and header checks, never Express's HTML
 * error page. Errors that are not body-parser's pass on to the app's error handlers.
 *
 * Mount it before `express.json()` (or without it): the transport then applies its own body limit
 * (`maxBodyBytes`, 4 MiB) and refuses invalid UTF-8, where body-parser's default limit is 100 kB
 * and it decodes invalid UTF-8 leniently.
 *
 * @example
 * ```ts
 * const app = express();
 * app.use('/mcp', createExpressHandler(server));
 * app.listen(3000, '127.0.0.1');
 * ```
 * @throws SdkError INVALID_USAGE for a limit that is not a positive integer
 * @throws SdkError INVALID_USAGE for an allow-list entry that is not a host or an origin
 * @see https://modelcontextprotocol.io/specification/2026-07-28/basic/transports/streamable-http
 */
export function createExpressHandler(
  server: McpServer,
  options: McpHttpOptions = {},
): ExpressMcpHandlers {
  const config = resolveTransportConfig(server, options);
  const handler: RequestHandler = (req, res) => {
    const exchange = new NodeExchange(req, res, parsedBody(req));
    // The endpoint owns the request from here. A body parser's result stays on `req` as long as
    // the response is open, hours for a listen stream: the transport keeps only what it needs.
    (req as { body?: unknown }).body = undefined;
    void handleMcpHttp(config, exchange, exchange);
  };
  // Express recognises an error handler by its four parameters.
  // eslint-disable-next-line max-params
  const errorHandler: ErrorRequestHandler = (error: unknown, req, res, next) => {
    const failure = bodyParserFailure(error, req);
    if (failure === undefined || res.headersSent) {
      next(error);
      return;
    }
    const exchange = new NodeExchange(req, res, failure);
    void handleMcpHttp(config, exchange, exchange);
  };
  return [handler, errorHandler];
}
