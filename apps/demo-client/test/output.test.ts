import { describe, expect, it } from 'vitest';
import { clipLines, formatContent } from '../src/output.js';

describe('clipLines', () => {
  it('keeps short text whole and says how much of a long one it left out', () => {
    expect(clipLines('a\nb', 2)).toEqual(['a', 'b']);
    expect(clipLines('{\n  "a": 1,\n  "b": 2\n}', 2)).toEqual([
      '{',
      '  "a": 1,',
      '… (2 more lines)',
    ]);
    expect(clipLines('1\n2\n3', 2)).toEqual(['1', '2', '… (1 more line)']);
  });

  it('is how text content is cut', () => {
    const text = Array.from({ length: 14 }, (_, index) => `line ${index}`).join('\n');
    expect(formatContent([{ type: 'text', text }]).at(-1)).toBe('… (2 more lines)');
  });
});
