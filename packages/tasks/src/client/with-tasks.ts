import { SdkError, SdkErrorCode } from '@tern/core-protocol';
import type { ClientTransport, TransportSendOptions } from '@tern/core-protocol';
import { isJsonRpcErrorResponse, JsonRpcError } from '@tern/jsonrpc';
import type { JsonRpcRequest, JsonRpcResponse } from '@tern/jsonrpc';
import { MetaKey } from '@tern/schema';
import type { InputRequests, InputResponses } from '@tern/schema';
import { PROGRESS_META_KEY } from '../server/wire.js';
import { TASKS_EXTENSION_ID } from '../task.js';
import type { DetailedTask } from './detailed-task.js';
import { readTask } from './detailed-task.js';
import { followTask, taskOutcome } from './follow-task.js';
import type { TaskRequester } from './follow-task.js';

/** Options of {@link withTasks}. */
export interface WithTasksOptions {
  /** Sees each task this transport follows: created, then every polled state. */
  onTask?: (task: DetailedTask, request: JsonRpcRequest) => void;
  /** Bounds on the polling interval, whatever the server says. Default 50 ms and 30 s. */
  minPollIntervalMs?: number;
  maxPollIntervalMs?: number;
}

/**
 * Makes a client transport take tasks (SEP-2663) transparently: every `tools/call` declares the
 * extension, and when the server answers with a task the transport polls it at the server's
 * `pollIntervalMs`, answers its input requests with the client's handlers (the ones that answer
 * MRTR), deduplicating keys across polls, forwards its progress to `onProgress`, and resolves with
 * the final `CallToolResult` as if the call had blocked. A failed task rejects with its JSON-RPC
 * error; aborting the call (or its timeout) sends `tasks/cancel`.
 *
 * Give the call a `timeoutMs` that fits the task: the request timeout covers the whole task.
 *
 * @example
 * ```ts
 * import { McpClient } from '@tern/core-protocol';
 * import { StreamableHttpTransport } from '@tern/client-http';
 * import { withTasks } from '@tern/tasks';
 *
 * const client = new McpClient(
 *   { name: 'my-agent', version: '1.0.0' },
 *   { transport: withTasks(new StreamableHttpTransport({ url: 'http://127.0.0.1:3000/mcp' })) },
 * );
 * const result = await client.callTool('export_report', { year: 2026 }, { timeoutMs: 10 * 60_000 });
 * ```
 */
export function withTasks(
  transport: ClientTransport,
  options: WithTasksOptions = {},
): ClientTransport {
  let sequence = 0;
  const layer: ClientTransport = {
    async send(
      request: JsonRpcRequest,
      sendOptions: TransportSendOptions,
    ): Promise<JsonRpcResponse> {
      if (request.method !== 'tools/call') return transport.send(request, sendOptions);
      const declared = declareTasks(request);
      const response = await transport.send(declared, sendOptions);
      if (isJsonRpcErrorResponse(response) || response.result['resultType'] !== 'task')
        return response;

      const created = readTask(response.result, 'tools/call');
      options.onTask?.(created, request);
      const meta = { ...(declared.params?.['_meta'] as Record<string, unknown>) };
      const progressToken = meta[MetaKey.ProgressToken];
      delete meta[MetaKey.ProgressToken];
      const send: TaskRequester = async (method, params, signal) => {
        sequence += 1;
        const answer = await transport.send(
          {
            jsonrpc: '2.0',
            id: `${String(request.id)}.task.${sequence}`,
            method,
            params: { ...params, _meta: meta },
          },
          { signal, name: created.taskId },
        );
        if (isJsonRpcErrorResponse(answer)) throw JsonRpcError.fromError(answer.error);
        return answer.result;
      };
      let lastProgress = -Infinity;
      const terminal = await followTask(send, created.taskId, {
        signal: sendOptions.signal,
        pollIntervalMs: created.pollIntervalMs,
        ...(options.minPollIntervalMs === undefined
          ? {}
          : { minPollIntervalMs: options.minPollIntervalMs }),
        ...(options.maxPollIntervalMs === undefined
          ? {}
          : { maxPollIntervalMs: options.maxPollIntervalMs }),
        answer: (asked) => answerAll(asked, sendOptions),
        onTask: (task) => {
          options.onTask?.(task, request);
          const progress = task._meta?.[PROGRESS_META_KEY] as { progress?: unknown } | undefined;
          if (
            progressToken === undefined ||
            typeof progress?.progress !== 'number' ||
            !(progress.progress > lastProgress)
          )
            return;
          lastProgress = progress.progress;
          sendOptions.onNotification?.({
            jsonrpc: '2.0',
            method: 'notifications/progress',
            params: { ...progress, progressToken },
          });
        },
      });
      const outcome = taskOutcome(terminal);
      return 'result' in outcome
        ? { jsonrpc: '2.0', id: request.id, result: outcome.result }
        : { jsonrpc: '2.0', id: request.id, error: outcome.error };
    },
  };
  for (const key of ['authorizationKey', 'mirrorsToolHeaders', 'cacheNamespace'] as const) {
    Object.defineProperty(layer, key, { get: () => transport[key], enumerable: true });
  }
  return layer;
}

/** The request with the tasks extension added to its client capabilities. */
function declareTasks(request: JsonRpcRequest): JsonRpcRequest {
  const params = request.params ?? {};
  const meta = (params['_meta'] ?? {}) as Record<string, unknown>;
  const capabilities = (meta[MetaKey.ClientCapabilities] ?? {}) as Record<string, unknown>;
  const extensions = (capabilities['extensions'] ?? {}) as Record<string, unknown>;
  return {
    ...request,
    params: {
      ...params,
      _meta: {
        ...meta,
        [MetaKey.ClientCapabilities]: {
          ...capabilities,
          extensions: { ...extensions, [TASKS_EXTENSION_ID]: extensions[TASKS_EXTENSION_ID] ?? {} },
        },
      },
    },
  };
}

/** Answers a round of input requests with the client's handlers, one by one through the seam. */
async function answerAll(
  asked: InputRequests,
  sendOptions: TransportSendOptions,
): Promise<InputResponses> {
  const answerOne = sendOptions.answerInputRequest;
  if (answerOne === undefined) {
    throw new SdkError(
      SdkErrorCode.NoInputHandler,
      'The task asked for input, but this call has no input handlers',
    );
  }
  const entries = await Promise.all(
    Object.entries(asked).map(async ([key, request]) => [key, await answerOne(request)] as const),
  );
  return Object.fromEntries(entries);
}
