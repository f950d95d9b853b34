import type { InputRequest } from '@tern/schema';
import { isTerminal } from '../task.js';
import type { NewTask, TaskOutcome, TaskProgress, TaskRecord } from '../task.js';
import type { Delivery, SettleOptions, TaskStore } from './task-store.js';

/** Options of {@link InMemoryTaskStore}. */
export interface InMemoryTaskStoreOptions {
  /** Most tasks kept at once (expired ones are swept first). Default: 10 000. */
  maxTasks?: number;
  /** The clock, in epoch milliseconds. Default: `Date.now`. */
  now?: () => number;
}

/** The default of {@link InMemoryTaskStoreOptions.maxTasks}. */
export const DEFAULT_MAX_TASKS = 10_000;

/**
 * A {@link TaskStore} in the memory of one process: for a single server instance, tests and
 * demos. Tasks are lost when the process ends; use a shared store to scale out.
 */
export class InMemoryTaskStore implements TaskStore {
  readonly #tasks = new Map<string, TaskRecord>();
  readonly #listeners = new Map<string, Set<(task: TaskRecord) => void>>();
  readonly #maxTasks: number;
  readonly #now: () => number;

  constructor(options: InMemoryTaskStoreOptions = {}) {
    this.#maxTasks = options.maxTasks ?? DEFAULT_MAX_TASKS;
    this.#now = options.now ?? Date.now;
  }

  create(task: NewTask): Promise<TaskRecord> {
    if (this.#tasks.has(task.taskId))
      return Promise.reject(new Error(`Task ${task.taskId} exists`));
    if (this.#tasks.size >= this.#maxTasks) this.#sweep();
    if (this.#tasks.size >= this.#maxTasks) {
      return Promise.reject(new Error(`The task store is full (${this.#maxTasks} tasks)`));
    }
    const now = new Date(this.#now()).toISOString();
    const record: TaskRecord = {
      taskId: task.taskId,
      owner: task.owner,
      status: 'working',
      ...(task.statusMessage === undefined ? {} : { statusMessage: task.statusMessage }),
      createdAt: now,
      lastUpdatedAt: now,
      ttlMs: task.ttlMs,
      pollIntervalMs: task.pollIntervalMs,
      inputRequests: {},
      inputResponses: {},
      issuedKeys: [],
      ...(task.leaseUntil === undefined ? {} : { leaseUntil: task.leaseUntil }),
    };
    this.#tasks.set(task.taskId, record);
    return Promise.resolve(structuredClone(record));
  }

  get(taskId: string): Promise<TaskRecord | undefined> {
    const task = this.#live(taskId);
    return Promise.resolve(task === undefined ? undefined : structuredClone(task));
  }

  ask(taskId: string, key: string, request: InputRequest): Promise<TaskRecord | undefined> {
    const task = this.#live(taskId);
    if (task === undefined || isTerminal(task.status)) return Promise.resolve(undefined);
    if (task.issuedKeys.includes(key)) {
      return Promise.reject(new Error(`Key ${key} was already issued for task ${taskId}`));
    }
    task.issuedKeys.push(key);
    task.inputRequests[key] = structuredClone(request);
    task.status = 'input_required';
    return Promise.resolve(this.#changed(task));
  }

  deliver(taskId: string, responses: Record<string, unknown>): Promise<Delivery | undefined> {
    const task = this.#live(taskId);
    if (task === undefined) return Promise.resolve(undefined);
    const accepted: string[] = [];
    const ignored: string[] = [];
    for (const [key, value] of Object.entries(responses)) {
      if (!isTerminal(task.status) && Object.hasOwn(task.inputRequests, key)) {
        accepted.push(key);
        delete task.inputRequests[key];
        task.inputResponses[key] = structuredClone(value);
      } else {
        ignored.push(key);
      }
    }
    if (accepted.length > 0) {
      if (task.status === 'input_required' && Object.keys(task.inputRequests).length === 0) {
        task.status = 'working';
      }
      this.#changed(task);
    }
    return Promise.resolve({ accepted, ignored });
  }

  take(taskId: string, key: string): Promise<{ found: true; value: unknown } | { found: false }> {
    const task = this.#live(taskId);
    if (task === undefined || !Object.hasOwn(task.inputResponses, key)) {
      return Promise.resolve({ found: false });
    }
    const value = task.inputResponses[key];
    delete task.inputResponses[key];
    return Promise.resolve({ found: true, value });
  }

  touch(
    taskId: string,
    patch: { progress?: TaskProgress; statusMessage?: string; leaseUntil?: number },
  ): Promise<TaskRecord | undefined> {
    const task = this.#live(taskId);
    if (task === undefined || isTerminal(task.status)) return Promise.resolve(undefined);
    if (patch.progress !== undefined) task.progress = { ...patch.progress };
    if (patch.statusMessage !== undefined) task.statusMessage = patch.statusMessage;
    if (patch.leaseUntil !== undefined) task.leaseUntil = patch.leaseUntil;
    // A renewed lease alone is bookkeeping, not a change a client could observe.
    if (patch.progress === undefined && patch.statusMessage === undefined) {
      return Promise.resolve(structuredClone(task));
    }
    return Promise.resolve(this.#changed(task));
  }

  settle(
    taskId: string,
    outcome: TaskOutcome,
    options: SettleOptions = {},
  ): Promise<TaskRecord | undefined> {
    const task = this.#live(taskId);
    if (task === undefined || isTerminal(task.status)) return Promise.resolve(undefined);
    const bound = options.ifLeaseEndedBefore;
    if (bound !== undefined && (task.leaseUntil === undefined || task.leaseUntil >= bound)) {
      return Promise.resolve(undefined);
    }
    task.status = outcome.status;
    task.inputRequests = {};
    task.inputResponses = {};
    delete task.leaseUntil;
    if (outcome.status === 'completed') task.result = structuredClone(outcome.result);
    if (outcome.status === 'failed') task.error = structuredClone(outcome.error);
    if (outcome.status === 'cancelled' && outcome.statusMessage !== undefined) {
      task.statusMessage = outcome.statusMessage;
    }
    return Promise.resolve(this.#changed(task));
  }

  delete(taskId: string): Promise<void> {
    this.#tasks.delete(taskId);
    return Promise.resolve();
  }

  watch(taskId: string, listener: (task: TaskRecord) => void): () => void {
    let listeners = this.#listeners.get(taskId);
    if (listeners === undefined) {
      listeners = new Set();
      this.#listeners.set(taskId, listeners);
    }
    listeners.add(listener);
    return () => {
      listeners.delete(listener);
      if (listeners.size === 0 && this.#listeners.get(taskId) === listeners)
        this.#listeners.delete(taskId);
    };
  }

  /** The task if it exists and has not expired; an expired one is dropped. */
  #live(taskId: string): TaskRecord | undefined {
    const task = this.#tasks.get(taskId);
    if (task === undefined) return undefined;
    if (this.#expired(task)) {
      this.#tasks.delete(taskId);
      return undefined;
    }
    return task;
  }

  #expired(task: TaskRecord): boolean {
    return task.ttlMs !== null && this.#now() >= Date.parse(task.createdAt) + task.ttlMs;
  }

  #sweep(): void {
    for (const [taskId, task] of this.#tasks) if (this.#expired(task)) this.#tasks.delete(taskId);
  }

  /** Stamps a change, tells the watchers, and gives a copy of the record. */
  #changed(task: TaskRecord): TaskRecord {
    task.lastUpdatedAt = new Date(this.#now()).toISOString();
    const listeners = this.#listeners.get(task.taskId);
    if (listeners !== undefined) {
      for (const listener of [...listeners]) {
        try {
          listener(structuredClone(task));
        } catch {
          // A failing watcher must not undo or block the change for the others.
        }
      }
    }
    return structuredClone(task);
  }
}
