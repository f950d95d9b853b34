// Idle `subscriptions/listen` streams: opens many, counts the change notifications each one
// receives, and reports when the last stream has seen a given notification.
import { request as httpRequest } from 'node:http';
import { listenRequest } from './requests.mjs';
import { within } from './processes.mjs';

/** One open listen stream. */
class Stream {
  acknowledged = false;
  changes = 0;
  closed = false;
  #buffer = '';

  constructor(url, id, listeners) {
    const { headers, body } = listenRequest(id);
    this.request = httpRequest(url, {
      method: 'POST',
      agent: false,
      headers: { ...headers, 'content-length': Buffer.byteLength(body) },
    });
    this.request.on('error', () => {
      this.closed = true;
    });
    this.request.on('response', (res) => {
      this.response = res;
      if (
        res.statusCode !== 200 ||
        !String(res.headers['content-type']).includes('text/event-stream')
      ) {
        listeners.onFailure(
          new Error(`listen answered HTTP ${res.statusCode} ${res.headers['content-type']}`),
        );
      }
      res.setEncoding('utf8');
      res.on('data', (chunk) => this.#read(chunk, listeners));
      res.on('close', () => {
        this.closed = true;
      });
    });
    this.request.end(body);
  }

  #read(chunk, listeners) {
    this.#buffer += chunk;
    let end;
    while ((end = this.#buffer.indexOf('\n\n')) !== -1) {
      const event = this.#buffer.slice(0, end);
      this.#buffer = this.#buffer.slice(end + 2);
      const data = event
        .split('\n')
        .filter((line) => line.startsWith('data:'))
        .map((line) => line.slice(5).trimStart())
        .join('\n');
      if (data === '') continue;
      const message = JSON.parse(data);
      if (message.method === 'notifications/subscriptions/acknowledged') {
        this.acknowledged = true;
        listeners.onAck();
      } else if (message.method === 'notifications/tools/list_changed') {
        this.changes += 1;
        listeners.onChange(this.changes);
      } else if ('error' in message) {
        listeners.onFailure(new Error(`listen failed: ${JSON.stringify(message.error)}`));
      }
    }
  }

  close() {
    this.request.destroy();
  }
}

/**
 * Opens `count` listen streams on `url`, `batch` at a time, and waits until every one is
 * acknowledged (bounded).
 */
export async function openStreams(url, count, { batch = 100, timeoutMs = 60_000 } = {}) {
  const streams = [];
  let failure;
  let acknowledged = 0;
  let wake = () => undefined;
  const waiters = { target: Infinity, level: 0 };
  const listeners = {
    onAck: () => {
      acknowledged += 1;
      wake();
    },
    onChange: (level) => {
      // Counts streams that have reached `waiters.level` changes.
      if (level === waiters.level) {
        waiters.reached += 1;
        wake();
      }
    },
    onFailure: (error) => {
      failure ??= error;
      wake();
    },
  };
  const until = (predicate, ms, message) =>
    within(
      new Promise((resolve, reject) => {
        const check = () => {
          if (failure !== undefined) reject(failure);
          else if (predicate()) resolve();
        };
        wake = check;
        check();
      }),
      ms,
      message,
    );

  for (let opened = 0; opened < count; opened += batch) {
    const size = Math.min(batch, count - opened);
    for (let index = 0; index < size; index += 1)
      streams.push(new Stream(url, opened + index + 1, listeners));
    const target = opened + size;
    await until(
      () => acknowledged >= target,
      timeoutMs,
      `only ${acknowledged} of ${target} listen streams were acknowledged`,
    );
  }

  return {
    streams,
    /**
     * Starts waiting for change notification number `level` on every stream; `trigger()` must be
     * called after this. Resolves with the milliseconds from `start` until the last stream had it.
     */
    async waitForChange(level, trigger, ms = 30_000) {
      waiters.level = level;
      waiters.reached = streams.filter((stream) => stream.changes >= level).length;
      const started = performance.now();
      await trigger();
      await until(
        () => waiters.reached >= streams.length,
        ms,
        `only ${waiters.reached} of ${streams.length} streams received change ${level}`,
      );
      return performance.now() - started;
    },
    closeAll() {
      for (const stream of streams) stream.close();
    },
  };
}
