// The side channel every bench server shares: how the harness learns that a server listens,
// reads its CPU and memory from inside (process.cpuUsage, memoryUsage, heap after GC, active
// handles), and asks it to publish change notifications. It runs over the IPC channel that the
// harness opens when it spawns the server, so nothing is added to the HTTP surface: a server
// started by hand (`PORT=3000 node servers/tern-node.mjs`) has no side channel and just serves.
import { readFileSync } from 'node:fs';

/** The port from the environment; every bench server binds 127.0.0.1 only. */
export function portFromEnv() {
  const port = Number(process.env.PORT ?? '3000');
  if (!Number.isInteger(port) || port <= 0 || port > 65535)
    throw new RangeError(`PORT must be a TCP port, got ${process.env.PORT}`);
  return port;
}

/** Reads VmRSS and VmHWM (peak RSS) of this process, in bytes. */
function procMemory() {
  const status = readFileSync('/proc/self/status', 'utf8');
  const field = (name) => {
    const match = new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status);
    return match === null ? undefined : Number(match[1]) * 1024;
  };
  return { rss: field('VmRSS'), hwm: field('VmHWM') };
}

/** Counts `process.getActiveResourcesInfo()` by kind, e.g. `{ TCPSocketWrap: 3, Timeout: 1 }`. */
function activeResources() {
  const counts = {};
  for (const kind of process.getActiveResourcesInfo()) counts[kind] = (counts[kind] ?? 0) + 1;
  return counts;
}

function collectGarbage() {
  if (typeof globalThis.gc !== 'function') return false;
  // Two passes: the first may only finalise objects whose memory the second frees.
  globalThis.gc();
  globalThis.gc();
  return true;
}

/**
 * Starts `server` (a node:http server or an Express app's listener) on 127.0.0.1:PORT and wires
 * the side channel.
 *
 * @param {{ listen(port: number, host: string, cb: () => void): unknown }} server
 * @param {{ name: string, notify?: () => void, counters?: () => Record<string, number> }} hooks
 *   `notify` publishes one tools/list_changed to every open listen stream; `counters` reports
 *   server-specific sizes (open listen streams, bus listeners) for the soak's growth checks.
 */
export function serve(server, hooks) {
  const port = portFromEnv();
  // SIGTERM ends the process normally, so `node --cpu-prof` writes its profile.
  process.once('SIGTERM', () => process.exit(0));
  const httpServer = server.listen(port, '127.0.0.1', () => {
    if (typeof process.send === 'function') process.send({ type: 'ready', port });
    else process.stdout.write(`${hooks.name} listening on http://127.0.0.1:${port}/mcp\n`);
  });
  if (typeof process.send !== 'function') return httpServer;

  process.on('message', (message) => {
    void answer(message, hooks).then(
      (reply) => process.send?.({ id: message.id, ok: true, ...reply }),
      (error) =>
        process.send?.({ id: message.id, ok: false, error: String(error?.stack ?? error) }),
    );
  });
  return httpServer;
}

/** Publishes in slices, yielding between them, so healthy streams can flush what they got. */
async function publish(notify, count) {
  for (let index = 0; index < count; index += 1) {
    notify();
    if (index % 50 === 49) await new Promise((resolve) => setImmediate(resolve));
  }
}

async function answer(message, hooks) {
  switch (message.type) {
    case 'stats': {
      const collected = message.gc === true ? collectGarbage() : false;
      return {
        name: hooks.name,
        pid: process.pid,
        cpu: process.cpuUsage(),
        memory: process.memoryUsage(),
        proc: procMemory(),
        collected,
        handles: process._getActiveHandles().length,
        requests: process._getActiveRequests().length,
        resources: activeResources(),
        counters: hooks.counters?.() ?? {},
      };
    }
    case 'notify': {
      if (hooks.notify === undefined) throw new Error(`${hooks.name} cannot publish notifications`);
      await publish(hooks.notify, message.count ?? 1);
      return {};
    }
    default:
      throw new Error(`unknown side-channel message ${JSON.stringify(message.type)}`);
  }
}
