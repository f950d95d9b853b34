// Fails any test that writes through `console`: library code must stay quiet, and tests that
// expect a warning should assert it through an injected logger instead.
import { afterEach, beforeEach, vi } from 'vitest';

const methods = ['log', 'info', 'warn', 'error', 'debug'];
let calls = [];

beforeEach(() => {
  calls = [];
  for (const method of methods) {
    vi.spyOn(console, method).mockImplementation((...args) => {
      calls.push(`console.${method}: ${args.map(String).join(' ')}`);
    });
  }
});

afterEach(() => {
  if (calls.length > 0) {
    const text = calls.join('\n');
    calls = [];
    throw new Error(`A test wrote to the console:\n${text}`);
  }
});
