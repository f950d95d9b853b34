import type { ErrorRequestHandler } from 'express';

/** What the client may learn of a failure: its status and a fixed sentence, nothing else. */
const MESSAGES: Readonly<Record<number, string>> = {
  400: 'Bad request: the form could not be read.',
  413: 'Request too large.',
  415: 'Unsupported request encoding.',
};

/**
 * The last handler of the demo's own routes. Express's default error page shows the stack trace,
 * with absolute paths, to whoever sent a bad form body; this one answers the client error's
 * status (a body-parser failure: malformed, too large, wrong charset) or 500, as plain text
 * without details, and hands server faults to `report`.
 */
export function createErrorHandler(report: (error: unknown) => void): ErrorRequestHandler {
  // Express recognises an error handler by its four parameters.
  // eslint-disable-next-line max-params
  return (error: unknown, _req, res, next) => {
    if (res.headersSent) {
      next(error);
      return;
    }
    const status = clientErrorStatus(error);
    if (status === undefined) report(error);
    res
      .status(status ?? 500)
      .type('text/plain')
      .send(`${MESSAGES[status ?? 0] ?? (status === undefined ? 'Internal error.' : 'Request refused.')}\n`);
  };
}

/** The 4xx status a body parser (or `http-errors`) put on its error, if any. */
function clientErrorStatus(error: unknown): number | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const { status, statusCode, expose } = error as { status?: unknown; statusCode?: unknown; expose?: unknown };
  const value = typeof status === 'number' ? status : statusCode;
  return typeof value === 'number' && value >= 400 && value < 500 && expose !== false ? value : undefined;
}
