import { safeParse } from '../../shared/zod.js';
import { InvalidParamsError } from '@tern/jsonrpc';
import type { SubscriptionFilter } from '@tern/schema';
import { formatZodIssues } from '../../shared/schema-validator.js';
import type { ListenTopic, ListenTopicContext } from '../extensions/listen-topics.js';
import type { ServerRuntime } from '../server-runtime.js';

/** A topic of an extension that a listen stream will carry, with what the server agreed to. */
export interface HonouredTopic {
  readonly key: string;
  readonly topic: ListenTopic<unknown>;
  readonly honoured: unknown;
}

/**
 * Asks every listen topic that the request names (`params.notifications[key]`) what it agrees to
 * deliver. Topics the request does not name are left out.
 * @throws InvalidParamsError (-32602) when a value breaks its topic's schema, or whatever a
 *   topic's `honour` throws (its refusal of the request)
 */
export async function honourTopics(
  runtime: ServerRuntime,
  filter: SubscriptionFilter,
  ctx: ListenTopicContext,
): Promise<HonouredTopic[]> {
  const honoured: HonouredTopic[] = [];
  if (runtime.listenTopics.isEmpty) return honoured;
  for (const { key, topic } of runtime.listenTopics.values()) {
    if (!Object.hasOwn(filter, key)) continue;
    const parsed = safeParse(topic.value, filter[key]);
    if (!parsed.success) {
      throw new InvalidParamsError(`Invalid notifications.${key}: ${formatZodIssues(parsed.error)}`);
    }
    const agreed = await topic.honour(parsed.data, ctx);
    if (agreed !== undefined) honoured.push({ key, topic, honoured: agreed });
  }
  return honoured;
}

/** The acknowledged part of each honoured topic, under its key. */
export function acknowledgedTopics(topics: readonly HonouredTopic[]): Record<string, unknown> {
  return Object.fromEntries(topics.map(({ key, honoured }) => [key, honoured]));
}

/** Starts delivery of every honoured topic; returns the function that stops them all. */
export function openTopics(
  topics: readonly HonouredTopic[],
  send: (method: string, params: Record<string, unknown>) => void,
  ctx: ListenTopicContext,
): () => void {
  // Most streams have no extension topic: they keep no array and no closure for them.
  if (topics.length === 0) return stopNothing;
  const stops = topics.map(({ topic, honoured }) => topic.open(honoured, send, ctx));
  return () => {
    for (const stop of stops) {
      try {
        stop();
      } catch {
        // One topic failing to stop must not keep the others running.
      }
    }
  };
}

function stopNothing(): void {
  // No topic was opened.
}
