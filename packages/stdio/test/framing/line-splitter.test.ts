// Newline-delimited framing on bytes (requirements.md #258).
import { describe, expect, it } from 'vitest';
import { LineSplitter } from '../../src/framing/line-splitter.js';

function collect(limit = 16): { splitter: LineSplitter; lines: string[]; oversized: number[] } {
  const lines: string[] = [];
  const oversized: number[] = [];
  const splitter = new LineSplitter(
    {
      line: (bytes) => lines.push(Buffer.from(bytes).toString('utf8')),
      oversized: (max) => oversized.push(max),
    },
    limit,
  );
  return { splitter, lines, oversized };
}

describe('LineSplitter', () => {
  it('cuts lines across chunks, drops a trailing CR and skips empty lines', () => {
    const { splitter, lines } = collect();
    splitter.push(Buffer.from('{"a":1}\r\n{"b"'));
    expect(splitter.hasPartialLine).toBe(true);
    splitter.push(Buffer.from(':2}\n\n'));
    expect(lines).toEqual(['{"a":1}', '{"b":2}']);
    expect(splitter.hasPartialLine).toBe(false);
  });

  it('keeps a UTF-8 sequence split between chunks whole', () => {
    const { splitter, lines } = collect();
    const bytes = Buffer.from('"é€"\n');
    splitter.push(bytes.subarray(0, 3));
    splitter.push(bytes.subarray(3));
    expect(lines).toEqual(['"é€"']);
  });

  it('reports an over-long line once, skips it to its newline and goes on', () => {
    const { splitter, lines, oversized } = collect(8);
    splitter.push(Buffer.from('0123456789'));
    splitter.push(Buffer.from('abcdef'));
    expect(oversized).toEqual([8]);
    expect(splitter.hasPartialLine).toBe(true);
    splitter.push(Buffer.from('gh\n{"ok":1}\n'));
    expect(lines).toEqual(['{"ok":1}']);
    expect(oversized).toEqual([8]);
  });

  it('does not keep a reference to the caller chunk', () => {
    const { splitter, lines } = collect();
    const chunk = Buffer.from('abc');
    splitter.push(chunk);
    chunk.fill(0x7a);
    splitter.push(Buffer.from('\n'));
    expect(lines).toEqual(['abc']);
  });
});
