import type { ChangeDelivery, ChangeEvent } from '@tern/core-protocol';

/** A stream position as a cursor: the bus's epoch (a Redis that lost its data has another) and the stream id. */
export function formatCursor(epoch: string, id: string): string {
  return `${epoch}:${id}`;
}

/** The epoch and stream id of a cursor; `undefined` for anything this bus never made. */
export function parseCursor(cursor: string): { epoch: string; id: string } | undefined {
  const match = /^([a-z0-9]{1,16}):(\d{1,16}-\d{1,16})$/.exec(cursor);
  return match === null ? undefined : { epoch: match[1] ?? '', id: match[2] ?? '' };
}

/** Orders two stream ids (`ms-seq`). */
export function compareIds(a: string, b: string): number {
  const [am = 0, as = 0] = a.split('-').map(Number);
  const [bm = 0, bs = 0] = b.split('-').map(Number);
  return am === bm ? as - bs : am - bm;
}

/** A channel message: epoch, previous id, id, event JSON, one a line. */
export interface ChannelMessage {
  epoch: string;
  previous: string;
  id: string;
  json: string;
}

/** Reads a {@link ChannelMessage}; `undefined` for anything else. */
export function parseMessage(message: string): ChannelMessage | undefined {
  const [epoch, previous, id] = message.split('\n', 3);
  if (epoch === undefined || previous === undefined || id === undefined) return undefined;
  return { epoch, previous, id, json: message.slice(epoch.length + previous.length + id.length + 3) };
}

/**
 * The delivery of a stored event. A marker `{"refetch":true}` (written after publishes failed
 * while Redis was away) and anything unreadable become a refetch: the listener may have missed
 * something, so it is told so rather than nothing.
 */
export function toDelivery(json: string, cursor: string): ChangeDelivery {
  const event = parseEvent(json);
  return event === undefined ? { kind: 'refetch', cursor } : { kind: 'event', event, cursor };
}

function parseEvent(json: string): ChangeEvent | undefined {
  try {
    const value = JSON.parse(json) as { type?: unknown; uri?: unknown; changed?: { scopes?: unknown } } | null;
    switch (value?.type) {
      case 'tools/list_changed':
      case 'prompts/list_changed':
      case 'resources/list_changed':
        return { type: value?.type, ...changedOf(value?.changed) };
      case 'resources/updated':
        return typeof value?.uri === 'string' ? { type: 'resources/updated', uri: value.uri } : undefined;
      default:
        return undefined;
    }
  } catch {
    return undefined;
  }
}

/** The `changed` of a list change made by a registration (its scopes), kept as published. */
function changedOf(changed: { scopes?: unknown } | undefined): { changed?: { scopes?: readonly string[] } } {
  if (typeof changed !== 'object' || changed === null) return {};
  const scopes = changed.scopes;
  if (Array.isArray(scopes) && scopes.every((scope) => typeof scope === 'string')) return { changed: { scopes } };
  return { changed: {} };
}
