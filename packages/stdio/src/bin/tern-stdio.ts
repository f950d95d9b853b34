#!/usr/bin/env node
/**
 * `tern-stdio`: serves the `McpServer` a module exports over stdio, so that a desktop host can
 * run it without glue code: `npx tern-stdio ./dist/server.js`. The module exports the server (or
 * a function that builds it) as its default export, as `server`, or under `--export <name>`.
 */
import { runCli } from './run-cli.js';

process.exitCode = await runCli(process.argv.slice(2));
