import { describe, expect, it } from 'vitest';
import { extractCodeBlocks } from './helpers/code-blocks.js';

describe('extractCodeBlocks', () => {
  it('finds ts blocks with their line, marks no-check ones, and ignores other languages', () => {
    const markdown = [
      '# Title', // 1
      '```ts', // 2
      'const a = 1;', // 3
      '```', // 4
      '```sh', // 5
      'npm test', // 6
      '```', // 7
      '1. A step:', // 8
      '   ```typescript no-check', // 9
      '   partial(', // 10
      '   ```', // 11
    ].join('\n');
    expect(extractCodeBlocks('x.md', markdown)).toEqual([
      { file: 'x.md', line: 3, code: 'const a = 1;', skipped: false },
      { file: 'x.md', line: 10, code: 'partial(', skipped: true },
    ]);
  });

  it('keeps shorter fences inside a longer one', () => {
    const markdown = ['````ts', 'const md = "```";', '```', '````'].join('\n');
    expect(extractCodeBlocks('y.md', markdown)).toEqual([
      { file: 'y.md', line: 2, code: 'const md = "```";\n```', skipped: false },
    ]);
  });
});
