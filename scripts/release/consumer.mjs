// The getting-started path of a new user, outside the workspace: the server and client of
// docs/getting-started.md, verbatim but for the port, in a fresh npm project that installs the
// tarballs of scripts/pack-all.mjs with engine-strict, type-checks, and talks to itself over HTTP.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { repoRoot, run } from './workspace.mjs';

/** The ```ts block that follows `Save this as \`<file>\`` in docs/getting-started.md. */
function gettingStartedBlock(file) {
  const doc = readFileSync(join(repoRoot, 'docs', 'getting-started.md'), 'utf8');
  const at = doc.indexOf(`Save this as \`${file}\``);
  const block = /```ts\n([\s\S]*?)```/.exec(doc.slice(at));
  if (at < 0 || !block) throw new Error(`docs/getting-started.md has no ts block for ${file}`);
  return block[1];
}

function freePort() {
  return new Promise((resolve, reject) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
    probe.on('error', reject);
  });
}

/** Runs `node <file>` in `cwd` until it exits or prints `until`; resolves with its output. */
function start(file, cwd, env, until, timeoutMs) {
  const child = spawn(process.execPath, [file], { cwd, env: { ...process.env, ...env } });
  let output = '';
  const done = new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill();
      reject(new Error(`${file} timed out after ${timeoutMs} ms:\n${output}`));
    }, timeoutMs);
    const onData = (chunk) => {
      output += chunk;
      if (until && output.includes(until)) {
        clearTimeout(timer);
        resolve(output);
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', (code) => {
      clearTimeout(timer);
      if (code === 0 && !until) resolve(output);
      else reject(new Error(`${file} exited with ${code}:\n${output}`));
    });
  });
  return { child, done };
}

export async function testConsumer({ packsDir, workDir, log }) {
  const catalog = parseYaml(readFileSync(join(repoRoot, 'pnpm-workspace.yaml'), 'utf8')).catalog;
  const app = join(workDir, 'app');
  mkdirSync(app, { recursive: true });
  writeFileSync(
    join(app, 'package.json'),
    JSON.stringify({ name: 'consumer', private: true, type: 'module' }),
  );
  writeFileSync(
    join(app, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: {
        module: 'NodeNext',
        target: 'ES2022',
        strict: true,
        outDir: 'dist',
        skipLibCheck: false,
      },
      include: ['*.ts'],
    }),
  );
  const port = await freePort();
  for (const file of ['server.ts', 'client.ts'])
    writeFileSync(join(app, file), gettingStartedBlock(file).replaceAll('3000', String(port)));

  const tarballs = readdirSync(packsDir)
    .filter((f) => f.endsWith('.tgz'))
    .map((f) => join(packsDir, f));
  const npm = ['--engine-strict', '--no-audit', '--no-fund', '--loglevel=error'];
  log(`consumer: npm install of ${tarballs.length} tarballs in ${app}`);
  run('npm', ['install', ...npm, ...tarballs, `zod@${catalog.zod}`, `express@${catalog.express}`], {
    cwd: app,
  });
  run(
    'npm',
    [
      'install',
      ...npm,
      '--save-dev',
      `typescript@${catalog.typescript}`,
      `@types/node@${catalog['@types/node']}`,
      `@types/express@${catalog['@types/express']}`,
    ],
    { cwd: app },
  );
  log('consumer: tsc (type-check and compile)');
  run(join(app, 'node_modules', '.bin', 'tsc'), ['-p', '.'], { cwd: app });

  const key = randomBytes(32).toString('base64');
  const server = start('dist/server.js', app, { STATE_KEY: key }, 'MCP endpoint:', 20_000);
  try {
    await server.done;
    const output = await start('dist/client.js', app, {}, undefined, 30_000).done;
    for (const expected of [
      "[ 'book_room' ]",
      'The server asks: Booking borealis',
      'Booked borealis on 2026-09-18 for Platform (6 people).',
    ])
      if (!output.includes(expected))
        throw new Error(`the client printed no "${expected}":\n${output}`);
    log(`consumer: the getting-started server and client ran on Node ${process.versions.node}`);
  } finally {
    server.child.kill();
  }
}
