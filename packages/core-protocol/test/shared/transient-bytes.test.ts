// Transient bytes (src/shared/transient-bytes.ts): the same bytes as the owned helpers, from
// Buffer's pool on Node and from plain arrays on runtimes without node:buffer.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { utf8Encode } from '../../src/shared/base64.js';
import type * as Transient from '../../src/shared/transient-bytes.js';

const TEXTS = ['', 'plain', 'é ü ß', '😀 astral', 'lone \ud800 surrogate', 'x'.repeat(5000)];

async function load(): Promise<typeof Transient> {
  vi.resetModules();
  return import('../../src/shared/transient-bytes.js');
}

afterEach(() => {
  vi.unstubAllGlobals();
  vi.resetModules();
});

describe.each([
  { runtime: 'Node (Buffer pool)', stub: false },
  { runtime: 'a runtime without node:buffer', stub: true },
])('transient bytes on $runtime', ({ stub }) => {
  it('encodes UTF-8 exactly as utf8Encode does, lone surrogates included', async () => {
    if (stub) vi.stubGlobal('process', undefined);
    const { transientUtf8 } = await load();
    for (const text of TEXTS)
      expect(Array.from(transientUtf8(text))).toEqual(Array.from(utf8Encode(text)));
  });

  it('joins parts in order', async () => {
    if (stub) vi.stubGlobal('process', undefined);
    const { transientConcat } = await load();
    const joined = transientConcat([
      new Uint8Array([1, 2]),
      new Uint8Array(0),
      new Uint8Array([3]),
    ]);
    expect(Array.from(joined)).toEqual([1, 2, 3]);
    expect(transientConcat([])).toHaveLength(0);
  });
});
