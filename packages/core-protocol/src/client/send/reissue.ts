import { isSdkError, SdkError, SdkErrorCode } from '../../errors.js';
import { delay } from '../timing.js';
import type { OutgoingRequest, SendStep } from './send-step.js';

/** Settings of {@link reissueBrokenStreams}. */
export interface ReissueSettings {
  /** Most re-issues of one request. */
  maxReissues: number;
  /** Whether a request may be sent again without asking (see {@link isSafeToRepeat}). */
  isSafe: (request: OutgoingRequest) => boolean;
}

/**
 * Re-issues a request whose response stream broke, with a new id each time (requirements.md
 * #142), but only a request that is safe to repeat: a `tools/call` may have had its effect before
 * the stream broke, so it is re-issued only when the tool is annotated idempotent or the call opts
 * in (`reissue: true`). Otherwise the `STREAM_INTERRUPTED` error reaches the caller, who decides.
 */
export function reissueBrokenStreams(settings: ReissueSettings): SendStep {
  return async (request, next) => {
    const allowed = request.options.reissue ?? settings.isSafe(request);
    for (let attempt = 0; ; attempt += 1) {
      try {
        return await next(request);
      } catch (error) {
        if (!isSdkError(error) || error.code !== SdkErrorCode.StreamInterrupted || !allowed) throw error;
        if (attempt >= settings.maxReissues) {
          throw new SdkError(
            SdkErrorCode.StreamInterrupted,
            `The response stream of ${request.method} broke ${attempt + 1} times; gave up after ${settings.maxReissues} re-issues`,
            { data: { attempts: attempt + 1 }, cause: error },
          );
        }
        // Back off a little (100 ms, 200 ms, ... at most 2 s) before sending it again.
        await delay(Math.min(2000, 100 * 2 ** attempt), request.options.signal ?? new AbortController().signal);
      }
    }
  };
}
