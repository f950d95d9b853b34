/** A fenced TypeScript block of a Markdown file. */
export interface CodeBlock {
  /** The Markdown file, relative to the repository root. */
  file: string;
  /** 1-based line of the block's first code line in that file. */
  line: number;
  code: string;
  /** The fence was marked `no-check`: a deliberately partial example. */
  skipped: boolean;
}

const OPENING = /^(\s*)(`{3,}|~{3,})\s*([\w-]*)(.*)$/;
const TYPESCRIPT = new Set(['ts', 'typescript']);

/**
 * Finds the ```ts (or ```typescript) blocks of a Markdown text. A fence whose info string holds
 * `no-check` (```ts no-check) is returned with `skipped: true`. Indented fences (inside lists)
 * lose their indentation.
 */
export function extractCodeBlocks(file: string, markdown: string): CodeBlock[] {
  const lines = markdown.split(/\r?\n/);
  const blocks: CodeBlock[] = [];
  for (let index = 0; index < lines.length; index += 1) {
    const opening = OPENING.exec(lines[index] ?? '');
    if (opening === null) continue;
    const [, indent = '', fence = '', language = '', info = ''] = opening;
    const closing = new RegExp(`^\\s*${fence.startsWith('`') ? '`' : '~'}{${fence.length},}\\s*$`);
    const body: string[] = [];
    let end = index + 1;
    while (end < lines.length && !closing.test(lines[end] ?? '')) {
      const line = lines[end] ?? '';
      body.push(line.startsWith(indent) ? line.slice(indent.length) : line.trimStart());
      end += 1;
    }
    if (TYPESCRIPT.has(language.toLowerCase())) {
      blocks.push({
        file,
        line: index + 2,
        code: body.join('\n'),
        skipped: /\bno-check\b/.test(info),
      });
    }
    index = end;
  }
  return blocks;
}
