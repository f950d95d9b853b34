import type { Writable } from 'node:stream';
import { format } from 'node:util';

type ConsoleMethod = 'log' | 'info' | 'debug';
const METHODS: readonly ConsoleMethod[] = ['log', 'info', 'debug'];

/**
 * Sends `console.log`, `console.info` and `console.debug` to `stderr` (stdout carries nothing but
 * MCP messages, requirements.md #260). Returns the function that puts them back. @internal
 */
export function redirectConsole(stderr: Writable): () => void {
  const saved = METHODS.map((method) => [method, console[method]] as const);
  for (const method of METHODS) {
    console[method] = (...args: unknown[]): void => {
      stderr.write(`${format(...args)}\n`);
    };
  }
  return () => {
    for (const [method, original] of saved) console[method] = original;
  };
}
