// The era whose code is still loading (the legacy era is imported on the first `initialize`):
// messages wait for it and reach it in the order they came; a failed load fails each request.
import type { JsonRpcNotification, JsonRpcRequest, JsonRpcResponse } from '@tern/jsonrpc';
import { describe, expect, it } from 'vitest';
import { DeferredEra } from '../../src/server/deferred-era.js';
import type { StdioEra } from '../../src/server/era.js';

/** An era that records what reached it. */
function recordingEra(seen: string[]): StdioEra {
  return {
    request: (request: JsonRpcRequest) => {
      seen.push(`request ${request.method}`);
      return Promise.resolve();
    },
    notification: (notification: JsonRpcNotification) => seen.push(`notification ${notification.method}`),
    response: (response: JsonRpcResponse) => seen.push(`response ${String(response.id)}`),
    close: (reason: string) => seen.push(`close ${reason}`),
  };
}

describe('DeferredEra', () => {
  it('holds every message until the era has loaded, then delivers them in order', async () => {
    const seen: string[] = [];
    let load!: (era: StdioEra) => void;
    const era = new DeferredEra(new Promise<StdioEra>((resolve) => (load = resolve)));
    const initialize = era.request({ jsonrpc: '2.0', id: 1, method: 'initialize' });
    era.notification({ jsonrpc: '2.0', method: 'notifications/initialized' });
    const list = era.request({ jsonrpc: '2.0', id: 2, method: 'tools/list' });
    era.response({ jsonrpc: '2.0', id: 'ask-1', result: {} });
    era.close('stdin closed');
    await Promise.resolve();
    expect(seen).toEqual([]);

    load(recordingEra(seen));
    await Promise.all([initialize, list]);
    await new Promise((resolve) => setImmediate(resolve));
    expect(seen).toEqual([
      'request initialize',
      'notification notifications/initialized',
      'request tools/list',
      'response ask-1',
      'close stdin closed',
    ]);
  });

  it('fails each request when the era cannot load, and drops the other messages', async () => {
    const era = new DeferredEra(Promise.reject(new Error('cannot load the legacy era')));
    era.notification({ jsonrpc: '2.0', method: 'notifications/initialized' });
    era.close('stdin closed');
    await expect(era.request({ jsonrpc: '2.0', id: 1, method: 'initialize' })).rejects.toThrow(
      'cannot load the legacy era',
    );
  });
});
