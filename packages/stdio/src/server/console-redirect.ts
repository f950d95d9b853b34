import type { Writable } from 'node:stream';
import { format } from 'node:util';

type ConsoleMethod = 'log' | 'info' | 'debug';
const METHODS: readonly ConsoleMethod[] = ['log', 'info', 'debug'];

/**
 * Sends `console.log`, `console.info` and `console.debug` to `stderr` (stdout carries nothing but
 * MCP messages, requirements.md #260). Returns the function that puts them back. @internal
 */
export function redirectConsole(stderr: Writable): () => void {
  // The one place that touches the console: on purpose, so that stdout stays MCP's.

  const target = console as unknown as Record<ConsoleMethod, (...args: unknown[]) => void>;
  const saved = METHODS.map((method) => [method, target[method]] as const);
  for (const method of METHODS) {
    target[method] = (...args: unknown[]): void => {
      stderr.write(`${format(...args)}\n`);
    };
  }
  return () => {
    for (const [method, original] of saved) target[method] = original;
  };
}
