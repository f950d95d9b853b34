import { answerInputRequests, capabilitiesFor, SdkError, SdkErrorCode } from '@tern/core-protocol';
import type { ClientTransport, InputHandlers } from '@tern/core-protocol';
import { isJsonRpcErrorResponse, JsonRpcError } from '@tern/jsonrpc';
import { LATEST_PROTOCOL_VERSION, MetaKey } from '@tern/schema';
import type {
  CallToolResult,
  ClientCapabilities,
  Implementation,
  InputResponses,
} from '@tern/schema';
import { TASKS_EXTENSION_ID } from '../task.js';
import type { DetailedTask } from './detailed-task.js';
import { readTask } from './detailed-task.js';
import { followTask, taskOutcome } from './follow-task.js';

/** Options of {@link TaskClient}. */
export interface TaskClientOptions {
  transport: ClientTransport;
  clientInfo: Implementation;
  /** The same handlers an `McpClient` answers MRTR with; they decide the declared capabilities. */
  handlers?: InputHandlers;
  /** More capabilities to declare (the tasks extension is always declared). */
  capabilities?: ClientCapabilities;
  protocolVersion?: string;
  /** Timeout of each request, in ms. Default 60 000. */
  requestTimeoutMs?: number;
  /** Most MRTR rounds on `tools/call` before a task is created. Default 10. */
  maxRounds?: number;
}

/** A task this client started, as {@link TaskClient.list} gives it. */
export interface StartedTask {
  taskId: string;
  tool: string;
  createdAt: string;
}

/** What {@link TaskClient.start} got: a task, or the result when the server did not make one. */
export type StartOutcome =
  { kind: 'task'; task: DetailedTask } | { kind: 'complete'; result: CallToolResult };

/** Options of one call of a {@link TaskClient}. */
export interface TaskCallOptions {
  signal?: AbortSignal;
  /** Extra `_meta` keys (for example `traceparent`). */
  meta?: Record<string, unknown>;
}

/**
 * The explicit task API (SEP-2663), for applications that keep tasks themselves: start a tool as a
 * task, then get, update or cancel it by id, list the tasks this client started, and resume
 * following a task from its persisted id, in this process or another.
 */
export class TaskClient {
  readonly #options: TaskClientOptions;
  readonly #capabilities: ClientCapabilities;
  readonly #started = new Map<string, StartedTask>();
  #sequence = 0;

  constructor(options: TaskClientOptions) {
    this.#options = options;
    const extra = options.capabilities ?? {};
    this.#capabilities = capabilitiesFor(
      options.handlers ?? {},
      {},
      {
        ...extra,
        extensions: { ...extra.extensions, [TASKS_EXTENSION_ID]: {} },
      },
    );
  }

  /**
   * Calls a tool, answering MRTR rounds with the handlers, and gives the task the server made (or
   * the complete result when it made none: the server decides).
   */
  async start(
    tool: string,
    args: Record<string, unknown> = {},
    options: TaskCallOptions = {},
  ): Promise<StartOutcome> {
    let extra: Record<string, unknown> = {};
    for (let round = 0; round <= (this.#options.maxRounds ?? 10); round += 1) {
      const raw = await this.#request(
        'tools/call',
        { name: tool, arguments: args, ...extra },
        options,
      );
      if (raw['resultType'] === 'task') {
        const task = readTask(raw, 'tools/call');
        this.#started.set(task.taskId, { taskId: task.taskId, tool, createdAt: task.createdAt });
        return { kind: 'task', task };
      }
      if (raw['resultType'] !== 'input_required')
        return { kind: 'complete', result: raw as unknown as CallToolResult };
      const asked = (raw['inputRequests'] ?? {}) as Parameters<typeof answerInputRequests>[0];
      const inputResponses = await this.#answer(asked, round + 1, options.signal);
      extra = {
        inputResponses,
        ...(typeof raw['requestState'] === 'string' ? { requestState: raw['requestState'] } : {}),
      };
    }
    throw new SdkError(
      SdkErrorCode.InvalidResult,
      `tools/call needed more than ${this.#options.maxRounds ?? 10} rounds of input`,
    );
  }

  /** The task's current state (`tasks/get`). */
  async get(taskId: string, options: TaskCallOptions = {}): Promise<DetailedTask> {
    return readTask(
      await this.#request('tasks/get', { taskId }, { ...options, name: taskId }),
      'tasks/get',
    );
  }

  /** Delivers answers to the task's input requests (`tasks/update`). */
  async update(
    taskId: string,
    inputResponses: InputResponses,
    options: TaskCallOptions = {},
  ): Promise<void> {
    await this.#request('tasks/update', { taskId, inputResponses }, { ...options, name: taskId });
  }

  /** Asks the server to cancel the task (`tasks/cancel`); the server decides whether it stops. */
  async cancel(taskId: string, options: TaskCallOptions = {}): Promise<void> {
    await this.#request('tasks/cancel', { taskId }, { ...options, name: taskId });
  }

  /** The tasks this client started, oldest first. */
  list(): StartedTask[] {
    return [...this.#started.values()];
  }

  /**
   * Follows a task until it ends, answering its input requests with the handlers (each key once),
   * and gives its result. Works from a task id alone, so a restarted process resumes a persisted
   * task. A failed task throws its JSON-RPC error; a cancelled one throws ABORTED.
   */
  async resume(
    taskId: string,
    options: TaskCallOptions & {
      onTask?: (task: DetailedTask) => void;
      cancelOnAbort?: boolean;
    } = {},
  ): Promise<CallToolResult> {
    const signal = options.signal ?? new AbortController().signal;
    let round = 0;
    const terminal = await followTask(
      (method, params, callSignal) =>
        this.#request(method, params, { ...options, signal: callSignal, name: taskId }),
      taskId,
      {
        signal,
        answer: (asked) => this.#answer(asked, (round += 1), signal),
        onTask: options.onTask,
        cancelOnAbort: options.cancelOnAbort ?? false,
      },
    );
    const outcome = taskOutcome(terminal);
    if ('error' in outcome) throw JsonRpcError.fromError(outcome.error);
    return outcome.result as unknown as CallToolResult;
  }

  /** Starts a tool and follows its task to the end (or gives the complete result at once). */
  async call(
    tool: string,
    args: Record<string, unknown> = {},
    options: TaskCallOptions = {},
  ): Promise<CallToolResult> {
    const started = await this.start(tool, args, options);
    return started.kind === 'complete'
      ? started.result
      : this.resume(started.task.taskId, { ...options, cancelOnAbort: true });
  }

  async #answer(
    asked: Parameters<typeof answerInputRequests>[0],
    round: number,
    signal: AbortSignal | undefined,
  ): Promise<InputResponses> {
    return answerInputRequests(asked, this.#options.handlers ?? {}, {
      method: 'tools/call',
      round,
      signal: signal ?? new AbortController().signal,
      capabilities: this.#capabilities,
    });
  }

  async #request(
    method: string,
    params: Record<string, unknown>,
    options: TaskCallOptions & { name?: string },
  ): Promise<Record<string, unknown>> {
    const { name } = options;
    const timeout = AbortSignal.timeout(this.#options.requestTimeoutMs ?? 60_000);
    const signal =
      options.signal === undefined ? timeout : AbortSignal.any([options.signal, timeout]);
    this.#sequence += 1;
    const meta = {
      ...options.meta,
      [MetaKey.ProtocolVersion]: this.#options.protocolVersion ?? LATEST_PROTOCOL_VERSION,
      [MetaKey.ClientCapabilities]: this.#capabilities,
      [MetaKey.ClientInfo]: this.#options.clientInfo,
    };
    const response = await this.#options.transport.send(
      { jsonrpc: '2.0', id: `tasks-${this.#sequence}`, method, params: { ...params, _meta: meta } },
      { signal, ...(name === undefined ? {} : { name }) },
    );
    if (isJsonRpcErrorResponse(response)) throw JsonRpcError.fromError(response.error);
    return response.result;
  }
}
