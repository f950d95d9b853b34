import { InvalidParamsError } from '@tern/jsonrpc';
import {
  CreateMessageResultSchema,
  ElicitResultSchema,
  ListRootsResultSchema,
} from '@tern/schema';
import type { InputRequest } from '@tern/schema';
import { safeParse, type ZodSchema, type ZodOutput } from '../../shared/zod.js';
import { formatZodIssues } from '../../shared/schema-validator.js';

/**
 * What the journal needs to know of a question to keep only the useful part of its answer: the
 * kind of ask, and for a form the names of its fields. Travels (sealed) with the asks of a round.
 */
export type AnswerShape =
  | { k: 'form'; n: string[] }
  | { k: 'url' }
  | { k: 'sampling' }
  | { k: 'roots' };

/** The shape of the answer to `request`. */
export function answerShapeOf(request: InputRequest): AnswerShape {
  if (request.method === 'roots/list') return { k: 'roots' };
  if (request.method === 'sampling/createMessage') return { k: 'sampling' };
  if (request.params.mode === 'url') return { k: 'url' };
  return { k: 'form', n: Object.keys(request.params.requestedSchema.properties) };
}

/** True for a value read back from a sealed state that is an {@link AnswerShape}. */
export function isAnswerShape(value: unknown): value is AnswerShape {
  if (typeof value !== 'object' || value === null) return false;
  const shape = value as { k?: unknown; n?: unknown };
  if (shape.k === 'form') return Array.isArray(shape.n) && shape.n.every((name) => typeof name === 'string');
  return shape.k === 'url' || shape.k === 'sampling' || shape.k === 'roots';
}

/**
 * Reduces a client's answer to what the handler can receive: the validated and normalised value,
 * never the raw answer. Unknown fields of an accepted form, unknown members of a sampling result
 * and of each root are dropped, so a client cannot grow the sealed state with data nobody reads
 * (requirements.md #58; issue "memory budget").
 *
 * @throws InvalidParamsError (-32602) for an answer that is not a result of the asked kind
 *   (requirements.md #69, #70)
 */
export function normalizeAnswer(shape: AnswerShape, key: string, raw: unknown): unknown {
  switch (shape.k) {
    case 'form': {
      const result = parse(ElicitResultSchema, raw, key);
      if (result.action !== 'accept') return { action: result.action };
      const content: Record<string, unknown> = {};
      const given = (result.content ?? {}) as Record<string, unknown>;
      for (const name of shape.n) if (Object.hasOwn(given, name)) content[name] = given[name];
      return { action: 'accept', content };
    }
    case 'url':
      return { action: parse(ElicitResultSchema, raw, key).action };
    case 'sampling': {
      const result = parse(CreateMessageResultSchema, raw, key);
      return {
        role: result.role,
        content: result.content,
        model: result.model,
        ...(result.stopReason === undefined ? {} : { stopReason: result.stopReason }),
      };
    }
    case 'roots': {
      const result = parse(ListRootsResultSchema, raw, key);
      return { roots: result.roots.map((root) => ({ uri: root.uri, ...(root.name === undefined ? {} : { name: root.name }) })) };
    }
  }
}

function parse<TSchema extends ZodSchema>(schema: TSchema, raw: unknown, key: string): ZodOutput<TSchema> {
  const parsed = safeParse(schema, raw);
  if (parsed.success) return parsed.data;
  throw new InvalidParamsError(`Invalid input response "${key}": ${formatZodIssues(parsed.error)}`);
}
