import type { RelayMessage, SharedSessionState } from '@tern/legacy-compat';
import type { JsonRpcId, JsonRpcResponse } from '@tern/jsonrpc';

/** What the events channel carries to every instance. */
export type LegacyBroadcast =
  | { readonly t: 'ended'; readonly id: string }
  | { readonly t: 'changed'; readonly id: string; readonly state: SharedSessionState }
  | { readonly t: 'cancel'; readonly id: string; readonly requestId: JsonRpcId; readonly reason?: string };

/** What an instance's own channel carries: a client's answer to one of its asks, or a relay message. */
export type LegacyDelivery =
  | { readonly k: 'answer'; readonly id: string; readonly response: JsonRpcResponse }
  | { readonly k: 'relay'; readonly message: RelayMessage };

const RELAY_KINDS = new Set(['resume', 'event', 'prime', 'flush', 'end', 'release']);

/** Reads a message of the events channel; `undefined` when it is not one. */
export function parseBroadcast(text: string): LegacyBroadcast | undefined {
  const value = parse(text);
  if (value === undefined || typeof value['id'] !== 'string') return undefined;
  switch (value['t']) {
    case 'ended':
      return value as unknown as LegacyBroadcast;
    case 'changed':
      return isObject(value['state']) && Array.isArray(value['state']['subscriptions'])
        ? (value as unknown as LegacyBroadcast)
        : undefined;
    case 'cancel':
      return typeof value['requestId'] === 'string' || typeof value['requestId'] === 'number'
        ? (value as unknown as LegacyBroadcast)
        : undefined;
    default:
      return undefined;
  }
}

/** Reads a message of an instance's channel; `undefined` when it is not one. */
export function parseDelivery(text: string): LegacyDelivery | undefined {
  const value = parse(text);
  if (value?.['k'] === 'answer')
    return typeof value['id'] === 'string' && isObject(value['response'])
      ? (value as unknown as LegacyDelivery)
      : undefined;
  const message = value?.['message'];
  if (value?.['k'] !== 'relay' || !isObject(message)) return undefined;
  return RELAY_KINDS.has(String(message['kind'])) && typeof message['relay'] === 'string'
    ? (value as unknown as LegacyDelivery)
    : undefined;
}

function parse(text: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return isObject(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
