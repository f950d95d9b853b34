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

/** The first `max` lines of `text`, and a last line saying how many were left out. */
export function clipLines(text: string, max = MAX_TEXT_LINES): string[] {
  const lines = text.split('\n');
  if (lines.length <= max) return lines;
  const left = lines.length - max;
  return [...lines.slice(0, max), `… (${left} more line${left === 1 ? '' : 's'})`];
}

/** `"text"`, or `'text'` when the text has double quotes of its own (no `""id": 1""`). */
export function quote(text: string): string {
  return text.includes('"') ? `'${text}'` : `"${text}"`;
}

/** `1 request`, `3 requests`. */
export function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

/** Content blocks as printable lines (long text is cut). */
export function formatContent(blocks: readonly ContentBlock[]): string[] {
  const lines: string[] = [];
  for (const block of blocks) {
    switch (block.type) {
      case 'text': {
        lines.push(...clipLines(block.text));
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
