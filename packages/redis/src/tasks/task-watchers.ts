import type { TaskRecord } from '@tern/tasks';
import type { RedisClient, RedisConnection } from '../connection.js';

/** What {@link TaskWatchers} needs from its store. */
export interface TaskWatchersOptions {
  connection: RedisConnection;
  /** The pub/sub channel of a task's changes. */
  channelOf: (taskId: string) => string;
  /** Turns a published change (a JSON array of hash fields and values) into the task. */
  decode: (message: string) => TaskRecord | undefined;
  /** Reads a task now (to catch up after the subscriber reconnected). */
  read: (taskId: string) => Promise<TaskRecord | undefined>;
  reportError: (error: unknown) => void;
}

/** Longest wait for the subscriber to deliver what is in flight when a listener stops. */
const DRAIN_BOUND_MS = 2000;

interface Watched {
  listeners: Set<(task: TaskRecord) => void>;
  onMessage: (message: string) => void;
  /** Settles once Redis confirmed the subscription (never rejects). */
  subscribed: Promise<void>;
}

/**
 * The watchers of one store in one process, on the connection's shared subscriber: one channel
 * subscription per watched task, however many listeners it has, dropped with the last listener.
 *
 * A change published while the subscriber is disconnected is lost to it, so when the subscriber
 * is ready again every watched task is read once and its listeners get its current state: a
 * handler waiting for an answer or a cancel then still hears of it.
 */
export class TaskWatchers {
  readonly #options: TaskWatchersOptions;
  readonly #watched = new Map<string, Watched>();
  #resyncInstalled = false;

  constructor(options: TaskWatchersOptions) {
    this.#options = options;
  }

  add(taskId: string, listener: (task: TaskRecord) => void): () => void {
    let watched = this.#watched.get(taskId);
    if (watched === undefined) {
      const listeners = new Set<(task: TaskRecord) => void>();
      const onMessage = (message: string): void => {
        const task = this.#options.decode(message);
        if (task !== undefined) emit(listeners, task);
      };
      watched = { listeners, onMessage, subscribed: this.#subscribe(taskId, onMessage) };
      this.#watched.set(taskId, watched);
    }
    watched.listeners.add(listener);
    const entry = watched;
    let stopped = false;
    return () => {
      if (stopped) return;
      stopped = true;
      // Changes already made may still be on their way on the subscriber: the listener goes only
      // after a round trip on that connection, so it hears every change made before it stopped.
      void this.#drained()
        .then(() => {
          entry.listeners.delete(listener);
          if (entry.listeners.size > 0 || this.#watched.get(taskId) !== entry) return;
          this.#watched.delete(taskId);
          return entry.subscribed.then(() => this.#unsubscribe(taskId, entry.onMessage));
        })
        .catch(this.#options.reportError);
    };
  }

  /**
   * Resolves once this process's subscription to the task is live (at once when nobody here
   * watches it), so a change made after it reaches the listeners that were added before.
   */
  ready(taskId: string): Promise<void> {
    return this.#watched.get(taskId)?.subscribed ?? Promise.resolve();
  }

  async #subscribe(taskId: string, onMessage: (message: string) => void): Promise<void> {
    try {
      const subscriber = await this.#options.connection.subscriber();
      this.#installResync(subscriber);
      await subscriber.subscribe(this.#options.channelOf(taskId), onMessage);
    } catch (error) {
      // Redis is away: the resync on reconnection subscribes again and catches up.
      this.#options.reportError(error);
    }
  }

  /** Settles once the subscriber has delivered what Redis published before now (bounded). */
  async #drained(): Promise<void> {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const bound = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, DRAIN_BOUND_MS);
    });
    const ping = this.#options.connection
      .subscriber()
      .then((subscriber) => subscriber.ping())
      .then(
        () => undefined,
        () => undefined,
      );
    await Promise.race([ping, bound]);
    clearTimeout(timer);
  }

  async #unsubscribe(taskId: string, onMessage: (message: string) => void): Promise<void> {
    const subscriber = await this.#options.connection.subscriber();
    await subscriber.unsubscribe(this.#options.channelOf(taskId), onMessage);
  }

  #installResync(subscriber: RedisClient): void {
    if (this.#resyncInstalled) return;
    this.#resyncInstalled = true;
    subscriber.on('ready', () => void this.#resync(subscriber));
  }

  /** After a reconnection: make sure every watched task is subscribed, then read it once. */
  async #resync(subscriber: RedisClient): Promise<void> {
    for (const [taskId, watched] of this.#watched) {
      try {
        const channel = this.#options.channelOf(taskId);
        const listening = subscriber.getPubSubListeners('CHANNELS');
        if (!listening.has(channel)) await subscriber.subscribe(channel, watched.onMessage);
        const task = await this.#options.read(taskId);
        if (task !== undefined) emit(watched.listeners, task);
      } catch (error) {
        this.#options.reportError(error);
      }
    }
  }
}

function emit(listeners: Set<(task: TaskRecord) => void>, task: TaskRecord): void {
  for (const listener of [...listeners]) {
    try {
      listener(structuredClone(task));
    } catch {
      // A failing watcher must not keep the others from the change.
    }
  }
}
