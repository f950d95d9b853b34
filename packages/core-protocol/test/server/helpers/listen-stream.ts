// Opens subscriptions/listen streams on an McpServer with a notify callback and an AbortController
// (the response only comes when the stream ends), for the listen tests.
import type { JsonRpcId, JsonRpcNotification, JsonRpcResponse } from '@tern/jsonrpc';
import type { McpServer } from '../../../src/index.js';
import { requestMeta } from './server-fixtures.js';

export interface OpenListen {
  notifications: JsonRpcNotification[];
  response: Promise<JsonRpcResponse | undefined>;
  controller: AbortController;
  done: () => boolean;
}

/** Opens a listen stream and waits for its first message. */
export function listen(
  server: McpServer,
  id: JsonRpcId,
  filter: Record<string, unknown>,
): Promise<OpenListen> {
  return listenWithMeta(server, { id, filter, meta: {} });
}

export async function listenWithMeta(
  server: McpServer,
  {
    id,
    filter,
    meta,
  }: { id: JsonRpcId; filter: Record<string, unknown>; meta: Record<string, unknown> },
): Promise<OpenListen> {
  const notifications: JsonRpcNotification[] = [];
  const controller = new AbortController();
  let finished = false;
  let firstMessage: () => void = () => undefined;
  const first = new Promise<void>((resolve) => (firstMessage = resolve));
  const response = server
    .handle(
      {
        jsonrpc: '2.0',
        id,
        method: 'subscriptions/listen',
        params: { _meta: requestMeta(meta), notifications: filter },
      },
      {
        signal: controller.signal,
        notify: (notification) => {
          notifications.push(notification);
          firstMessage();
        },
      },
    )
    .finally(() => {
      finished = true;
      firstMessage();
    });
  // The acknowledgement (or the error response) comes asynchronously; wait for it, not a clock.
  await first;
  return { notifications, response, controller, done: () => finished };
}

