import { isAbsolute, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { McpServer } from '@tern/core-protocol';
import { redirectConsole } from '../server/console-redirect.js';
import { serveStdio } from '../server/serve-stdio.js';

const USAGE = `Usage: tern-stdio <module> [--export <name>] [--modern-only]

Serves the McpServer that <module> exports over stdin/stdout (MCP stdio transport).
  <module>          a file path (./dist/server.js) or a package name
  --export <name>   the export holding the server or a function returning it
                    (default: the default export, then "server")
  --modern-only     answer initialize with an error instead of serving 2025-era clients
`;

interface CliArgs {
  module: string;
  exportName: string | undefined;
  modernOnly: boolean;
}

/**
 * Runs the CLI; resolves with the exit code for a usage or loading problem, or never settles
 * while serving (the server exits the process when stdin ends). Everything it says goes to
 * stderr: stdout belongs to MCP from the first byte. @internal
 */
export async function runCli(argv: readonly string[]): Promise<number> {
  // Before the module loads, so that even its top-level console.log cannot corrupt stdout.
  redirectConsole(process.stderr);
  const args = parseArgs(argv);
  if (typeof args === 'string') {
    process.stderr.write(args === '' ? USAGE : `tern-stdio: ${args}\n\n${USAGE}`);
    return args === '' ? 0 : 2;
  }
  let server: McpServer;
  try {
    server = await loadServer(args);
    await server.ready();
  } catch (error) {
    process.stderr.write(`tern-stdio: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
  serveStdio(server, { redirectConsole: false, ...(args.modernOnly ? { legacy: false } : {}) });
  return new Promise<number>(() => undefined);
}

function parseArgs(argv: readonly string[]): CliArgs | string {
  let module: string | undefined;
  let exportName: string | undefined;
  let modernOnly = false;
  for (let index = 0; index < argv.length; index += 1) {
    const arg = argv[index];
    if (arg === '--help' || arg === '-h') return '';
    if (arg === '--modern-only') modernOnly = true;
    else if (arg === '--export') {
      exportName = argv[index + 1];
      index += 1;
      if (exportName === undefined) return '--export needs a name';
    } else if (arg?.startsWith('-') === true) return `unknown option ${arg}`;
    else if (module === undefined) module = arg;
    else return `unexpected argument ${String(arg)}`;
  }
  if (module === undefined) return 'which module? Give the file that exports the server';
  return { module, exportName, modernOnly };
}

async function loadServer(args: CliArgs): Promise<McpServer> {
  const specifier =
    args.module.startsWith('.') || isAbsolute(args.module)
      ? pathToFileURL(resolve(args.module)).href
      : args.module;
  const exports = (await import(specifier)) as Record<string, unknown>;
  const names = args.exportName === undefined ? ['default', 'server'] : [args.exportName];
  const name = names.find((candidate) => exports[candidate] !== undefined);
  if (name === undefined)
    throw new TypeError(`${args.module} has no export named ${names.join(' or ')}`);
  let value = exports[name];
  if (typeof value === 'function' && !isServer(value)) value = await (value as () => unknown)();
  if (!isServer(value))
    throw new TypeError(`the export "${name}" of ${args.module} is not an McpServer`);
  return value;
}

/** By shape rather than `instanceof`: the module may bring its own copy of @tern/core-protocol. */
function isServer(value: unknown): value is McpServer {
  const candidate = value as Partial<McpServer> | null;
  return (
    typeof value === 'object' &&
    candidate !== null &&
    typeof candidate.execute === 'function' &&
    typeof candidate.handle === 'function' &&
    typeof candidate.advertiseVersions === 'function'
  );
}
