/**
 * The travel desk's terminal client.
 *
 *   demo-client [--url <endpoint>]                 interactive: menus, forms, a progress bar
 *   demo-client [--url <endpoint>] --script <file>  scripted: answers from the file, checks results
 *
 * Exit status: 0 when everything passed (or the interactive session ended), 1 when a scripted
 * check failed, 2 for a usage error.
 */
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { withTasks } from '@tern/tasks';
import { StreamableHttpTransport } from '@tern/client-http';
import { McpClient } from '@tern/core-protocol';
import type { ClientTransport, InputHandlers } from '@tern/core-protocol';
import { DualEraTransport } from '@tern/legacy-compat';
import { USAGE, parseCliArgs } from './cli-args.js';
import type { CliArgs } from './cli-args.js';
import { runInteractive } from './interactive/run-interactive.js';
import { createTerminalHandlers } from './interactive/terminal-handlers.js';
import { Terminal } from './interactive/terminal.js';
import { runScript } from './script/run-script.js';
import { ScriptError, loadScript } from './script/script-file.js';
import { ScriptedAnswers } from './script/scripted-answers.js';
import { logInFirst, startLogin } from './login.js';
import type { Login } from './login.js';

function createClient(
  url: string,
  handlers: InputHandlers,
  { login, era = 'modern' }: { login: Login; era?: 'modern' | 'legacy' },
): McpClient {
  // One OAuth provider for both eras: it stays idle unless the server answers 401 (DEMO_AUTH=1).
  const { authProvider } = login;
  const transport: ClientTransport =
    era === 'modern'
      ? // Tools that run as tasks (SEP-2663) are polled to their result, progress bar included.
        withTasks(new StreamableHttpTransport({ url, authProvider }))
      : // The same client API over an initialize'd 2025-11-25 session (the dual-era transport).
        new DualEraTransport({
          url,
          era: 'legacy',
          authProvider,
          modern: (init) => new StreamableHttpTransport(init),
        });
  return new McpClient(
    { name: 'tern-demo-client', version: '1.0.0' },
    {
      transport,
      handlers,
      requestTimeoutMs: 30_000,
      onWarning: (message) => process.stderr.write(`[demo-client] ${message}\n`),
    },
  );
}

async function main(): Promise<number> {
  let values: CliArgs;
  try {
    values = parseCliArgs(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n\n${USAGE}`);
    return 2;
  }
  if (values.help === true) {
    process.stdout.write(USAGE);
    return 0;
  }
  const url = values.url ?? process.env['DEMO_URL'] ?? 'http://127.0.0.1:3030/mcp';

  const login = await startLogin({
    print: (line) => process.stdout.write(`${line}\n`),
    tokenFile: values.tokenFile,
    timeoutMs: (values.loginTimeoutSeconds ?? 300) * 1000,
  });
  try {
    return await run(values, url, login);
  } finally {
    await login.close();
  }
}

async function run(values: CliArgs, url: string, login: Login): Promise<number> {
  if (values.script !== undefined) {
    const script = await loadScript(values.script);
    const tempDir = await mkdtemp(join(tmpdir(), 'tern-demo-'));
    const print = (line: string): void => {
      process.stdout.write(`${line}\n`);
    };
    const answers = new ScriptedAnswers(print);
    print(`Tern demo client → ${url}`);
    try {
      const client = createClient(url, answers.handlers(), { login });
      if (!(await logInFirst(client, login, print))) return 1;
      const failed = await runScript(script, {
        client,
        legacyClient: createClient(url, answers.handlers(), { login, era: 'legacy' }),
        answers,
        print,
        isTty: process.stdout.isTTY,
        variables: new Map([
          ['tempDir', tempDir],
          ['tempDirUrl', pathToFileURL(tempDir).href],
        ]),
      });
      return failed === 0 ? 0 : 1;
    } finally {
      await rm(tempDir, { recursive: true, force: true });
    }
  }

  // Interactive mode waits for a person; without a terminal it would wait forever (in CI).
  if (!process.stdin.isTTY && values.interactive !== true) {
    process.stderr.write(
      'Interactive mode needs a terminal. Use --script <file>, or --interactive to force it.\n',
    );
    return 2;
  }
  const root = resolve(values.root ?? join(tmpdir(), 'tern-demo-trips'));
  await mkdir(root, { recursive: true });
  const term = new Terminal();
  term.print(`Tern demo client → ${url}`);
  try {
    const client = createClient(url, createTerminalHandlers(term, pathToFileURL(root).href), { login });
    if (!(await logInFirst(client, login, (line) => term.print(line)))) return 1;
    return await runInteractive(client, term);
  } finally {
    term.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(
      error instanceof ScriptError
        ? `${error.message}\n`
        : `demo-client failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exit(error instanceof ScriptError ? 2 : 1);
  },
);
