// Starts the built demo server (apps/demo-server), runs the demo client's scripted tour against it
// (apps/demo-client/scripts/tour.json), then stops the server by its PID, or keeps it running.
// Used by `npm run demo` (scripts/demo.sh) and by CI (scripts/test-all.sh). Needs a prior build.
//
//   node scripts/demo-tour.mjs [--port <n>] [--keep-server] [--timeout <seconds>]
//
// --port         port of the server; 0 (the default) picks a free one
// --keep-server  after a passing tour, keep the server in the foreground until Ctrl-C
// --timeout      bound of the whole tour (default 120 s); past it the client is killed
//
// Exit status: the client's (0: every check passed), 124 on timeout, 1 if the server did not start.
import { spawn } from 'node:child_process';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '0' },
    'keep-server': { type: 'boolean', default: false },
    timeout: { type: 'string', default: '120' },
  },
});
const timeoutMs = Number(values.timeout) * 1000;
const SERVER_START_MS = 20_000;

const server = spawn(process.execPath, ['apps/demo-server/dist/main.js'], {
  env: { ...process.env, PORT: values.port },
  stdio: ['ignore', 'pipe', 'inherit'],
});
const serverExit = new Promise((resolve) =>
  server.once('exit', (code, signal) => resolve(code ?? signal)),
);

let url;
try {
  url = await new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`no URL within ${SERVER_START_MS / 1000} s`)),
      SERVER_START_MS,
    );
    let buffered = '';
    server.stdout.on('data', (chunk) => {
      process.stdout.write(chunk);
      buffered += chunk;
      const match = /listening on (http:\/\/\S+\/mcp)/.exec(buffered);
      if (match !== null) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    server.once('exit', () => reject(new Error('the server exited')));
  });
} catch (error) {
  process.stderr.write(`demo-tour: the demo server did not start: ${error.message}\n`);
  await stop();
  process.exit(1);
}

process.stdout.write(
  `\nRunning the scripted tour against ${url} (apps/demo-client/scripts/tour.json)\n\n`,
);
const client = spawn(
  process.execPath,
  ['apps/demo-client/dist/main.js', '--url', url, '--script', 'apps/demo-client/scripts/tour.json'],
  { stdio: ['ignore', 'inherit', 'inherit'] },
);
const clientTimer = setTimeout(() => {
  process.stderr.write(`demo-tour: the tour took longer than ${values.timeout} s; stopping it\n`);
  client.kill('SIGKILL');
}, timeoutMs);
const clientCode = await new Promise((resolve) =>
  client.once('exit', (code, signal) => resolve(signal === 'SIGKILL' ? 124 : (code ?? 1))),
);
clearTimeout(clientTimer);

if (values['keep-server'] && clientCode === 0) {
  const site = url.replace(/\/mcp$/, '');
  process.stdout.write(
    `\nThe demo server keeps running at ${site}/\n` +
      `  - open ${site}/ in a browser (the browser client is at ${site}/app/)\n` +
      `  - or, in another terminal, the interactive client: pnpm --filter @tern-demo/demo-client start -- --url ${url}\n` +
      'Press Ctrl-C to stop it.\n',
  );
  // Ctrl-C reaches the whole process group: the server shuts down by itself; wait for it.
  process.on('SIGINT', () => undefined);
  await serverExit;
  process.exit(0);
}

await stop();
process.exit(clientCode);

/** Stops the server by its PID: SIGTERM, then SIGKILL if it is still there after 5 s. */
async function stop() {
  if (server.exitCode !== null || server.signalCode !== null) return;
  server.kill('SIGTERM');
  const killer = setTimeout(() => server.kill('SIGKILL'), 5000);
  await serverExit;
  clearTimeout(killer);
}
