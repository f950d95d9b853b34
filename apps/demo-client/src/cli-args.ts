/**
 * The command line of the demo client. Runners add a `--` of their own: `pnpm start -- --url x`
 * (pnpm 10 passes the `--` on) and `npm start -- --url x` must both mean `--url x`.
 */
import { parseArgs } from 'node:util';

export const USAGE = `Usage: demo-client [--url <endpoint>] [--script <file>] [--root <folder>] [--interactive]

  --url <endpoint>   MCP endpoint (default http://127.0.0.1:3030/mcp, or $DEMO_URL)
  --script <file>    answer from a script file and check the results (for CI)
  --root <folder>    the folder shared as a root (interactive; default: a temp folder)
  --interactive      run the menus even when stdin is not a terminal
`;

export interface CliArgs {
  url?: string | undefined;
  script?: string | undefined;
  root?: string | undefined;
  interactive?: boolean | undefined;
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
      help: { type: 'boolean', short: 'h' },
    },
  });
  return values;
}
