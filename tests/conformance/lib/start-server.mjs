// Starts a conformance server subject and stops it by PID.
import { spawn } from 'node:child_process';

/**
 * Starts the conformance server on a free port (PORT=0: the server binds 127.0.0.1 and prints its
 * URL), then waits until it answers a valid server/discover.
 */
export async function startServer(main, log) {
  const child = spawn(process.execPath, [main], {
    env: { ...process.env, PORT: '0' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stderr.pipe(log, { end: false });
  const exited = new Promise((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );

  // Whatever ends this script (an uncaught error, a closed stdout), the subject must not outlive it.
  const killOnExit = () => {
    if (child.exitCode === null && child.signalCode === null) process.kill(child.pid, 'SIGTERM');
  };
  process.once('exit', killOnExit);

  const stop = async () => {
    process.off('exit', killOnExit);
    if (child.exitCode !== null || child.signalCode !== null) return;
    process.kill(child.pid, 'SIGTERM');
    const timer = setTimeout(
      () => child.exitCode === null && process.kill(child.pid, 'SIGKILL'),
      5000,
    );
    await exited;
    clearTimeout(timer);
  };

  const url = await new Promise((resolve, reject) => {
    let buffered = '';
    const timer = setTimeout(
      () => reject(new Error('the server printed no URL within 20 s')),
      20_000,
    );
    child.stdout.on('data', (chunk) => {
      log.write(chunk);
      buffered += chunk;
      const match = /(http:\/\/127\.0\.0\.1:\d+\/mcp)\b/.exec(buffered);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    void exited.then(({ code, signal }) => {
      clearTimeout(timer);
      reject(new Error(`the server exited early (code ${code}, signal ${signal}); see its log`));
    });
  }).catch(async (error) => {
    await stop();
    throw error;
  });

  try {
    await waitUntilAnswering(url);
  } catch (error) {
    await stop();
    throw error;
  }
  return { url, stop, pid: child.pid };
}

async function waitUntilAnswering(url) {
  const body = JSON.stringify({
    jsonrpc: '2.0',
    id: 0,
    method: 'server/discover',
    params: {
      _meta: {
        'io.modelcontextprotocol/protocolVersion': '2026-07-28',
        'io.modelcontextprotocol/clientCapabilities': {},
      },
    },
  });
  const headers = {
    'content-type': 'application/json',
    accept: 'application/json, text/event-stream',
    'mcp-protocol-version': '2026-07-28',
    'mcp-method': 'server/discover',
  };
  const deadline = Date.now() + 15_000;
  let last = 'no answer';
  while (Date.now() < deadline) {
    try {
      const response = await fetch(url, {
        method: 'POST',
        headers,
        body,
        signal: AbortSignal.timeout(2000),
      });
      await response.arrayBuffer();
      if (response.ok) return;
      last = `HTTP ${response.status}`;
    } catch (error) {
      last = error instanceof Error ? error.message : String(error);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`${url} did not answer server/discover within 15 s (${last})`);
}
