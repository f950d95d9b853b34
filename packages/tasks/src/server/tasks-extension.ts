import type {
  CallInfo,
  McpServer,
  NextHandler,
  Registration,
  RequestContext,
  ToolConfig,
  ToolHandler,
} from '@tern/core-protocol';
import { MODERN_PROTOCOL_VERSIONS } from '@tern/schema';
import { InMemoryTaskStore } from '../store/in-memory-task-store.js';
import type { TaskStore } from '../store/task-store.js';
import { isTerminal, TASKS_EXTENSION_ID } from '../task.js';
import type { TaskRecord } from '../task.js';
import { inlineHandle, taskHandle } from './task-handle.js';
import type { TaskControl } from './task-handle.js';
import { mintTaskId } from './task-ids.js';
import { declaresTasks, missingTasksCapability, registerTaskMethods } from './task-methods.js';
import { taskListenTopic } from './task-notifications.js';
import { TaskRunner, TaskStoppedError } from './task-runner.js';
import { TASK_DEFAULTS } from './tasks-options.js';
import type { TasksOptions, ToolTaskSupport } from './tasks-options.js';
import { toCreateTaskResult } from './wire.js';

/** A tool's configuration with its task support. */
export type TaskToolConfig<TArgs> = ToolConfig<TArgs> & { task?: ToolTaskSupport };

const INLINE: TaskControl = { start: (ctx) => Promise.resolve(inlineHandle(ctx)) };
const LOST = {
  code: -32603,
  message: 'The server running this task stopped before the task finished',
};

/**
 * The tasks extension (SEP-2663) installed on one server, through the core's extension seam only:
 * it advertises `io.modelcontextprotocol/tasks`, adds `tasks/get`, `tasks/update` and
 * `tasks/cancel`, and wraps `tools/call` in a middleware that runs task tools under a task.
 */
export class TasksExtension {
  readonly store: TaskStore;
  readonly #server: McpServer;
  readonly #settings: Required<Omit<TasksOptions, 'store' | 'onError'>>;
  readonly #reportError: (error: unknown) => void;
  readonly #tools = new Map<string, Required<ToolTaskSupport>>();
  readonly #runners = new Map<string, TaskRunner>();
  readonly #registrations: { remove(): void }[] = [];

  constructor(server: McpServer, options: TasksOptions = {}) {
    this.#server = server;
    this.store =
      options.store ?? new InMemoryTaskStore(options.now === undefined ? {} : { now: options.now });
    this.#settings = {
      ttlMs: options.ttlMs === undefined ? TASK_DEFAULTS.ttlMs : options.ttlMs,
      pollIntervalMs: options.pollIntervalMs ?? TASK_DEFAULTS.pollIntervalMs,
      leaseMs: options.leaseMs ?? TASK_DEFAULTS.leaseMs,
      maxOutstandingInputs: options.maxOutstandingInputs ?? TASK_DEFAULTS.maxOutstandingInputs,
      maxListenTaskIds: options.maxListenTaskIds ?? TASK_DEFAULTS.maxListenTaskIds,
      now: options.now ?? Date.now,
    };
    this.#reportError = options.onError ?? (() => undefined);
    this.#registrations.push(
      server.registerExtension(TASKS_EXTENSION_ID),
      ...registerTaskMethods(server, {
        store: this.store,
        now: this.#settings.now,
        reap: (task) => this.#reap(task),
      }),
      server.use((request, next) => this.#onToolCall(request.params, request.call, next), {
        methods: ['tools/call'],
      }),
      server.registerListenTopic(
        'taskIds',
        taskListenTopic({
          store: this.store,
          reap: (task) => this.#reap(task),
          maxTaskIds: this.#settings.maxListenTaskIds,
          onError: this.#reportError,
        }),
      ),
    );
  }

  /** Registers a tool on the server with its task support (default: optional, immediately). */
  registerTool<TArgs>(
    name: string,
    config: TaskToolConfig<TArgs>,
    handler: ToolHandler<TArgs>,
  ): Registration {
    const { task, ...toolConfig } = config;
    const registration = this.#server.registerTool(name, toolConfig, handler);
    this.setTaskSupport(name, task ?? {});
    return {
      remove: () => {
        this.#tools.delete(name);
        registration.remove();
      },
    };
  }

  /** Declares the task support of a tool registered on the server directly. */
  setTaskSupport(name: string, support: ToolTaskSupport): void {
    this.#tools.set(name, {
      support: support.support ?? 'optional',
      start: support.start ?? 'immediately',
    });
  }

  /**
   * Uninstalls the extension and stops the handlers of running tasks without settling them, as a
   * process that ends would: their leases run out and they fail on the next read elsewhere.
   */
  close(): void {
    for (const registration of this.#registrations.splice(0)) registration.remove();
    for (const runner of this.#runners.values())
      runner.stop(new TaskStoppedError('The server closed', 'closed'));
  }

  async #onToolCall(
    params: Readonly<Record<string, unknown>>,
    call: Readonly<CallInfo>,
    next: NextHandler,
  ): Promise<object> {
    const name = params['name'];
    const spec = typeof name === 'string' ? this.#tools.get(name) : undefined;
    // 2025-era clients (the dual-era layer answers their asks on a session) get a blocking result.
    const legacy =
      call.inputChannel !== undefined ||
      !(MODERN_PROTOCOL_VERSIONS as readonly string[]).includes(call.envelope.protocolVersion);
    if (legacy || !declaresTasks(call.envelope.capabilities)) {
      if (spec?.support === 'required' && !legacy) throw missingTasksCapability();
      return next({ extensions: { [TASKS_EXTENSION_ID]: INLINE } });
    }
    if (spec?.start === 'immediately') return this.#runImmediately(call, next);
    return this.#runUntilStarted(call, next);
  }

  /** Creates the task first, then runs the whole handler under it. */
  async #runImmediately(call: Readonly<CallInfo>, next: NextHandler): Promise<object> {
    const { task, runner } = await this.#createTask(call, undefined);
    const control: TaskControl = { start: (ctx) => Promise.resolve(taskHandle(ctx, runner)) };
    runner.follow(
      next({
        signal: runner.signal,
        notify: runner.notify,
        inputChannel: runner.inputChannel,
        extensions: { [TASKS_EXTENSION_ID]: control },
      }),
    );
    return toCreateTaskResult(task);
  }

  /**
   * Runs the handler on the request (MRTR rounds resolve synchronously, SEP-2663 §Task Creation)
   * until it calls `startTask`; then answers with the task and lets the handler go on.
   */
  async #runUntilStarted(call: Readonly<CallInfo>, next: NextHandler): Promise<object> {
    let starting: Promise<{ task: TaskRecord; runner: TaskRunner }> | undefined;
    let announce: (started: { task: TaskRecord; runner: TaskRunner }) => void = () => undefined;
    const started = new Promise<{ task: TaskRecord; runner: TaskRunner }>((resolve) => {
      announce = resolve;
    });
    const control: TaskControl = {
      start: async (ctx: RequestContext, statusMessage) => {
        starting ??= this.#createTask(call, statusMessage).then((created) => {
          announce(created);
          return created;
        });
        return taskHandle(ctx, (await starting).runner);
      },
    };
    const running = next({ extensions: { [TASKS_EXTENSION_ID]: control } });
    const first = await Promise.race([running.then((result) => ({ result })), started]);
    if ('result' in first) return first.result;
    first.runner.follow(running);
    return toCreateTaskResult(first.task);
  }

  async #createTask(
    call: Readonly<CallInfo>,
    statusMessage: string | undefined,
  ): Promise<{ task: TaskRecord; runner: TaskRunner }> {
    const { ttlMs, pollIntervalMs, leaseMs, maxOutstandingInputs, now } = this.#settings;
    // CreateTaskResult goes out only after the store has the task (SEP-2663 §Task Creation).
    const task = await this.store.create({
      taskId: mintTaskId(),
      owner: call.auth?.principal ?? null,
      ttlMs,
      pollIntervalMs,
      leaseUntil: now() + leaseMs,
      ...(statusMessage === undefined ? {} : { statusMessage }),
    });
    const runner = new TaskRunner(task, {
      store: this.store,
      leaseMs,
      maxOutstandingInputs,
      now,
      reportError: this.#reportError,
    });
    this.#runners.set(task.taskId, runner);
    runner.onDone(() => this.#runners.delete(task.taskId));
    return { task, runner };
  }

  /** Fails a task whose handler's process is gone (its lease ran out), when it is read. */
  async #reap(task: TaskRecord): Promise<TaskRecord> {
    if (isTerminal(task.status) || task.leaseUntil === undefined || this.#runners.has(task.taskId))
      return task;
    const now = this.#settings.now();
    if (task.leaseUntil >= now) return task;
    // Conditional, so a process that renews the lease meanwhile keeps its task.
    const failed = await this.store.settle(
      task.taskId,
      { status: 'failed', error: LOST },
      { ifLeaseEndedBefore: now },
    );
    return failed ?? (await this.store.get(task.taskId)) ?? task;
  }
}

/** Installs the tasks extension on `server`. */
export function installTasks(server: McpServer, options: TasksOptions = {}): TasksExtension {
  return new TasksExtension(server, options);
}
