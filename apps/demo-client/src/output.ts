import type { RoundEvent } from '@tern/core-protocol';
import type { ContentBlock, InputRequest } from '@tern/schema';

/** Where the client writes: one line at a time. */
export type Print = (line: string) => void;

const MAX_TEXT_LINES = 12;

/** One line describing an input request: `form "When are you…"`, `url https://…`, … */
export function describeInputRequest(request: InputRequest): string {
  switch (request.method) {
    case 'elicitation/create':
      return request.params.mode === 'url'
        ? `open a URL: "${request.params.message}" ${String(request.params.url)}`
        : `form: "${request.params.message}"`;
    case 'sampling/createMessage':
      return `sampling: ${request.params.messages.length} message(s), up to ${request.params.maxTokens} tokens`;
    case 'roots/list':
      return 'roots: which folders may I use?';
  }
}

/** `checkIn=2026-09-18, nights=3, extras=[breakfast]` */
export function formatFields(content: Record<string, unknown> | undefined): string {
  if (content === undefined || Object.keys(content).length === 0) return '(no fields)';
  return Object.entries(content)
    .map(
      ([name, value]) =>
        `${name}=${Array.isArray(value) ? `[${value.join(', ')}]` : String(value)}`,
    )
    .join(', ');
}

/** The line printed after each round (the client's `onRound`), before the retry goes out. */
export function describeRound(event: RoundEvent): string {
  const answers = Object.keys(event.inputResponses ?? {}).length;
  const what = answers === 0 ? 'no answers' : `${answers} answer${answers === 1 ? '' : 's'}`;
  const state = event.hasRequestState ? ' and the sealed requestState, echoed as is' : '';
  return `  ↻ round ${event.round} done: retrying ${event.method} with ${what}${state}`;
}

/** Content blocks as printable lines (long text is cut). */
export function formatContent(blocks: readonly ContentBlock[]): string[] {
  const lines: string[] = [];
  for (const block of blocks) {
    switch (block.type) {
      case 'text': {
        const text = block.text.split('\n');
        lines.push(...text.slice(0, MAX_TEXT_LINES));
        if (text.length > MAX_TEXT_LINES)
          lines.push(`… (${text.length - MAX_TEXT_LINES} more lines)`);
        break;
      }
      case 'resource_link':
        lines.push(`→ resource ${block.uri}`);
        break;
      case 'resource':
        lines.push(`→ embedded ${block.resource.uri} (${block.resource.mimeType ?? 'no type'})`);
        break;
      case 'image':
      case 'audio':
        lines.push(`→ ${block.type} (${block.mimeType})`);
        break;
    }
  }
  return lines;
}

/** Indents every line. */
export function indent(lines: readonly string[], prefix = '    '): string[] {
  return lines.map((line) => `${prefix}${line}`);
}
