import { ErrorReply } from '@redis/client';
import type {
  Delivery,
  NewTask,
  SettleOptions,
  TaskOutcome,
  TaskProgress,
  TaskRecord,
  TaskStore,
} from '@tern/tasks';

type InputRequest = Parameters<TaskStore['ask']>[2];
import type { RedisClient, RedisConnection } from '../connection.js';
import { DEFAULT_RETRY_AFTER_SECONDS, redisUnavailable } from '../errors.js';
import { LuaScript } from '../script.js';
import { decodeTask, newTaskFields, outcomeFields, pairsToMap } from './task-codec.js';
import { SCRIPT_ERRORS, TASK_SCRIPTS } from './task-scripts.js';
import type { TaskScriptName } from './task-scripts.js';
import { TaskWatchers } from './task-watchers.js';

/** Options of {@link RedisTaskStore}. */
export interface RedisTaskStoreOptions {
  /** The process's shared connection (its key prefix applies to every task key and channel). */
  connection: RedisConnection;
  /** Milliseconds one Redis command may take, sent or not, before it fails. Default: the connection's `commandTimeoutMs`. */
  commandTimeoutMs?: number;
  /** `Retry-After` seconds of the 503 answered while Redis is unreachable. Default 2. */
  retryAfterSeconds?: number;
  /** The clock, in epoch ms (`createdAt`, `lastUpdatedAt`, the TTL check). Default `Date.now`. */
  now?: () => number;
  /** Sees errors that reach no caller (a watch that could not subscribe). Default: ignored. */
  onError?: (error: unknown) => void;
}

const scripts = Object.fromEntries(
  Object.entries(TASK_SCRIPTS).map(([name, source]) => [name, new LuaScript(source)]),
) as Record<TaskScriptName, LuaScript>;

/**
 * A `TaskStore` of `@tern/tasks` in Redis, shared by every instance of a server: a task created on
 * one instance is read, answered and cancelled on any other.
 *
 * Each task is one hash under `<prefix>task:<taskId>`, and each method is one Lua script on it,
 * so it is atomic without locks or retries. The task's TTL is the hash's Redis expiry (checked
 * exactly against the store's clock on every read as well). Changes are published on
 * `<prefix>task-changes:<taskId>`, which {@link watch} hears on the connection's shared subscriber.
 *
 * While Redis is unreachable every method rejects within `commandTimeoutMs` with `-32603` carrying
 * `{ retryAfterSeconds, limit: 'server' }`, which the HTTP transport answers as 503 with
 * `Retry-After`.
 */
export class RedisTaskStore implements TaskStore {
  readonly #connection: RedisConnection;
  readonly #client: RedisClient;
  readonly #retryAfterSeconds: number;
  readonly #now: () => number;
  readonly #watchers: TaskWatchers;

  constructor(options: RedisTaskStoreOptions) {
    this.#connection = options.connection;
    const timeout = options.commandTimeoutMs ?? options.connection.commandTimeoutMs;
    this.#client = options.connection.client.withCommandOptions({ timeout, rejectInFlight: true });
    this.#retryAfterSeconds = options.retryAfterSeconds ?? DEFAULT_RETRY_AFTER_SECONDS;
    this.#now = options.now ?? Date.now;
    const reportError = options.onError ?? (() => undefined);
    this.#watchers = new TaskWatchers({
      connection: options.connection,
      channelOf: (taskId) => this.#channel(taskId),
      decode: (message) => decodeTask(pairsToMap(JSON.parse(message) as string[]), this.#now()),
      read: (taskId) => this.get(taskId),
      reportError,
    });
  }

  async create(task: NewTask): Promise<TaskRecord> {
    const now = this.#now();
    const ttl = task.ttlMs === null ? '' : String(task.ttlMs);
    const reply = await this.#run('create', task.taskId, [...newTaskFields(task, now), ttl]);
    const created = this.#decode(reply);
    if (created === undefined) throw new Error(`Task ${task.taskId} could not be read back`);
    return created;
  }

  async get(taskId: string): Promise<TaskRecord | undefined> {
    const flat = await this.#command(() => this.#client.hGetAll(this.#key(taskId)));
    return decodeTask(new Map(Object.entries(flat)), this.#now());
  }

  async ask(taskId: string, key: string, request: InputRequest): Promise<TaskRecord | undefined> {
    return this.#decode(await this.#run('ask', taskId, [key, JSON.stringify(request)]));
  }

  async deliver(taskId: string, responses: Record<string, unknown>): Promise<Delivery | undefined> {
    const pairs = Object.entries(responses).flatMap(([key, value]) => [key, JSON.stringify(value)]);
    const reply = (await this.#run('deliver', taskId, pairs)) as [string[], string[]] | null;
    return reply === null ? undefined : { accepted: reply[0], ignored: reply[1] };
  }

  async take(
    taskId: string,
    key: string,
  ): Promise<{ found: true; value: unknown } | { found: false }> {
    const [found, value] = (await this.#run('take', taskId, [key])) as [number, string?];
    return found === 1 && value !== undefined
      ? { found: true, value: JSON.parse(value) as unknown }
      : { found: false };
  }

  async touch(
    taskId: string,
    patch: { progress?: TaskProgress; statusMessage?: string; leaseUntil?: number },
  ): Promise<TaskRecord | undefined> {
    const fields: string[] = [];
    if (patch.progress !== undefined) fields.push('progress', JSON.stringify(patch.progress));
    if (patch.statusMessage !== undefined) fields.push('statusMessage', patch.statusMessage);
    if (patch.leaseUntil !== undefined) fields.push('leaseUntil', JSON.stringify(patch.leaseUntil));
    return this.#decode(await this.#run('touch', taskId, fields));
  }

  async settle(
    taskId: string,
    outcome: TaskOutcome,
    options: SettleOptions = {},
  ): Promise<TaskRecord | undefined> {
    const bound =
      options.ifLeaseEndedBefore === undefined ? '' : String(options.ifLeaseEndedBefore);
    return this.#decode(await this.#run('settle', taskId, [bound, ...outcomeFields(outcome)]));
  }

  async delete(taskId: string): Promise<void> {
    await this.#command(() => this.#client.del(this.#key(taskId)));
  }

  watch(taskId: string, listener: (task: TaskRecord) => void): () => void {
    return this.#watchers.add(taskId, listener);
  }

  #key(taskId: string): string {
    return this.#connection.key('task', taskId);
  }

  #channel(taskId: string): string {
    return this.#connection.key('task-changes', taskId);
  }

  /** Runs one script on the task, after this process's watchers of it are subscribed. */
  async #run(name: TaskScriptName, taskId: string, args: string[]): Promise<unknown> {
    await this.#watchers.ready(taskId);
    const now = this.#now();
    const head = [String(now), this.#channel(taskId), new Date(now).toISOString()];
    return this.#command(() =>
      scripts[name].run(this.#client, [this.#key(taskId)], [...head, ...args]),
    );
  }

  /** Runs a command; Redis being away becomes the 503 error, the scripts' own refusals errors. */
  async #command<T>(command: () => Promise<T>): Promise<T> {
    try {
      return await command();
    } catch (error) {
      if (error instanceof ErrorReply && error.message.startsWith(SCRIPT_ERRORS.exists)) {
        throw new Error('The task exists already', { cause: error });
      }
      if (error instanceof ErrorReply && error.message.startsWith(SCRIPT_ERRORS.keyReused)) {
        throw new Error('The input key was already issued for this task', { cause: error });
      }
      throw redisUnavailable(error, this.#retryAfterSeconds);
    }
  }

  #decode(reply: unknown): TaskRecord | undefined {
    return reply === null ? undefined : decodeTask(pairsToMap(reply as string[]), this.#now());
  }
}
