/**
 * The command line of the demo client. Runners add a `--` of their own: `pnpm start -- --url x`
 * (pnpm 10 passes the `--` on) and `npm start -- --url x` must both mean `--url x`.
 */
import { parseArgs } from 'node:util';

export const USAGE = `Usage: demo-client [--url <endpoint>] [--script <file>] [--root <folder>] [--interactive]
                   [--token-file <file>] [--login-timeout <seconds>]

  --url <endpoint>           MCP endpoint (default http://127.0.0.1:3030/mcp, or $DEMO_URL)
  --script <file>            answer from a script file and check the results (for CI)
  --root <folder>            the folder shared as a root (interactive; default: a temp folder)
  --interactive              run the menus even when stdin is not a terminal
  --token-file <file>        keep OAuth tokens in this file across runs (default: in memory)
  --login-timeout <seconds>  how long to wait for the browser when the server asks for a login (default 300)
`;

export interface CliArgs {
  url?: string | undefined;
  script?: string | undefined;
  root?: string | undefined;
  interactive?: boolean | undefined;
  tokenFile?: string | undefined;
  /** The wait for the browser during a login, in seconds (default 300). */
  loginTimeoutSeconds?: number | undefined;
  help?: boolean | undefined;
}

/** Parses `argv` (without node and the script); throws a TypeError naming what is wrong. */
export function parseCliArgs(argv: readonly string[]): CliArgs {
  const args = argv[0] === '--' ? argv.slice(1) : [...argv];
  const { values } = parseArgs({
    args,
    options: {
      url: { type: 'string' },
      script: { type: 'string' },
      root: { type: 'string' },
      interactive: { type: 'boolean' },
      'token-file': { type: 'string' },
      'login-timeout': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const { 'token-file': tokenFile, 'login-timeout': loginTimeout, ...rest } = values;
  const parsed: CliArgs = { ...rest };
  if (tokenFile !== undefined) parsed.tokenFile = tokenFile;
  if (loginTimeout !== undefined) {
    const seconds = Number(loginTimeout);
    if (!Number.isInteger(seconds) || seconds < 1 || seconds > 3600) {
      throw new TypeError(`--login-timeout must be a whole number of seconds from 1 to 3600, got ${JSON.stringify(loginTimeout)}`);
    }
    parsed.loginTimeoutSeconds = seconds;
  }
  return parsed;
}
