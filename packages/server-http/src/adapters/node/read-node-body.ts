import type { IncomingMessage } from 'node:http';
import type { BodyReadResult } from '../../exchange.js';

const EMPTY_BYTES = new Uint8Array(0);
const EMPTY_BODY: BodyReadResult = { type: 'raw', data: EMPTY_BYTES };
const TOO_LARGE: BodyReadResult = { type: 'too-large' };
const ABORTED: BodyReadResult = { type: 'aborted' };

/**
 * Reads a Node request body, keeping at most `limit` bytes (security checklist B1). Past the limit
 * it stops collecting and lets the rest of the body flow past unbuffered, so the 413 can be sent
 * and the connection stays usable; a client that keeps sending forever is cut off by the server's
 * `requestTimeout`. Resolves `aborted` when the client goes away mid-body. Never rejects.
 */
export function readNodeBody(req: IncomingMessage, limit: number): Promise<BodyReadResult> {
  // Something upstream (a body parser that did not mark its work) already drained the stream.
  if (req.readableEnded) return Promise.resolve(EMPTY_BODY);
  if (req.destroyed) return Promise.resolve(ABORTED);
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const finish = (result: BodyReadResult): void => {
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onAbort);
      req.off('close', onAbort);
      resolve(result);
    };
    const onData = (chunk: Buffer): void => {
      size += chunk.length;
      if (size > limit) {
        finish(TOO_LARGE);
        // Keep it flowing with no listener: the remainder is read and dropped, never kept.
        req.resume();
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = (): void => {
      finish({
        type: 'raw',
        data: chunks.length === 1 ? (chunks[0] ?? EMPTY_BYTES) : Buffer.concat(chunks, size),
      });
    };
    const onAbort = (): void => finish(ABORTED);
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onAbort);
    req.on('close', onAbort);
  });
}
