import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadScript } from '../../src/script/script-file.js';

describe('scripts/tour.json', () => {
  it('is a valid script that walks through every kind of step', async () => {
    const script = await loadScript(
      fileURLToPath(new URL('../../scripts/tour.json', import.meta.url)),
    );
    const kinds = new Set(
      script.steps.map((step) =>
        [
          'discover',
          'list',
          'call',
          'read',
          'prompt',
          'complete',
          'listen',
          'awaitNotifications',
        ].find((kind) => kind in step),
      ),
    );
    expect([...kinds].sort()).toEqual([
      'awaitNotifications',
      'call',
      'complete',
      'discover',
      'list',
      'listen',
      'prompt',
      'read',
    ]);
  });
});
