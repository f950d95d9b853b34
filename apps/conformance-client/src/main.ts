/**
 * Tern's client for the official MCP conformance suite. The suite runs
 * `node apps/conformance-client/dist/main.js <server-url>` once per client scenario, with the
 * scenario's name in MCP_CONFORMANCE_SCENARIO. Exit code 0: the scenario ran as expected.
 */
import { log } from './check.js';
import { readConformanceEnv, UsageError } from './conformance-env.js';
import { runAuthorized } from './scenarios/auth.js';
import { scenarios } from './scenarios/index.js';

async function main(): Promise<number> {
  const env = readConformanceEnv(process.argv, process.env);
  const run = scenarios[env.scenario] ?? (env.scenario.startsWith('auth/') ? runAuthorized : undefined);
  if (run === undefined) {
    log(`unknown scenario "${env.scenario}"; known: ${Object.keys(scenarios).join(', ')}`);
    return 1;
  }
  log(`scenario ${env.scenario} against ${env.serverUrl}`);
  await run(env);
  log(`scenario ${env.scenario}: done`);
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    log(
      error instanceof UsageError
        ? error.message
        : `failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
    );
    process.exit(1);
  },
);
