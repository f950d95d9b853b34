import type { CreateMessageResult } from '@tern/schema';

/** The text of a sampling answer: its text blocks joined, other blocks named by type. */
export function textOfSample(reply: CreateMessageResult): string {
  const blocks = Array.isArray(reply.content) ? reply.content : [reply.content];
  return blocks.map((block) => (block.type === 'text' ? block.text : `[${block.type}]`)).join(' ');
}
