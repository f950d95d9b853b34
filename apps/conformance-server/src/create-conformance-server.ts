import { McpServer } from '@tern/core-protocol';
import type { McpServerOptions, RequestStateKey, ServerLogger } from '@tern/core-protocol';
import { registerDiagnosticTools } from './diagnostic-tools.js';
import { registerElicitationTools } from './elicitation-tools.js';
import { registerInputRequiredTools } from './input-required-tools.js';
import { registerLegacyTools } from './legacy-tools.js';
import { registerPromptFixtures } from './prompts.js';
import { registerResourceFixtures } from './resources.js';
import { registerTaskTools } from './task-tools.js';
import { registerToolFixtures } from './tools.js';

/** The identity the conformance server reports in every result's `_meta`. */
export const CONFORMANCE_SERVER_INFO = {
  name: 'tern-conformance-server',
  version: '0.0.0',
} as const;

/** Options of {@link createConformanceServer}. */
export interface ConformanceServerOptions {
  /** Keys that seal `requestState`; without them the core generates one and warns. */
  requestStateKeys?: readonly RequestStateKey[];
  /** Where operator warnings go. Default: `console`. */
  logger?: ServerLogger;
  /** Sees every error a handler threw (unexpected ones reach the wire as a bare -32603). */
  onError?: McpServerOptions['onError'];
}

/**
 * Builds the McpServer that exposes the whole fixture surface of the official conformance suite's
 * server scenarios for 2026-07-28 and 2025-11-25: tools (content types, progress, errors, MRTR,
 * diagnostics, SEP-1034/SEP-1330 forms, SSE polling), resources and a template, prompts with
 * completion, and the tasks extension (SEP-2663) with the fixtures of the `tasks-*` scenarios. It is transport-agnostic: `main.ts` serves
 * it over Streamable HTTP, tests drive it with `ServerDriver`.
 *
 * Caching hints stay at the default (`ttlMs: 0`, `private`) on purpose: the trigger tools change
 * the tool and prompt lists at run time, so no list may be served from a cache.
 */
export function createConformanceServer(options: ConformanceServerOptions = {}): McpServer {
  const server = new McpServer(CONFORMANCE_SERVER_INFO, {
    instructions:
      'Fixture server for the official MCP conformance suite. Every tool is a test probe.',
    ...(options.requestStateKeys === undefined
      ? {}
      : { requestState: { keys: options.requestStateKeys } }),
    ...(options.logger === undefined ? {} : { logger: options.logger }),
    ...(options.onError === undefined ? {} : { onError: options.onError }),
  });
  // Registration order is list order: test_simple_text must come first (see registerToolFixtures).
  registerToolFixtures(server);
  registerDiagnosticTools(server);
  registerInputRequiredTools(server);
  registerElicitationTools(server);
  registerLegacyTools(server);
  registerResourceFixtures(server);
  registerPromptFixtures(server);
  registerTaskTools(server);
  return server;
}
