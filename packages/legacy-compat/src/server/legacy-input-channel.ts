import { InvalidParamsError, JsonRpcError } from '@tern/jsonrpc';
import type { JsonRpcResponse } from '@tern/jsonrpc';
import { overloaded, SdkError, SdkErrorCode } from '@tern/core-protocol';
import type { Ask, InputChannel } from '@tern/core-protocol';
import type { InputRequest } from '@tern/schema';
import type { AskBudget } from './ask-budget.js';
import { RETRY_AFTER_SECONDS } from './http-replies.js';
import type { LegacySession } from './legacy-session.js';
import type { LegacyReply } from './legacy-reply.js';

/** What a {@link LegacyInputChannel} needs. @internal */
export interface LegacyInputChannelInit {
  readonly session: LegacySession;
  readonly reply: LegacyReply;
  /** The request's signal: aborted by `notifications/cancelled` or the end of the session. */
  readonly signal: AbortSignal;
  readonly askTimeoutMs: number;
  readonly maxAskAttempts: number;
  /** Most asks of the session pending at once. */
  readonly maxPendingAsks: number;
  /** The layer's budget of memory held by pending asks. */
  readonly budget: AskBudget;
  /** What one pending ask of this request costs the budget (the request's size in characters). */
  readonly heldSize: number;
}

/**
 * The input channel of a request in a legacy session: `ctx.elicit`, `ctx.elicitUrl`, `ctx.sample`
 * and `ctx.listRoots` send real `elicitation/create`, `sampling/createMessage` and `roots/list`
 * requests on the request's SSE stream and resolve with the client's answer, which arrives as a
 * POST of a JSON-RPC response (2025-11-25 transports, "Sending Messages to the Server"). The same
 * handler code runs in both eras. @internal
 */
export class LegacyInputChannel implements InputChannel {
  readonly #init: LegacyInputChannelInit;

  constructor(init: LegacyInputChannelInit) {
    this.#init = init;
  }

  /**
   * Asks until the answer is usable: an answer the ask refuses (content that breaks the requested
   * schema) is asked again, at most `maxAskAttempts` times in all.
   * @throws the client's JSON-RPC error, InvalidParamsError (-32602) after too many unusable
   *   answers, SdkError REQUEST_TIMEOUT or ABORTED
   */
  async ask(ask: Ask): Promise<unknown> {
    for (let attempt = 1; attempt <= this.#init.maxAskAttempts; attempt += 1) {
      const value = ask.accept(await this.request(ask.request));
      if (value !== undefined) return value;
    }
    throw new InvalidParamsError(
      `The client's answer to ${ask.request.method} was not usable after ${this.#init.maxAskAttempts} attempts`,
    );
  }

  /** Runs `fn`: a legacy request runs its handler once, so there is nothing to replay. */
  async once<TValue>(_key: string, fn: () => TValue | Promise<TValue>): Promise<TValue> {
    return fn();
  }

  /**
   * Sends one server-to-client request and resolves with the client's raw result. On timeout or
   * cancellation the client is told with `notifications/cancelled`, and a late answer is ignored.
   */
  request(input: InputRequest): Promise<unknown> {
    const { session, reply, signal } = this.#init;
    if (signal.aborted) return Promise.reject(aborted(signal));
    if (session.pendingAsks >= this.#init.maxPendingAsks) {
      return Promise.reject(
        overloaded(`This session already waits for ${this.#init.maxPendingAsks} answers`, {
          retryAfterSeconds: RETRY_AFTER_SECONDS,
          limit: 'client',
        }),
      );
    }
    const params = toLegacyParams(input, session);
    const size = this.#init.heldSize + JSON.stringify(params ?? {}).length;
    const refused = this.#init.budget.take(session.client, size);
    if (refused !== undefined) {
      return Promise.reject(
        overloaded('Too much work is waiting for answers from clients; try again later', {
          retryAfterSeconds: RETRY_AFTER_SECONDS,
          limit: refused,
        }),
      );
    }
    const id = session.nextAskId();
    return new Promise((resolve, reject) => {
      let settled = false;
      const cleanup = (): void => {
        if (settled) return;
        settled = true;
        this.#init.budget.release(session.client, size);
        clearTimeout(timer);
        signal.removeEventListener('abort', onAbort);
        session.forgetAnswer(id);
        session.releaseAskId(id);
      };
      const giveUp = (error: Error, reason: string): void => {
        cleanup();
        // The requestor should tell the receiver when it stops waiting (cancellation utility).
        reply.send({
          jsonrpc: '2.0',
          method: 'notifications/cancelled',
          params: { requestId: id, reason },
        });
        reject(error);
      };
      const onAbort = (): void => giveUp(aborted(signal), 'The request that asked was cancelled');
      const timer = setTimeout(() => {
        giveUp(
          new SdkError(
            SdkErrorCode.RequestTimeout,
            `The client did not answer ${input.method} in time`,
            {
              data: { timeoutMs: this.#init.askTimeoutMs },
            },
          ),
          'Timed out waiting for the answer',
        );
      }, this.#init.askTimeoutMs);
      (timer as { unref?: () => void }).unref?.();
      signal.addEventListener('abort', onAbort, { once: true });
      session.expectAnswer(id, (response: JsonRpcResponse) => {
        cleanup();
        if ('error' in response) reject(JsonRpcError.fromError(response.error));
        else resolve(response.result);
      });
      reply.send({
        jsonrpc: '2.0',
        id,
        method: input.method,
        ...(params === undefined ? {} : { params }),
      });
    });
  }
}

/**
 * The params of an input request as the negotiated revision defines them: 2025-06-18 form
 * elicitation has no `mode`; 2025-11-25 URL elicitation needs an `elicitationId`, generated here.
 */
function toLegacyParams(
  input: InputRequest,
  session: LegacySession,
): Record<string, unknown> | undefined {
  const params = input.params as Record<string, unknown> | undefined;
  if (input.method !== 'elicitation/create' || params === undefined) return params;
  if (params['mode'] === 'url') return { ...params, elicitationId: crypto.randomUUID() };
  if (session.protocolVersion === '2025-11-25') return params;
  const { mode: _mode, ...form } = params;
  return form;
}

function aborted(signal: AbortSignal): SdkError {
  return new SdkError(SdkErrorCode.Aborted, 'The request was cancelled', { data: signal.reason });
}
