// Fails any test that writes through `console`: library code must stay quiet, and tests that
// expect a warning should assert it through an injected logger instead. A listener leak that Node
// reports (MaxListenersExceededWarning) fails the test during which it was reported, too.
import { afterEach, beforeEach, vi } from 'vitest';

// One process-wide hook per worker (this file runs again for every test file).
const LEAKS = Symbol.for('tern.vitest.listenerLeaks');
if (globalThis[LEAKS] === undefined) {
  globalThis[LEAKS] = [];
  process.on('warning', (warning) => {
    if (warning.name === 'MaxListenersExceededWarning') globalThis[LEAKS].push(warning.message);
  });
}

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

afterEach(async () => {
  // Node emits the warning on a later tick than the listener that caused it.
  await new Promise((resolve) => setImmediate(resolve));
  const leaks = globalThis[LEAKS].splice(0);
  if (leaks.length > 0) throw new Error(`A test leaked listeners:\n${leaks.join('\n')}`);
  if (calls.length > 0) {
    const text = calls.join('\n');
    calls = [];
    throw new Error(`A test wrote to the console:\n${text}`);
  }
});
