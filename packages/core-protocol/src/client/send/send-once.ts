import { isJsonRpcErrorResponse, JsonRpcError } from '@tern/jsonrpc';
import type { JsonRpcNotification, RequestIdAllocator } from '@tern/jsonrpc';
import { MetaKey } from '@tern/schema';
import type { ClientCapabilities, Implementation, InputRequest, InputResponse } from '@tern/schema';
import { SdkError, SdkErrorCode } from '../../errors.js';
import type { ClientTransport } from '../client-transport.js';
import { answerInputRequests } from '../input-handlers.js';
import type { CallOptions } from '../request-options.js';
import type { OutgoingRequest, SendNext } from './send-step.js';

/** What the terminal step of the pipeline needs from its client. */
export interface SendOnceConfig {
  transport: ClientTransport;
  ids: RequestIdAllocator;
  info: Implementation;
  sendClientInfo: boolean;
  requestTimeoutMs: number;
  protocolVersion: () => string;
  capabilities: ClientCapabilities;
  /** Receives notifications of a request that no call option took (client-level log hook). */
  onNotification?: ((notification: JsonRpcNotification) => void) | undefined;
}

/**
 * The end of the send pipeline: gives the request an id and its `_meta` (version, capabilities,
 * client info, log level, progress token: requirements.md #35, #36), sends it under its timeout,
 * and turns an error response into a `JsonRpcError`.
 */
export function sendOnce(config: SendOnceConfig): SendNext {
  let progressCounter = 0;
  return async ({ method, params, options }: OutgoingRequest) => {
    const timeoutMs = options.timeoutMs ?? config.requestTimeoutMs;
    const timeout = AbortSignal.timeout(timeoutMs);
    const signal = options.signal === undefined ? timeout : AbortSignal.any([options.signal, timeout]);
    const progressToken = options.onProgress === undefined ? undefined : `tern-${++progressCounter}`;
    const capabilities = options.capabilities ?? config.capabilities;
    const id = config.ids.next();
    const request = {
      jsonrpc: '2.0' as const,
      id,
      method,
      params: { ...params, _meta: requestMeta(config, options, { progressToken, capabilities }) },
    };
    try {
      const response = await config.transport.send(request, {
        signal,
        onNotification: (notification) => routeNotification(notification, { options, progressToken, fallback: config.onNotification }),
        answerInputRequest: (inputRequest) => answerOne(inputRequest, { method, signal, options, capabilities }),
        ...(options.headerParams === undefined ? {} : { headerParams: options.headerParams }),
      });
      if (isJsonRpcErrorResponse(response)) throw JsonRpcError.fromError(response.error);
      return response.result;
    } catch (error) {
      if (signal.aborted && !(error instanceof JsonRpcError)) {
        if (timeout.aborted && !(options.signal?.aborted ?? false)) {
          throw new SdkError(SdkErrorCode.RequestTimeout, `${method} timed out after ${timeoutMs} ms`, {
            data: { timeoutMs },
            cause: error,
          });
        }
        throw new SdkError(SdkErrorCode.Aborted, `${method} was aborted`, { data: options.signal?.reason, cause: error });
      }
      throw error;
    } finally {
      config.ids.release(id);
    }
  };
}

/** The `_meta` of one request: the caller's extra keys, then the keys the protocol requires. */
export function requestMeta(
  config: Pick<SendOnceConfig, 'protocolVersion' | 'sendClientInfo' | 'info'>,
  options: CallOptions,
  extra: { progressToken: string | undefined; capabilities: ClientCapabilities },
): Record<string, unknown> {
  return {
    ...options.meta,
    [MetaKey.ProtocolVersion]: config.protocolVersion(),
    [MetaKey.ClientCapabilities]: extra.capabilities,
    ...(config.sendClientInfo ? { [MetaKey.ClientInfo]: config.info } : {}),
    ...(options.logLevel === undefined ? {} : { [MetaKey.LogLevel]: options.logLevel }),
    ...(extra.progressToken === undefined ? {} : { [MetaKey.ProgressToken]: extra.progressToken }),
  };
}

/** Answers one server-to-client request of a legacy session with the call's handlers. */
async function answerOne(
  inputRequest: InputRequest,
  context: { method: string; signal: AbortSignal; options: OutgoingRequest['options']; capabilities: ClientCapabilities },
): Promise<InputResponse> {
  const answers = await answerInputRequests({ request: inputRequest }, context.options.handlers ?? {}, {
    method: context.method,
    round: 1,
    signal: context.signal,
    capabilities: context.capabilities,
  });
  const answer = answers['request'];
  if (answer === undefined) throw new SdkError(SdkErrorCode.InvalidResult, 'The input request got no answer');
  return answer;
}

interface NotificationRoute {
  options: CallOptions;
  progressToken: string | undefined;
  /** Where what no call option takes goes: the client's `onNotification`. */
  fallback: ((notification: JsonRpcNotification) => void) | undefined;
}

function routeNotification(notification: JsonRpcNotification, { options, progressToken, fallback }: NotificationRoute): void {
  const params = notification.params ?? {};
  if (notification.method === 'notifications/progress' && params['progressToken'] === progressToken) {
    options.onProgress?.(params as Parameters<NonNullable<CallOptions['onProgress']>>[0]);
  } else if (notification.method === 'notifications/message' && options.onLog !== undefined) {
    options.onLog(params as Parameters<NonNullable<CallOptions['onLog']>>[0]);
  } else {
    fallback?.(notification);
  }
}
